"""What a reader does on the built site, in Debian's Chromium: navigation,
copying, errors, requests.

The site is built once from the fixture library and served from 127.0.0.1.
Every test's page fails the test on a console error, an uncaught exception,
or a request to any host other than the local server.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpers import FIXTURE_LIBRARY, REAL_LIBRARY, build_site, library_of, require_chromium
from shuzhi.bench.chromium import serve_directory

SENTINEL = "（剪贴板尚未更新）"

require_chromium()

from playwright.sync_api import Page, expect  # noqa: E402


@pytest.fixture(scope="module")
def library():
    return library_of(FIXTURE_LIBRARY)


@contextmanager
def served_site(tmp: Path, library_dir: Path):
    """Build the site for ``library_dir`` and serve it on 127.0.0.1; yields the base URL."""
    site = tmp / "site"
    with serve_directory(site) as url:
        # Built for the address it is served from, as a deployment would be.
        build_site(tmp, library_dir, site_url=url, site=site)
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with served_site(tmp_path_factory.mktemp("browser-build"), FIXTURE_LIBRARY) as url:
        yield url


@pytest.fixture(scope="module")
def real_base_url(tmp_path_factory):
    if not any(REAL_LIBRARY.glob("*.yml")):
        pytest.skip("library/samples has no samples yet")
    with served_site(tmp_path_factory.mktemp("browser-real-build"), REAL_LIBRARY) as url:
        yield url


@pytest.fixture
def page(browser, base_url):
    yield from watched_page(browser, base_url)


@pytest.fixture
def real_page(browser, real_base_url):
    yield from watched_page(browser, real_base_url)


def watched_page(browser, base_url):
    """A phone-sized page that may use the clipboard; fails the test on errors or foreign requests."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    problems: list[str] = []
    local = urlsplit(base_url).netloc
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def check_request(request):
        url = urlsplit(request.url)
        if url.scheme not in ("data", "blob") and url.netloc != local:
            problems.append(f"request to another host: {request.url}")

    page.on("request", check_request)
    yield page
    context.close()
    assert problems == []


def copy_and_read(page: Page, button_selector: str) -> str:
    """Click a copy button and return what landed on the clipboard."""
    page.evaluate("t => navigator.clipboard.writeText(t)", SENTINEL)
    page.locator(button_selector).click()
    page.wait_for_function("async s => (await navigator.clipboard.readText()) !== s", arg=SENTINEL)
    return page.evaluate("navigator.clipboard.readText()")


def sample_by_id(library, sample_id):
    return next(s for s in library.samples if s.id == sample_id)


def test_home_to_type_page_to_sample_by_clicking(page, base_url, library):
    sample = sample_by_id(library, "cunshuji-2023-shuzhi-shulian")
    page.goto(base_url + "/")
    page.locator("article a", has_text="村书记").first.click()
    expect(page).to_have_url(base_url + "/cunshuji/")
    expect(page.locator("h1")).to_contain_text("村书记述职报告")
    page.get_by_role("link", name=sample.title, exact=True).click()
    expect(page).to_have_url(f"{base_url}/cunshuji/{sample.id}/")
    expect(page.locator("h1")).to_contain_text(sample.title)
    page.locator(".sz-crumbs a", has_text="村书记").click()  # breadcrumb back to the type page
    expect(page).to_have_url(base_url + "/cunshuji/")


@pytest.mark.parametrize("sample_id", ["cunshuji-2023-shuzhi-shulian", "cunshuji-hostile-ceshi"])
def test_copy_each_section_and_the_whole_report(page, base_url, library, sample_id):
    sample = sample_by_id(library, sample_id)
    page.goto(f"{base_url}/{sample.report_type.slug}/{sample.id}/")
    for i, section in enumerate(sample.sections, start=1):
        assert copy_and_read(page, f'button[data-clipboard-target="#sec-{i}-text"]') == section.text
    expect(page.locator(".md-dialog")).to_contain_text("已复制")
    assert copy_and_read(page, 'button[data-clipboard-target="#report-text"]') == sample.text


def test_copy_after_instant_navigation(page, base_url, library):
    sample = sample_by_id(library, "zhengdun-ruanruo-huansan")
    page.goto(base_url + "/")
    page.evaluate("window.__noReload = 'kept'")
    page.locator("article a", has_text="软弱涣散整顿").first.click()
    expect(page).to_have_url(base_url + "/zhengdun/")
    page.get_by_role("link", name=sample.title, exact=True).click()
    expect(page).to_have_url(f"{base_url}/zhengdun/{sample.id}/")
    expect(page.locator("h1")).to_contain_text(sample.title)
    # Material swapped the page in place: the window (and our marker) survived.
    assert page.evaluate("window.__noReload") == "kept"
    assert copy_and_read(page, 'button[data-clipboard-target="#sec-3-text"]') == sample.sections[2].text
    expect(page.locator(".md-dialog")).to_contain_text("已复制")
    assert copy_and_read(page, 'button[data-clipboard-target="#report-text"]') == sample.text


def test_copy_an_example_from_a_guide_page(page, base_url, library):
    sample = sample_by_id(library, "cunshuji-2023-shuzhi-shulian")
    page.goto(base_url + "/guides/wenti/")
    assert copy_and_read(page, f'button[data-clipboard-target="#ex-{sample.id}-3"]') == sample.sections[2].text
    # the example's title leads to the section on the sample page
    page.locator(f"#ex-{sample.id}-3").locator("xpath=..").get_by_role("link", name=sample.title).click()
    expect(page).to_have_url(f"{base_url}/cunshuji/{sample.id}/#sec-3")


def test_section_heading_leads_to_its_guide(page, base_url, library):
    sample = sample_by_id(library, "diyishuji-bangfu-shuzhi")
    page.goto(f"{base_url}/diyishuji/{sample.id}/")
    page.locator("#sec-4 a.sz-guide-link").click()
    expect(page).to_have_url(base_url + "/guides/wenti/")
    expect(page.locator(f"#ex-{sample.id}-4")).to_contain_text(sample.sections[3].paragraphs[0])


def test_copy_every_section_of_the_real_library(real_page, real_base_url):
    for sample in library_of(REAL_LIBRARY).samples:
        real_page.goto(f"{real_base_url}/{sample.report_type.slug}/{sample.id}/")
        for i, section in enumerate(sample.sections, start=1):
            assert copy_and_read(real_page, f'button[data-clipboard-target="#sec-{i}-text"]') == section.text
        assert copy_and_read(real_page, 'button[data-clipboard-target="#report-text"]') == sample.text
