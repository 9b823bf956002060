"""The offline build (`bash scripts/dev.sh offline`), opened from a folder in Chromium.

The zip is made once by the real command from the real library, unpacked into
a temporary folder and opened from file://, as a writer opens it from a USB
stick: no server. On a phone (390x844, touch) and on a desktop, the reader
follows links from the home page to a type page and a sample page, then
copies a section, searches, follows a result and sees the phrase marked. A
synthetic library of a few hundred samples, built with the same configuration,
checks paged listings and how soon search answers. Every request must be for a
file:// URL: any other is refused and fails the test.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.config import load_config

from helpers import DEVICES, ROOT, build_site, require_chromium
from shuzhi.bench.synthetic import generate_samples, write_library

TOP = "shuzhi-offline"  # the one folder inside the zip
SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"
PHRASE = "集体经济"  # a topic: every sample tagged with it must contain it (README)
SAMPLE_PAGE = re.compile(r"/(cunshuji|diyishuji|zhucun|zhengdun)/[^/]+\.html$")
LOCAL_SCHEMES = ("file", "data", "blob", "about")
MANY = 300  # "a few hundred samples": the whole index is loaded, as Material's offline search does

require_chromium()

from playwright.sync_api import Page, expect  # noqa: E402


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> Path:
    """The zip written by `bash scripts/dev.sh offline`, unpacked; returns its top folder."""
    tmp = tmp_path_factory.mktemp("offline")
    archive = tmp / "shuzhi-offline.zip"
    done = subprocess.run(["bash", str(ROOT / "scripts" / "dev.sh"), "offline", str(archive)],
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    with zipfile.ZipFile(archive) as zipped:
        assert {name.split("/", 1)[0] for name in zipped.namelist()} == {TOP}
        zipped.extractall(tmp / "unpacked")
    return tmp / "unpacked" / TOP


@pytest.fixture(scope="module")
def many_samples(tmp_path_factory) -> Path:
    """The offline site of a synthetic library of ``MANY`` samples (built in-process, not zipped)."""
    tmp = tmp_path_factory.mktemp("offline-many")
    write_library(generate_samples(MANY), tmp / "library")
    return build_site(tmp, tmp / "library", config_file="mkdocs.offline.yml")


# -- what is in the zip ----------------------------------------------------------------


def test_search_index_is_ours_and_loads_as_a_script(unpacked):
    """Material's offline plugin copies our index (written first, see the hook) into search_index.js."""
    index = (unpacked / "search" / "search_index.json").read_text(encoding="utf-8")
    assert json.loads(index)["config"]["format"] == "phrase-search"
    assert (unpacked / "search" / "search_index.js").read_text(encoding="utf-8") == f"var __index = {index}"


def test_iframe_worker_shim_is_served_from_the_site(unpacked):
    vendored = ROOT / "overrides" / SHIM
    assert (unpacked / SHIM).read_bytes() == vendored.read_bytes()
    assert (unpacked / SHIM).with_name("LICENSE").read_text(encoding="utf-8").startswith("Copyright")
    home = (unpacked / "index.html").read_text(encoding="utf-8")
    assert f'<script src="{SHIM}"></script>' in home
    assert "unpkg.com" not in home


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


def test_every_link_opens_a_file_not_a_folder(unpacked):
    """From file://, a link to a folder shows a folder listing: every link must name a file."""
    # 404.html is for web servers (its links are absolute); a folder never shows it.
    pages = sorted(p for p in unpacked.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 20
    checked = 0
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            assert parts.scheme in ("", "javascript"), f"{page.relative_to(unpacked)}: {url}"
            if parts.scheme or not parts.path:
                continue  # javascript:void(0), or an anchor on the same page
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(unpacked)}: {url}"
            checked += 1
    assert checked > 1000


def test_offline_config_keeps_in_step_with_mkdocs_yml():
    """mkdocs.offline.yml repeats two lists of mkdocs.yml (INHERIT replaces lists whole)."""
    online = load_config(str(ROOT / "mkdocs.yml"))
    offline = load_config(str(ROOT / "mkdocs.offline.yml"))
    instant = {"navigation.instant", "navigation.instant.progress"}
    assert offline.theme["features"] == [f for f in online.theme["features"] if f not in instant]
    plugins = list(offline.plugins)
    assert [p for p in plugins if p != "material/offline"] == list(online.plugins)
    # Its on_config turns directory URLs off before the hook's on_config reads them.
    assert plugins.index("material/offline") < plugins.index("hooks/shuzhi_hooks.py")
    assert offline.extra["polyfills"] == [SHIM]
    assert offline.site_url is None


# -- in the browser -------------------------------------------------------------------


@pytest.fixture(params=sorted(DEVICES))
def reader(request, browser):
    """A page of a fresh browser context that refuses every request not for a file; yields (page, device)."""
    context = browser.new_context(locale="zh-CN", **DEVICES[request.param])
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    problems: list[str] = []

    def only_files(route):
        if urlsplit(route.request.url).scheme in LOCAL_SCHEMES:
            route.continue_()
        else:
            problems.append(f"request to another host: {route.request.url}")
            route.abort()

    context.route("**/*", only_files)
    context.on("request", lambda r: None if urlsplit(r.url).scheme in LOCAL_SCHEMES
               else problems.append(f"request to another host: {r.url}"))
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    yield page, request.param
    context.close()
    assert problems == []


def expect_page(page: Page, path: re.Pattern | str) -> None:
    """The URL names an .html file and a rendered page (not a folder listing) is shown."""
    page.wait_for_url(path)
    assert urlsplit(page.url).path.endswith(".html"), page.url
    expect(page.locator("article.md-content__inner h1")).to_be_visible()
    assert not page.title().startswith("Index of")


def expect_landing_highlight(page: Page) -> None:
    """The phrase is marked, and a mark is in view (landing scrolls to its section's first one)."""
    page.wait_for_function("""() => [...document.querySelectorAll("article.md-content__inner mark[data-pss-hit]")]
      .some(m => { const r = m.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight })""")
    marks = page.locator("article.md-content__inner mark[data-pss-hit]").all_text_contents()
    assert set(marks) == {PHRASE}, marks


def tap(page: Page, device: str, locator) -> None:
    """A tap on the phone, a click on the desktop."""
    if device == "phone":
        locator.tap()
    else:
        locator.click()


def open_search(page: Page, device: str) -> None:
    button = 'label.md-header__button[for="__search"]' if device == "phone" else "input.md-search__input"
    tap(page, device, page.locator(button))
    expect(page.locator("input.md-search__input")).to_be_focused()


def test_browse_and_search_from_a_folder(reader, unpacked):
    page, device = reader
    page.goto(unpacked.joinpath("index.html").as_uri())
    expect_page(page, re.compile(r"/index\.html$"))

    # Home -> a type page -> a sample page, by the links a reader taps.
    tap(page, device, page.locator('article.md-content__inner a[href="cunshuji/index.html"]').first)
    expect_page(page, re.compile(r"/cunshuji/index\.html$"))
    tap(page, device, page.locator(".sz-card__title a").first)
    expect_page(page, SAMPLE_PAGE)
    section = page.locator(".sz-section").first
    expect(section).to_be_visible()

    # Copying works from a folder too (Material's clipboard and its toast).
    tap(page, device, section.get_by_role("button", name="复制本节"))
    expect(page.locator(".md-dialog")).to_contain_text("已复制")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied and copied.splitlines()[-1] in section.inner_text() and "复制本节" not in copied

    # Search: on file:// Material loads the index with a <script> tag and runs
    # our worker through iframe-worker. Press End: fill() fires no keyup.
    open_search(page, device)
    box = page.locator("input.md-search__input")
    box.fill(PHRASE)
    box.press("End")
    results = page.locator("li.md-search-result__item > a.md-search-result__link")
    expect(results.first).to_be_visible()
    assert set(page.locator(".md-search-result__link mark").all_text_contents()) == {PHRASE}
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    for href in hrefs:
        assert href.startswith("file://") and urlsplit(href).path.endswith(".html"), href

    # Follow the first result on a sample page: the phrase is marked where it lands.
    first = next(i for i, href in enumerate(hrefs) if SAMPLE_PAGE.search(urlsplit(href).path))
    tap(page, device, results.nth(first))
    expect_page(page, re.compile(re.escape(urlsplit(hrefs[first]).path) + r"\?h="))
    expect_landing_highlight(page)


def test_search_a_few_hundred_samples_from_a_folder(reader, many_samples):
    """Pages of a listing link to each other as files; the first results come
    quickly although the shim runs the worker on the page's own thread."""
    page, device = reader
    page.goto(many_samples.joinpath("cunshuji", "index.html").as_uri())
    expect_page(page, re.compile(r"/cunshuji/index\.html$"))
    tap(page, device, page.locator(".sz-pager a", has_text="下一页").first)
    expect_page(page, re.compile(r"/cunshuji/page-2\.html$"))

    open_search(page, device)
    box = page.locator("input.md-search__input")
    box.fill(PHRASE)
    started = page.evaluate("performance.now()")
    box.press("End")
    results = page.locator("li.md-search-result__item > a.md-search-result__link")
    expect(results.first).to_be_visible()
    elapsed = page.evaluate("performance.now()") - started
    assert elapsed < 1500, f"first results after {elapsed:.0f} ms"
    assert set(page.locator(".md-search-result__link mark").all_text_contents()) == {PHRASE}

    # The last result rendered so far (scrolling to it renders more after it).
    last = results.nth(results.count() - 1)
    href = last.evaluate("a => a.href")
    tap(page, device, last)
    expect_page(page, re.compile(re.escape(urlsplit(href).path) + r"\?h="))
    expect_landing_highlight(page)
