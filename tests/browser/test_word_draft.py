"""Word files and the draft builder (issue 13), in Chromium on the real library.

A reader downloads the Word file of a sample page and builds a draft on the
起草 page from sample sections, guide examples and the example browser, fills
the common placeholders, edits, reorders and deletes paragraphs, reloads, and
exports the draft as a Word file and as text. python-docx opens every file
and checks its text against the YAML and its layout against the 公文
conventions of issue 13; every XML part of the file must be well-formed.

Phone (390x844, touch) and desktop; built with site_url (instant navigation)
and without. Every page fails its test on a page error, a console error, a
request to another host or any request that is not a GET: the draft stays in
the browser.
"""

from __future__ import annotations

import re
import zipfile
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from helpers import DEVICES, REAL_LIBRARY, build_site, library_of, require_chromium
from shuzhi.bench.chromium import serve_directory
from shuzhi.bench.synthetic import generate_samples, write_library
from shuzhi.library.model import PLACEHOLDER_PATTERN, TAGS, section_length
from shuzhi.site.draft import CHUNK, DRAFT_TITLES
from shuzhi.site.fields import FIELDS

require_chromium()

from playwright.sync_api import Page, expect  # noqa: E402

MATRIX = [(v, n) for v in sorted(DEVICES) for n in ("instant", "plain")]
SAMPLE_ID = "cunshuji-shulian-2024-jitijingji"  # complete, with （一） points and placeholders of every field

GONGWEN = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "level1": "黑体", "level2": "楷体_GB2312", "page": "宋体"}
WINDOWS = {"title": "宋体", "body": "仿宋", "level1": "黑体", "level2": "楷体", "page": "宋体"}
MM = 0.1  # tolerance of page measurements, mm


# -- sites and pages ---------------------------------------------------------------


@pytest.fixture(scope="module")
def library():
    return library_of(REAL_LIBRARY)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The real library built twice, with site_url (instant navigation) and
    without, each served from 127.0.0.1; "instant"/"plain" -> base URL."""
    with ExitStack() as stack:
        urls = {}
        for name in ("instant", "plain"):
            tmp = tmp_path_factory.mktemp(f"word-{name}")
            url = stack.enter_context(serve_directory(tmp / "site"))
            build_site(tmp, REAL_LIBRARY, site_url=url if name == "instant" else None, site=tmp / "site")
            urls[name] = url.rstrip("/")
        yield urls


class Watched:
    """A browser context's page that records what must not happen."""

    def __init__(self, browser, viewport: str, base_url: str):
        self.context = browser.new_context(**DEVICES[viewport], locale="zh-CN", accept_downloads=True)
        if base_url.startswith("http"):
            self.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.requests: list[str] = []
        local = urlsplit(base_url).netloc
        page = self.page
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

        def check(request):
            url = urlsplit(request.url)
            self.requests.append(request.url)
            if url.scheme not in ("data", "blob") and url.netloc != local:
                self.problems.append(f"request to another host: {request.url}")
            if request.method != "GET":
                self.problems.append(f"{request.method} {request.url}")

        page.on("request", check)

    def close(self) -> None:
        self.context.close()
        assert self.problems == []


@pytest.fixture
def open_page(browser):
    opened: list[Watched] = []

    def make(viewport: str, base_url: str) -> Page:
        watched = Watched(browser, viewport, base_url)
        opened.append(watched)
        return watched.page

    yield make
    for watched in opened:
        watched.close()


def sample_of(library, sample_id):
    return next(s for s in library.samples if s.id == sample_id)


def go_to_sample(page: Page, base_url: str, sample) -> None:
    """Home, type page, sample page: by clicking, so instant navigation does the work where it is on."""
    page.goto(base_url + "/")
    page.evaluate("window.__sameWindow = true")
    page.locator(f'article a[href$="{sample.report_type.slug}/"]').first.click()
    page.get_by_role("link", name=sample.title, exact=True).click()
    expect(page.locator("h1")).to_contain_text(sample.title)


def open_draft_page(page: Page) -> None:
    """The 起草 link every page carries: a tab on a desktop, the menu on a phone."""
    tab = page.locator(".md-tabs__link", has_text="起草")
    if tab.is_visible():
        tab.click()
    else:
        page.locator('label.md-header__button[for="__drawer"]').click()
        page.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
        # In a section (写作指南) the menu opens at that section: its back arrow leads up.
        for toggle in reversed(page.locator('.md-nav--primary input.md-nav__toggle[id^="__nav_"]:checked').all()):
            page.locator(f'.md-nav--primary label.md-nav__title[for="{toggle.get_attribute("id")}"]').first.click()
        page.locator(".md-nav--primary .md-nav__link", has_text="起草").click()
    expect(page.locator(".sz-qicao__start, .sz-qicao__head").first).to_be_visible()


def download(page: Page, button) -> Path:
    with page.expect_download() as info:
        button.click()
    return Path(info.value.path()), info.value.suggested_filename


# -- reading a Word file ------------------------------------------------------------


def well_formed(path: Path) -> None:
    """Every XML part of the package parses."""
    with zipfile.ZipFile(path) as package:
        parts = [n for n in package.namelist() if n.endswith((".xml", ".rels"))]
        assert "word/document.xml" in parts and "[Content_Types].xml" in parts
        for name in parts:
            ElementTree.fromstring(package.read(name))


def east_asia(run) -> str | None:
    fonts = run._r.rPr.find(qn("w:rFonts")) if run._r.rPr is not None else None
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def run_font(run) -> str:
    """The run's font: set in every slot, East Asian included."""
    fonts = run._r.rPr.find(qn("w:rFonts"))
    slots = {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")}
    assert len(slots) == 1, slots
    return slots.pop()


def highlighted_spans(paragraph) -> list[tuple[int, int]]:
    spans, at = [], 0
    for run in paragraph.runs:
        end = at + len(run.text)
        if run.font.highlight_color is not None:
            assert run.font.highlight_color == WD_COLOR_INDEX.YELLOW
            if spans and spans[-1][1] == at:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((at, end))
        at = end
    return spans


def check_gongwen(path: Path, lines: list[str], headings: set[int], fonts: dict[str, str] = GONGWEN) -> None:
    """The file holds ``lines`` (title first) laid out as issue 13 asks; ``headings``:
    indexes of the lines that are headings."""
    well_formed(path)
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    assert [p.text for p in paragraphs] == lines

    section = document.sections[0]
    assert abs(section.page_width.mm - 210) < MM and abs(section.page_height.mm - 297) < MM
    for margin, mm in (("top_margin", 37), ("bottom_margin", 35), ("left_margin", 28), ("right_margin", 26)):
        assert abs(getattr(section, margin).mm - mm) < MM, margin

    title = paragraphs[0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in title.runs:
        assert run_font(run) == fonts["title"] and run.font.size == Pt(22) and east_asia(run)

    for n, paragraph in enumerate(paragraphs):
        spacing = paragraph.paragraph_format
        assert spacing.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert 28 <= spacing.line_spacing.pt <= 29
        assert highlighted_spans(paragraph) == [m.span() for m in PLACEHOLDER_PATTERN.finditer(paragraph.text)]
        if n == 0:
            continue
        text = paragraph.text
        salutation = n == 1 and text.endswith("：") and len(text) <= 30 and "。" not in text
        indent = paragraph.paragraph_format.first_line_indent
        ind = paragraph._p.pPr.find(qn("w:ind"))
        if salutation:
            assert indent is None and ind is None
        else:
            assert indent == Pt(32) and ind.get(qn("w:firstLineChars")) == "200", text
        for run in paragraph.runs:
            assert run.font.size == Pt(16) and east_asia(run)
        used = [run_font(r) for r in paragraph.runs if r.text]
        if n in headings:
            level = fonts["level2"] if re.match(r"[（(][一二三四五六七八九十]+[）)]", text) else fonts["level1"]
            assert set(used) == {level}, text
        elif re.match(r"（[一二三四五六七八九十]+）", text) and 0 < text.find("。") < 30:
            # a numbered point run into its paragraph: its first sentence in 楷体
            stop, at = text.find("。") + 1, 0
            for run in paragraph.runs:
                expected = fonts["level2"] if at < stop else fonts["body"]
                assert run_font(run) == expected, text
                at += len(run.text)
            assert stop in {sum(len(r.text) for r in paragraph.runs[:i]) for i in range(len(paragraph.runs) + 1)}
        else:
            assert set(used) == {fonts["body"]}, text

    footer = section.footer.paragraphs
    assert len(footer) == 1 and footer[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert footer[0].text == "—  —"  # the PAGE field sits between the dashes
    instructions = [e.text.strip() for e in footer[0]._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    for run in footer[0].runs:
        assert run_font(run) == fonts["page"] and run.font.size == Pt(14)


def sample_lines(sample) -> tuple[list[str], set[int]]:
    """The YAML as the Word file must hold it: title, then every real heading and paragraph."""
    lines, headings = [sample.title], set()
    for section in sample.sections:
        if section.heading:
            headings.add(len(lines))
            lines.append(section.heading)
        lines += section.paragraphs
    return lines, headings


# -- 下载 Word on a sample page ------------------------------------------------------------


@pytest.mark.parametrize("viewport, nav", MATRIX)
def test_word_file_of_a_sample_page(open_page, built, library, viewport, nav):
    base_url = built[nav]
    page = open_page(viewport, base_url)
    sample = sample_of(library, SAMPLE_ID)
    go_to_sample(page, base_url, sample)
    assert page.evaluate("window.__sameWindow === true") == (nav == "instant")
    button = page.locator(".sz-meta button", has_text="下载 Word")
    path, name = download(page, button)
    assert name == f"{sample.title}.docx"
    check_gongwen(path, *sample_lines(sample))
    expect(button).to_be_enabled()
    # Copying still gives the YAML's text, untouched by the new buttons.
    page.evaluate("navigator.clipboard.writeText('')")
    page.locator('button[data-clipboard-target="#report-text"]').click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == sample.text


def test_word_files_of_every_real_sample(open_page, built, library):
    page = open_page("desktop", built["plain"])
    for sample in library.samples:
        page.goto(f"{built['plain']}/{sample.report_type.slug}/{sample.id}/")
        path, _ = download(page, page.locator(".sz-meta button", has_text="下载 Word"))
        check_gongwen(path, *sample_lines(sample))


def test_word_file_in_the_fonts_every_windows_has(open_page, built, library):
    """The 起草 page's font choice applies to every Word file of this browser."""
    base_url = built["plain"]
    page = open_page("desktop", base_url)
    page.goto(base_url + "/qicao/")
    page.get_by_role("button", name=re.compile("^村书记")).click()
    page.locator("input[data-role=fonts]").check()
    sample = sample_of(library, SAMPLE_ID)
    page.goto(f"{base_url}/{sample.report_type.slug}/{sample.id}/")
    path, _ = download(page, page.locator(".sz-meta button", has_text="下载 Word"))
    check_gongwen(path, *sample_lines(sample), fonts=WINDOWS)
    assert docx.Document(str(path)).paragraphs[0].runs[0].font.bold


# -- the draft ------------------------------------------------------------------------------

FILLED = {"姓名": "张明", "任职时间": "2021年5月", "村名": "花桥村", "镇名": "青石镇"}


def filled(text: str) -> str:
    """The spots of the sample used below, filled as FILLED says (written out, not computed like the page)."""
    return (text.replace("我叫___", "我叫张明").replace("20XX年X月", "2021年5月")
            .replace("XX村", "花桥村").replace("XX镇", "青石镇"))


def part(page: Page, kind: str):
    return page.locator(f'.sz-part[data-kind="{kind}"]')


def type_at_end(page: Page, editable) -> None:
    """Put the caret at the end of an editable paragraph."""
    editable.click()
    editable.evaluate("""el => { const r = document.createRange(); r.selectNodeContents(el); r.collapse(false);
                                 const s = getSelection(); s.removeAllRanges(); s.addRange(r) }""")


@pytest.mark.parametrize("viewport, nav", MATRIX)
def test_build_a_draft_and_export_it(open_page, built, library, viewport, nav):
    base_url = built[nav]
    page = open_page(viewport, base_url)
    sample = sample_of(library, SAMPLE_ID)
    opening, study = sample.sections[0], sample.sections[1]
    assert opening.kind == "开头" and study.kind == "学习与思想" and study.heading.startswith("一、")

    # 加入草稿 on a section of a sample page: the draft takes the sample's type.
    go_to_sample(page, base_url, sample)
    page.locator('button[data-sz-draft="#sec-2-text"]').click()
    expect(page.locator(".md-dialog")).to_contain_text("已加入草稿“学习与思想”：小标题和 3 段")
    open_draft_page(page)
    assert page.evaluate("window.__sameWindow === true") == (nav == "instant")
    expect(page.locator("select[data-role=type]")).to_have_value("村书记")
    parts = page.locator(".sz-part")
    expect(parts).to_have_count(7)
    assert parts.evaluate_all("els => els.map(e => e.dataset.kind)") == [
        "开头", "学习与思想", "主要工作", "成效", "存在问题", "下一步打算", "结尾"]
    expect(part(page, "学习与思想").locator(".sz-item")).to_have_count(4)
    expect(part(page, "学习与思想").locator(".sz-part__count")).to_contain_text("4 段")

    # The example browser: filter by topic, see lengths, take a whole section.
    part(page, "开头").get_by_role("button", name="从范文里挑选").click()
    browser_panel = part(page, "开头").locator(".sz-browse")
    expect(browser_panel.locator(".sz-browse__status")).to_contain_text("共")
    browser_panel.locator("select[data-role=btag]").select_option("集体经济")
    tagged = [s for s in library.by_type("村书记") if "集体经济" in s.tags for x in s.sections if x.kind == "开头"]
    expect(browser_panel.locator(".sz-browse__status")).to_contain_text(f"共 {len(tagged)} 节")
    article = browser_panel.locator(f'.sz-ex[data-u^="cunshuji/{sample.id}/"]')
    expect(article.locator(".sz-len")).to_have_text(f"{section_length(opening)} 字")
    article.get_by_role("button", name="整节选用").click()
    expect(part(page, "开头").locator(".sz-item")).to_have_count(len(opening.paragraphs))
    expect(article.get_by_role("button", name="已全部选用")).to_be_disabled()

    # The common fields, once for the whole draft.
    if not page.locator(".sz-qicao__fields").evaluate("d => d.open"):
        page.locator(".sz-qicao__fields summary").click()
    for name, value in FILLED.items():
        page.locator(f'input[data-field="{name}"]').fill(value)
    first = part(page, "开头").locator(".sz-item__text").nth(1)
    expect(first).to_contain_text("我叫张明，2021年5月起担任花桥村党支部书记")
    expect(first.locator(".sz-fill").first).to_have_text("___")  # what no field fills stays marked

    # Reorder, delete, edit in place, write a paragraph of one's own.
    items = part(page, "学习与思想").locator(".sz-item")
    items.nth(2).get_by_role("button", name="上移").click()
    items.nth(3).get_by_role("button", name="删除").click()
    expect(items).to_have_count(3)
    edited = items.nth(2).locator(".sz-item__text")
    type_at_end(page, edited)
    page.keyboard.type("（本段已修改）")
    page.keyboard.press("Enter")  # leaves the paragraph
    part(page, "结尾").get_by_role("button", name="自己写一段").click()
    page.keyboard.type("以上报告，请予评议。")
    page.keyboard.press("Enter")

    expected = ([DRAFT_TITLES["村书记"]] + [filled(p) for p in opening.paragraphs]
                + [filled(study.heading), filled(study.paragraphs[1]), filled(study.paragraphs[0]) + "（本段已修改）",
                   "以上报告，请予评议。"])
    headings = {1 + len(opening.paragraphs)}

    # It all survives a reload.
    page.reload()
    expect(part(page, "学习与思想").locator(".sz-item")).to_have_count(3)
    expect(part(page, "学习与思想").locator(".sz-item__text").nth(2)).to_have_text(expected[-2])
    for name, value in FILLED.items():
        expect(page.locator(f'input[data-field="{name}"]')).to_have_value(value)

    # Export: a Word file and the text, both the chosen paragraphs with the values filled in.
    path, name = download(page, page.locator(".sz-qicao__bar button", has_text="下载 Word"))
    assert name == f"{DRAFT_TITLES['村书记']}.docx"
    check_gongwen(path, expected, headings)
    page.evaluate("navigator.clipboard.writeText('')")
    page.locator(".sz-qicao__bar button", has_text="复制全文").click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == "\n".join(expected)

    # 清空草稿 asks first.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="清空草稿").click()
    expect(part(page, "学习与思想").locator(".sz-item")).to_have_count(3)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="清空草稿").click()
    expect(page.locator(".sz-qicao__start")).to_be_visible()
    page.reload()
    expect(page.locator(".sz-qicao__start")).to_be_visible()
    assert page.evaluate("localStorage.getItem('sz-draft')") is None


@pytest.mark.parametrize("viewport, nav", MATRIX)
def test_a_guide_example_goes_into_the_draft_and_survives_a_reload(open_page, built, library, viewport, nav):
    base_url = built[nav]
    page = open_page(viewport, base_url)
    page.goto(base_url + "/guides/")
    page.locator('article a[href$="wenti/"]').first.click()
    example = page.locator(".sz-example").first
    source = example.locator(".sz-example__meta a").first
    title = source.inner_text()
    sample = next(s for s in library.samples if s.title == title)
    index = int(re.search(r"#sec-(\d+)$", source.get_attribute("href")).group(1))
    section = sample.sections[index - 1]
    example.get_by_role("button", name="加入草稿").click()
    expect(page.locator(".md-dialog")).to_contain_text("已加入草稿“存在问题”：")
    open_draft_page(page)
    lines = ([section.heading] if section.heading else []) + list(section.paragraphs)
    texts = part(page, "存在问题").locator(".sz-item__text")
    expect(texts).to_have_count(len(lines))
    assert texts.all_inner_texts() == lines
    # Where each paragraph came from: a link back to the section.
    src = part(page, "存在问题").locator("a.sz-item__src").first
    expect(src).to_have_text(f"出自：{sample.title}")
    assert src.get_attribute("href").endswith(f"/{sample.report_type.slug}/{sample.id}/#sec-{index}")
    page.reload()
    expect(texts).to_have_count(len(lines))
    assert texts.all_inner_texts() == lines
    stored = page.evaluate("JSON.parse(localStorage.getItem('sz-draft'))")
    assert stored["type"] == sample.type and [i["t"] for i in stored["parts"]["存在问题"]] == lines


def test_nothing_heavy_loads_until_asked(open_page, built, library):
    """Issue 13's cost rule, in the browser: a sample page loads only the small page
    script; 加入草稿 adds the store, 下载 Word the docx library and the layout."""
    base_url = built["plain"]
    page = open_page("phone", base_url)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(urlsplit(r.url).path))
    sample = sample_of(library, SAMPLE_ID)
    page.goto(f"{base_url}/{sample.report_type.slug}/{sample.id}/")
    page.wait_for_load_state("networkidle")
    ours = lambda: [p for p in requested if "/draft/" in p or "/word/" in p or "/vendor/docx/" in p]  # noqa: E731
    assert ours() == ["/assets/javascripts/draft/page.js"]
    page.locator('button[data-sz-draft="#sec-1-text"]').click()
    expect(page.locator(".md-dialog")).to_contain_text("已加入草稿")
    assert ours()[1:] == ["/assets/javascripts/draft/store.js"]
    download(page, page.locator(".sz-meta button", has_text="下载 Word"))
    assert sorted(ours()[2:]) == ["/assets/javascripts/vendor/docx/docx.min.js", "/assets/javascripts/word/gongwen.js"]


def test_works_offline_once_loaded(open_page, built, library):
    """With instant navigation the scripts and example data stay loaded: after
    the network goes, Word files and the draft still work."""
    base_url = built["instant"]
    page = open_page("phone", base_url)
    sample = sample_of(library, SAMPLE_ID)
    go_to_sample(page, base_url, sample)
    download(page, page.locator(".sz-meta button", has_text="下载 Word"))
    open_draft_page(page)
    page.get_by_role("button", name=re.compile("^村书记")).click()
    part(page, "结尾").get_by_role("button", name="从范文里挑选").click()
    expect(part(page, "结尾").locator(".sz-ex").first).to_be_visible()
    page.context.set_offline(True)
    part(page, "结尾").locator(".sz-ex").first.get_by_role("button", name="整节选用").click()
    expect(part(page, "结尾").locator(".sz-item").first).to_be_visible()
    path, _ = download(page, page.locator(".sz-qicao__bar button", has_text="下载 Word"))
    well_formed(path)
    page.context.set_offline(False)


def test_javascript_fills_and_marks_the_same_spots_as_python(open_page, built, library):
    """The fields' rules and the placeholder pattern are written once, in Python;
    the page runs them as JavaScript RegExps. Both must find the same spots."""
    page = open_page("desktop", built["plain"])
    page.goto(built["plain"] + "/qicao/")
    expect(page.locator(".sz-qicao__start")).to_be_visible()
    texts = sorted({t for s in library.samples for t in (s.title, *[x for sec in s.sections for x in (sec.heading, *sec.paragraphs)]) if t})
    texts += ["我是XX村党支部书记___，20xx年x月任职", "某某村某些情况", "ab__cd XXL 20XX年", "２０ＸＸ年 ×× ＿＿"]
    found = page.evaluate("""texts => {
        const config = JSON.parse(document.getElementById("sz-qicao").dataset.config)
        const blank = new RegExp(config.placeholder, "g")
        const rules = config.fields.flatMap(f => f.rules.map(r => new RegExp(r, "g")))
        return texts.map(t => [
            [...t.matchAll(blank)].map(m => [m.index, m.index + m[0].length]),
            rules.map(re => [...t.matchAll(re)].map(m => [m.index, m[0], m[1], m[2]]))])
    }""", texts)
    for text, (blanks, per_rule) in zip(texts, found):
        assert blanks == [list(m.span()) for m in PLACEHOLDER_PATTERN.finditer(text)], text
        rules = [re.compile(r) for f in FIELDS for r in f.rules]
        assert per_rule == [[[m.start(), m.group(0), m.group(1), m.group(2)] for m in r.finditer(text)] for r in rules], text


def test_draft_tool_from_a_folder(open_page, tmp_path_factory, library):
    """The offline build (mkdocs.offline.yml) opened from file://: example data
    comes as scripts, the draft is kept, the Word file is made."""
    tmp = tmp_path_factory.mktemp("word-offline")
    site = build_site(tmp, REAL_LIBRARY, config_file="mkdocs.offline.yml")
    base = site.as_uri()
    page = open_page("phone", base)
    sample = sample_of(library, SAMPLE_ID)
    page.goto(f"{base}/{sample.report_type.slug}/{sample.id}.html")
    path, _ = download(page, page.locator(".sz-meta button", has_text="下载 Word"))
    check_gongwen(path, *sample_lines(sample))
    page.locator('button[data-sz-draft="#sec-8-text"]').click()
    expect(page.locator(".md-dialog")).to_contain_text("已加入草稿“结尾”：1 段")
    page.goto(f"{base}/qicao/index.html")
    expect(part(page, "结尾").locator(".sz-item")).to_have_count(1)
    part(page, "开头").get_by_role("button", name="从范文里挑选").click()
    article = part(page, "开头").locator(f'.sz-ex[data-u="cunshuji/{sample.id}.html#sec-1"]')
    article.get_by_role("button", name="整节选用").click()
    expect(part(page, "开头").locator(".sz-item")).to_have_count(len(sample.sections[0].paragraphs))
    path, _ = download(page, page.locator(".sz-qicao__bar button", has_text="下载 Word"))
    lines = [DRAFT_TITLES["村书记"], *sample.sections[0].paragraphs, *sample.sections[7].paragraphs]
    check_gongwen(path, lines, set())



def test_example_browser_pages_and_filters_a_larger_library(open_page, tmp_path_factory):
    """Past one data file (CHUNK examples) the browser pages, and a topic filter
    picks its examples out of every file, in library order."""
    tmp = tmp_path_factory.mktemp("word-many")
    library_dir = write_library(generate_samples(120), tmp / "library")
    many = library_of(library_dir)
    site = tmp / "site"
    with serve_directory(site) as url:
        build_site(tmp, library_dir, site=site)
        page = open_page("desktop", url)
        page.goto(url + "qicao/")
        page.get_by_role("button", name=re.compile("^村书记")).click()
        work = part(page, "主要工作")
        work.get_by_role("button", name="从范文里挑选").click()
        examples = [(s, i) for s in many.by_type("村书记") for i, x in enumerate(s.sections, 1) if x.kind == "主要工作"]
        pages = -(-len(examples) // CHUNK)
        assert pages >= 3
        status = work.locator(".sz-browse__status")
        expect(status).to_have_text(f"村书记报告的“主要工作”共 {len(examples)} 节，第 1/{pages} 页")

        def shown():
            return work.locator(".sz-ex").evaluate_all("els => els.map(e => e.dataset.u)")

        def url_of(sample, index):
            return f"cunshuji/{sample.id}/#sec-{index}"

        assert shown() == [url_of(*e) for e in examples[:CHUNK]]
        work.get_by_role("button", name="下一页").click()
        expect(status).to_contain_text(f"第 2/{pages} 页")
        assert shown() == [url_of(*e) for e in examples[CHUNK:2 * CHUNK]]

        tag = next(t.name for t in TAGS if sum(t.name in s.tags for s, _ in examples) > CHUNK)
        tagged = [e for e in examples if tag in e[0].tags]
        work.locator("select[data-role=btag]").select_option(tag)
        expect(status).to_contain_text(f"（{tag}）共 {len(tagged)} 节，第 1/")
        assert shown() == [url_of(*e) for e in tagged[:CHUNK]]
        work.get_by_role("button", name="下一页").click()
        expect(status).to_contain_text("第 2/")
        assert shown() == [url_of(*e) for e in tagged[CHUNK:2 * CHUNK]]
        work.locator("select[data-role=btype]").select_option("zhengdun")
        expect(status).to_contain_text("范文库里还没有软弱涣散整顿报告的“主要工作”")
