"""The command line: check-data [DIR]; export --lang en --out handout.html; export --site DIR [--app-url URL];
export --diary --lang en --out diary.html; export --summary --lang en --out summary.html.

The summary's code for the patient's phone uses EXPLAINER_PUBLIC_URL (and EXPLAINER_GUIDE_URL) when set.

Both read EXPLAINER_DATA_DIR when it is set (else the bundled data/), like the app; --data overrides it.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from explainer import about, data, data_folder, wrapup
from explainer.data_readme import data_readme
from explainer.outputs import export
from explainer.text import problem_line


def print_problems(problems: list[data.Problem]) -> None:
    """One line per problem: FILE:ROW:COLUMN: message."""
    for problem in problems:
        print(problem_line(problem))


def check_data_command(data_dir: Path) -> int:
    """Print one line per problem as FILE:ROW:COLUMN: message; exit 1 if any, else a summary and 0."""
    report = data.check_data(data_dir)
    print_problems(report.problems)
    if report.problems:
        print(f"{len(report.problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{file} {rows}" for file, rows in report.row_counts.items())
    print(f"ok: {data_dir} is valid (rows: {counts})")
    print_overdue_reviews(data_dir, datetime.date.today())
    return 0


def print_overdue_reviews(data_dir: Path, today: datetime.date) -> None:
    """A warning, not a failure: each source last reviewed more than 12 months ago, with its row."""
    sources = data.load_sources(data_dir).frame
    rows = [{**source, "row": row} for row, source in zip(sources.index, sources.to_dict("records"), strict=True)]
    for source in about.overdue_sources(rows, today):
        print(
            f"{data.SOURCES_FILE}:{source['row']}:last_reviewed: warning: {source['source_id']} was last reviewed on"
            f" {source['last_reviewed']:%Y-%m-%d}, more than {about.REVIEW_EVERY_MONTHS} months ago; check it"
            " against the source again and update the date (the app tells patients the review is overdue)"
        )


def export_handout(args: argparse.Namespace) -> int:
    """Write one handout, or with --site every language's handout and an index page."""
    try:
        if args.site:
            for path in export.write_site(args.data_dir, args.site, args.app_url):
                print(f"wrote {path} ({path.stat().st_size:,} bytes)")
        elif args.diary or args.summary:
            page = (
                export.diary_html(args.data_dir, args.lang)
                if args.diary
                else export.summary_html(args.data_dir, args.lang, wrapup.phone_address(args.lang))
            )
            args.out.write_text(page, encoding="utf-8")
            print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
        else:
            size = export.write_handout(args.data_dir, args.lang, args.out)
            print(f"wrote {args.out} ({size:,} bytes)")
    except export.DataProblems as problems:
        print_problems(problems.problems)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check-data", help="validate a folder of CSV files")
    check.add_argument("data_dir", nargs="?", type=Path, default=data_folder.data_dir_from_env())
    commands.add_parser("data-readme", help="print data/README.md, written from data/datapackage.json")
    handout = commands.add_parser("export", help="write the stand-alone handout, or a static site of handouts")
    handout.add_argument("--lang", choices=data.LANGUAGES, default="en")
    handout.add_argument("--diary", action="store_true", help="with --out: the one-page trial week diary instead")
    handout.add_argument("--summary", action="store_true", help="with --out: the one-page summary of a consult")
    target = handout.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="the handout file to write")
    target.add_argument("--site", type=Path, help="a folder for every language's handout and an index page")
    handout.add_argument("--data", dest="data_dir", type=Path, default=data_folder.data_dir_from_env())
    handout.add_argument("--app-url", help="with --site: the interactive app's public address, linked from the guide")
    args = parser.parse_args(argv)
    if args.command == "export" and (args.diary or args.summary) and not args.out:
        parser.error("--diary and --summary write one file: give it --out FILE")
    if args.command == "export" and args.diary and args.summary:
        parser.error("choose --diary or --summary, not both")
    if args.command == "data-readme":
        print(data_readme(), end="")
        return 0
    try:
        return check_data_command(args.data_dir) if args.command == "check-data" else export_handout(args)
    except OSError as error:
        print(f"{args.data_dir}:-:-: cannot read or write ({error.strerror})")
        return 1


if __name__ == "__main__":
    sys.exit(main())
