"""Lighthouse with its mobile settings (simulated slow 4G, a 4x slower CPU) in Debian's Chromium, median of runs.

Lighthouse comes from tools/ (make audit-tools): the npm package pinned there, run with the machine's Node.js.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from bench.serve import CHROMIUM, CHROMIUM_FLAGS, ROOT

LIGHTHOUSE = ROOT / "tools" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The guide's budgets (issue: a patient guide that opens in about a second on a phone).
GUIDE_BUDGETS = {
    "fcp_s": ("<=", 1.5),
    "lcp_s": ("<=", 2.0),
    "performance": (">=", 0.95),
    "accessibility": (">=", 1.0),
    "best-practices": (">=", 0.95),
}


def lighthouse_once(url: str, preset: str = "mobile") -> dict:
    """One Lighthouse run: the category scores, paint times in seconds, layout shift and bytes."""
    if not LIGHTHOUSE.exists():
        raise RuntimeError("Lighthouse is missing: run `make audit-tools` (make bench does it)")
    with tempfile.TemporaryDirectory() as folder:
        report_path = Path(folder) / "report.json"
        command = [
            *("node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report_path}"),
            *(f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}", f"--only-categories={','.join(CATEGORIES)}"),
        ]
        if preset == "desktop":
            command.append("--preset=desktop")
        run = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
                             timeout=300)  # fmt: skip
        if run.returncode != 0 or not report_path.exists():
            raise RuntimeError(f"Lighthouse failed on {url}: {run.stderr[-2000:]}")
        report = json.loads(report_path.read_text())
    audits = report["audits"]
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load {url}: {report['runtimeError']}")
    return {
        **{name: report["categories"][name]["score"] for name in CATEGORIES},
        "fcp_s": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tti_s": audits["interactive"]["numericValue"] / 1000,  # hidden from the report, still measured
        "bytes": audits["total-byte-weight"]["numericValue"],
        "failing": sorted(
            ref["id"]
            for name in ("accessibility", "best-practices", "seo")
            for ref in report["categories"][name]["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
        ),
    }


def lighthouse_median(url: str, runs: int = 3, preset: str = "mobile") -> dict:
    """The median of each measure over `runs` runs, and every run."""
    results = [lighthouse_once(url, preset) for _ in range(runs)]
    return {
        **{key: statistics.median(result[key] for result in results) for key in results[0] if key != "failing"},
        "runs": results,
    }


def guide_budgets_met(result: dict) -> dict[str, bool]:
    return {
        key: result[key] <= limit if sense == "<=" else result[key] >= limit
        for key, (sense, limit) in GUIDE_BUDGETS.items()
    }
