"""The site as deploy/kubernetes serves it, in Chromium. No cluster runs here, so: a worker started as the image
starts it (python -m deploy.worker), the guide's Caddy with guide.Caddyfile, and in front a stand-in for
ingress-nginx (Caddy) made from ingress.yaml's paths and security-headers.yaml's headers, set on the app's
answers only, as the custom-headers annotation does. It shows that Streamlit's own start page, which pods
serve, runs under the app's Content-Security-Policy, and the guide's language picker under the guide's."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import yaml
from playwright.sync_api import expect

from deploy.streamlit_worker import free_port
from explainer.outputs import export
from tests.app_pages import app_pages
from tests.browser.conftest import SCREENSHOTS, VIEWPORTS, AppPage
from tests.browser.test_proxy import PAGES_WITH_CHARTS
from tests.conftest import DATA, ROOT
from tests.test_container import fetch, guide_caddyfile_on, wait_until_answers
from tests.test_kubernetes import KUBERNETES


def manifests(file: str) -> list[dict]:
    return list(yaml.safe_load_all((KUBERNETES / file).read_text(encoding="utf-8")))


def app_headers() -> dict[str, str]:
    (headers_map,) = manifests("security-headers.yaml")
    return headers_map["data"]


def front_caddyfile(port: int, services: dict[str, int]) -> str:
    """ingress-nginx's routing in Caddy: exact paths first, then the longest prefix, each to its Service."""
    routes = []
    for ingress in manifests("ingress.yaml"):
        annotations = ingress["metadata"].get("annotations", {})
        headers = app_headers() if "nginx.ingress.kubernetes.io/custom-headers" in annotations else {}
        for path in ingress["spec"]["rules"][0]["http"]["paths"]:
            service = path["backend"]["service"]["name"]
            exact_first = (path["pathType"] != "Exact", -len(path["path"]))
            routes.append((*exact_first, path["path"], path["pathType"], service, headers))
    matchers, handlers = [], []
    for index, (_, _, path, kind, service, headers) in enumerate(sorted(routes)):
        prefix = path.rstrip("/")
        matchers.append(
            f"\t@path{index} path " + (path if kind == "Exact" else f"{prefix} {prefix}/*" if prefix else "*")
        )
        handlers += [
            f"\t\thandle @path{index} {{",
            *(f'\t\t\theader {name} "{value}"' for name, value in headers.items()),
        ]
        handlers += [f"\t\t\treverse_proxy 127.0.0.1:{services[service]}", "\t\t}"]
    opening = ["{", "\tadmin off", "\tauto_https off", "}", f"http://:{port} {{", "\tbind 127.0.0.1"]
    return "\n".join([*opening, *matchers, "\troute {", *handlers, "\t}", "}", ""])


@dataclass
class Cluster:
    url: str
    processes: list[subprocess.Popen]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[Cluster]:
    folder = tmp_path_factory.mktemp("cluster")
    site = folder / "guide" / "site"
    export.write_site(DATA, site, app_url="/")  # the init container's export, same arguments
    (app_pod,) = manifests("app-deployment.yaml")
    (app,) = app_pod["spec"]["template"]["spec"]["containers"]
    pod_environment = {env["name"]: env["value"] for env in app["env"] if "value" in env}
    environment = {**os.environ, **pod_environment, "EXPLAINER_DATA_DIR": str(DATA),
                   "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
                   "XDG_DATA_HOME": str(folder), "XDG_CONFIG_HOME": str(folder)}  # fmt: skip
    ports = {"scs-app": free_port(), "scs-guide": free_port()}
    front = free_port()
    (folder / "guide.Caddyfile").write_text(guide_caddyfile_on(site, ports["scs-guide"]), encoding="utf-8")
    (folder / "front.Caddyfile").write_text(front_caddyfile(front, ports), encoding="utf-8")
    commands = [
        [sys.executable, "-m", "deploy.worker", "--address", "127.0.0.1", "--first-port", str(ports["scs-app"]),
         "--workers", "1"],
        ["caddy", "run", "--config", str(folder / "guide.Caddyfile"), "--adapter", "caddyfile"],
        ["caddy", "run", "--config", str(folder / "front.Caddyfile"), "--adapter", "caddyfile"],
    ]  # fmt: skip
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL) for command in commands
    ]
    try:
        url = f"http://127.0.0.1:{front}"
        for process, address in zip(processes, ("/_stcore/health", "/guide/", "/_stcore/health"), strict=True):
            wait_until_answers(url + address, process)
        yield Cluster(url, processes)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)


def test_the_stand_in_sends_the_app_its_headers_and_refuses_what_the_app_does_not_use(cluster):
    start_page = fetch(f"{cluster.url}/")
    assert start_page.status == 200
    for name, value in app_headers().items():
        assert start_page.headers[name] == value, name
    upload = fetch(f"{cluster.url}/_stcore/upload_file")
    assert (upload.status, upload.headers["Content-Security-Policy"]) == (
        404,
        "default-src 'none'; frame-ancestors 'none'",
    )


@pytest.mark.parametrize("page", app_pages(), ids=lambda page: page.url_path or "overview")
def test_every_page_runs_under_the_apps_csp_with_no_console_error(browser, cluster, page):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="en-US")
    app = AppPage(context.new_page(), cluster.url)
    tab = app.open(f"/{page.url_path}")
    if page.url_path in PAGES_WITH_CHARTS:
        expect(tab.get_by_test_id("stVegaLiteChart").locator("svg").first).to_be_visible()
    assert tab.get_by_test_id("stException").count() == 0
    assert app.problems == []  # a CSP refusal is a console error
    if page.url_path == "outcomes":
        app.screenshot("kubernetes-outcomes-desktop")
    context.close()


def test_the_guide_opens_in_the_browsers_language_and_leads_to_the_app(browser, cluster):
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="es-MX")
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{cluster.url}/guide/")
    page.wait_for_url(f"{cluster.url}/guide/es/index.html")  # the picker's script ran: its hash is allowed
    expect(page.locator("h1")).to_have_text(re.compile("^Estimulación de la médula espinal"))
    page.screenshot(path=str(SCREENSHOTS / "kubernetes-guide-phone.png"), full_page=True)
    page.get_by_role("link", name="Abrir la app interactiva").first.click()
    page.wait_for_url(re.compile(r"/\?lang=es"))
    expect(page.get_by_test_id("stMain").get_by_role("heading", level=1).first).to_contain_text("Estimulación")
    page.screenshot(path=str(SCREENSHOTS / "kubernetes-app-from-guide-phone.png"))
    assert [error for error in errors if "404" not in error] == [], errors
    context.close()
