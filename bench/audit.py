"""What outside audit tools say about the app: Lighthouse (mobile and desktop) and pa11y (axe and HTML_CodeSniffer).

    python -m bench.audit --label before

Runs the app straight from Streamlit on a free port, audits four pages in Debian's Chromium, and adds the run
to bench/audit.json and bench/AUDIT.md, so a fix can be shown before and after. Both tools come from tools/
(make audit-tools).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import tempfile
from pathlib import Path

from bench.lighthouse import lighthouse_once
from bench.serve import CHROMIUM, CHROMIUM_FLAGS, ROOT, running_clinic, running_streamlit

PA11Y = ROOT / "tools" / "node_modules" / "pa11y" / "bin" / "pa11y.js"
PAGES = ["/", "/outcomes", "/risks", "/for-me"]
LIGHTHOUSE_MEASURES = ("accessibility", "best-practices", "seo", "cls")
OUT = ROOT / "bench"


def pa11y_errors(url: str) -> list[dict]:
    """pa11y's errors (not warnings or notices) on a page once the app has run, from both of its runners."""
    if not PA11Y.exists():
        raise RuntimeError("pa11y is missing: run `make audit-tools`")
    config = {
        "chromeLaunchConfig": {"executablePath": CHROMIUM, "args": CHROMIUM_FLAGS},
        "standard": "WCAG2AA",
        "runners": ["axe", "htmlcs"],
        "timeout": 120_000,
        "actions": ["wait for element [data-test-script-state='notRunning'] h1 to be added"],
    }
    with tempfile.TemporaryDirectory() as folder:
        config_path = Path(folder) / "pa11y.json"
        config_path.write_text(json.dumps(config))
        run = subprocess.run(
            ["node", str(PA11Y), "--config", str(config_path), "--reporter", "json", url],
            capture_output=True, text=True, timeout=300, env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
        )  # fmt: skip
    if run.returncode not in (0, 2):  # 2: the page has errors
        raise RuntimeError(f"pa11y failed on {url}: {run.stderr[-2000:]}")
    return [issue for issue in json.loads(run.stdout) if issue["type"] == "error"]


def audit_page(url: str) -> dict:
    result = {"pa11y": pa11y_errors(url)}
    for preset in ("mobile", "desktop"):
        scores = lighthouse_once(url, preset)
        result[preset] = {measure: scores[measure] for measure in (*LIGHTHOUSE_MEASURES, "failing")}
    return result


def markdown(runs: list[dict]) -> str:
    lines = [
        "# Audits of the app: Lighthouse 12 and pa11y 9 in Debian's Chromium",
        "",
        "Written by `python -m bench.audit`; each run says how the app was served. Lighthouse: one run per page",
        "and preset (accessibility, best practices and SEO are scores from 0 to 1; CLS is layout shift).",
        "pa11y: errors from axe and HTML_CodeSniffer (WCAG 2 AA).",
    ]
    for run in runs:
        lines += [
            "",
            f"## {run['label']} ({run['date']})",
            "",
            "| page | mobile a11y / best pr. / SEO / CLS | desktop a11y / best pr. / SEO / CLS | pa11y errors |",
            "|---|---|---|---|",
        ]
        for page, result in run["pages"].items():
            cells = [
                " / ".join(f"{result[preset][measure]:.2f}" for measure in LIGHTHOUSE_MEASURES)
                for preset in ("mobile", "desktop")
            ]
            lines.append(f"| `{page}` | {cells[0]} | {cells[1]} | {len(result['pa11y'])} |")
        for preset in ("mobile", "desktop"):
            failing = sorted({audit for result in run["pages"].values() for audit in result[preset].get("failing", [])})
            lines += ["", f"Lighthouse {preset}, audits not passed on any page: " + (", ".join(failing) or "none")]
        found = sorted({f"{issue['runner']}: {issue['code']}" for r in run["pages"].values() for issue in r["pa11y"]})
        lines += ["", "pa11y's errors, by rule: " + ("; ".join(found) or "none")]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="current")
    parser.add_argument("--through-proxy", action="store_true", help="audit the app behind make serve (1 worker)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as build:
        served = running_clinic(1, Path(build)) if args.through_proxy else running_streamlit("app.py")
        with served as app:
            pages = {page: audit_page(app.url + page) for page in PAGES}
    served_by = "make serve (Caddy, 1 worker)" if args.through_proxy else "Streamlit straight"
    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    run = {"label": f"{args.label}, {served_by}", "date": date, "pages": pages}
    history = OUT / "audit.json"
    runs = [*(json.loads(history.read_text()) if history.exists() else []), run]
    history.write_text(json.dumps(runs, indent=2) + "\n")
    (OUT / "AUDIT.md").write_text(markdown(runs))
    print(markdown([run]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
