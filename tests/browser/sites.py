"""Built sites served on 127.0.0.1, and watched browser pages, for the browser tests.

Each site is built twice: with ``site_url`` set, so Material's instant
navigation is on, and without it, so every link loads a whole page. A watched
page fails its test on a console error, an uncaught exception, or a request to
any host other than the local server.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from helpers import build_site
from shuzhi.bench.chromium import serve_directory


@dataclass(frozen=True)
class Site:
    url: str  # base URL, no trailing slash
    root: Path  # the built site folder
    instant: bool  # built with site_url: Material's instant navigation is on

    @property
    def base(self) -> str:
        """The base URL with its trailing slash, for joining paths."""
        return self.url + "/"


@contextmanager
def served_site(tmp: Path, library_dir: Path, instant: bool):
    """Build the site for ``library_dir`` and serve it on 127.0.0.1."""
    root = tmp / "site"
    with serve_directory(root) as url:
        # With site_url (the address it is served from, as a deployment would
        # set it) Material takes over links; without it there is no sitemap
        # and every link loads a whole page.
        build_site(tmp, library_dir, site_url=url if instant else None, site=root)
        yield Site(url.rstrip("/"), root, instant)


def watched_page(browser, base_url: str, device: dict, expected_missing: list[str] | None = None,
                 warnings_fail: bool = False, timeout_ms: int | None = None):
    """A page that may use the clipboard; fails the test on console errors (and
    warnings, with ``warnings_fail``), uncaught exceptions and requests to another
    host, but for the 404 of an address in ``expected_missing``."""
    context = browser.new_context(locale="zh-CN", **device)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    if timeout_ms is not None:
        page.set_default_timeout(timeout_ms)
    problems: list[str] = []
    local = urlsplit(base_url).netloc
    failing = ("error", "warning") if warnings_fail else ("error",)

    def check_console(message):
        if message.type not in failing:
            return
        if message.location.get("url") in (expected_missing or []) and "404" in message.text:
            return
        problems.append(f"console {message.type}: {message.text}")

    def check_request(request):
        url = urlsplit(request.url)
        if url.scheme not in ("data", "blob") and url.netloc != local:
            problems.append(f"request to another host: {request.url}")

    page.on("console", check_console)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", check_request)
    yield page
    context.close()
    assert problems == []
