"""deploy/Containerfile without a container engine (this machine has none): the files it copies, alone in a
folder laid out as in the image, run its entry point and the guide's export and server with the whole
filesystem read-only but one folder and no capabilities (as the Kubernetes manifests run them)."""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NewSession_pb2 import Config as SessionConfig

from bench.streamlit_client import StreamlitSession, run_in_thread
from deploy import serve
from deploy.streamlit_worker import free_port
from tests.app_pages import app_pages
from tests.conftest import ROOT
from tests.test_kubernetes import CONTAINERFILE, KUBERNETES, caddyfile_security_headers, containerfile_exec_form

IMAGE_PYTHON = "/opt/venv/bin/python"
# As a pod runs it: in a private mount namespace where / is read-only and only the folder given first stays
# writable (readOnlyRootFilesystem, an emptyDir), with every capability dropped and no privilege to gain
# (capabilities drop ALL, allowPrivilegeEscalation false).
READ_ONLY = (
    'mount --make-rprivate / && mount --bind "$0" "$0" && mount -o remount,bind,ro / && '
    'exec setpriv --no-new-privs --bounding-set -all --inh-caps -all --ambient-caps -all "$@"'
)


def copies() -> list[tuple[list[str], str]]:
    """The Containerfile's COPY lines: (sources in the project, destination in the image)."""
    lines = re.findall(r"^COPY (.+)$", CONTAINERFILE.read_text(encoding="utf-8"), re.M)
    return [(words[:-1], words[-1]) for words in (line.split() for line in lines)]


def image_setting(name: str) -> str:
    return re.search(rf"^{name} (.+)$", CONTAINERFILE.read_text(encoding="utf-8"), re.M).group(1)


@pytest.fixture(scope="module")
def image(tmp_path_factory) -> Path:
    """A folder holding only what the Containerfile copies, where it copies it (/srv/app -> IMAGE/srv/app)."""
    root = tmp_path_factory.mktemp("image")
    for sources, destination in copies():
        target = root / destination.lstrip("/")
        for source in sources:
            path = ROOT / source
            assert path.exists(), f"the Containerfile copies {source}, which is not in the project"
            into = target / path.name if destination.endswith("/") else target
            if path.is_dir():
                shutil.copytree(path, into, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                into.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, into)
    return root


def image_environment(writable: Path) -> dict[str, str]:
    """The image's ENV, with its /tmp (an emptyDir in Kubernetes) being the one writable folder."""
    environment = dict(word.split("=", 1) for word in shlex.split(image_setting("ENV")))
    environment = {name: value.replace("/tmp", str(writable)) for name, value in environment.items()}
    return {"PATH": os.environ["PATH"], "TMPDIR": str(writable), **environment}


def in_image(image: Path, command: list[str]) -> list[str]:
    """A command of the image, run with this project's Python (the image's, built from the same pins)."""
    return [sys.executable if word == IMAGE_PYTHON else word.replace("/srv/", f"{image}/srv/") for word in command]


@contextmanager
def started(command: list[str], writable: Path, environment: dict, cwd: Path) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen(
        ["unshare", "--mount", "sh", "-c", READ_ONLY, str(writable), *command],
        cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_until_answers(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def guide_caddyfile_on(site: Path, port: int) -> str:
    """guide.Caddyfile as a pod runs it, on a loopback port here and with the exported guide where it lies."""
    guide_caddyfile = (KUBERNETES / "guide.Caddyfile").read_text(encoding="utf-8")
    pod_address = "http://:8080 {"
    assert pod_address in guide_caddyfile
    return guide_caddyfile.replace("/srv/guide/site", str(site)).replace(
        pod_address, f"http://:{port} {{\n\tbind 127.0.0.1"
    )


def fetch(url: str):
    """The response (an error status too), without following a redirect."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    try:
        return urllib.request.build_opener(NoRedirect).open(url, timeout=10)
    except urllib.error.HTTPError as error:
        return error


async def elements_of(url: str, page: str) -> list[str]:
    """What a page shows, one kind per element (markdown, exception ...), until its script finishes."""
    kinds = []
    async with StreamlitSession(url, page) as session:
        message = BackMsg()
        message.rerun_script.page_name = page
        await session.socket.send(message.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await asyncio.wait_for(session.socket.recv(), timeout=120))
            kind = reply.WhichOneof("type")
            if kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                kinds.append(reply.delta.new_element.WhichOneof("type"))
            if (
                kind == "script_finished"
                and reply.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
            ):
                return kinds


def test_the_containerfile_copies_only_what_exists_and_starts_the_worker_as_non_root():
    assert copies(), "no COPY line read"
    assert image_setting("FROM").startswith("docker.io/library/debian:")
    assert re.fullmatch(r"(\d+):(\d+)", image_setting("USER")) and not image_setting("USER").startswith("0:")
    assert containerfile_exec_form("ENTRYPOINT") == [IMAGE_PYTHON, "-m", "deploy.worker"]
    installs = re.findall(r"pip install .*", CONTAINERFILE.read_text(encoding="utf-8"))
    assert installs == ["pip install --no-cache-dir -r /srv/app/requirements.txt -c /srv/app/constraints.txt"]


def test_the_entry_point_serves_every_page_from_the_images_files_alone_on_a_read_only_root(image, tmp_path):
    port = free_port()
    arguments = containerfile_exec_form("CMD")
    arguments[arguments.index("--first-port") + 1] = str(port)
    arguments[arguments.index("--address") + 1] = "127.0.0.1"  # the image listens on every address; a test on loopback
    environment = image_environment(tmp_path) | {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    command = in_image(image, containerfile_exec_form("ENTRYPOINT") + arguments)
    url = f"http://127.0.0.1:{port}"
    with started(command, tmp_path, environment, cwd=image / image_setting("WORKDIR").lstrip("/")) as process:
        wait_until_answers(f"{url}/_stcore/health", process)
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as health:
            # .streamlit/config.toml came along: XSRF protection is on, so the health check sets its cookie.
            assert "_streamlit_xsrf=" in (health.headers["Set-Cookie"] or "")

        async def first_settings() -> SessionConfig:
            """The settings the server sends a new session, from the image's .streamlit/config.toml."""
            async with StreamlitSession(url, "") as session:
                message = BackMsg()
                message.rerun_script.page_name = ""
                await session.socket.send(message.SerializeToString())
                while True:
                    reply = ForwardMsg()
                    reply.ParseFromString(await session.socket.recv())
                    if reply.WhichOneof("type") == "new_session":
                        return reply.new_session.config

        settings = run_in_thread(first_settings())
        assert settings.gather_usage_stats is False
        assert settings.toolbar_mode == SessionConfig.ToolbarMode.MINIMAL
        assert settings.hide_sidebar_nav is True

        rendered = {page.url_path: run_in_thread(elements_of(url, page.url_path)) for page in app_pages()}
        for address, elements in rendered.items():
            assert "exception" not in elements, f"/{address} shows an error"
            assert "markdown" in elements, f"/{address} shows no text"
        assert process.poll() is None


def test_the_guide_is_exported_and_served_read_only_with_the_caddyfiles_headers(image, tmp_path):
    guide_pod = yaml.safe_load((KUBERNETES / "guide-deployment.yaml").read_text(encoding="utf-8"))["spec"]["template"]
    (export,) = guide_pod["spec"]["initContainers"]
    (server,) = guide_pod["spec"]["containers"]
    writable = tmp_path / "emptydir"
    writable.mkdir()
    environment = image_environment(writable) | {"EXPLAINER_DATA_DIR": str(image / "srv" / "app" / "data")}
    export_command = in_image(image, [word.replace("/srv/guide", str(writable)) for word in export["command"]])
    with started(export_command, writable, environment, cwd=image / "srv" / "app") as exporting:
        assert exporting.wait(timeout=300) == 0, exporting.stdout.read()
    site = writable / "site"
    assert (site / "en" / "index.html").exists()

    port = free_port()
    config = writable / "Caddyfile"
    config.write_text(guide_caddyfile_on(site, port), encoding="utf-8")
    caddy_environment = environment | {env["name"]: str(writable) for env in server["env"]}
    caddy_command = [str(config) if word == "/etc/scs-guide/Caddyfile" else word for word in server["command"]]
    url = f"http://127.0.0.1:{port}"
    with started(caddy_command, writable, caddy_environment, cwd=writable) as caddy:
        wait_until_answers(f"{url}/guide/", caddy, seconds=30)
        page = fetch(f"{url}/guide/en/")
        assert page.status == 200 and "<html" in page.read().decode()
        for name, value in caddyfile_security_headers().items():
            assert page.headers.get(name) == value, name
        assert page.headers["Content-Security-Policy"] == serve.guide_csp(site)
        redirect = fetch(f"{url}/guide")
        assert (redirect.status, redirect.headers["Location"]) == (308, "/guide/")
        for refused in ("/_stcore/upload_file", "/_stcore/metrics", "/manifest.json"):
            answer = fetch(url + refused)
            assert answer.status == 404, refused
            assert answer.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
            assert answer.headers.get("Server") is None
