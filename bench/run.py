"""make bench: this app against the minimal baseline page, served the same way, measured in one run.

Writes bench/results.json (every run kept) and bench/RESULTS.md (the latest run in full, earlier ones
below). Budgets are ratios to the baseline measured in the same run; nothing here asserts on a clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.first_chart import CHART, first_charts
from bench.first_screen import PAGES as FIRST_SCREEN_PAGES
from bench.first_screen import first_screen_markdown, measure_first_screen
from bench.lighthouse import LIGHTHOUSE, guide_budgets_met, lighthouse_median
from bench.proxy import hosts_markdown, measure_hosts, measure_proxy, proxy_markdown
from bench.serve import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    ROOT,
    cpu_seconds,
    rss_mb,
    running_baseline,
    running_streamlit,
    serving_folder,
)
from bench.streamlit_client import hold_sessions, load
from explainer import topics
from explainer.data import DEFAULT_DATA_DIR, load_outcomes
from explainer.outputs import export, guide

BENCH = Path(__file__).resolve().parent
VNU_JAR = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# guide: Lighthouse mobile on the patient guide beside the app; streamlit: the app against the baseline page;
# proxy: make serve (Caddy and several workers) against Streamlit served straight.
# hosts: workers on two loopback "hosts" (make worker) against one, behind one make serve.
# first_screen: a phone's first visit through make serve with 1 worker (Lighthouse on five topics, the pain
# control), beside the latest run labelled "before" (--label before), and as ratios to the bare Streamlit
# page and the guide's first page measured in the same run.
PARTS = ("guide", "streamlit", "proxy", "hosts", "first_screen")


def pain_control_to_chart(browser, url: str, tries: int) -> dict:
    """Key press on the pain control until the chart's text alternative shows the new score."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{url}/outcomes")
    page.locator(CHART).first.wait_for(timeout=60_000)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    slider = page.locator("[data-testid='stSlider'] [role='slider'], [data-testid='stSlider'] input[type='range']")
    seconds = []
    for attempt in range(tries):
        key, score = ("ArrowLeft", 7) if attempt % 2 == 0 else ("ArrowRight", 8)  # 8 -> 7 -> 8 -> ...
        slider.first.focus()
        started = time.perf_counter()
        page.keyboard.press(key)
        page.wait_for_function(
            f"() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]"
            f".some(chart => (chart.getAttribute('aria-label') || '').includes('Today: {score} out of 10'))",
            timeout=30_000,
        )
        seconds.append(time.perf_counter() - started)
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    context.close()
    return {"median_s": statistics.median(seconds), "tries": seconds}


def measure(server, browser, args, pain_control: bool) -> dict:
    result = {"script_s": {}, "server_cpu_s": {}}
    for name in args.pages:
        used_before = cpu_seconds(server.pid)
        summary = load(server.url, name, 1, 4 * args.reruns).summary()
        result["script_s"][name or "overview"] = summary["median_s"]
        result["server_cpu_s"][name or "overview"] = (cpu_seconds(server.pid) - used_before) / summary["reruns"]
    heaviest = max(args.pages, key=lambda name: result["server_cpu_s"][name or "overview"])
    result["heaviest_page"] = heaviest or "overview"
    result["load"] = {str(n): load(server.url, heaviest, n, args.reruns).summary() for n in args.sessions}
    idle = rss_mb(server.pid)
    held = hold_sessions(server.url, heaviest, max(args.sessions), lambda: rss_mb(server.pid))
    result["memory_mb"] = {"idle": idle, f"with_{max(args.sessions)}_sessions": held}
    result["memory_growth_mb_per_session"] = (held - idle) / max(args.sessions)
    if pain_control:
        result["pain_control_to_chart"] = pain_control_to_chart(browser, server.url, args.tries)
    return result


def ratios(app: dict, baseline: dict, sessions: list[int]) -> dict:
    middle = "20" if "20" in app["load"] else str(sessions[len(sessions) // 2])
    most = str(max(sessions))
    return {
        "first_chart": app["first_chart"]["median_s"] / baseline["first_chart"]["median_s"],
        "bytes": app["first_chart"]["bytes"] / baseline["first_chart"]["bytes"],
        f"reruns_per_s_{middle}": app["load"][middle]["reruns_per_s"] / baseline["load"][middle]["reruns_per_s"],
        f"p95_{middle}": app["load"][middle]["p95_s"] / baseline["load"][middle]["p95_s"],
        f"errors_{most}": app["load"][most]["errors"],
        "memory_growth_mb_per_session": app["memory_growth_mb_per_session"],
    }


def budgets(ratio: dict) -> dict:
    checks = {}
    for key, value in ratio.items():
        if key == "first_chart":
            checks[key] = value <= 1.0
        elif key.startswith("reruns_per_s"):
            checks[key] = value >= 1.0
        elif key.startswith("errors"):
            checks[key] = value == 0
        elif key == "memory_growth_mb_per_session":
            checks[key] = value <= 2.0
    return checks


def markdown(runs: list[dict]) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/run.py). The app and a minimal Streamlit page (bench/baseline_app.py:",
        "a title, one Altair bar chart of three numbers, one line of text) are served the same way and",
        "measured in the same run; budgets are ratios to that baseline. Latest run first.",
        "",
    ]
    for index, run in enumerate(reversed(runs)):
        lines += [f"## {'Latest' if index == 0 else 'Earlier'} run: {run['label']} ({run['date']})", ""]
        if "first_screen" in run:
            lines += first_screen_markdown(run, run_labelled_before(runs, run))
        if "guide" in run:
            lines += guide_markdown(run["guide"])
        if "proxy" in run:
            lines += proxy_markdown(run["proxy"], run["machine"]["cpus"])
        if "hosts" in run:
            lines += hosts_markdown(run["hosts"], run["machine"]["cpus"])
        if "app" in run:
            lines += streamlit_markdown(run)
    return "\n".join(lines) + "\n"


def run_labelled_before(runs: list[dict], run: dict) -> dict | None:
    """The latest run labelled "before" with a first-screen part, earlier than this run (None for itself)."""
    earlier = runs[: next(index for index, one in enumerate(runs) if one is run)]
    return next((one for one in reversed(earlier) if one["label"] == "before" and "first_screen" in one), None)


def streamlit_markdown(run: dict) -> list[str]:
    """The app against the baseline page, straight from Streamlit: first chart, load, CPU, memory."""
    lines = []
    app, base, ratio, ok = run["app"], run["baseline"], run["ratios"], run["budgets"]
    middle = next(key.split("_")[-1] for key in ratio if key.startswith("reruns_per_s"))
    most = next(key.split("_")[-1] for key in ratio if key.startswith("errors"))
    lines += [
        f"{run['machine']['cpus']} CPUs, {run['machine']['platform']}, Python {run['machine']['python']}, "
        + ", ".join(f"{name} {ver}" for name, ver in run["machine"]["versions"].items())
        + f". Tries: {run['settings']['tries']}, reruns per session: {run['settings']['reruns']}, "
        f"heaviest app page: /{app['heaviest_page'].replace('overview', '')}. First chart timed by "
        f"{run.get('first_chart_clock', 'Playwright polling (checks up to 500 ms apart)')}.",
        "",
        "| measure | baseline | app | ratio (app / baseline) | budget |",
        "|---|---|---|---|---|",
        *([_row("server start, launch to healthy", base["start_s"], app["start_s"], "s")] if "start_s" in app else []),
        _row(f"first chart drawn, first visit to {run.get('first_chart_page', '/outcomes')} (median)",
             base["first_chart"]["median_s"], app["first_chart"]["median_s"], "s", ok.get("first_chart"),
             "<= 1.0x"),
        # The first try of each is the first visit after its server started: it pays for loading the code and data.
        _row("first chart drawn, the first visit after the server starts", base["first_chart"]["tries"][0],
             app["first_chart"]["tries"][0], "s"),
        _row("bytes transferred, first visit", base["first_chart"]["bytes"] / 1e6,
             app["first_chart"]["bytes"] / 1e6, "MB"),
    ]  # fmt: skip
    if "first_chart_outcomes" in app:
        deep_link = app["first_chart_outcomes"]["median_s"]
        lines.append(_row("first chart drawn, first visit to /outcomes (a deep link)",
                          base["first_chart"]["median_s"], deep_link, "s"))  # fmt: skip
    for n in app["load"]:
        a, b = app["load"][n], base["load"][n]
        lines.append(_row(f"{n} sessions: median rerun", b["median_s"], a["median_s"], "s"))
        lines.append(_row(f"{n} sessions: p95 rerun", b["p95_s"], a["p95_s"], "s"))
        budget = (ok.get(f"reruns_per_s_{n}"), ">= 1.0x") if n == middle else (None, "")
        lines.append(_row(f"{n} sessions: reruns per second", b["reruns_per_s"], a["reruns_per_s"], "/s", *budget))
        errors_budget = "0" if n == most else ""
        lines.append(f"| {n} sessions: errors | {b['errors']} | {a['errors']} | | {errors_budget}"
                     f"{_mark(ok.get(f'errors_{n}')) if n == most else ''} |")  # fmt: skip
    for name, seconds in app.get("server_cpu_s", {}).items():
        lines.append(
            _row(
                f"server CPU per rerun /{name.replace('overview', '')} (one session)",
                base["server_cpu_s"]["overview"] * 1000,
                seconds * 1000,
                "ms",
            )
        )
    for name, seconds in app["script_s"].items():
        lines.append(
            _row(
                f"script run /{name.replace('overview', '')} (one session, rerun sent to finished)",
                base["script_s"]["overview"],
                seconds,
                "s",
            )
        )
    if "pain_control_to_chart" in app:
        lines.append(
            f"| pain control to updated chart (median) | | {app['pain_control_to_chart']['median_s']:.3f} s | | |"
        )
    for key in app["memory_mb"]:
        lines.append(
            _row(f"server memory (RSS), {key.replace('_', ' ')}", base["memory_mb"][key], app["memory_mb"][key], "MB")
        )
    lines.append(_row("memory growth per idle session", base["memory_growth_mb_per_session"],
                      app["memory_growth_mb_per_session"], "MB", ok.get("memory_growth_mb_per_session"),
                      "<= 2 MB (app)"))  # fmt: skip
    lines.append("")
    return lines


def guide_markdown(guide: dict) -> list[str]:
    """Lighthouse mobile for every guide page beside the app's / and the bare Streamlit page, sizes, Nu errors."""
    lines = [
        f"### Patient guide (Lighthouse {guide['lighthouse_version']} mobile: simulated slow 4G, 4x slower CPU; "
        f"median of {guide['runs']} runs; Debian's Chromium)",
        "",
        "| page | FCP | LCP | performance | accessibility | best practices | SEO | CLS | size | budgets |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, result in guide["pages"].items():
        met = result.get("budgets")
        verdict = (
            ""
            if met is None
            else ("met" if all(met.values()) else "NOT MET: " + ", ".join(k for k, v in met.items() if not v))
        )
        size = (
            f"{result['size_bytes'] / 1000:.1f} KB"
            if "size_bytes" in result
            else f"{result['bytes'] / 1e6:.2f} MB sent"
        )
        lines.append(
            f"| {name} | {result['fcp_s']:.2f} s | {result['lcp_s']:.2f} s | {result['performance']:.2f} | "
            f"{result['accessibility']:.2f} | {result['best-practices']:.2f} | {result['seo']:.2f} | "
            f"{result['cls']:.3f} | {size} | {verdict} |"
        )
    app, bare = guide["pages"]["app /"], guide["pages"]["bare Streamlit /"]
    slowest = max(result["lcp_s"] for name, result in guide["pages"].items() if name.startswith(("en/", "es/")))
    lines += [
        "",
        f"Slowest guide LCP {slowest:.2f} s against the app's {app['lcp_s']:.2f} s "
        f"({slowest / app['lcp_s']:.2f}x) and the bare Streamlit page's {bare['lcp_s']:.2f} s "
        f"({slowest / bare['lcp_s']:.2f}x). Handouts: "
        + ", ".join(f"{name} {size / 1000:.1f} KB" for name, size in guide["handout_bytes"].items())
        + f" (budget 300 KB each). Nu HTML checker errors on the guide and handouts: {guide['nu_errors']}.",
        "",
    ]
    return lines


def _row(name: str, baseline: float, app: float, unit: str, ok: bool | None = None, budget: str = "") -> str:
    ratio = f"{app / baseline:.2f}x" if baseline else ""
    return f"| {name} | {baseline:.3f} {unit} | {app:.3f} {unit} | {ratio} | {budget}{_mark(ok)} |"


def _mark(ok: bool | None) -> str:
    return "" if ok is None else (" met" if ok else " NOT MET")


def measure_guide(runs: int, only: list[str] | None = None) -> dict:
    """The patient guide, built from the bundled data, beside the app's / and the bare Streamlit page."""
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        written = export.write_site(DEFAULT_DATA_DIR, site)
        sizes = {path.relative_to(site).as_posix(): path.stat().st_size for path in written}
        nu_errors = nu_checker_errors([path for path in written if path.suffix == ".html"])
        pages = {}
        with serving_folder(site) as url:
            for name in (name for name in sizes if name.startswith(("en/", "es/")) and (not only or name in only)):
                result = lighthouse_median(f"{url}/{name}", runs)
                result["size_bytes"] = sizes[name]
                result["budgets"] = {**guide_budgets_met(result), "size": sizes[name] <= guide.PAGE_BUDGET_BYTES}
                pages[name] = result
                print(f"guide {name}: FCP {result['fcp_s']:.2f} s, LCP {result['lcp_s']:.2f} s", flush=True)
    with running_streamlit("app.py") as app_server, running_baseline() as baseline_server:
        pages["app /"] = lighthouse_median(f"{app_server.url}/", runs)
        pages["bare Streamlit /"] = lighthouse_median(f"{baseline_server.url}/", runs)
    return {
        "lighthouse_version": version_of_lighthouse(),
        "runs": runs,
        "pages": pages,
        "handout_bytes": {name: size for name, size in sizes.items() if name.startswith("handout")},
        "nu_errors": nu_errors,
    }


def nu_checker_errors(files: list[Path]) -> int:
    """Errors the W3C Nu HTML checker (vnu-jar from tools/, run with Java) finds in these files."""
    run = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
                         capture_output=True, text=True)  # fmt: skip
    return len(json.loads(run.stderr or run.stdout)["messages"])


def version_of_lighthouse() -> str:
    return json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text())["version"]


def measure_streamlit(args) -> dict:
    """The app against the baseline page, both straight from Streamlit."""
    with (
        sync_playwright() as playwright,
        running_baseline() as baseline_server,
        running_streamlit("app.py") as app_server,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        # The landing page against the baseline's; a deep link to /outcomes is reported as well: it pays
        # for Streamlit's search for the app's base address first (streamlit/streamlit#7074).
        first = first_charts(
            browser,
            {"baseline": baseline_server.url + "/", "app": app_server.url + "/",
             "app_outcomes": app_server.url + "/outcomes"},
            args.tries,
        )  # fmt: skip
        baseline_args = argparse.Namespace(**{**vars(args), "pages": [""]})
        baseline = {
            "start_s": baseline_server.start_s,
            "first_chart": first["baseline"],
            **measure(baseline_server, browser, baseline_args, False),
        }
        app = {
            "start_s": app_server.start_s,
            "first_chart": first["app"],
            "first_chart_outcomes": first["app_outcomes"],
            **measure(app_server, browser, args, True),
        }
        browser.close()
    ratio = ratios(app, baseline, args.sessions)
    return {
        "first_chart_page": "/",
        "first_chart_clock": "the page's own clock",
        "baseline": baseline,
        "app": app,
        "ratios": ratio,
        "budgets": budgets(ratio),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tries", type=int, default=9)
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 20, 50])
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--phone-tries", type=int, default=5, help="first visits on the emulated phone")
    parser.add_argument("--many-sessions", type=int, default=200, help="concurrent sessions through the proxy")
    parser.add_argument("--hosts-sessions", type=int, default=100, help="concurrent sessions, two hosts against one")
    parser.add_argument("--guide-pages", nargs="+", help="only these guide pages (such as en/results.html)")
    parser.add_argument("--first-screen-pages", nargs="+", default=list(FIRST_SCREEN_PAGES),
                        help="the app's addresses the first_screen part measures (such as /outcomes)")  # fmt: skip
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS), help="what to measure")
    parser.add_argument("--label", default="current")
    parser.add_argument("--out", type=Path, default=BENCH)
    args = parser.parse_args()
    args.pages = [topic.address for topic in topics.in_app()]
    assert load_outcomes(DEFAULT_DATA_DIR).ok, "the bundled data must be valid to benchmark"

    run = {
        "label": args.label,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(terse=True),
            "python": platform.python_version(),
            "versions": {name: version(name) for name in ("streamlit", "altair", "pandas", "playwright")},
        },
        "settings": {"tries": args.tries, "reruns": args.reruns, "sessions": args.sessions, "parts": args.parts},
    }
    if "guide" in args.parts:
        run["guide"] = measure_guide(args.lighthouse_runs, args.guide_pages)
    if "streamlit" in args.parts:
        run.update(measure_streamlit(args))
    if "proxy" in args.parts:
        heaviest = run["app"]["heaviest_page"].replace("overview", "") if "app" in run else "evidence"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            run["proxy"] = measure_proxy(args, browser, heaviest)
            browser.close()
    if "first_screen" in args.parts:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            run["first_screen"] = measure_first_screen(browser, args.lighthouse_runs, tuple(args.first_screen_pages))
            browser.close()
    if "hosts" in args.parts:
        run["hosts"] = measure_hosts(args.hosts_sessions, 3, "evidence")
    args.out.mkdir(parents=True, exist_ok=True)
    history_path = args.out / "results.json"
    runs = json.loads(history_path.read_text()) if history_path.exists() else []
    runs.append(run)
    history_path.write_text(json.dumps(runs, indent=2) + "\n")
    (args.out / "RESULTS.md").write_text(markdown(runs))
    print(markdown([run]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
