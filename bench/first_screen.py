"""A phone's first visit through make serve (1 worker): Lighthouse mobile on five topics, and the pain control.

The pain control's time runs from the start of navigation until a key press on the control on screen
changes what it shows, on Chromium's phone emulation (bench.proxy's network and CPU profile): the first
screen's control (before the app is there) and the app's own slider are both reported, each with the
bytes received until then. In the same run, Lighthouse measures the bare Streamlit page (bench/baseline_app.py,
served straight, as the other parts serve it) and the guide's first page through the same make serve, and
each topic's figures are given as ratios to theirs. The machine's load average is noted beside the figures:
it is shared.
"""

from __future__ import annotations

import os
import secrets
import statistics
import tempfile
import time
from pathlib import Path

from bench.first_chart import count_bytes
from bench.lighthouse import lighthouse_median
from bench.proxy import PHONE_CPU_SLOWDOWN, PHONE_NETWORK, proxy_in_front_of, warm_up
from bench.serve import running_baseline, running_clinic
from bench.streamlit_client import load

PAGES = ("/", "/outcomes", "/risks?lang=es", "/options", "/wrap-up?lang=es")
# The issue's budgets: Lighthouse mobile per page, and the pain control against the "before" run.
BUDGETS = {"fcp_s": ("<=", 1.5), "lcp_s": ("<=", 2.5), "cls": ("<=", 0.1), "accessibility": (">=", 1.0),
           "best-practices": (">=", 1.0)}  # fmt: skip
AGAINST_BEFORE = 0.7
# What each topic is compared with in the same run: the guide's first page in the topic's place.
GUIDE_FIRST_PAGE = "/guide/en/index.html"
COMPARED = ("fcp_s", "lcp_s", "tti_s", "bytes")
COMPARED_NAMES = {"fcp_s": "FCP", "lcp_s": "LCP", "tti_s": "TTI", "bytes": "bytes"}

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


def measure_first_screen(browser, runs: int, pages: tuple[str, ...] = PAGES) -> dict:
    """make serve with one worker: Lighthouse mobile on the topics, the bare Streamlit page (straight, and
    behind make serve's proxy) and the guide's first page, the pain control on the phone; each topic's
    ratios to the other pages; load averages."""
    load_before = os.getloadavg()
    with (
        tempfile.TemporaryDirectory() as folder,
        running_clinic(1, Path(folder) / "one") as clinic,
        running_baseline() as bare,
        proxy_in_front_of([bare.url.removeprefix("http://")], Path(folder) / "bare", secrets.token_hex(32)) as proxied,
    ):
        for page in {"outcomes", *(path.split("?")[0].strip("/") for path in pages)}:  # the pain control's too
            warm_up(clinic, page)
        load(bare.url, "", 2, 3)  # warmed as the workers are
        pain = pain_control_median(browser, clinic.url, runs)
        measured = {}
        for name, url in (
            *((path, f"{clinic.url}{path}") for path in pages),
            *((name, url) for name, (url, _served) in compared_pages(bare.url, proxied, clinic.url).items()),
        ):
            measured[name] = lighthouse_median(url, runs)
            result = measured[name]
            print(f"first screen {name}: FCP {result['fcp_s']:.2f} s, LCP {result['lcp_s']:.2f} s", flush=True)
    compared = {name: {**measured.pop(name), "address": url, "served": served}
                for name, (url, served) in compared_pages(bare.url, proxied, clinic.url).items()}  # fmt: skip
    return {
        "runs": runs,
        "pages": measured,
        "compared": compared,
        "ratios": {
            path: {name: ratios_to(result, reference) for name, reference in compared.items()}
            for path, result in measured.items()
        },
        "pain_control": pain,
        "load_average": [load_before, os.getloadavg()],
    }


def compared_pages(bare_url: str, bare_behind_proxy: str, clinic_url: str) -> dict[str, tuple[str, str]]:
    """What the topics are compared with: each page's address in this run and how it is served."""
    # Behind make serve's proxy, every app address but consult mode's answers with the app's first screen:
    # consult mode's start page is Streamlit's own page, which then draws the bare page's script.
    return {
        "bare Streamlit": (f"{bare_url}/", "bench/baseline_app.py served straight by Streamlit"),
        "bare Streamlit behind make serve": (f"{bare_behind_proxy}/?mode=consult",
            "the same page behind make serve's proxy (--workers 0, its Streamlit as --upstream), opened as "
            "/?mode=consult because the proxy answers the other app addresses with the app's first screen"),
        "guide": (f"{clinic_url}{GUIDE_FIRST_PAGE}", f"the guide's first page, {GUIDE_FIRST_PAGE}, through the same "
                  "make serve as the app"),
    }  # fmt: skip


def ratios_to(result: dict, reference: dict) -> dict[str, float]:
    """This page's paints, time to interactive and bytes divided by the reference page's (below 1: less)."""
    return {key: result[key] / reference[key] for key in COMPARED if reference.get(key)}


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
    return [*lines, "", *compared_markdown(now)] if "ratios" in now else [*lines, ""]


def compared_markdown(now: dict) -> list[str]:
    """Each topic beside the bare Streamlit page and the guide's first page, measured in the same run."""
    compared = now["compared"]
    lines = [
        f"Against pages measured in the same run (Lighthouse mobile, median of {now['runs']}); ratio: the page's "
        "figure divided by theirs (below 1: sooner, or fewer bytes); TTI: Lighthouse's time to interactive "
        "(a hidden audit in Lighthouse 12).",
        "",
        *(f"- {name}: {reference['served']}" for name, reference in compared.items()),
        "",
        "| page | FCP | LCP | CLS | TTI | bytes (Lighthouse) | "
        + " | ".join(f"ratio to {name}" for name in compared)
        + " |",
        "|---|---|---|---|---|---|" + "---|" * len(compared),
    ]

    def figures(result: dict) -> str:
        return (f"{result['fcp_s']:.2f} s | {result['lcp_s']:.2f} s | {result['cls']:.3f} | {result['tti_s']:.2f} s"
                f" | {result['bytes']:,.0f}")  # fmt: skip

    def ratio_cells(result: dict, itself: str = "") -> str:
        return " | ".join(
            "" if name == itself
            else ", ".join(f"{COMPARED_NAMES[key]} {times(ratio)}" for key, ratio in ratios_to(result, other).items())
            for name, other in compared.items()
        )  # fmt: skip

    for path, result in now["pages"].items():
        lines.append(f"| {path} | {figures(result)} | {ratio_cells(result)} |")
    for name, result in compared.items():
        lines.append(f"| {name} | {figures(result)} | {ratio_cells(result, name)} |")
    return [*lines, ""]


def times(ratio: float) -> str:
    """A ratio with two decimals, or two significant digits when it is that small (the guide's bytes)."""
    return f"{ratio:.2f}x" if ratio >= 0.1 else f"{ratio:.2g}x"
