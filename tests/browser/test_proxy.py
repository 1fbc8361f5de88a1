"""make serve for real: Caddy in front of two Streamlit workers on loopback, in Debian's Chromium."""

from __future__ import annotations

import asyncio
import html
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
import streamlit
import websockets
from fontTools.ttLib import TTFont
from playwright.sync_api import expect

from bench.serve import Clinic, running_clinic
from bench.streamlit_client import StreamlitSession
from deploy.serve import free_port
from explainer import text
from tests.app_pages import app_pages
from tests.browser.conftest import SCREENSHOTS, VIEWPORTS, AppPage
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
COOKIE = "scs_worker"
PAGES_WITH_CHARTS = {"", "outcomes", "evidence"}


def wait_for(check, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s: {what}")
        time.sleep(0.1)


def get(url: str, headers: dict | None = None, data: bytes | None = None, method: str | None = None):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, headers=headers or {}, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def answers(url: str) -> bool:
    try:
        return get(url)[0] == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def clinic(tmp_path_factory) -> Iterator[Clinic]:
    """`make serve` with two workers on free ports, as a clinic would run it."""
    # A dead worker comes back after 5 s here, so the test can see visits move away before it does.
    with running_clinic(2, tmp_path_factory.mktemp("serve"), restart_delay=5) as clinic:
        yield clinic


def affinity_cookie(response_headers) -> str | None:
    """The worker the proxy chose for this response, when it chose one (Streamlit sets cookies of its own)."""
    for header in response_headers.get_all("Set-Cookie") or []:
        match = re.match(rf"{COOKIE}=([0-9a-f]+)", header)
        if match:
            return match.group(1)
    return None


def worker_of(response_headers) -> str:
    cookie = affinity_cookie(response_headers)
    assert cookie, "the proxy set no affinity cookie"
    return cookie


def workers_chosen(url: str, visits: int = 30) -> set[str]:
    """The affinity cookies that fresh visits (no cookie yet) are given: one value per worker chosen."""
    return {worker_of(get(f"{url}/_stcore/health")[1]) for _ in range(visits)}  # the start page is the proxy's


@pytest.mark.parametrize("page", app_pages(), ids=lambda page: page.url_path or "overview")
def test_every_page_renders_through_the_proxy_with_no_console_error(browser, clinic, page):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    app = AppPage(context.new_page(), clinic.url)
    tab = app.open(f"/{page.url_path}?lang=es")
    if page.url_path in PAGES_WITH_CHARTS:
        expect(tab.get_by_test_id("stVegaLiteChart").locator("svg").first).to_be_visible()
    assert tab.get_by_test_id("stException").count() == 0
    assert app.problems == []  # console errors (a CSP refusal among them) and failed requests
    context.close()


def test_download_button_returns_the_handout_through_the_proxy(browser, clinic, tmp_path):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], accept_downloads=True)
    app = AppPage(context.new_page(), clinic.url)
    tab = app.open("/for-me")
    with tab.expect_download() as download_info:
        tab.get_by_role("button", name="Download the handout").click()
    path = tmp_path / "handout.html"
    download_info.value.save_as(path)
    assert "Spinal cord stimulation: your take-home handout" in path.read_text(encoding="utf-8")
    assert app.problems == []
    context.close()


def test_security_headers_compression_and_long_caching(clinic):
    status, headers, page = get(f"{clinic.url}/", {"Accept-Encoding": "identity"})
    assert status == 200 and "Server" not in headers
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY" and "camera=()" in headers["Permissions-Policy"]
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp and "'unsafe-inline'" not in csp.split(";")[1]
    script = re.search(rb'src="\./(static/js/[^"]+\.js)"', page).group(1).decode()
    for encoding in ("zstd", "gzip"):
        status, headers, body = get(f"{clinic.url}/{script}", {"Accept-Encoding": encoding})
        assert status == 200 and headers["Content-Encoding"] == encoding
        plain = get(f"{clinic.url}/{script}", {"Accept-Encoding": "identity"})[2]
        assert len(body) < 0.4 * len(plain), (encoding, len(body), len(plain))
        assert "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    status, headers, guide = get(f"{clinic.url}/guide/en/results.html", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Content-Security-Policy"].startswith("default-src 'none'") and "Server" not in headers
    assert get(f"{clinic.url}/guide")[0] == 200  # redirected to /guide/


def test_source_sans_keeps_english_and_spanish_letters_at_a_third_of_its_size(clinic, tmp_path):
    css = get(f"{clinic.url}/", {"Accept-Encoding": "identity"})[2]
    stylesheet = re.search(rb'href="\./(static/css/[^"]+\.css)"', css).group(1).decode()
    styles = get(f"{clinic.url}/{stylesheet}")[2].decode()
    font = "static/" + re.search(r"media/SourceSansVF-Upright[^)]+\.woff2", styles)[0]
    status, headers, served = get(f"{clinic.url}/{font}")
    original = (Path(streamlit.__file__).parent / "static" / font).read_bytes()
    assert status == 200 and len(served) < len(original) / 3, (len(served), len(original))
    assert "Etag" not in headers and "Last-Modified" not in headers  # kept a year, never asked about again
    (tmp_path / "served.woff2").write_bytes(served)
    letters = TTFont(tmp_path / "served.woff2").getBestCmap()
    assert all(ord(letter) in letters for letter in "AZaz09áéíóúñÑü¿¡“”–—…€≤≥→")
    assert "wght" in [axis.axisTag for axis in TTFont(tmp_path / "served.woff2")["fvar"].axes]  # every weight kept


def test_the_guide_is_served_and_opens_in_the_browsers_language(browser, clinic):
    page = browser.new_context(locale="es-MX").new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{clinic.url}/guide/")
    page.wait_for_url(f"{clinic.url}/guide/es/index.html")
    expect(page.locator("h1")).to_have_text(re.compile("^Estimulación de la médula espinal"))
    page.get_by_role("link", name="Abrir la app interactiva").first.click()
    page.wait_for_url(re.compile(r"/\?lang=es"))
    title = page.get_by_test_id("stMain").get_by_role("heading", level=1).first
    expect(title).to_contain_text("Estimulación de la médula espinal")
    assert errors == [] or all("404" in error for error in errors), errors
    page.context.close()


def test_a_session_stays_on_its_worker_by_cookie(clinic):
    assert len(workers_chosen(clinic.url)) == 2  # fresh visits are spread over both workers
    status, headers, _ = get(f"{clinic.url}/_stcore/health")
    cookie = f"{COOKIE}={worker_of(headers)}"
    for _ in range(10):
        assert affinity_cookie(get(f"{clinic.url}/_stcore/health", {"Cookie": cookie})[1]) is None  # kept, not moved


class HeldSessions:
    """Streamlit sessions held open in a thread of their own while the test does other things."""

    def __init__(self, url: str, page: str, count: int):
        self.url, self.page, self.count = url, page, count
        self.ready, self.release = threading.Event(), threading.Event()
        self.finished = 0
        self.thread = threading.Thread(target=asyncio.run, args=(self._hold(),), daemon=True)

    async def _hold(self) -> None:
        sessions = [StreamlitSession(self.url, self.page) for _ in range(self.count)]
        for session in sessions:
            await session.__aenter__()
        for session in sessions:
            await session.rerun()
            self.finished += 1
        self.ready.set()
        while not self.release.is_set():
            await asyncio.sleep(0.1)
        for session in sessions:
            with suppress(websockets.ConnectionClosed):
                await session.__aexit__()

    def __enter__(self) -> HeldSessions:
        self.thread.start()
        assert self.ready.wait(120), f"only {self.finished} of {self.count} sessions started"
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.thread.join(30)


@contextmanager
def patient_on_each_worker(browser, url: str) -> Iterator[dict[str, AppPage]]:
    """One browser tab per worker (fresh contexts until each worker holds one), keyed by the affinity cookie."""
    tabs: dict[str, AppPage] = {}
    contexts = []
    for _ in range(30):
        context = browser.new_context(viewport=VIEWPORTS["phone"])
        contexts.append(context)
        app = AppPage(context.new_page(), url)
        app.open("/outcomes")
        cookie = next(c["value"] for c in context.cookies() if c["name"] == COOKIE)
        if cookie in tabs:
            context.close()
            continue
        tabs[cookie] = app
        if len(tabs) == 2:
            break
    try:
        yield tabs
    finally:
        for context in contexts:
            context.close()


def moved(clinic: Clinic, cookie: str) -> bool:
    """True when the proxy moves a visit with this affinity cookie to another worker (its own is gone)."""
    chosen = affinity_cookie(get(f"{clinic.url}/_stcore/health", {"Cookie": f"{COOKIE}={cookie}"})[1])
    return chosen is not None and chosen != cookie


def test_a_worker_dies_visits_go_on_and_it_comes_back(browser, clinic):
    dead = clinic.state()["workers"][0]
    with HeldSessions(clinic.url, "outcomes", 20), patient_on_each_worker(browser, clinic.url) as tabs:
        assert len(tabs) == 2
        subprocess.run(["kill", "-9", str(dead["pid"])], check=True)
        killed_at = time.monotonic()

        # Exactly one patient was on the dead worker: within seconds the proxy sends that patient elsewhere.
        stranded: list[str] = []
        wait_for(lambda: stranded.extend(c for c in tabs if moved(clinic, c)) or stranded, 4, "a visit moves away")
        assert len(stranded) == 1, stranded
        (survivor,) = set(tabs) - set(stranded)

        # Every new visit from the moment of the kill succeeds: the page and its health check.
        visits = 0
        while time.monotonic() - killed_at < 5:
            assert get(f"{clinic.url}/")[0] == 200 and get(f"{clinic.url}/_stcore/health")[0] == 200
            visits += 1
        assert visits > 5
        fresh = AppPage(browser.new_context().new_page(), clinic.url)
        fresh.open("/risks")
        assert fresh.problems == []
        fresh.page.context.close()

        # That patient's page reconnects to a working page (a fresh session), not an error page.
        tab = tabs[stranded[0]].page
        expect(tab.locator("[data-test-connection-state='CONNECTED']")).to_be_visible(timeout=30_000)
        tabs[stranded[0]].wait_for_run()
        expect(tab.get_by_test_id("stMain").get_by_role("heading", level=1).first).to_be_visible()
        assert tab.get_by_test_id("stException").count() == 0
        tab.screenshot(path=SCREENSHOTS / "proxy-after-worker-died.png", full_page=False)
        tabs[survivor].wait_for_run()

        # make serve starts the worker again, and it takes new visits.
        wait_for(lambda: clinic.state()["workers"][0]["restarts"] == 1, 30, "the worker is started again")
        wait_for(lambda: answers(f"http://127.0.0.1:{dead['port']}/_stcore/health"), 90, "the worker is healthy")
        wait_for(lambda: len(workers_chosen(clinic.url, 10)) == 2, 15, "new visits reach the restarted worker")


def test_bad_requests_get_a_plain_refusal_or_the_normal_page(browser, clinic):
    port = int(clinic.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:  # the body is refused before it is sent
        raw.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3000000\r\n\r\n" + b"x" * 1000)
        reply = raw.recv(4096)
    assert reply.startswith(b"HTTP/1.1 413") and b"Traceback" not in reply and b"Server:" not in reply
    for path in ("/nope/deeper/still", "/_stcore/../../etc/passwd", "/guide/../app.py"):
        status, _, body = get(f"{clinic.url}{path}")
        assert status in (200, 400, 404) and b"Traceback" not in body and b"st.navigation" not in body, path
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(
            b"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            b"Sec-WebSocket-Protocol: streamlit\r\n\r\n"
        )
        assert raw.recv(4096).startswith(b"HTTP/1.1 101")
        raw.sendall(b"\x8f\xff" + b"\x00" * 64)  # a frame with a reserved opcode and a bogus length
        raw.settimeout(10)
        try:
            reply = raw.recv(4096)
        except (ConnectionResetError, TimeoutError):
            reply = b""
        assert b"Traceback" not in reply
    assert answers(f"{clinic.url}/_stcore/health")

    page = browser.new_context().new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    app = AppPage(page, clinic.url)
    app.open("/risks?lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert dialogs == [] and "<script>alert(1)</script>" not in page.content()
    expect(page.get_by_test_id("stMain").get_by_role("heading", level=1).first).to_be_visible()
    page.context.close()


def test_nothing_logs_the_addresses_patients_open(clinic):
    get(f"{clinic.url}/risks?lang=es&secret-probe=1")
    get(f"{clinic.url}/guide/es/risks.html?secret-probe=2")
    assert get(f"{clinic.url}/_stcore/health")[0] == 200  # answered after the probes: they are done with
    assert "secret-probe" not in clinic.output.read_text()


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_signal_stops_every_process_make_serve_started(tmp_path, stop_signal):
    port = free_port()
    command = [sys.executable, "-m", "deploy.serve", "--port", str(port), "--workers", "1",
               "--first-worker-port", "0", "--build", str(tmp_path)]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/_stcore/health"), 120, "the proxy answers")
        state = json.loads((tmp_path / "serve-state.json").read_text())
        started = [state["proxy_pid"], *(worker["pid"] for worker in state["workers"])]
        process.send_signal(stop_signal)
        assert process.wait(timeout=30) == 0
        wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in started), 10, "every process has ended")
        assert not answers(f"http://127.0.0.1:{port}/_stcore/health")
    finally:
        if process.poll() is None:
            process.kill()


@pytest.mark.parametrize(("address", "lands_on"), [
    ("/outcomes/x?lang=es", r"/outcomes\?lang=es$"),  # below a topic: that topic
    ("/a/b?lang=es", r"/\?lang=es$"),  # anything else: the overview, saying so
    ("/nothing?lang=es", r"/\?lang=es$"),
])  # fmt: skip
def test_an_address_the_app_does_not_have_never_gives_a_blank_page(browser, clinic, address, lands_on):
    app = AppPage(browser.new_context(viewport=VIEWPORTS["phone"]).new_page(), clinic.url)
    tab = app.open(address)
    assert re.search(lands_on, tab.url), tab.url
    expect(tab.get_by_test_id("stMain").get_by_role("heading", level=1).first).to_be_visible()
    notice = tab.get_by_text(text.t("es", "app.not_found"))
    expect(notice).to_have_count(0 if "outcomes" in lands_on else 1)
    assert app.problems == []
    tab.context.close()


def test_the_start_page_says_its_language_describes_the_app_and_robots_get_a_real_file(browser, clinic):
    for headers, lang in [({}, "en"), ({"Accept-Language": "es-MX,es;q=0.9"}, "es")]:
        status, _, page = get(f"{clinic.url}/risks", headers)
        assert status == 200 and f'<html lang="{lang}">' in page.decode()
        description = html.escape(text.t(lang, "app.meta_description"))
        assert f'<meta name="description" content="{description}"' in page.decode()
    assert '<html lang="es">' in get(f"{clinic.url}/for-me?lang=es", {"Accept-Language": "en"})[2].decode()
    status, headers, robots = get(f"{clinic.url}/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain") and robots.startswith(b"User-agent: *")
    # The page still runs, with its one extra line of script allowed by the CSP, and asks no wrong address.
    app = AppPage(browser.new_context(locale="es-MX").new_page(), clinic.url)
    tab = app.open("/outcomes")
    assert tab.evaluate("document.documentElement.lang") == "es"
    expect(tab.locator("h1").first).to_have_text(text.t("es", "outcomes.title"))
    assert app.problems == [] and not any("/outcomes/_stcore/" in url for url in app.requested)
    tab.context.close()
