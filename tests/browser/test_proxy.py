"""make serve for real: Caddy in front of two Streamlit workers on loopback, in Debian's Chromium."""

from __future__ import annotations

import asyncio
import functools
import html
import json
import os
import re
import shutil
import signal
import socket
import statistics
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
from streamlit.proto.BackMsg_pb2 import BackMsg

from bench.serve import Clinic, running_clinic
from bench.streamlit_client import StreamlitSession, run_in_thread
from deploy.serve import free_port
from explainer import text
from tests.app_pages import app_pages
from tests.browser.conftest import SCREENSHOTS, SLIDER, VIEWPORTS, AppPage
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
    # The app's script: in Streamlit's head, or asked for by the first screen's loader once it is painted.
    script = re.search(rb'src(?:="| = ")\./(static/js/[^"]+\.js)"', page).group(1).decode()
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


def test_every_request_of_a_fresh_visit_reaches_one_worker_and_its_handout_downloads(browser, clinic, tmp_path):
    """The page's first requests (health, host-config, icon) and its websocket go where its handout is."""
    mixed, failed_downloads = [], []
    for visit in range(30):
        context = browser.new_context(viewport=VIEWPORTS["desktop"], accept_downloads=True)
        app = AppPage(context.new_page(), clinic.url)
        responses: list = []  # a list's own method is no function for Playwright: wrap it
        app.page.on("response", functools.partial(list.append, responses))
        tab = app.open("/for-me")
        try:
            with tab.expect_download(timeout=15_000) as download_info:
                tab.get_by_role("button", name="Download the handout").click()
            download_info.value.save_as(tmp_path / "handout.html")
            assert "take-home handout" in (tmp_path / "handout.html").read_text(encoding="utf-8")
        except Exception as error:  # noqa: BLE001 (counted, then asserted below)
            failed_downloads.append(f"visit {visit}: {error}")
        chosen = {affinity_cookie_of(response) for response in responses} - {None}
        sent = {cookie_sent(response.request) for response in responses if response.url.startswith(clinic.url)}
        if len(chosen) != 1 or sent - {f"{COOKIE}={value}" for value in chosen} - {None}:
            mixed.append((visit, chosen, sent))
        first = next(response for response in responses if response.url.startswith(clinic.url))
        later = [response for response in responses[1:] if response.url.startswith(clinic.url)]
        if affinity_cookie_of(first) is None or any(cookie_sent(response.request) is None for response in later):
            mixed.append((visit, "a request went without the visit's cookie"))
        context.close()
    assert mixed == [] and failed_downloads == [], (mixed, failed_downloads)


def affinity_cookie_of(response) -> str | None:
    for header in response.headers_array():
        if header["name"].lower() == "set-cookie":
            match = re.match(rf"{COOKIE}=([0-9a-f]+)", header["value"])
            if match:
                return match.group(1)
    return None


def cookie_sent(request) -> str | None:
    """The affinity cookie a request carried, as name=value."""
    cookies = request.all_headers().get("cookie", "")
    return next((part.strip() for part in cookies.split(";") if part.strip().startswith(f"{COOKIE}=")), None)


def test_the_affinity_cookie_is_http_only_and_same_site_and_redirects_carry_a_policy(clinic):
    for path in ("/", "/_stcore/health"):
        _, headers, _ = get(f"{clinic.url}{path}")
        (cookie,) = [value for value in headers.get_all("Set-Cookie") if value.startswith(f"{COOKIE}=")]
        attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
        assert {"path=/", "httponly", "samesite=lax"} <= attributes, cookie
    request = urllib.request.Request(f"{clinic.url}/outcomes/x")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(request, timeout=10)
        raise AssertionError("no redirect")
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302 and "default-src 'none'" in redirect.headers["Content-Security-Policy"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_what_the_app_does_not_use_is_refused(clinic):
    """An upload with everything a visitor's page has (its session, its worker, its XSRF token) is refused."""
    _, headers, _ = get(f"{clinic.url}/_stcore/health")
    cookies = "; ".join(value.split(";")[0] for value in headers.get_all("Set-Cookie"))
    token = re.search(r"_streamlit_xsrf=([^;]+)", cookies).group(1)

    part = b'--scs\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n'
    upload = part + b"x" * 900_000 + b"\r\n--scs--\r\n"
    upload_headers = {"Content-Type": "multipart/form-data; boundary=scs", "Cookie": cookies, "X-Xsrftoken": token}

    def answer(path: str, method: str, data: bytes | None) -> tuple[int, bytes]:
        try:
            status, _, body = get(f"{clinic.url}{path}", upload_headers, data, method)
        except urllib.error.URLError as cut_off:  # refused before the upload was taken in
            return 404, str(cut_off.reason).encode()
        return status, body

    async def while_connected() -> dict[str, tuple[int, bytes]]:
        async with StreamlitSession(clinic.url, "", {"Cookie": cookies}) as session:
            await session.rerun()
            uploads = f"/_stcore/upload_file/{session.session_id}/file-1"
            asked = [(uploads, "PUT", upload), (uploads, "DELETE", None), ("/_stcore/metrics", "GET", None),
                     ("/_stcore/agent/openapi.json", "GET", None), ("/manifest.json", "GET", None)]  # fmt: skip
            return {f"{method} {path}": answer(path, method, data) for path, method, data in asked}

    for asked, (status, body) in run_in_thread(while_connected()).items():
        assert status == 404 and b"cache" not in body and len(body) < 100, (asked, status, body[:200])
    for path in ("/_stcore/health", "/_stcore/host-config"):
        assert get(f"{clinic.url}{path}")[0] == 200, path


def serve_command(tmp_path: Path, port: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "deploy.serve", "--port", str(port), "--workers", "1", "--build", str(tmp_path),
            *extra]  # fmt: skip


def test_a_taken_worker_port_stops_make_serve_with_a_clear_message(tmp_path):
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        taken = other_program.getsockname()[1]
        command = serve_command(tmp_path, free_port(), "--first-worker-port", str(taken))
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"port {taken} is already in use by another program" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr and "Serving" not in result.stdout


def test_broken_data_stops_make_serve_with_the_data_problems(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "risks.csv").unlink()
    (data / "risks.csv").symlink_to(tmp_path / "nowhere.csv")  # a link to nothing
    command = serve_command(tmp_path, free_port(), "--first-worker-port", "0")
    environment = {**os.environ, "EXPLAINER_DATA_DIR": str(data)}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, env=environment)
    assert result.returncode == 1
    assert re.search(r"^risks\.csv:-:-: ", result.stdout + result.stderr, re.M), result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_make_serve_says_what_it_does_and_listens_only_where_it_is_told(tmp_path):
    port = free_port()
    output = tmp_path / "output.log"
    with open(output, "w") as log:
        process = subprocess.Popen(serve_command(tmp_path, port, "--first-worker-port", "0", "--listen", "127.0.0.2"),
                                   cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        wait_for(lambda: answers(f"http://127.0.0.2:{port}/_stcore/health"), 120, "the proxy answers on 127.0.0.2")
        said = output.read_text()
        assert "Building the patient guide from" in said and "Starting 1 Streamlit workers" in said
        assert f"Serving on http://127.0.0.2:{port}/ (only that address)" in said
        assert not answers(f"http://127.0.0.1:{port}/_stcore/health")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_make_serve_with_workers_only_on_other_hosts_names_them_from_a_file_and_the_environment(tmp_path):
    """--workers 0: the upstreams come from --upstreams-file (comments allowed) and EXPLAINER_UPSTREAMS."""
    first, second = f"127.0.0.2:{free_port()}", f"127.0.0.3:{free_port()}"
    listed = tmp_path / "upstreams.txt"
    listed.write_text(f"# the machines that run make worker\n{first}  # ward A\n", encoding="utf-8")
    port = free_port()
    output = tmp_path / "output.log"
    command = [sys.executable, "-m", "deploy.serve", "--port", str(port), "--workers", "0", "--build", str(tmp_path),
               "--listen", "127.0.0.1", "--upstreams-file", str(listed)]  # fmt: skip
    with open(output, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "EXPLAINER_UPSTREAMS": second},
                                   stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        wait_for(lambda: "Serving on" in output.read_text() or process.poll() is not None, 120, "make serve says so")
        said = output.read_text()
        assert (
            f"Serving on http://127.0.0.1:{port}/ (only that address) with 2 Streamlit workers on other hosts "
            f"({first}, {second}); the patient guide is at /guide/"
        ) in said, said
        assert "Starting 0" not in said, said
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_a_visitors_clear_cache_flood_does_not_slow_another_patient(clinic):
    """Streamlit's "clear caches" message (any page may send it) empties st.cache_* for every session."""
    _, headers, _ = get(f"{clinic.url}/_stcore/health")
    same_worker = {"Cookie": f"{COOKIE}={worker_of(headers)}"}

    async def patient_reruns(flood: bool) -> float:
        async with (
            StreamlitSession(clinic.url, "outcomes", same_worker) as patient,
            StreamlitSession(clinic.url, "", same_worker) as visitor,
        ):
            await patient.rerun()
            await visitor.rerun()
            clearing = asyncio.create_task(clear_caches_every(visitor.socket, 0.25)) if flood else None
            times = []
            for _ in range(20):
                await asyncio.sleep(0.3)  # a clear lands between two of the patient's reruns
                times.append(await patient.rerun())
            if clearing:
                clearing.cancel()
            return statistics.median(times)

    quiet = run_in_thread(patient_reruns(flood=False))
    flooded = run_in_thread(patient_reruns(flood=True))
    print(f"clear_cache flood: median rerun {quiet:.3f} s quiet, {flooded:.3f} s flooded")
    assert flooded <= 2 * quiet, f"median rerun {quiet:.3f} s, {flooded:.3f} s under a clear_cache flood"


async def clear_caches_every(socket, seconds: float) -> None:
    message = BackMsg()
    message.clear_cache = True
    while True:
        await socket.send(message.SerializeToString())
        await asyncio.sleep(seconds)


def test_after_its_worker_dies_a_patients_page_downloads_and_keeps_the_entries_in_the_note(browser, clinic, tmp_path):
    """The page reconnects to the other worker: its handout button works and the wrap-up holds what was entered.

    The pain score is set on Results, where its control sits in a fragment, before the patient goes back to For me."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], accept_downloads=True)
    app = AppPage(context.new_page(), clinic.url)
    tab = app.open("/for-me")
    for choice in ("My leg pain", "MRI scans later (a scan with a magnet)"):
        app.rerun_after(lambda choice=choice: tab.get_by_role("button", name=choice).click())
    app.rerun_after(lambda: tab.get_by_text("Can I have MRI scans with this device? Which kinds?").click())
    app.rerun_after(lambda: tab.get_by_role("link", name="Results").first.click())
    tab.locator(SLIDER).first.focus()
    for _ in range(2):
        app.rerun_after(lambda: tab.keyboard.press("ArrowLeft"))
    expect(tab.get_by_test_id("stMain")).to_contain_text("If your pain today is 6 out of 10")
    app.rerun_after(lambda: tab.get_by_role("link", name="For me").first.click())
    logged_before = len(clinic.output.read_text().splitlines())
    cookie = next(c["value"] for c in context.cookies() if c["name"] == COOKIE)
    workers = clinic.state()["workers"]
    subprocess.run(["kill", "-9", str(workers[0]["pid"])], check=True)
    time.sleep(1.5)  # the proxy's health check has seen it
    if not moved(clinic, cookie):  # the patient was on the other worker
        subprocess.run(["kill", "-9", str(workers[1]["pid"])], check=True)
        wait_for(lambda: moved(clinic, cookie), 15, "the patient's visit moves to a live worker")

    expect(tab.get_by_test_id("stApp")).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=30_000)
    app.wait_for_run()
    expect(tab.get_by_test_id("stSliderThumbValue").first).to_have_text("6")  # the control shows what was set
    with tab.expect_download(timeout=15_000) as download_info:
        tab.get_by_role("button", name="Download the handout").click()
    download_info.value.save_as(tmp_path / "handout.html")
    handout = (tmp_path / "handout.html").read_text(encoding="utf-8")
    assert "Can I have MRI scans with this device? Which kinds?" in handout
    assert "Your pain today: 6 out of 10." in handout
    app.rerun_after(lambda: tab.get_by_role("link", name="Wrap-up").first.click())
    note = tab.locator("code").last
    expect(note).to_contain_text("- Pain today: 6 out of 10")
    expect(note).to_contain_text("- What matters most: My leg pain; MRI scans later (a scan with a magnet)")
    expect(note).to_contain_text("- Questions ticked: Can I have MRI scans with this device? Which kinds?")
    with tab.expect_download(timeout=15_000) as download_info:
        tab.get_by_role("button", name="Download the one-page summary").click()
    download_info.value.save_as(tmp_path / "summary.html")
    summary = (tmp_path / "summary.html").read_text("utf-8")
    assert "Can I have MRI scans with this device? Which kinds?" in summary
    assert "If your pain today is 6 out of 10," in summary  # the summary names it once, in what the drop would leave
    app.screenshot("proxy-wrap-up-after-worker-died")
    context.close()
    # Caddy's and the workers' output: nothing the patient entered, nor the address it may sit in.
    logged = "\n".join(clinic.output.read_text().splitlines()[logged_before:])
    assert "pain=" not in logged and "MRI" not in logged and "leg pain" not in logged.lower(), logged[-2000:]
    for worker in workers:  # make serve starts them again: later tests find both
        wait_for(lambda worker=worker: answers(f"http://127.0.0.1:{worker['port']}/_stcore/health"), 120, "restarted")


def test_malformed_websocket_messages_do_not_flood_the_log(clinic):
    async def send_junk() -> None:
        for _ in range(5):
            async with StreamlitSession(clinic.url, "") as session:
                await session.socket.send(b"\xff\x00 not a BackMsg \x13\x37")
                with suppress(websockets.ConnectionClosed, TimeoutError):  # Streamlit may close it
                    await asyncio.wait_for(session.socket.recv(), 2)
        await asyncio.sleep(1)

    logged_before = len(clinic.output.read_text().splitlines())
    run_in_thread(send_junk())
    added = clinic.output.read_text().splitlines()[logged_before:]
    assert len(added) < 5, "\n".join(added[:60])
    assert answers(f"{clinic.url}/_stcore/health")


class WorkerHost:
    """`make worker` with one worker on its own loopback address, as another machine would run it."""

    def __init__(self, address: str, secret: str, log: Path):
        port = free_port()
        self.upstream = f"{address}:{port}"
        environment = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret}
        command = [sys.executable, "-m", "deploy.worker", "--address", address, "--first-port", str(port),
                   "--workers", "1"]  # fmt: skip
        with open(log, "w") as output:
            self.process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
        wait_for(lambda: "Workers ready" in log.read_text() or self.process.poll() is not None, 90, "make worker")
        assert self.process.poll() is None, log.read_text()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)


def test_workers_on_two_hosts_behind_one_proxy(browser, tmp_path):
    """127.0.0.2 and 127.0.0.3 stand for two machines running make worker; make serve runs none of its own."""
    secret = "shared-secret-for-the-test"
    hosts = [WorkerHost(address, secret, tmp_path / f"{address}.log") for address in ("127.0.0.2", "127.0.0.3")]
    port = free_port()
    command = [sys.executable, "-m", "deploy.serve", "--port", str(port), "--workers", "0", "--build", str(tmp_path),
               *(argument for host in hosts for argument in ("--upstream", host.upstream))]  # fmt: skip
    environment = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret}
    proxy = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: answers(f"{url}/_stcore/health"), 120, "the proxy answers")
        assert len(workers_chosen(url)) == 2  # fresh visits reach both hosts
        for page in app_pages():
            app = AppPage(browser.new_context(accept_downloads=True).new_page(), url)
            app.open(f"/{page.url_path}")
            assert app.problems == [] and app.page.get_by_test_id("stException").count() == 0, page
            if page.url_path == "for-me":  # the session stays on its host: its download works
                with app.page.expect_download(timeout=15_000):
                    app.page.get_by_role("button", name="Download the handout").click()
            app.page.context.close()
        with patient_on_each_worker(browser, url) as tabs:
            assert len(tabs) == 2
            hosts[0].stop()  # every worker of 127.0.0.2 stops; 127.0.0.3 goes on
            stopped_at = time.monotonic()
            wait_for(lambda: all(get(f"{url}/")[0] == 200 for _ in range(5)), 5, "new visits reach the other host")
            assert time.monotonic() - stopped_at < 5
            for app in tabs.values():  # the stranded patient reconnects to a working page; the other carries on
                expect(app.page.locator("[data-test-connection-state='CONNECTED']")).to_be_visible(timeout=30_000)
                app.wait_for_run()
                assert app.page.get_by_test_id("stException").count() == 0
    finally:
        proxy.send_signal(signal.SIGTERM)
        proxy.wait(timeout=30)
        for host in hosts:
            host.stop()
