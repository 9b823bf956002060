"""Search on a slow phone link: what a page view and a query cost in bytes and time.

Chromium is throttled the way Lighthouse's mobile preset describes the link
(150 ms round trip, 1.6 Mbit/s down) through the DevTools protocol, and the
site comes from a static server that gzips text responses, as real hosts do.
Every figure counts bytes as they crossed the wire (encoded), per request.
"""

from __future__ import annotations

import functools
import gzip
import mimetypes
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from shuzhi.bench.browser import INIT_SCRIPT, TYPE_QUERY, percentile

RTT_MS = 150
DOWN_BYTES_PER_S = 1_600_000 / 8
UP_BYTES_PER_S = 750_000 / 8
GZIP_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml", "application/xml")
SEARCH_PREFIX = "search/"  # every index byte of both sites lives below it
SPACER = "甲乙丙丁戊"  # typed between two runs of one phrase; found nowhere


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files, gzipped on the fly for clients that accept it (text types only, as hosts do).

    Every response body is logged as (time sent, path, bytes): requests from
    the page and from its search worker alike, which the page's DevTools
    session would not all see.
    """

    cache: dict[str, bytes]  # path -> gzipped body, set per server
    sent: list[tuple[float, str, int]]  # set per server
    in_flight: list[int]  # [bodies being sent], set per server

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        # A request is in flight from its arrival (gzipping a big file takes
        # seconds) until its body has left (on a throttled link the browser
        # reads slowly), so settle() never stops while one is under way.
        with _LOCK:
            self.in_flight[0] += 1
        try:
            super().do_GET()
        finally:
            with _LOCK:
                self.in_flight[0] -= 1

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        with _LOCK:
            self.sent.append((time.monotonic(), self.path.split("?", 1)[0], len(data)))

    def send_head(self):
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not kind.startswith(GZIP_TYPES) \
                or not Path(path).is_file():
            return super().send_head()
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(Path(path).read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


_LOCK = threading.Lock()


class Served(str):
    """The base URL of a gzip server, with its log of what it sent."""
    sent: list[tuple[float, str, int]]
    in_flight: list[int]

    def mark(self) -> int:
        return len(self.sent)

    def since(self, mark: int, prefix: str = "") -> tuple[int, int]:
        """(bytes, responses) sent after ``mark`` for paths starting with /``prefix``."""
        rows = [r for r in self.sent[mark:] if r[1].startswith("/" + prefix)]
        return sum(r[2] for r in rows), len(rows)

    def settle(self, page, quiet_s: float = 1.0, limit_s: float = 300.0) -> None:
        """Wait until no response is being sent and none has been for ``quiet_s``."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            count = len(self.sent)
            page.wait_for_timeout(quiet_s * 1000)
            if len(self.sent) == count and not self.in_flight[0]:
                return


@contextmanager
def serve_gzip(directory: Path) -> Iterator[Served]:
    handler = type("Handler", (GzipHandler,), {"cache": {}, "sent": [], "in_flight": [0]})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = Served(f"http://127.0.0.1:{server.server_port}/")
        base.sent = handler.sent
        base.in_flight = handler.in_flight
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def throttle(page) -> None:
    """Lighthouse's mobile link for this page and its workers (DevTools network emulation)."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": RTT_MS,
        "downloadThroughput": DOWN_BYTES_PER_S, "uploadThroughput": UP_BYTES_PER_S})


@dataclass
class QueryCost:
    phrase: str
    ms: float | None  # keystroke -> results shown; None: timed out
    bytes: int
    requests: int
    results: int  # pages found (ours: the exact total; Material: its items)


@dataclass
class NetworkStats:
    page_view_bytes: int = 0  # one page, everything it loads
    page_view_index_bytes: int = 0  # of which below search/
    page_view_requests: int = 0
    fresh: list[QueryCost] = field(default_factory=list)  # one fresh page each, typed once it settled
    at_load: list[QueryCost] = field(default_factory=list)  # one fresh page each, typed at its load event
    loaded_ms: list[float] = field(default_factory=list)  # once the parts are in, per phrase
    notes: list[str] = field(default_factory=list)

    @property
    def loaded_p95(self) -> float | None:
        return percentile(self.loaded_ms, 95)


def _new_page(browser, throttled: bool):
    context = browser.new_context()  # empty cache
    page = context.new_page()
    page.add_init_script(INIT_SCRIPT)
    if throttled:
        throttle(page)
    return context, page


def measure_page_view(browser, base: Served, path: str) -> tuple[int, int, int]:
    """(all bytes, search-index bytes, responses) of one fresh page view, throttled, until it settles."""
    context, page = _new_page(browser, throttled=True)
    try:
        mark = base.mark()
        page.goto(base + path, wait_until="load", timeout=300_000)
        base.settle(page)
        total, responses = base.since(mark)
        index, _ = base.since(mark, SEARCH_PREFIX)
        return total, index, responses
    finally:
        context.close()


def measure_fresh_query(browser, base: Served, path: str, phrase: str, timeout_s: float,
                        settled: bool = True) -> QueryCost:
    """Open a page on the throttled link, type the phrase, time keystroke -> results.

    ``settled``: type once the page view is over (a reader who reads first);
    otherwise right at the load event, while the page may still be loading.
    """
    context, page = _new_page(browser, throttled=True)
    try:
        page.goto(base + path, wait_until="load", timeout=300_000)
        if settled:
            base.settle(page)
        mark = base.mark()
        result = page.evaluate(TYPE_QUERY, [phrase, int(timeout_s * 1000)])
        base.settle(page, quiet_s=0.3)
        spent, responses = base.since(mark)
        last = page.evaluate("window.__bench.last")
        total = (last or {}).get("total")
        found = total if isinstance(total, int) else len((last or {}).get("items", []))
        return QueryCost(phrase, None if result["timeout"] else result["ms"], spent, responses, found)
    finally:
        context.close()


# Asks our worker for every result of the query in the box (box.js's "more", all at once).
ALL_RESULTS = """
async ([query, total]) => await new Promise(resolve => {
  const channel = new BroadcastChannel("phrase-search-notes")
  let token = null
  channel.onmessage = ({ data }) => {
    if (data && data.type === "items" && data.query === query) { channel.close(); resolve(data.items) }
  }
  // The token of this page's worker came with its last answer.
  token = window.__bench.last && window.__bench.last.token
  channel.postMessage({ type: "more", token, query, from: 0, count: total })
})
"""


def measure_loaded(browser, base: str, path: str, phrases: list[str], timeout_s: float,
                   all_pages: bool) -> tuple[list[float], dict[str, set[str]], list[str]]:
    """Per phrase on one page: a first query loads the parts; the same query again is timed.

    Returns the timed latencies, each phrase's result pages (every one: ours
    are asked for all of them), and notes.
    """
    notes: list[str] = []
    latencies: list[float] = []
    found: dict[str, set[str]] = {}
    context, page = _new_page(browser, throttled=False)
    try:
        page.goto(base + path, wait_until="load", timeout=300_000)
        page.wait_for_function("window.__bench.ready !== null", timeout=300_000)
        for phrase in phrases:
            first = page.evaluate(TYPE_QUERY, [phrase, int(timeout_s * 1000)])
            if first["timeout"]:
                notes.append(f"query {phrase!r}: no result within {timeout_s:.0f} s")
                continue
            pages = set(first["pages"])
            last = page.evaluate("window.__bench.last") or {}
            if all_pages and last.get("total", 0) > len(last.get("items", [])):
                items = page.evaluate(ALL_RESULTS, [phrase, last["total"]])
                pages = {str(doc["location"]).split("#")[0].split("?")[0] for group in items for doc in group}
            found[phrase] = pages
            # Material sends a query only when the box changes: something else in between.
            page.evaluate(TYPE_QUERY, [SPACER if phrase != SPACER else SPACER[::-1], int(timeout_s * 1000)])
            again = page.evaluate(TYPE_QUERY, [phrase, int(timeout_s * 1000)])
            if not again["timeout"]:
                latencies.append(again["ms"])
    finally:
        context.close()
    return latencies, found, notes
