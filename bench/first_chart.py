"""The first chart a browser draws on a first visit, timed by the page's own clock, and the bytes it took."""

from __future__ import annotations

import base64
import json
import statistics

CHART = "[data-testid='stVegaLiteChart'] svg"
# The page notes the moment the first chart has marks drawn, as milliseconds since navigation began.
# Playwright's own waiting polls at growing intervals (up to 500 ms apart), too coarse to time with.
NOTE_FIRST_CHART = f"""
new MutationObserver((changes, observer) => {{
  if (document.querySelector({json.dumps(CHART + " g[class*='mark-']")})) {{
    window.firstChartDrawnMs = performance.now();
    observer.disconnect();
  }}
}}).observe(document, {{childList: true, subtree: true}});
"""


def first_charts(browser, urls: dict[str, str], tries: int) -> dict[str, dict]:
    """Navigation to the first chart drawn, each try a fresh browser context (a first visit), bytes on the wire.

    The time is the page's own clock (performance.now() counts from the start of navigation).

    The targets take turns (app, baseline, app, ...) so that drift in the machine hits both alike.
    """
    seconds: dict[str, list[float]] = {name: [] for name in urls}
    transferred: dict[str, list[int]] = {name: [] for name in urls}
    for _ in range(tries):
        for name, url in urls.items():
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.add_init_script(NOTE_FIRST_CHART)
            page = context.new_page()
            received = count_bytes(context, page)
            page.goto(url)
            page.wait_for_function("() => window.firstChartDrawnMs !== undefined", timeout=60_000)
            seconds[name].append(page.evaluate("() => window.firstChartDrawnMs") / 1000)
            page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
            page.wait_for_timeout(500)
            transferred[name].append(sum(received))
            context.close()
    return {
        name: {"median_s": statistics.median(seconds[name]), "tries": seconds[name],
               "bytes": statistics.median(transferred[name])}
        for name in urls
    }  # fmt: skip


def count_bytes(context, page) -> list[int]:
    """Bytes received over HTTP and the websocket, as the browser's network log counts them."""
    received: list[int] = []
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.loadingFinished", lambda event: received.append(int(float(event["encodedDataLength"]))))
    cdp.on("Network.webSocketFrameReceived", lambda event: received.append(_frame_bytes(event["response"])))
    return received


def _frame_bytes(frame: dict) -> int:
    payload = frame.get("payloadData", "")
    return len(base64.b64decode(payload)) if frame.get("opcode") == 2 else len(payload.encode())
