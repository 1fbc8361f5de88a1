"""A short smoke run of make bench: the benchmark still works end to end (its numbers are not judged here)."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def test_bench_runs_and_writes_its_results(tmp_path):
    command = [sys.executable, "-m", "bench.run", "--tries", "1", "--reruns", "1", "--sessions", "1", "2",
               "--lighthouse-runs", "1", "--guide-pages", "es/results.html"]  # fmt: skip
    result = subprocess.run(
        [*command, "--label", "smoke", "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    run = json.loads((tmp_path / "results.json").read_text())[0]
    assert run["app"]["load"]["2"]["errors"] == 0 and run["baseline"]["load"]["2"]["errors"] == 0
    assert set(run["app"]["script_s"]) >= {"overview", "outcomes", "risks", "evidence"}
    assert set(run["app"]["server_cpu_s"]) == set(run["app"]["script_s"])
    assert run["app"]["heaviest_page"] == max(run["app"]["server_cpu_s"], key=run["app"]["server_cpu_s"].get)
    report = (tmp_path / "RESULTS.md").read_text()
    assert run["app"]["first_chart"]["median_s"] > 0 and run["app"]["first_chart_outcomes"]["median_s"] > 0
    assert "| first chart drawn, first visit to / (median) |" in report and "reruns per second" in report
    assert set(run["guide"]["pages"]) == {"es/results.html", "app /", "bare Streamlit /"}
    assert run["guide"]["pages"]["es/results.html"]["fcp_s"] > 0 and run["guide"]["nu_errors"] == 0
    assert "| es/results.html |" in report and "| bare Streamlit / |" in report
