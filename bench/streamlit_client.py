"""A client that speaks Streamlit's websocket protocol: send a rerun, read until the script finishes."""

from __future__ import annotations

import asyncio
import concurrent.futures
import statistics
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

SUCCESS = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
# The script asked for another run (st.rerun): the server goes on with it, so the client waits for that one.
RERUN_FOLLOWS = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def summary(self) -> dict:
        ordered = sorted(self.latencies)
        p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)] if ordered else None
        return {
            "reruns": len(ordered),
            "errors": self.errors,
            "median_s": statistics.median(ordered) if ordered else None,
            "p95_s": p95,
            "reruns_per_s": len(ordered) / self.seconds if self.seconds else None,
        }


class StreamlitSession:
    """One browser-less session on the server."""

    def __init__(self, base_url: str, page: str, headers: dict[str, str] | None = None):
        self.ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.page = page
        self.headers = headers or {}  # a browser's cookies, for a test that goes on over HTTP in the same session
        self.socket = None
        self.session_id = ""
        # As the browser does: say which large messages we already hold, so unchanged ones come as refs.
        self.cached_hashes: set[str] = set()

    async def __aenter__(self) -> StreamlitSession:
        self.socket = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=30, additional_headers=self.headers
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self.socket.close()

    async def rerun(self, timeout: float = 60) -> float:
        """Ask for a run of the page and wait for script_finished; returns seconds, raises on failure."""
        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_name = self.page
        message.rerun_script.cached_message_hashes.extend(sorted(self.cached_hashes))
        started = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        async with asyncio.timeout(timeout):
            while True:
                reply = ForwardMsg()
                reply.ParseFromString(await self.socket.recv())
                kind = reply.WhichOneof("type")
                if reply.metadata.cacheable:
                    self.cached_hashes.add(reply.hash)
                if kind == "new_session":
                    self.session_id = reply.new_session.initialize.session_id
                if kind == "page_not_found":
                    raise RuntimeError(f"page not found: {self.page}")
                if kind == "script_finished":
                    if reply.script_finished == RERUN_FOLLOWS:
                        continue
                    if reply.script_finished != SUCCESS:
                        raise RuntimeError(f"script finished with status {reply.script_finished}")
                    return time.perf_counter() - started


async def _one_session(base_url: str, page: str, reruns: int, result: LoadResult) -> None:
    try:
        async with StreamlitSession(base_url, page) as session:
            for _ in range(reruns):
                try:
                    result.latencies.append(await session.rerun())
                except (RuntimeError, TimeoutError, websockets.ConnectionClosed):
                    result.errors += 1
    except (OSError, websockets.InvalidHandshake, TimeoutError):
        result.errors += reruns


def run_in_thread(coroutine):
    """Run a coroutine on its own loop in a worker thread (Playwright's sync API owns this thread's loop)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def load(base_url: str, page: str, sessions: int, reruns: int) -> LoadResult:
    """`sessions` concurrent sessions, each rerunning `page` `reruns` times."""
    result = LoadResult()

    async def main() -> None:
        started = time.perf_counter()
        await asyncio.gather(*(_one_session(base_url, page, reruns, result) for _ in range(sessions)))
        result.seconds = time.perf_counter() - started

    run_in_thread(main())
    return result


def hold_sessions(base_url: str, page: str, sessions: int, while_held) -> object:
    """Open `sessions` sessions that each ran `page` once, call while_held() with them connected."""

    async def main():
        opened = [StreamlitSession(base_url, page) for _ in range(sessions)]
        for session in opened:
            await session.__aenter__()
        await asyncio.gather(*(session.rerun() for session in opened))
        await asyncio.sleep(1)
        value = while_held()
        for session in opened:
            await session.__aexit__()
        return value

    return run_in_thread(main())
