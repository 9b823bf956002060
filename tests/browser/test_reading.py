"""What a reader does on the built site, in Debian's Chromium: navigation,
copying (plain text and the HTML Word and WPS take), contents on a phone, the
404 page, interface wording, phone layout, dark mode and printing.

Sites are built from the fixture library (and, for long reports, the real
one) and served from 127.0.0.1, twice: with ``site_url`` set, so Material's
instant navigation is on, and without it, so every link loads a whole page.
Readers come as a phone (390×844, touch) and as a desktop browser. Every
test's page fails the test on a console error, an uncaught exception, or a
request to any host other than the local server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import DESKTOP, DEVICES, FIXTURE_LIBRARY, PHONE, READERS, REAL_LIBRARY, library_of, require_chromium
from sites import Site, served_site, watched_page
from shuzhi.library.model import KINDS_BY_NAME, sample_length

SENTINEL = "（剪贴板尚未更新）"
SITE_NAME = "村级述职报告范文参考"

require_chromium()

from playwright.sync_api import Page, TimeoutError as PlaywrightTimeoutError, expect  # noqa: E402


# -- sites and readers -------------------------------------------------------------


def site_fixture(library_dir: Path, instant: bool):
    @pytest.fixture(scope="module")
    def fixture(tmp_path_factory):
        if not any(library_dir.glob("*.yml")):
            pytest.skip(f"{library_dir} has no samples yet")
        with served_site(tmp_path_factory.mktemp("browser-build"), library_dir, instant) as site:
            yield site
    return fixture


instant_site = site_fixture(FIXTURE_LIBRARY, instant=True)
plain_site = site_fixture(FIXTURE_LIBRARY, instant=False)
real_instant_site = site_fixture(REAL_LIBRARY, instant=True)
real_plain_site = site_fixture(REAL_LIBRARY, instant=False)


@pytest.fixture(scope="module")
def library():
    return library_of(FIXTURE_LIBRARY)


@pytest.fixture(scope="module")
def real_library():
    return library_of(REAL_LIBRARY)


@pytest.fixture
def base_url(instant_site):
    return instant_site.url


@pytest.fixture
def page(browser, instant_site):
    """A phone on the site with instant navigation."""
    yield from watched_page(browser, instant_site.url, PHONE)


@dataclass
class Reader:
    page: Page
    site: Site
    device: str
    expected_missing: list[str]  # URLs this test means to miss: their 404 is not an error

    @property
    def phone(self) -> bool:
        return self.device == "phone"

    def tap(self, locator) -> None:
        """A finger on a phone, a mouse on a desktop."""
        locator.tap() if self.phone else locator.click()

    def follow(self, locator, url: str) -> None:
        """Follow a link and check the page was swapped in place (instant
        navigation) or loaded whole, as this site's build promises."""
        self.page.evaluate("window.__sameWindow = true")
        self.tap(locator)
        expect(self.page).to_have_url(url)
        kept = self.page.evaluate("window.__sameWindow === true")
        assert kept == self.site.instant


def reader_fixture(prefix: str):
    @pytest.fixture(params=READERS, ids=[f"{d}-{n}" for d, n in READERS])
    def fixture(request, browser):
        device, nav = request.param
        site = request.getfixturevalue(f"{prefix}{nav}_site")
        missing: list[str] = []
        for page in watched_page(browser, site.url, DEVICES[device], missing):
            yield Reader(page, site, device, missing)
    return fixture


reader = reader_fixture("")
real_reader = reader_fixture("real_")


def sample_by_id(library, sample_id):
    return next(s for s in library.samples if s.id == sample_id)


def sample_url(site: Site, sample) -> str:
    return f"{site.url}/{sample.report_type.slug}/{sample.id}/"


# -- copying -------------------------------------------------------------------------


def copy_and_read(page: Page, button_selector: str) -> str:
    """Click a copy button and return the plain text that landed on the clipboard."""
    return copy_and_read_both(page, button_selector)["text/plain"]


def copy_and_read_both(page: Page, button_selector: str) -> dict[str, str]:
    """Click a copy button and return every type on the clipboard (HTML as written)."""
    page.evaluate("t => navigator.clipboard.writeText(t)", SENTINEL)
    page.locator(button_selector).click()
    page.wait_for_function("async s => (await navigator.clipboard.readText()) !== s", arg=SENTINEL)
    return page.evaluate("""async () => {
      const found = {}
      for (const item of await navigator.clipboard.read({ unsanitized: ["text/html"] }))
        for (const type of item.types)
          found[type] = await (await item.getType(type)).text()
      return found
    }""")


class Paragraphs(HTMLParser):
    """The <p> elements of the copied HTML: (style, bold, text)."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, bool, str]] = []
        self._open: list | None = None
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._open = [dict(attrs).get("style", ""), False, ""]
        elif tag == "b" and self._open is not None:
            self._open[1] = True

    def handle_endtag(self, tag):
        if tag == "p" and self._open is not None:
            self.found.append((self._open[0], self._open[1], spaces(self._open[2])))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data


def spaces(text: str) -> str:
    """Runs of spaces go into HTML as no-break spaces (HTML would collapse
    them); for comparing text, a space is a space."""
    return text.replace("\xa0", " ")


def word_lines(sections, title: str | None = None) -> list[tuple[str, str]]:
    """What Word should receive, as (role, text): the title, then per section a
    blank line (between sections), its own heading if it has one, its paragraphs."""
    lines = [("title", spaces(title))] if title is not None else []
    for section in sections:
        if lines:
            lines.append(("blank", " "))
        if section.heading:
            lines.append(("heading", spaces(section.heading)))
        lines += [("paragraph", spaces(p)) for p in section.paragraphs]
    return lines


def roles(markup: str) -> list[tuple[str, str]]:
    """The copied HTML read back as (role, text), checking each role's formatting."""
    out = []
    for style, bold, text in Paragraphs(markup).found:
        css = {k.strip(): v.strip() for k, v in (d.split(":", 1) for d in style.split(";") if d.strip())}
        if text == " " and not bold:
            role = "blank"
        elif css.get("text-align") == "center":
            assert bold, text
            role = "title"
        elif bold:
            assert css.get("text-indent") == "2em", text
            role = "heading"
        else:
            assert css.get("text-indent") == "2em", text  # first line indented by two characters
            role = "paragraph"
        assert css.get("margin") == "0"  # no spacing Word would add between lines of a section
        out.append((role, text))
    return out


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
    page.locator("#sec-4-text a.sz-guide-link").click()
    expect(page).to_have_url(base_url + "/guides/wenti/")
    expect(page.locator(f"#ex-{sample.id}-4")).to_contain_text(sample.sections[3].paragraphs[0])


def test_copy_every_section_of_the_real_library(browser, real_instant_site, real_library):
    for page in watched_page(browser, real_instant_site.url, PHONE):
        for sample in real_library.samples:
            page.goto(sample_url(real_instant_site, sample))
            for i, section in enumerate(sample.sections, start=1):
                assert copy_and_read(page, f'button[data-clipboard-target="#sec-{i}-text"]') == section.text
            assert copy_and_read(page, 'button[data-clipboard-target="#report-text"]') == sample.text


@pytest.mark.parametrize("sample_id", ["cunshuji-2023-shuzhi-shulian", "cunshuji-hostile-ceshi"])
def test_copy_gives_word_formatted_html_beside_the_same_plain_text(reader, library, sample_id):
    """Word and WPS paste the HTML: paragraphs indented two characters, bold
    headings, a blank line between sections; plain text stays as it was."""
    sample = sample_by_id(library, sample_id)
    page = reader.page
    page.goto(sample_url(reader.site, sample))
    copied = copy_and_read_both(page, 'button[data-clipboard-target="#report-text"]')
    assert copied["text/plain"] == sample.text
    assert roles(copied["text/html"]) == word_lines(sample.sections, sample.title)
    expect(page.locator(".md-dialog")).to_contain_text("已复制到剪贴板")  # Material's own toast
    for i, section in enumerate(sample.sections, start=1):
        copied = copy_and_read_both(page, f'button[data-clipboard-target="#sec-{i}-text"]')
        assert copied["text/plain"] == section.text
        assert roles(copied["text/html"]) == word_lines([section])


def test_copied_guide_example_keeps_its_heading_bold(reader, library):
    sample = sample_by_id(library, "cunshuji-2023-shuzhi-shulian")
    reader.page.goto(reader.site.url + "/guides/wenti/")
    copied = copy_and_read_both(reader.page, f'button[data-clipboard-target="#ex-{sample.id}-3"]')
    assert copied["text/plain"] == sample.sections[2].text
    assert roles(copied["text/html"]) == word_lines([sample.sections[2]])


def test_pasting_gives_plain_text_to_a_text_box_and_formatting_to_an_editor(reader, library):
    """What a reader gets when pasting: exactly today's text in a plain box;
    indented paragraphs and bold headings in a rich editor (as in Word)."""
    sample = sample_by_id(library, "zhengdun-ruanruo-huansan")
    page = reader.page
    page.goto(sample_url(reader.site, sample))
    copy_and_read_both(page, 'button[data-clipboard-target="#report-text"]')
    page.evaluate("""() => {
      const box = document.createElement("textarea"); box.id = "plain-box"
      const editor = document.createElement("div"); editor.id = "rich-box"; editor.contentEditable = "true"
      document.body.append(box, editor)
    }""")
    page.locator("#plain-box").focus()
    page.keyboard.press("ControlOrMeta+V")
    expect(page.locator("#plain-box")).to_have_value(sample.text)
    page.locator("#rich-box").focus()
    page.keyboard.press("ControlOrMeta+V")
    expect(page.locator("#rich-box p").first).to_have_text(sample.title)
    pasted = page.evaluate("""() => [...document.querySelectorAll("#rich-box p")].map(p => [
      parseFloat(getComputedStyle(p).textIndent) / parseFloat(getComputedStyle(p).fontSize),
      !!p.querySelector("b"), p.textContent])""")
    texts = [spaces(text) for _, _, text in pasted]
    assert texts == [text for _, text in word_lines(sample.sections, sample.title)]
    for (text_indent, bold, text), (role, _) in zip(pasted, word_lines(sample.sections, sample.title)):
        assert bold == (role in ("title", "heading")), text
        if role in ("heading", "paragraph"):
            assert text_indent == 2, text  # two characters


# -- contents on a phone --------------------------------------------------------------


def longest(library):
    return max(library.samples, key=sample_length)


def test_a_long_report_has_contents_a_phone_reader_can_reach(browser, request, real_library):
    """Both navigation modes on a phone: the list under the title, then the
    floating 目录 button once that list has scrolled away."""
    sample = longest(real_library)
    assert len(sample.sections) >= 3
    last = len(sample.sections)
    for nav in ("instant", "plain"):
        site = request.getfixturevalue(f"real_{nav}_site")
        for page in watched_page(browser, site.url, PHONE):
            reader = Reader(page, site, "phone", [])
            page.goto(f"{site.url}/{sample.report_type.slug}/")
            reader.follow(page.get_by_role("link", name=sample.title, exact=True), sample_url(site, sample))
            check_contents_on_a_phone(reader, sample, last)


def check_contents_on_a_phone(reader: Reader, sample, last: int) -> None:
    page = reader.page
    header_bottom = page.locator(".md-header").bounding_box()["height"]
    expect(page.locator(".md-sidebar--secondary")).to_be_hidden()  # Material's contents: not on a phone
    summary = page.locator("nav.sz-contents summary")
    expect(summary).to_be_in_viewport()
    expect(summary).to_have_text(f"目录共 {len(sample.sections)} 节")
    fab = page.locator(".sz-toc-fab")
    expect(fab).to_have_count(1)  # the page script has run for this page
    expect(fab).to_be_hidden()  # the list itself is in view
    reader.tap(summary)
    links = page.locator("nav.sz-contents .sz-contents__sections a")
    expect(links).to_have_count(len(sample.sections))
    shown = [s.heading or KINDS_BY_NAME[s.kind].label for s in sample.sections]
    expect(links).to_have_text(shown)
    reader.tap(links.nth(last - 1))
    expect(page).to_have_url(re.compile(f"#sec-{last}$"))
    landed_below_header(page, f"#sec-{last}", header_bottom)

    # Deep in the report: the button opens the same list, the section being read marked.
    expect(fab).to_be_visible()
    reader.tap(fab)
    dialog = page.locator("dialog.sz-toc-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("a[aria-current]")).to_have_attribute("href", re.compile(f"#sec-{last}$"))
    expect(dialog.locator(".sz-contents__sections a")).to_have_text(shown)
    reader.tap(dialog.locator(".sz-contents__sections a").nth(1))
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(re.compile("#sec-2$"))
    landed_below_header(page, "#sec-2", header_bottom)

    # 关闭 and a tap beside the sheet both close it, leaving the page where it was.
    for close in ("button", "backdrop"):
        reader.tap(fab)
        expect(dialog).to_be_visible()
        if close == "button":
            reader.tap(dialog.get_by_role("button", name="关闭"))
        else:
            page.touchscreen.tap(195, 40)
        expect(dialog).to_be_hidden()
        landed_below_header(page, "#sec-2", header_bottom)

    # The next page has its own list, or none: nothing left behind.
    reader.follow(page.locator(".sz-crumbs a").nth(1), f"{reader.site.url}/{sample.report_type.slug}/")
    expect(page.locator(".sz-toc-fab, dialog.sz-toc-dialog")).to_have_count(0)


def landed_below_header(page: Page, selector: str, header_bottom: float) -> None:
    """The heading is in the upper half of the screen, not hidden under the sticky header."""
    check = """([sel, top]) => {
      const box = document.querySelector(sel).getBoundingClientRect()
      return box.top >= top - 1 && box.top < innerHeight / 2
    }"""
    try:
        page.wait_for_function(check, arg=[selector, header_bottom], timeout=10_000)
    except PlaywrightTimeoutError:
        where = page.evaluate("s => [scrollY, document.querySelector(s).getBoundingClientRect().top, location.hash]", selector)
        raise AssertionError(f"{selector} not just below the header: scrollY, top, hash = {where}") from None


def test_contents_on_a_desktop_is_materials_sidebar(browser, request, real_library):
    sample = longest(real_library)
    for nav in ("instant", "plain"):
        site = request.getfixturevalue(f"real_{nav}_site")
        for page in watched_page(browser, site.url, DESKTOP):
            page.goto(sample_url(site, sample))
            sidebar = page.locator(".md-sidebar--secondary")
            expect(sidebar).to_be_visible()
            for i in range(1, len(sample.sections) + 1):
                expect(sidebar.locator(f'a[href$="#sec-{i}"]')).to_be_visible()
            expect(page.locator("nav.sz-contents")).to_be_hidden()  # no second list on a wide screen
            page.locator(f"#sec-{len(sample.sections)}").scroll_into_view_if_needed()
            expect(page.locator(".sz-toc-fab")).to_be_hidden()


# -- nothing for maintainers, Chinese everywhere -------------------------------------


def test_readers_see_no_maintainer_tools_and_no_generator_credit(reader, library):
    page = reader.page
    page.goto(sample_url(reader.site, sample_by_id(library, "diyishuji-bangfu-shuzhi")))
    expect(page.locator('a[rel="edit"], .md-content__button')).to_have_count(0)
    expect(page.locator('a[href$=".yml"]')).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("编辑此页")
    expect(page.locator("body")).not_to_contain_text("数据文件")
    expect(page.locator(".sz-after").last).to_contain_text("出处：整理自文档分享网站上公开的一篇范文")
    footer = page.locator(".md-footer")
    expect(footer).to_contain_text("注明了出处")
    expect(footer).not_to_contain_text("Made with")
    expect(footer).not_to_contain_text("Material")


def test_missing_page_is_a_chinese_404_with_search_and_the_four_types(reader, library):
    page = reader.page
    missing = reader.site.url + "/cunshuji/no-such-report/"
    reader.expected_missing.append(missing)
    # A host answers a missing address with the site's 404.html, as GitHub Pages and nginx do.
    page.route(missing, lambda route: route.fulfill(
        status=404, path=reader.site.root / "404.html", content_type="text/html; charset=utf-8"))
    response = page.goto(missing)
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    expect(page).to_have_title(f"没有找到这个页面 - {SITE_NAME}")
    article = page.locator("article")
    expect(article.locator("h1")).to_have_text("没有找到这个页面")
    expect(article).not_to_contain_text("Not found")
    for name in ("村书记", "第一书记", "驻村", "软弱涣散整顿"):
        expect(article.get_by_role("link", name=name, exact=True)).to_be_visible()
    # 搜索范文 opens the site's search box
    reader.tap(article.locator("label", has_text="搜索范文"))
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("input.md-search__input")).not_to_be_focused()
    reader.follow(article.get_by_role("link", name="第一书记", exact=True), reader.site.url + "/diyishuji/")
    expect(page.locator("h1")).to_have_text(re.compile("^第一书记述职报告¶?$"))


def test_browser_titles_name_the_site_once(reader):
    page = reader.page
    page.goto(reader.site.url + "/")
    expect(page).to_have_title(SITE_NAME)
    page.goto(reader.site.url + "/tags/")
    expect(page).to_have_title(f"专题 - {SITE_NAME}")


def test_interface_speaks_natural_chinese(reader):
    page = reader.page
    page.goto(reader.site.url + "/")
    strings = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations")
    assert strings["search.result.placeholder"] == "输入要找的词句"
    assert strings["search.result.none"] == "没有找到"  # the search box then says why and what to try
    assert strings["search.result.more.one"] == "同一页还有 1 节"
    assert strings["search.result.more.other"] == "同一页还有 # 节"
    assert strings["clipboard.copied"] == "已复制到剪贴板"
    expect(page.locator("a.md-skip")).to_have_text("跳到正文")
    open_search(reader)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("^(输入要找的词句|正在准备搜索……)$"))
    expect(page.locator('.md-search__options [data-md-component="search-share"]')).to_have_attribute(
        "title", "复制这次搜索的链接")
    html = page.content()
    for stilted in ("键入以开始搜索", "符合条件的结果", "在该页上", "跳转至", "清空当前内容", "回到页面顶部"):
        assert stilted not in html


def open_search(reader: Reader) -> None:
    if reader.phone:
        reader.tap(reader.page.locator('label.md-header__button[for="__search"]'))
    else:
        reader.page.locator("input.md-search__input").click()
    expect(reader.page.locator("input.md-search__input")).to_be_focused()
    # on a phone the search sheet slides in from the side: wait until it is in place
    reader.page.wait_for_function(
        "document.querySelector('.md-search__inner').getBoundingClientRect().right <= innerWidth + 0.5")


# -- words -----------------------------------------------------------------------------


def test_readers_words_for_topics_sections_and_incomplete_texts(reader, library):
    page = reader.page
    page.goto(reader.site.url + "/")
    home = page.locator("article")
    expect(home).not_to_contain_text("上方")
    for link in home.locator("ul").first.get_by_role("link").all():  # the four types, first on the page
        expect(link).to_be_in_viewport()
    # The tags page is 专题 in the tabs (desktop) and in the ☰ menu (phone).
    if reader.phone:
        reader.tap(page.locator('label.md-header__button[for="__drawer"]'))
        menu = page.locator(".md-nav--primary")
    else:
        menu = page.locator(".md-tabs")
    expect(menu).not_to_contain_text("话题")
    reader.follow(menu.get_by_role("link", name="专题", exact=True), reader.site.url + "/tags/")
    expect(page.locator("article h1")).to_have_text(re.compile("^专题¶?$"))

    flagged = sample_by_id(library, "zhengdun-ruanruo-huansan")  # the original page's title did not fit
    page.goto(sample_url(reader.site, flagged))
    expect(page.locator(".sz-meta")).not_to_contain_text("不符")
    expect(page.locator(".sz-meta .sz-badge")).to_have_text(["完整"])  # the text is whole; the old title is no badge
    expect(page.locator("ul.sz-after").last).to_contain_text("标题：原网页给这篇的标题与正文对不上，本站按正文重拟了标题。")

    cut = sample_by_id(library, "diyishuji-bangfu-shuzhi")  # cut off, and without its opening
    page.goto(sample_url(reader.site, cut))
    expect(page.locator(".sz-meta .sz-badge")).to_have_text(["后文缺失", "缺开头"])
    expect(page.locator(".sz-meta")).to_contain_text(f"{len(cut.sections)} 节")
    expect(page.locator("body")).not_to_contain_text("预览截断")

    page.goto(reader.site.url + "/guides/wenti/")
    expect(page.locator("article")).not_to_contain_text("片段")
    expect(page.locator("#examples + p")).to_contain_text("节“存在问题”")


# -- phone layout ------------------------------------------------------------------------

# Boxes on one line have nearly the same bottom; lines are a line-height apart.
COUNT_LINES_JS = """
  const countLines = rects => {
    const bottoms = [...rects].filter(r => r.width > 0).map(r => r.bottom).sort((a, b) => a - b)
    return bottoms.filter((b, i) => i === 0 || b - bottoms[i - 1] > 8).length
  }
"""
# For one heading: grow its own text until it ends exactly at the end of a line
# (where the invisible ¶ after it used to wrap onto a line of its own), then
# count the lines of the text and of the heading.
FILL_LINE_JS = """heading => {""" + COUNT_LINES_JS + """
  const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement.closest(".headerlink") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT })
  let node = null
  for (let n = walker.nextNode(); n; n = walker.nextNode()) node = n
  const range = document.createRange()
  const textLines = () => {
    range.setStart(heading, 0)
    range.setEnd(node, node.data.length)
    return countLines(range.getClientRects())
  }
  const headingLines = () =>
    Math.round(heading.getBoundingClientRect().height / parseFloat(getComputedStyle(heading).lineHeight))
  const start = textLines()
  while (textLines() === start) node.data += "述"
  node.data = node.data.slice(0, -1)
  return [textLines(), headingLines()]
}"""


def test_headings_have_no_empty_line_from_the_hidden_permalink(real_reader, real_library):
    page = real_reader.page
    sample = longest(real_library)
    page.goto(sample_url(real_reader.site, sample))
    if real_reader.phone:  # touch screens cannot hover, so the ¶ is not there at all
        for link in page.locator("article .headerlink").all():
            expect(link).to_have_css("display", "none")
    for selector in ("h1#title", "#sec-2"):
        text_lines, heading_lines = page.locator(selector).evaluate(FILL_LINE_JS)
        assert heading_lines == text_lines, selector


def test_section_tools_stay_together_and_the_heading_keeps_its_lines(real_reader, real_library):
    """The 写法 chip never sits on a line by itself: it shares a row with the copy
    button (beside the heading on a wide screen, under it on a phone)."""
    page = real_reader.page
    for sample in sorted(real_library.samples, key=sample_length)[-3:]:
        page.goto(sample_url(real_reader.site, sample))
        for i in range(1, len(sample.sections) + 1):
            rows = page.locator(f"#sec-{i}-text").evaluate("""section => {""" + COUNT_LINES_JS + """
              const h2 = section.querySelector("h2"), span = h2.querySelector(".sz-h")
              const chip = section.querySelector(".sz-tools .sz-guide-link").getBoundingClientRect()
              const copy = section.querySelector(".sz-tools .sz-copy").getBoundingClientRect()
              const box = h2.getBoundingClientRect(), line = parseFloat(getComputedStyle(h2).lineHeight)
              const textLines = countLines(span.getClientRects())
              return { chipMid: (chip.top + chip.bottom) / 2, copyTop: copy.top, copyBottom: copy.bottom,
                       headingTop: box.top, headingBottom: box.bottom, line,
                       headingLines: Math.round(box.height / line), textLines, width: section.clientWidth,
                       headingWidth: box.width }
            }""")
            assert rows["copyTop"] <= rows["chipMid"] <= rows["copyBottom"], (sample.id, i)  # one row
            assert rows["headingLines"] == rows["textLines"], (sample.id, i)  # nothing wraps under the text
            if real_reader.phone:  # the heading has the full width, the tools a row under it
                assert rows["headingWidth"] >= rows["width"] - 1
                assert rows["copyTop"] >= rows["headingBottom"] - 1
            else:  # level with the heading's first line
                assert rows["headingTop"] <= rows["chipMid"] <= rows["headingTop"] + rows["line"]


def test_long_query_stays_clear_of_the_search_box_buttons(reader):
    page = reader.page
    page.goto(reader.site.url + "/")
    open_search(reader)
    box = page.locator("input.md-search__input")
    box.fill("发展壮大村级集体经济，带领群众增收致富，村集体经营性收入稳步增长")
    box.press("End")
    share = page.locator('.md-search__options [data-md-component="search-share"]')
    expect(share).to_be_visible()
    text_right, buttons_left = page.evaluate("""() => {
      const box = document.querySelector(".md-search__input"), style = getComputedStyle(box)
      const buttons = [...document.querySelectorAll(".md-search__options > *")]
        .map(b => b.getBoundingClientRect()).filter(r => r.width > 0)
      return [box.getBoundingClientRect().right - parseFloat(style.paddingRight), Math.min(...buttons.map(r => r.left))]
    }""")
    assert text_right <= buttons_left + 0.5


def test_dark_mode_header_is_calm(reader):
    page = reader.page
    page.emulate_media(color_scheme="dark")
    page.goto(reader.site.url + "/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    bars = ["header.md-header"] + ([] if reader.phone else [".md-tabs"])
    for selector in bars:
        colour = page.locator(selector).evaluate("el => getComputedStyle(el).backgroundColor")
        r, g, b = (int(c) for c in re.findall(r"\d+", colour)[:3])
        assert max(r, g, b) - min(r, g, b) < 40, (selector, colour)  # a grey, not red
        assert max(r, g, b) < 90, (selector, colour)  # dark, like the page under it


# -- printing ----------------------------------------------------------------------------

PRINT_HIDDEN = [
    ".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-search", ".md-top", ".md-tags",
    ".sz-crumbs", ".sz-meta", ".sz-copy", ".sz-guide-link", ".sz-badge", ".sz-contents",
    ".sz-supplied", ".headerlink", "#related", "#source", "ul.sz-after",
]


@pytest.mark.parametrize("sample_id", ["cunshuji-2023-shuzhi-shulian", "diyishuji-bangfu-shuzhi"])
def test_printing_a_sample_prints_only_the_report(reader, library, sample_id):
    sample = sample_by_id(library, sample_id)
    page = reader.page
    page.goto(sample_url(reader.site, sample))
    if reader.phone:  # the floating button exists once the contents list has scrolled away
        page.locator(f"#sec-{len(sample.sections)}").scroll_into_view_if_needed()
    page.emulate_media(media="print")
    shown = page.evaluate("""selectors => selectors.flatMap(s =>
      [...document.querySelectorAll(s)].filter(el => el.checkVisibility()).map(() => s))""", PRINT_HIDDEN)
    assert shown == []
    assert page.locator(".sz-toc-fab, .md-dialog").evaluate_all("els => els.filter(e => e.checkVisibility())") == []
    printed = [line.strip() for line in page.evaluate("document.body.innerText").split("\n") if line.strip()]
    assert printed == sample.text.split("\n")
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
