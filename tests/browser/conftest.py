"""Fixtures that start the app with `streamlit run` and drive it in Debian's Chromium."""

from __future__ import annotations

import os
import re
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from bench.serve import CHROMIUM, CHROMIUM_FLAGS, running_streamlit
from tests.conftest import ROOT

# The pain control: react-aria renders the thumb as a slider role over a range input.
# Resolves once the fonts are in and two frames have been painted: the page has settled after a change.
SETTLED = (
    "document.fonts.ready.then(() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))"
)
SLIDER = "[data-testid='stSlider'] [role='slider'], [data-testid='stSlider'] input[type='range']"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SCREENSHOTS = ROOT / "screenshots"
# Streamlit's own frontend first probes <page>/_stcore/health and /host-config on a deep link
# (streamlit/streamlit#7074, open upstream); those two 404s are not the app's.
STREAMLIT_DEEP_LINK_PROBE = re.compile(r"/[a-z-]+/_stcore/(health|host-config)$")


@contextmanager
def running_app(env: dict[str, str] | None = None) -> Iterator[str]:
    """`streamlit run app.py` on a free localhost port; a start that fails fails the test."""
    try:
        with running_streamlit("app.py", env) as server:
            yield server.url
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make test` (it installs Debian's chromium), never skip.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


class AppPage:
    """A browser tab on the app that records console errors and failed requests."""

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.problems: list[str] = []
        self.requested: list[str] = []
        page.on("request", lambda request: self.requested.append(request.url))
        page.on("console", lambda message: message.type == "error" and self._console_error(message))
        page.on("requestfailed", lambda request: self.problems.append(f"request failed: {request.url}"))
        page.on("response", lambda response: response.status >= 400 and self._bad_response(response))

    def _console_error(self, message) -> None:
        if not STREAMLIT_DEEP_LINK_PROBE.search(urllib.parse.urlparse(message.location.get("url", "")).path):
            self.problems.append(f"console error: {message.text}")

    def _bad_response(self, response) -> None:
        if not STREAMLIT_DEEP_LINK_PROBE.search(urllib.parse.urlparse(response.url).path):
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def open(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        self.wait_for_run()
        return self.page

    def wait_for_run(self) -> None:
        """Wait the way Streamlit's own e2e tests do: connected, then the script no longer running."""
        app = self.page.get_by_test_id("stApp")
        app.and_(self.page.locator("[data-test-connection-state='CONNECTED']")).wait_for(timeout=30_000)
        app.and_(self.page.locator("[data-test-script-state='notRunning']")).wait_for(timeout=30_000)
        self.page.get_by_test_id("stMain").get_by_role("heading", level=1).first.wait_for(timeout=30_000)
        # Under make serve, the topic's first screen has given way to the app (deploy/serve.py).
        self.page.wait_for_function("() => !document.getElementById('first-screen')", timeout=30_000)
        self.page.wait_for_function(
            "() => !document.querySelector('[data-stale=true]') && [...document.querySelectorAll("
            "'[data-testid=stVegaLiteChart]')].every(chart => chart.querySelector('svg, canvas')"
            " || !chart.checkVisibility() || chart.getBoundingClientRect().width === 0)",  # drawn when shown
            timeout=30_000,
        )

    def rerun_after(self, action: Callable[[], object]) -> None:
        """Do something that reruns the script, and wait until that very run has finished.

        Right after a click the state still reads notRunning, so it is not enough to wait for
        it: count the running -> notRunning transitions instead.
        """
        self.page.evaluate(
            """() => {
                window.__finishedRuns = 0;
                window.__lastStateChange = Date.now();
                window.__actionAt = Date.now();
                const app = document.querySelector('[data-testid=stApp]');
                new MutationObserver(records => records.forEach(record => {
                    window.__lastStateChange = Date.now();
                    if (record.oldValue === 'running') window.__finishedRuns++;
                })).observe(app, {attributes: true, attributeOldValue: true,
                                 attributeFilter: ['data-test-script-state']});
            }"""
        )
        action()
        # A very quick run (a fragment) may never show as running: then give it a moment to land.
        self.page.wait_for_function(
            "window.__finishedRuns > 0 || Date.now() - window.__actionAt > 1500", timeout=30_000
        )
        # A control can start a second run (a slider on key down and on release): wait until quiet.
        self.page.wait_for_function(
            "Date.now() - window.__lastStateChange > 300 && document.querySelector("
            "'[data-testid=stApp]').getAttribute('data-test-script-state') === 'notRunning'",
            timeout=30_000,
        )
        self.wait_for_run()

    def screenshot(self, name: str) -> Path:
        """A full-page screenshot: Streamlit scrolls inside its own container, so grow the window to fit."""
        SCREENSHOTS.mkdir(exist_ok=True)
        size = self.page.viewport_size
        height = self.page.evaluate("Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
        self.page.set_viewport_size({"width": size["width"], "height": min(height, 15_000)})
        self.page.evaluate(SETTLED)  # the resized page laid out and painted
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=path, full_page=True)
        self.page.set_viewport_size(size)
        return path


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file under the folders, with its time and size (the test servers' own logs left out)."""
    files = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and ".streamlit-test-" not in path.name:
                stat = path.stat()
                files[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return files


def assert_nothing_written_or_logged(
    browser: Browser, tmp_path: Path, warm_up: tuple[str, ...], steps: Callable[[AppPage], object]
) -> None:
    """A patient's steps on a fresh app write no file and no log line: nothing they enter is kept.

    warm_up: the pages opened first (first imports may write bytecode); steps(app) is what the patient does, in
    one browser session; a new visit to the first warm-up page afterwards shows the server has finished with it.
    """
    home, scratch = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    scratch.mkdir()
    watched = [ROOT / name for name in ("app.py", "pages", "page_parts", "explainer", "data", "static", ".streamlit")]
    watched = [path for path in watched if path.is_dir()] + [home, scratch]
    with running_app({"HOME": str(home), "TMPDIR": str(scratch)}) as url:
        log = ROOT / f".streamlit-test-{urllib.parse.urlparse(url).port}.log"  # this server's own
        context = browser.new_context()
        app = AppPage(context.new_page(), url)
        for path in warm_up:
            app.open(path)
        before, log_before = snapshot(watched), log.read_text()
        steps(app)
        context.close()
        AppPage(browser.new_page(), url).open(warm_up[0])
        assert snapshot(watched) == before, "the server wrote files while a patient used the app"
        assert log.read_text() == log_before, "the server logged while a patient used the app"
    assert not any(scratch.iterdir()) and not [p for p in home.rglob("*") if p.is_file()]


@pytest.fixture
def app(browser: Browser, app_url: str, viewport: str) -> Iterator[AppPage]:
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="en-US")
    yield AppPage(context.new_page(), app_url)
    context.close()
