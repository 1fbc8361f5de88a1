"""Start `streamlit run SCRIPT` on a free localhost port, healthy before it is handed out, stopped after."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from deploy.serve import free_port

ROOT = Path(__file__).resolve().parent.parent
# Debian's Chromium, never a downloaded browser; background networking off on a closed network.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class Server:
    url: str
    pid: int
    log: Path
    start_s: float = 0.0  # from launch until /_stcore/health answers


# The minimal page is served as Streamlit serves any page by default: with its garbage collection after
# every rerun. The app's config turns that off as one of its own savings (runner.postScriptGC).
BASELINE_ENV = {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "true"}


@contextmanager
def running_baseline() -> Iterator[Server]:
    """The minimal Streamlit page (bench/baseline_app.py) that budgets are measured against."""
    with running_streamlit("bench/baseline_app.py", BASELINE_ENV) as server:
        yield server


@contextmanager
def running_streamlit(script: str = "app.py", env: dict[str, str] | None = None) -> Iterator[Server]:
    port = free_port()
    log_path = ROOT / f".streamlit-test-{port}.log"
    log = open(log_path, "w+")  # noqa: SIM115
    launched = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            _wait_until_answering(url, process, "/_stcore/health")
        except RuntimeError:
            log.seek(0)
            raise RuntimeError(f"streamlit did not become healthy on {url}:\n{log.read()}") from None
        yield Server(url, process.pid, log_path, time.perf_counter() - launched)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        log_path.unlink(missing_ok=True)


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (user + system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def serving_folder(folder: Path) -> Iterator[str]:
    """A folder of plain files on a free localhost port (Python's own static server), as any static host serves it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_answering(url: str, process: subprocess.Popen, path: str = "/", seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}{path}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"nothing answered on {url}{path}")
        time.sleep(0.1)


@dataclass(frozen=True)
class Clinic:
    """make serve's processes: the proxy's address, where its state file is, and its own output."""

    url: str
    process: subprocess.Popen
    build: Path
    output: Path

    def state(self) -> dict:
        return json.loads((self.build / "serve-state.json").read_text())


@contextmanager
def running_clinic(workers: int, build: Path, restart_delay: float = 1.0) -> Iterator[Clinic]:
    """`make serve` (deploy/serve.py) with this many workers on free ports, stopped with SIGTERM after."""
    build.mkdir(parents=True, exist_ok=True)
    output = build / "serve-output.log"
    port = free_port()
    command = [sys.executable, "-m", "deploy.serve", "--port", str(port), "--workers", str(workers),
               "--first-worker-port", "0", "--build", str(build), "--restart-delay", str(restart_delay)]  # fmt: skip
    with open(output, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            _wait_until_answering(url, process, "/_stcore/health", seconds=120)
        except RuntimeError:
            raise RuntimeError(f"make serve did not start:\n{output.read_text()}") from None
        yield Clinic(url, process, build, output)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
