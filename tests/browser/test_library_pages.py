"""Type pages in Chromium: a reader tells complete reports from excerpts at a
glance and filters to complete ones without any server, on a phone and a
desktop, with and without instant navigation."""

from __future__ import annotations

import pytest

from helpers import DEVICES, REAL_LIBRARY, build_site, library_of, require_chromium
from shuzhi.bench.chromium import serve_directory

require_chromium()

from playwright.sync_api import expect  # noqa: E402


@pytest.fixture(scope="module", params=["instant", "plain"])
def base_url(request, tmp_path_factory):
    """The real library, built with site_url (instant navigation) or without."""
    tmp = tmp_path_factory.mktemp(f"library-pages-{request.param}")
    site = tmp / "site"
    with serve_directory(site) as url:
        build_site(tmp, REAL_LIBRARY, site_url=url if request.param == "instant" else None, site=site)
        yield url.rstrip("/")


@pytest.fixture(params=sorted(DEVICES))
def page(request, browser):
    context = browser.new_context(**DEVICES[request.param])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def test_badges_and_complete_only_filter(page, base_url):
    library = library_of(REAL_LIBRARY)
    samples = library.by_type("第一书记")
    complete = [s for s in samples if s.is_complete]
    assert complete and len(complete) < len(samples)
    page.goto(f"{base_url}/")
    # Reach the type page the way a reader does (a link), so instant navigation is exercised.
    page.locator('article a[href$="diyishuji/"]').first.click()
    expect(page.locator("h1")).to_contain_text("第一书记述职报告")
    cards = page.locator(".sz-card")
    expect(cards).to_have_count(len(samples))
    expect(page.locator('.sz-card:has(.sz-badge--ok)')).to_have_count(len(complete))
    expect(page.locator('.sz-card:has-text("后文缺失")').first).to_be_visible()
    expect(page.locator('.sz-card:has-text("本站撰写")')).to_have_count(
        sum(1 for s in samples if s.source.is_original))
    page.locator("#sz-only-complete").check()
    expect(page.locator(".sz-card:visible")).to_have_count(len(complete))
    for title in (s.title for s in complete):
        expect(page.locator(".sz-card:visible", has_text=title)).to_have_count(1)
    page.locator("#sz-only-complete").uncheck()
    expect(page.locator(".sz-card:visible")).to_have_count(len(samples))


def test_coverage_table_on_the_guides_overview(page, base_url):
    page.goto(f"{base_url}/guides/")
    table = page.locator(".sz-coverage table")
    expect(table).to_be_visible()
    row = table.locator("tr", has=page.locator('th:has-text("存在问题")'))
    first = row.locator("td a").first
    first.click()
    expect(page).to_have_url(f"{base_url}/guides/wenti/#examples-cunshuji")
