"""make serve measured: bytes and a phone's first chart through the proxy, and load spread over workers.

Every figure is a ratio to something measured in the same run: Streamlit served straight, the bare
Streamlit page, or one worker behind the same proxy.
"""

from __future__ import annotations

import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.first_chart import NOTE_FIRST_CHART, count_bytes, first_charts
from bench.serve import ROOT, _wait_until_answering, rss_mb, running_baseline, running_clinic, running_streamlit
from bench.streamlit_client import load
from deploy.serve import free_port

# Chromium's network and CPU emulation for a phone on a slow connection (the profile).
PHONE_NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
PHONE_CPU_SLOWDOWN = 4
PROXY_BUDGETS = {
    "bytes_outcomes": ("<=", 0.35),
    "phone_first_chart": ("<=", 0.5),
    "reruns_per_s_2_workers": (">=", 1.6),
    "errors_200_sessions": ("==", 0),
}


def phone_first_chart(browser, url: str, tries: int) -> dict:
    """Navigation to the first chart drawn on an emulated phone, each try a first visit; median and bytes."""
    seconds, sent = [], []
    for _ in range(tries):
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        context.add_init_script(NOTE_FIRST_CHART)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
        received = count_bytes(context, page)
        page.goto(url, timeout=180_000)
        page.wait_for_function("() => window.firstChartDrawnMs !== undefined", timeout=180_000)
        seconds.append(page.evaluate("() => window.firstChartDrawnMs") / 1000)
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=180_000)
        sent.append(sum(received))
        context.close()
    return {"median_s": statistics.median(seconds), "tries": seconds, "bytes": statistics.median(sent)}


def first_visit_bytes(browser, url: str, tries: int) -> float:
    """Bytes a desktop browser receives on a first visit until the page has run (median)."""
    return first_charts(browser, {"visit": url}, tries)["visit"]["bytes"]


def warm_up(clinic, page: str) -> None:
    """Run the page a few times on each worker first, as the single-process measures do after their first visits."""
    for worker in clinic.state()["workers"]:
        load(f"http://127.0.0.1:{worker['port']}", page, 2, 3)


def measure_proxy(args, browser, heaviest: str) -> dict:
    """The proxy's figures: bytes, the phone's first chart, reruns per worker count, 200 sessions."""
    with tempfile.TemporaryDirectory() as folder:
        with (
            running_streamlit("app.py") as straight,
            running_baseline() as bare,
            running_clinic(2, Path(folder) / "two") as two_workers,
        ):
            proxied_bytes = first_visit_bytes(browser, f"{two_workers.url}/outcomes", args.tries)
            straight_bytes = first_visit_bytes(browser, f"{straight.url}/outcomes", args.tries)
            phone = {
                "app_through_proxy": phone_first_chart(browser, f"{two_workers.url}/", args.phone_tries),
                "bare_streamlit_straight": phone_first_chart(browser, f"{bare.url}/", args.phone_tries),
            }  # fmt: skip
            warm_up(two_workers, heaviest)
            two = load(two_workers.url, heaviest, max(args.sessions), args.reruns).summary()
            many = load(two_workers.url, heaviest, args.many_sessions, 3).summary()
            worker_memory = {str(w["port"]): rss_mb(w["pid"]) for w in two_workers.state()["workers"]}
        with running_clinic(1, Path(folder) / "one") as one_worker:
            warm_up(one_worker, heaviest)
            one = load(one_worker.url, heaviest, max(args.sessions), args.reruns).summary()
    result = {
        "bytes_outcomes": {"through_proxy": proxied_bytes, "straight": straight_bytes},
        "phone_first_chart": phone,
        "load": {"sessions": max(args.sessions), "heaviest_page": heaviest or "overview", "1_worker": one,
                 "2_workers": two},
        "many_sessions": {"sessions": args.many_sessions, "reruns_each": 3, **many, "worker_memory_mb": worker_memory},
    }  # fmt: skip
    result["ratios"] = {
        "bytes_outcomes": proxied_bytes / straight_bytes,
        "phone_first_chart": phone["app_through_proxy"]["median_s"] / phone["bare_streamlit_straight"]["median_s"],
        "reruns_per_s_2_workers": two["reruns_per_s"] / one["reruns_per_s"],
        "errors_200_sessions": many["errors"],
    }
    result["budgets"] = {
        key: (value <= limit if sense == "<=" else value >= limit if sense == ">=" else value == limit)
        for key, (sense, limit) in PROXY_BUDGETS.items()
        for value in [result["ratios"][key]]
    }
    return result


def proxy_markdown(proxy: dict, cpus: int) -> list[str]:
    ratio, ok = proxy["ratios"], proxy["budgets"]
    phone = proxy["phone_first_chart"]
    load_1, load_2 = proxy["load"]["1_worker"], proxy["load"]["2_workers"]
    many = proxy["many_sessions"]

    def mark(key: str) -> str:
        return "met" if ok[key] else "NOT MET"

    return [
        f"### make serve: Caddy in front of the workers ({cpus} cores)",
        "",
        "| measure | compared with | value | ratio | budget |",
        "|---|---|---|---|---|",
        f"| bytes, first visit to /outcomes through the proxy | straight to Streamlit: "
        f"{proxy['bytes_outcomes']['straight'] / 1e6:.2f} MB | {proxy['bytes_outcomes']['through_proxy'] / 1e6:.2f} MB"
        f" | {ratio['bytes_outcomes']:.2f}x | <= 0.35x {mark('bytes_outcomes')} |",
        f"| first chart on a phone (1.6 Mbps down, 750 kbps up, 150 ms, CPU 4x slower), app through the proxy, "
        f"median of {len(phone['app_through_proxy']['tries'])} | bare Streamlit page served straight: "
        f"{phone['bare_streamlit_straight']['median_s']:.2f} s | {phone['app_through_proxy']['median_s']:.2f} s | "
        f"{ratio['phone_first_chart']:.2f}x | <= 0.5x {mark('phone_first_chart')} |",
        f"| reruns per second, {proxy['load']['sessions']} sessions on /{proxy['load']['heaviest_page']}, 2 workers"
        f" | 1 worker: {load_1['reruns_per_s']:.1f}/s (p50 {load_1['median_s']:.3f} s, p95 {load_1['p95_s']:.3f} s)"
        f" | {load_2['reruns_per_s']:.1f}/s (p50 {load_2['median_s']:.3f} s, p95 {load_2['p95_s']:.3f} s) | "
        f"{ratio['reruns_per_s_2_workers']:.2f}x | >= 1.6x {mark('reruns_per_s_2_workers')} |",
        f"| {many['sessions']} concurrent sessions, {many['reruns_each']} reruns each, 2 workers | | "
        f"{many['errors']} errors, p50 {many['median_s']:.3f} s, p95 {many['p95_s']:.3f} s, worker memory "
        + ", ".join(f"{mb:.0f} MB" for mb in many["worker_memory_mb"].values())
        + f" | | 0 errors {mark('errors_200_sessions')} |",
        "",
    ]


@contextmanager
def proxy_in_front_of(upstreams: list[str], build: Path, secret: str) -> Iterator[str]:
    """make serve with no workers of its own, in front of workers on other "hosts" (make worker)."""
    port = free_port()
    command = [sys.executable, "-m", "deploy.serve", "--port", str(port), "--workers", "0", "--build", str(build),
               *(argument for upstream in upstreams for argument in ("--upstream", upstream))]  # fmt: skip
    environment = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret}
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(url, process, "/_stcore/health", seconds=120)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


@contextmanager
def worker_hosts(addresses: tuple[str, ...], secret: str) -> Iterator[list[str]]:
    """make worker with one worker on each loopback address (each stands for a machine): their host:port."""
    processes, upstreams = [], []
    try:
        for address in addresses:
            port = free_port()
            command = [sys.executable, "-m", "deploy.worker", "--address", address, "--first-port", str(port),
                       "--workers", "1"]  # fmt: skip
            environment = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret}
            processes.append(subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL))
            _wait_until_answering(f"http://{address}:{port}", processes[-1], "/_stcore/health", seconds=90)
            upstreams.append(f"{address}:{port}")
        yield upstreams
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)


def measure_hosts(sessions: int, reruns: int, page: str) -> dict:
    """Reruns per second at `sessions` sessions: two worker hosts (one worker each) against one, same proxy."""
    secret = secrets.token_hex(32)
    result = {"sessions": sessions, "reruns_each": reruns, "page": page}
    with tempfile.TemporaryDirectory() as folder:
        for name, addresses in (("one_host", ("127.0.0.2",)), ("two_hosts", ("127.0.0.2", "127.0.0.3"))):
            with (
                worker_hosts(addresses, secret) as upstreams,
                proxy_in_front_of(upstreams, Path(folder) / name, secret) as url,
            ):
                for upstream in upstreams:
                    load(f"http://{upstream}", page, 2, 3)  # warm, as the other measures are
                result[name] = load(url, page, sessions, reruns).summary()
    result["ratio"] = result["two_hosts"]["reruns_per_s"] / result["one_host"]["reruns_per_s"]
    return result


def hosts_markdown(hosts: dict, cpus: int) -> list[str]:
    one, two = hosts["one_host"], hosts["two_hosts"]

    def figures(load_result: dict) -> str:
        return (f"{load_result['reruns_per_s']:.1f}/s (p50 {load_result['median_s']:.3f} s, "
                f"p95 {load_result['p95_s']:.3f} s, {load_result['errors']} errors)")  # fmt: skip

    return [
        f"### Workers on several hosts: make worker on 127.0.0.2 and 127.0.0.3, one make serve in front ({cpus} cores)",
        "",
        "| measure | one host, one worker | two hosts, one worker each | ratio |",
        "|---|---|---|---|",
        f"| reruns per second, {hosts['sessions']} sessions x {hosts['reruns_each']} reruns on /{hosts['page']} | "
        f"{figures(one)} | {figures(two)} | {hosts['ratio']:.2f}x |",
        "",
    ]
