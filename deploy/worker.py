"""make worker: N Streamlit workers on a machine that runs no proxy, for a make serve on another one.

Settings come from the environment, as on every host behind one proxy: STREAMLIT_SERVER_COOKIE_SECRET
(the same on every host: required), EXPLAINER_DATA_DIR, EXPLAINER_GUIDE_URL. It waits until each worker
answers its health check, prints the host:port lines for make serve's --upstreams-file, starts a worker
again when it stops, and stops them all on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time

from deploy.streamlit_worker import PLACEHOLDER_SECRET, PortTaken, Worker, port_is_free, say


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.worker", description=__doc__)
    parser.add_argument("--address", default=os.environ.get("EXPLAINER_WORKER_ADDRESS", "127.0.0.1"),
                        help="the address of this machine the proxy reaches it on")  # fmt: skip
    parser.add_argument("--first-port", type=int, default=8501, help="workers listen from this port on")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="Streamlit processes (one per core)")
    parser.add_argument("--restart-delay", type=float, default=1.0, help="seconds before a stopped worker restarts")
    args = parser.parse_args(argv)
    if not os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET"):
        parser.error("set STREAMLIT_SERVER_COOKIE_SECRET, the same on every host behind the proxy")
    if os.environ["STREAMLIT_SERVER_COOKIE_SECRET"] == PLACEHOLDER_SECRET:
        parser.error("STREAMLIT_SERVER_COOKIE_SECRET is still the example's placeholder: make a random one")
    environment = {**os.environ, "EXPLAINER_GUIDE_URL": os.environ.get("EXPLAINER_GUIDE_URL", "/guide")}
    workers = [Worker(args.first_port + index, environment, args.address) for index in range(args.workers)]
    taken = [worker.port for worker in workers if not port_is_free(worker.port, args.address)]
    if taken:
        print(f"make worker: {PortTaken(taken[0])}", file=sys.stderr)
        return 1

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
    say(f"Starting {len(workers)} Streamlit workers on {args.address} ...")
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + 90
    while not all(worker.healthy() for worker in workers) and not stopping:
        if time.monotonic() > deadline or any(worker.process.poll() is not None for worker in workers):
            print("make worker: a Streamlit worker did not start; see its messages above", file=sys.stderr)
            stop(workers)
            return 1
        time.sleep(0.3)
    say("Workers ready; give make serve these upstreams:\n" + "\n".join(f"{args.address}:{w.port}" for w in workers))
    while not stopping:
        for worker in workers:
            if worker.process.poll() is None:
                continue
            if worker.stopped_at is None:
                worker.stopped_at = time.monotonic()
                say(f"worker on port {worker.port} stopped (exit code {worker.process.returncode})")
            elif time.monotonic() - worker.stopped_at >= args.restart_delay:
                worker.restarts += 1
                worker.start()
                say(f"worker on port {worker.port} started again")
        time.sleep(0.2)
    stop(workers)
    return 0


def stop(workers: list[Worker]) -> None:
    for worker in workers:
        if worker.process and worker.process.poll() is None:
            worker.process.terminate()
    for worker in workers:
        if worker.process:
            worker.process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
