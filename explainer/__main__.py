"""The command line: python -m explainer check-data [DIR]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explainer import data
from explainer.text import problem_message


def check_data(data_dir: Path) -> int:
    """Print one line per problem as FILE:ROW:COLUMN: message; exit 1 if any, else a summary and 0."""
    report = data.check_data(data_dir)
    for problem in report.problems:
        print(f"{problem.where()}: {problem_message(problem, 'en')}")
    if report.problems:
        print(f"{len(report.problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{file} {rows}" for file, rows in report.row_counts.items())
    print(f"ok: {data_dir} is valid (rows: {counts})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check-data", help="validate a folder of CSV files")
    check.add_argument("data_dir", nargs="?", type=Path, default=data.DEFAULT_DATA_DIR)
    args = parser.parse_args(argv)
    try:
        return check_data(args.data_dir)
    except OSError as error:
        print(f"{args.data_dir}:-:-: cannot read the folder ({error.strerror})")
        return 1


if __name__ == "__main__":
    sys.exit(main())
