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
    """Serves files, gzipped on the fly for clients that accept it (text types only, as hosts do)."""

    cache: dict[str, bytes]  # path -> gzipped body, set per server

    def log_message(self, format, *args):
        pass

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


@contextmanager
def serve_gzip(directory: Path) -> Iterator[str]:
    handler = type("Handler", (GzipHandler,), {"cache": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Traffic:
    """Bytes on the wire per request of one page, from the DevTools protocol."""

    def __init__(self, page, throttled: bool):
        self.session = page.context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.session.send("Network.setCacheDisabled", {"cacheDisabled": False})
        if throttled:
            self.session.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": RTT_MS,
                "downloadThroughput": DOWN_BYTES_PER_S, "uploadThroughput": UP_BYTES_PER_S})
        self.urls: dict[str, str] = {}
        self.started: dict[str, float] = {}
        self.bytes: dict[str, int] = {}
        self.session.on("Network.requestWillBeSent", self._sent)
        self.session.on("Network.loadingFinished", self._done)

    def _sent(self, event):
        self.urls[event["requestId"]] = event["request"]["url"]
        self.started[event["requestId"]] = time.monotonic()

    def _done(self, event):
        self.bytes[event["requestId"]] = int(event["encodedDataLength"])

    def mark(self) -> set[str]:
        return set(self.urls)

    def since(self, mark: set[str], base: str, prefix: str = "") -> tuple[int, int]:
        """(bytes, requests) of requests after ``mark`` whose path starts with ``prefix``."""
        total = count = 0
        for rid, url in self.urls.items():
            if rid in mark or not url.startswith(base + prefix):
                continue
            total += self.bytes.get(rid, 0)
            count += 1
        return total, count


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
    fresh: list[QueryCost] = field(default_factory=list)  # one fresh page each
    loaded_ms: list[float] = field(default_factory=list)  # once the parts are in, per phrase
    notes: list[str] = field(default_factory=list)

    @property
    def loaded_p95(self) -> float | None:
        return percentile(self.loaded_ms, 95)


def _new_page(browser, throttled: bool):
    context = browser.new_context()  # empty cache
    page = context.new_page()
    page.add_init_script(INIT_SCRIPT)
    return context, page, Traffic(page, throttled)


def _settle(page, traffic: Traffic, quiet_s: float = 1.0, limit_s: float = 60.0) -> None:
    """Wait until no request has started or finished for ``quiet_s`` seconds."""
    deadline = time.monotonic() + limit_s
    seen = (-1, -1)
    while time.monotonic() < deadline:
        now = (len(traffic.urls), len(traffic.bytes))
        if now == seen:
            return
        seen = now
        page.wait_for_timeout(quiet_s * 1000)


def measure_page_view(browser, base: str, path: str) -> tuple[int, int, int]:
    """(all bytes, search-index bytes, requests) of one fresh page view, throttled."""
    context, page, traffic = _new_page(browser, throttled=True)
    try:
        page.goto(base + path, wait_until="load", timeout=300_000)
        _settle(page, traffic)
        total, requests = traffic.since(set(), base)
        index, _ = traffic.since(set(), base, SEARCH_PREFIX)
        return total, index, requests
    finally:
        context.close()


def measure_fresh_query(browser, base: str, path: str, phrase: str, timeout_s: float) -> QueryCost:
    """Open a page on the throttled link, wait for it to settle, type the phrase, time the results."""
    context, page, traffic = _new_page(browser, throttled=True)
    try:
        page.goto(base + path, wait_until="load", timeout=300_000)
        page.wait_for_function("window.__bench.ready !== null", timeout=300_000)
        _settle(page, traffic)
        mark = traffic.mark()
        result = page.evaluate(TYPE_QUERY, [phrase, int(timeout_s * 1000)])
        _settle(page, traffic, quiet_s=0.5)
        spent, requests = traffic.since(mark, base)
        last = page.evaluate("window.__bench.last")
        total = (last or {}).get("total")
        found = total if isinstance(total, int) else len((last or {}).get("items", []))
        return QueryCost(phrase, None if result["timeout"] else result["ms"], spent, requests, found)
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
    context, page, _ = _new_page(browser, throttled=False)
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
