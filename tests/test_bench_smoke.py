"""A short smoke run of make bench: the benchmark still works end to end (its numbers are not judged here)."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def test_bench_runs_and_writes_its_results(tmp_path):
    # The first_screen part has its own smoke run below.
    command = [sys.executable, "-m", "bench.run", "--tries", "1", "--reruns", "1", "--sessions", "1", "2",
               "--lighthouse-runs", "1", "--guide-pages", "es/results.html",
               "--parts", "guide", "streamlit", "proxy", "hosts"]  # fmt: skip
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


def test_the_first_screen_part_compares_the_app_with_the_bare_streamlit_page_and_the_guide(tmp_path):
    command = [sys.executable, "-m", "bench.run", "--parts", "first_screen", "--lighthouse-runs", "1",
               "--first-screen-pages", "/outcomes", "--label", "smoke", "--out", str(tmp_path)]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    part = json.loads((tmp_path / "results.json").read_text())[0]["first_screen"]
    compared = part["compared"]
    assert set(compared) == {"bare Streamlit", "bare Streamlit behind make serve", "guide"}
    assert compared["guide"]["address"].endswith("/guide/en/index.html")
    assert compared["bare Streamlit behind make serve"]["address"].endswith("/?mode=consult")
    app = part["pages"]["/outcomes"]
    for name, reference in compared.items():
        assert reference["lcp_s"] > 0 and reference["bytes"] > 0
        for key in ("fcp_s", "lcp_s", "tti_s", "bytes"):
            assert part["ratios"]["/outcomes"][name][key] == pytest.approx(app[key] / reference[key])
    assert len(part["load_average"]) == 2
    report = (tmp_path / "RESULTS.md").read_text()
    assert ("| page | FCP | LCP | CLS | TTI | bytes (Lighthouse) | ratio to bare Streamlit | "
            "ratio to bare Streamlit behind make serve | ratio to guide |") in report  # fmt: skip
    to_guide = part["ratios"]["/outcomes"]["guide"]
    assert f"FCP {to_guide['fcp_s']:.2f}x, LCP {to_guide['lcp_s']:.2f}x, TTI {to_guide['tti_s']:.2f}x" in report
    assert "| bare Streamlit |" in report and "| bare Streamlit behind make serve |" in report
    assert "| guide |" in report and "1-minute load average" in report
