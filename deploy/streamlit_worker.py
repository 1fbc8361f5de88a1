"""One Streamlit worker process and the checks around it, for make serve and make worker.

Only the standard library: make worker's supervisor (a container's entry point) imports this module and
nothing of Streamlit or the app, so it stays a few MB beside the worker it watches.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# deploy/kubernetes/cookie-secret.env.example's value: a worker refuses to start with it.
PLACEHOLDER_SECRET = "replace-with-a-random-value"


def free_port() -> int:
    """A port nothing listens on now, from the system."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on host:port (a port only waiting out an old connection counts as free)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


class PortTaken(RuntimeError):
    def __init__(self, port: int):
        super().__init__(
            f"port {port} is already in use by another program, so a worker cannot listen there. "
            "Stop that program, or give the workers other ports: make serve FIRST_WORKER_PORT=... "
            "(python -m deploy.serve --first-worker-port ...)"
        )


@dataclass
class Worker:
    port: int
    environment: dict[str, str]
    host: str = "127.0.0.1"
    process: subprocess.Popen | None = None
    restarts: int = 0
    stopped_at: float | None = field(default=None)

    def start(self) -> None:
        if not port_is_free(self.port, self.host):
            raise PortTaken(self.port)
        command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
                   "--server.address", self.host, "--server.headless", "true",
                   "--server.enableWebsocketCompression", "true"]  # fmt: skip
        # Its banner lists the worker's private address, which is not the one to open; errors still show.
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.environment, stdout=subprocess.DEVNULL)
        self.stopped_at = None

    def healthy(self) -> bool:
        """Our own process answers its health check (not another program that holds the port)."""
        if self.process is None or self.process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"http://{self.host}:{self.port}/_stcore/health", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False


def say(message: str) -> None:
    print(message, flush=True)
