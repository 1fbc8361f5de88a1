"""A phone's first visit through make serve (1 worker): Lighthouse mobile on five topics, and the pain control.

The pain control's time runs from the start of navigation until a key press on the control on screen
changes what it shows, on Chromium's phone emulation (bench.proxy's network and CPU profile): the first
screen's control (before the app is there) and the app's own slider are both reported, each with the
bytes received until then. The machine's load average is noted beside the figures: it is shared.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.first_chart import count_bytes
from bench.lighthouse import lighthouse_median
from bench.proxy import PHONE_CPU_SLOWDOWN, PHONE_NETWORK, warm_up
from bench.serve import running_clinic

PAGES = ("/", "/outcomes", "/risks?lang=es", "/options", "/wrap-up?lang=es")
# The issue's budgets: Lighthouse mobile per page, and the pain control against the "before" run.
BUDGETS = {"fcp_s": ("<=", 1.5), "lcp_s": ("<=", 2.5), "cls": ("<=", 0.1), "accessibility": (">=", 1.0),
           "best-practices": (">=", 1.0)}  # fmt: skip
AGAINST_BEFORE = 0.7

# react-aria renders the thumb as a slider role over a range input (tests/browser/conftest.py's SLIDER).
APP_SLIDER = "[data-testid='stSlider'] [role='slider'], [data-testid='stSlider'] input[type='range']"
FIRST_SCREEN_CHOICE = "#first-screen input[name='pain']:checked"
# Which pain control answers a key press now: the app's slider once its run is over and the first screen
# has given way to it, else the first screen's.
CONTROL_ON_SCREEN = f"""() => {{
  const app = document.querySelector("[data-testid=stApp][data-test-script-state=notRunning]");
  const first = document.getElementById("first-screen");
  if (app && !first && document.querySelector("{APP_SLIDER}")) return "app";
  const choice = document.querySelector("{FIRST_SCREEN_CHOICE}");
  return choice && choice.checkVisibility() ? "first_screen" : null;
}}"""
APP_ANSWERED = (
    "score => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]"
    ".some(chart => (chart.getAttribute('aria-label') || '').includes(`Today: ${score} out of 10`))"
)
FIRST_SCREEN_ANSWERED = (
    "score => document.querySelector(`#first-screen #pain-${score}:checked`)"
    " && document.querySelector(`#first-screen .pain-${score}`).checkVisibility()"
)


def phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="en-US")  # fmt: skip
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
    return context, page, count_bytes(context, page)


def pain_control_once(browser, url: str) -> dict:
    """One first visit to /outcomes: when each pain control first answered a move, and the bytes until then."""
    context, page, received = phone_page(browser)
    page.goto(f"{url}/outcomes", wait_until="commit", timeout=180_000)
    result: dict = {}
    deadline = time.monotonic() + 180
    while "app" not in result:
        if time.monotonic() > deadline:
            raise RuntimeError(f"no pain control answered on {url}/outcomes within 180 s")
        control = page.evaluate(CONTROL_ON_SCREEN)
        if control is None or control in result:
            page.wait_for_timeout(50)
            continue
        if control == "app":
            page.locator(APP_SLIDER).first.focus()
            page.keyboard.press("ArrowLeft")  # 8 -> 7
            page.wait_for_function(APP_ANSWERED, arg=7, timeout=60_000)
        else:
            page.locator(FIRST_SCREEN_CHOICE).focus()
            page.keyboard.press("ArrowLeft")
            page.wait_for_function(FIRST_SCREEN_ANSWERED, arg=7, timeout=60_000)
        result[control] = {"s": page.evaluate("performance.now()") / 1000, "bytes": sum(received)}
    context.close()
    return result


def pain_control_median(browser, url: str, tries: int) -> dict:
    runs = [pain_control_once(browser, url) for _ in range(tries)]
    first = [run.get("first_screen", run["app"]) for run in runs]  # whichever control answered first
    return {
        "first_answer_s": statistics.median(answer["s"] for answer in first),
        "first_answer_bytes": statistics.median(answer["bytes"] for answer in first),
        "app_answer_s": statistics.median(run["app"]["s"] for run in runs),
        "app_answer_bytes": statistics.median(run["app"]["bytes"] for run in runs),
        "runs": runs,
    }


def measure_first_screen(browser, runs: int) -> dict:
    """make serve with one worker: Lighthouse mobile on PAGES, the pain control on the phone; load averages."""
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder, running_clinic(1, Path(folder) / "one") as clinic:
        for page in ("", "outcomes", "risks", "options", "wrap-up"):
            warm_up(clinic, page)
        pain = pain_control_median(browser, clinic.url, runs)
        pages = {}
        for path in PAGES:
            pages[path] = lighthouse_median(f"{clinic.url}{path}", runs)
            result = pages[path]
            print(f"first screen {path}: FCP {result['fcp_s']:.2f} s, LCP {result['lcp_s']:.2f} s", flush=True)
    return {"runs": runs, "pages": pages, "pain_control": pain, "load_average": [load_before, os.getloadavg()]}


def _met(value: float, sense: str, limit: float) -> bool:
    return value <= limit if sense == "<=" else value >= limit


def first_screen_markdown(run: dict, before: dict | None) -> list[str]:
    """Lighthouse mobile per page and the pain control, beside the run labelled "before" when there is one."""
    now = run["first_screen"]
    was = before["first_screen"] if before else None
    loads = ", ".join(f"{one[0]:.1f}" for one in now["load_average"])
    lines = [
        f"### First visit on a phone through make serve, 1 worker (Lighthouse mobile, median of {now['runs']}; "
        f"{'against the run ' + repr(before['label']) + ' of ' + before['date'] if before else 'no earlier run'})",
        "",
        f"The machine was shared while it ran (1-minute load average {loads} at start and end, 2 cores).",
        "",
        "| page | FCP | LCP | CLS | accessibility | best practices | bytes (Lighthouse) | budgets |",
        "|---|---|---|---|---|---|---|---|",
    ]

    def cell(path: str, key: str, form: str) -> str:
        value = format(now["pages"][path][key], form)
        return f"{format(was['pages'][path][key], form)} → {value}" if was and path in was["pages"] else value

    for path, result in now["pages"].items():
        missed = [key for key, (sense, limit) in BUDGETS.items() if not _met(result[key], sense, limit)]
        lines.append(
            f"| {path} | {cell(path, 'fcp_s', '.2f')} s | {cell(path, 'lcp_s', '.2f')} s | {cell(path, 'cls', '.3f')}"
            f" | {cell(path, 'accessibility', '.2f')} | {cell(path, 'best-practices', '.2f')} | "
            f"{cell(path, 'bytes', ',.0f')} | {'met' if not missed else 'NOT MET: ' + ', '.join(missed)} |"
        )
    pain = now["pain_control"]
    lines += ["", "| pain control on /outcomes, emulated phone | before | now | ratio | budget |"]
    lines += ["|---|---|---|---|---|"]
    for key, name, unit in (
        ("first_answer_s", "navigation to the first answer to a key press (the control on screen)", "s"),
        ("first_answer_bytes", "bytes received until then", "B"),
        ("app_answer_s", "navigation to the app's own slider answering", "s"),
        ("app_answer_bytes", "bytes received until then", "B"),
    ):
        old = was["pain_control"][key] if was else None
        ratio = f"{pain[key] / old:.2f}x" if old else ""
        budget = ""
        if old and key.startswith("first_answer"):
            budget = f"<= {AGAINST_BEFORE}x " + ("met" if pain[key] / old <= AGAINST_BEFORE else "NOT MET")
        form = ".2f" if unit == "s" else ",.0f"
        lines.append(f"| {name} | {format(old, form) + ' ' + unit if old else ''} | {format(pain[key], form)} {unit}"
                     f" | {ratio} | {budget} |")  # fmt: skip
    return [*lines, ""]
