"""python -m explainer check-data: one summary line when valid, FILE:ROW:COLUMN lines when not, never a traceback."""

import os
import subprocess
import sys

from tests.conftest import ROOT, replace_in


def check_data(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "explainer", "check-data", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_valid_folder_prints_one_summary_line():
    result = check_data()
    assert result.returncode == 0
    assert result.stdout.count("\n") == 1
    assert result.stdout.startswith("ok: ") and "outcomes.csv 4" in result.stdout


def test_broken_folder_prints_one_line_per_problem(data_copy):
    replace_in(data_copy / "outcomes.csv", ",50,70,", ",50,700,")
    replace_in(data_copy / "risks.csv", "kumar-2008", "nobody")
    result = check_data(str(data_copy))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "outcomes.csv:2:value_high: 700 is outside the allowed range of 0 to 100",
        'risks.csv:8:source_id: the source id "nobody" is not in sources.csv',
    ]
    assert "Traceback" not in result.stderr


def test_random_bytes_in_every_file_never_give_a_traceback(data_copy):
    for index, path in enumerate(sorted(data_copy.glob("*.csv"))):
        path.write_bytes(bytes((index * 37 + n * 101) % 256 for n in range(400)))
    result = check_data(str(data_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert all(line.split(":")[0].endswith(".csv") for line in result.stdout.splitlines())


def test_missing_folder(tmp_path):
    result = check_data(str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "sources.csv:-:-: the file is missing" in result.stdout
