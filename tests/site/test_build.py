"""Strict builds of the real mkdocs.yml (hooks/shuzhi_hooks.py driving
hooks/shuzhi/site/ and hooks/shuzhi/search/), read back as HTML.

The fixture library (tests/fixtures/library) holds one sample of every type
and a hostile sample full of Markdown, HTML and template syntax.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from mkdocs.exceptions import Abort

from helpers import FIXTURE_LIBRARY, REAL_LIBRARY, SEARCH_SCRIPTS, build_site, joined_worker, library_of
from shuzhi.bench.synthetic import generate_samples, write_library
from shuzhi.library.model import KINDS_BY_NAME, REPORT_TYPES, SECTION_KINDS
from shuzhi.search.worker import FOLDER, PARTS, WORKER_URI
from shuzhi.site.fragments import SharedFragments
from shuzhi.site.guides import INLINE_EXAMPLES, LIST_PAGE_SIZE, example_list_uris, examples_of_kind

HOSTILE_ID = "cunshuji-hostile-ceshi"


class Page(HTMLParser):
    """What the tests need from one built HTML page."""

    # Attributes through which a page makes the browser load something.
    LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
               "video": "src", "embed": "src", "object": "data", "link": "href"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[str] = []
        self.copy_targets: list[str] = []
        self.scripts: list[str] = []
        self.lines: list[tuple[str, str]] = []  # (class, text) of report text lines
        self._line: list | None = None
        self._depth = 0
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in self.LOADING and a.get(self.LOADING[tag]):
            self.loads.append(a[self.LOADING[tag]])
        if "data-clipboard-target" in a:
            self.copy_targets.append(a["data-clipboard-target"])
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        cls = a.get("class", "")
        if tag == "div" and cls in ("sz-p", "sz-hline") and self._line is None:
            self._line, self._depth = [cls, ""], 0
        elif self._line is not None and tag not in ("br",):
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if self._line is not None:
            if self._depth == 0:
                self.lines.append((self._line[0], self._line[1]))
                self._line = None
            else:
                self._depth -= 1

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        if self._line is not None:
            self._line[1] += data


def read(site: Path, url_path: str) -> Page:
    return Page((site / url_path / "index.html").read_text(encoding="utf-8"))


LIBRARIES = {"fixture": FIXTURE_LIBRARY, "real": REAL_LIBRARY}


@pytest.fixture(scope="module", params=sorted(LIBRARIES))
def built(request, tmp_path_factory):
    """(site folder, library) for the fixture library and for the real one in library/samples."""
    library_dir = LIBRARIES[request.param]
    if not any(library_dir.glob("*.yml")):
        pytest.skip(f"{library_dir} has no samples yet")
    return build_site(tmp_path_factory.mktemp(f"{request.param}-build"), library_dir), library_of(library_dir)


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def library(built):
    return built[1]


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("fixture-only-build"), FIXTURE_LIBRARY)


@pytest.fixture(scope="module")
def fixture_library():
    return library_of(FIXTURE_LIBRARY)


def sample_dir(sample) -> str:
    return f"{sample.report_type.slug}/{sample.id}"


def guide_pages(site: Path, library, kind) -> list[tuple[Page, list]]:
    """The guide page of ``kind`` and its full example lists, each with the
    examples it should show: per type the first INLINE_EXAMPLES on the guide,
    all of them on the full list (paged) when there are more."""
    grouped = examples_of_kind(library, kind)
    inline = [ex for t in REPORT_TYPES for ex in grouped.get(t.name, [])[:INLINE_EXAMPLES]]
    pages = [(read(site, f"guides/{kind.slug}"), inline)]
    for t in REPORT_TYPES:
        examples = grouped.get(t.name, [])
        if len(examples) > INLINE_EXAMPLES:
            uris = example_list_uris(kind, t, len(examples))
            for n, uri in enumerate(uris):
                part = examples[n * LIST_PAGE_SIZE:(n + 1) * LIST_PAGE_SIZE]
                pages.append((read(site, uri.removesuffix("index.md").removesuffix(".md").rstrip("/")), part))
    return pages


def test_guide_examples_show_every_line_literally(site, library):
    """Guide pages are Markdown with the examples as raw HTML: the text must survive that too."""
    for kind in SECTION_KINDS:
        for page, examples in guide_pages(site, library, kind):
            expected = [p for ex in examples for p in ex.section.paragraphs]
            assert [text for cls, text in page.lines if cls == "sz-p"] == expected, kind.name


def test_every_sample_has_a_page_with_every_line_shown_literally(site, library):
    for sample in library.samples:
        page = read(site, sample_dir(sample))
        expected = []
        for section in sample.sections:
            expected += list(section.paragraphs)
        assert [text for cls, text in page.lines if cls == "sz-p"] == expected


def test_every_section_and_the_whole_report_have_a_copy_control(site, library):
    for sample in library.samples:
        page = read(site, sample_dir(sample))
        wanted = ["#report-text"] + [f"#sec-{i}-text" for i in range(1, len(sample.sections) + 1)]
        assert page.copy_targets == wanted
        assert {t[1:] for t in wanted} <= page.ids
        assert {f"sec-{i}" for i in range(1, len(sample.sections) + 1)} <= page.ids


def test_every_type_page_lists_all_its_samples(site, library):
    for report_type in REPORT_TYPES:
        page = read(site, report_type.slug)
        listed = {href.rstrip("/") for href in page.links if re.fullmatch(r"[a-z0-9-]+/", href)}
        assert listed == {s.id for s in library.by_type(report_type.name)}


def test_home_links_every_type_and_the_guides(site):
    page = read(site, "")
    for report_type in REPORT_TYPES:
        assert f"{report_type.slug}/" in page.links
    assert "guides/" in page.links


def test_tags_page_lists_samples(site, library):
    page = read(site, "tags")
    for sample in library.samples:
        assert (f"../{sample_dir(sample)}/" in page.links) == bool(sample.tags)


def test_hostile_sample_renders_literally(fixture_site, fixture_library):
    hostile = next(s for s in fixture_library.samples if s.id == HOSTILE_ID)
    html = (fixture_site / sample_dir(hostile) / "index.html").read_text(encoding="utf-8")
    page = Page(html)
    assert "<script>alert" not in html and "<script>window" not in html
    assert not any("alert(" in s or "__pwned" in s for s in page.scripts)
    assert "<strong>" not in html and "<table>" not in html and "<blockquote>" not in html
    assert 'id="evil"' not in html
    assert "https://example.com" not in page.links
    heading = re.search(r'<h2 id="sec-1"><span class="sz-h">(.*?)</span>', html).group(1)
    assert unescape(heading) == hostile.sections[0].heading
    # the title shows literally in <title>, which Material does not escape itself
    assert re.search(r"<title>&lt;script&gt;alert\(\"title\"\)&lt;/script&gt; \*\*加粗\*\*", html)
    # its sections appear as examples on the guides, literally too
    guides = "".join(
        (fixture_site / "guides" / KINDS_BY_NAME[section.kind].slug / "index.html").read_text(encoding="utf-8")
        for section in hostile.sections
    )
    assert guides.count(f'id="ex-{hostile.id}-') == len(hostile.sections)
    assert "<strong>不是粗体" not in guides and 'id="evil"' not in guides and "<script>alert" not in guides
    assert "&lt;script&gt;window." in guides and "<script>window." not in guides


def test_no_page_loads_anything_from_another_host(site):
    checked = 0
    for html_file in site.rglob("*.html"):
        page = Page(html_file.read_text(encoding="utf-8"))
        for url in page.loads:
            assert not urlsplit(url).netloc and not url.startswith("//"), f"{html_file}: {url}"
            checked += 1
            target = urlsplit(urljoin("/" + html_file.relative_to(site).as_posix(), url)).path.lstrip("/")
            if target.endswith(".css"):
                css = (site / target).read_text(encoding="utf-8")
                for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css):
                    assert not re.match(r"(https?:)?//", ref), f"{target}: {ref}"
    assert checked > 0


def test_every_guide_lists_examples_from_every_type_that_has_its_kind(site, library):
    for kind in SECTION_KINDS:
        page = read(site, f"guides/{kind.slug}")
        for report_type in REPORT_TYPES:
            has = any(sec.kind == kind.name for s in library.by_type(report_type.name) for sec in s.sections)
            assert (f"examples-{report_type.slug}" in page.ids) == has, (kind.name, report_type.name)


def test_every_sample_section_appears_under_exactly_one_guide(site, library):
    """On its kind's guide, or (past the inline examples) on that guide's full list."""
    found: Counter = Counter()
    for kind in SECTION_KINDS:
        pages = guide_pages(site, library, kind)
        listed = {t for page, _ in pages[1:] for t in page.copy_targets}
        for n, (page, _) in enumerate(pages):
            for target in page.copy_targets:
                assert target[1:] in page.ids
                if n or target not in listed:  # an inline example is repeated on the full list
                    found[(kind.name, target)] += 1
    expected = Counter(
        (sec.kind, f"#ex-{s.id}-{i}") for s in library.samples for i, sec in enumerate(s.sections, start=1)
    )
    assert found == expected


def test_guide_examples_link_to_the_section_anchor(fixture_site, fixture_library):
    sample = next(s for s in fixture_library.samples if s.id == "zhengdun-ruanruo-huansan")
    page = read(fixture_site, f"guides/{KINDS_BY_NAME['原因分析'].slug}")
    assert f"../../{sample_dir(sample)}/#sec-2" in page.links


def test_section_headings_link_to_their_guide(site, library):
    for sample in library.samples:
        page = read(site, sample_dir(sample))
        for section in sample.sections:
            assert f"../../guides/{KINDS_BY_NAME[section.kind].slug}/" in page.links


def test_readers_see_nothing_meant_for_maintainers(fixture_site, fixture_library):
    """No edit pencil (on a phone it downloaded a .yml), no data-file path, no published YAML."""
    for sample in fixture_library.samples:
        html = (fixture_site / sample_dir(sample) / "index.html").read_text(encoding="utf-8")
        assert 'rel="edit"' not in html and ".yml" not in html and "library/raw" not in html
        assert "出处：" in html
    assert not (fixture_site / "sources").exists()


def test_rebuild_in_one_process_picks_up_a_new_sample(tmp_path):
    """`mkdocs serve` rebuilds in the same process: nothing may be cached between builds."""
    lib = tmp_path / "library"
    shutil.copytree(FIXTURE_LIBRARY, lib)
    text = (lib / "zhucun-gongzuodui-zongjie.yml").read_text(encoding="utf-8")
    (lib / "zhucun-xinzeng.yml").write_text(
        text.replace("id: zhucun-gongzuodui-zongjie", "id: zhucun-xinzeng").replace("驻村工作队队长述职报告", "新增的驻村报告"),
        encoding="utf-8",
    )
    site = build_site(tmp_path / "b", lib)
    assert (site / "zhucun" / "zhucun-xinzeng" / "index.html").is_file()
    assert "新增的驻村报告" in (site / "guides" / "dasuan" / "index.html").read_text(encoding="utf-8")


def test_broken_library_fails_with_path_field_message(tmp_path, caplog):
    lib = tmp_path / "library"
    shutil.copytree(FIXTURE_LIBRARY, lib)
    bad = lib / "zhucun-gongzuodui-zongjie.yml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("type: 驻村", "type: 村长"), encoding="utf-8")
    # MkDocs logs the hook's PluginError message and aborts the build.
    with pytest.raises(Abort):
        build_site(tmp_path / "b", lib)
    lines = caplog.text.splitlines()
    assert any(re.fullmatch(r".*zhucun-gongzuodui-zongjie\.yml: type: 未知的报告类型“村长”.*", line) for line in lines), lines


def broken_links(site: Path) -> list[str]:
    """Every internal link in the built site whose page or anchor does not exist."""
    site = site.resolve()
    pages = {p: Page(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("mailto:"):
                continue
            if parts.path.startswith("/"):  # 404.html links from the site root
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {link} (no such anchor)")
    return broken


def test_every_internal_link_and_anchor_resolves(site):
    """Generated pages are written as HTML (not checked by MkDocs), so check every link here."""
    assert broken_links(site) == []


def test_paged_listings_of_a_large_library_link_up(tmp_path):
    """120 synthetic samples overflow the guides and type pages into paged lists."""
    library_dir = tmp_path / "library"
    write_library(generate_samples(120), library_dir)
    site = build_site(tmp_path, library_dir)
    assert (site / "cunshuji" / "page-2" / "index.html").exists() or (site / "diyishuji" / "page-2" / "index.html").exists()
    lists = sorted(p.relative_to(site).as_posix() for p in (site / "guides").glob("*/*/index.html"))
    assert lists, "no full example list was generated"
    assert broken_links(site) == []
    library = library_of(library_dir)
    for kind in SECTION_KINDS:
        wanted = {f"#ex-{s.id}-{i}" for s in library.samples for i, sec in enumerate(s.sections, start=1)
                  if sec.kind == kind.name}
        found = set(read(site, f"guides/{kind.slug}").copy_targets)
        for page in (site / "guides" / kind.slug).rglob("index.html"):
            found |= set(Page(page.read_text(encoding="utf-8")).copy_targets)
        assert found == wanted, kind.name


def assert_same_site(first: Path, second: Path) -> None:
    """Two built sites hold the same files, byte for byte."""
    def tree(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    a, b = tree(first), tree(second)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []


def test_same_library_gives_the_same_site(tmp_path, monkeypatch):
    """Deterministic output: two builds of one library are byte-identical (the
    build date, which MkDocs writes into sitemap.xml, pinned as for reproducible builds)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    first = build_site(tmp_path / "a", FIXTURE_LIBRARY)
    second = build_site(tmp_path / "b", FIXTURE_LIBRARY)
    assert_same_site(first, second)


@pytest.mark.parametrize("config_file", ["mkdocs.yml", "mkdocs.offline.yml"], ids=["directory-urls", "offline"])
def test_shared_fragments_change_no_byte_of_the_site(tmp_path, monkeypatch, config_file):
    """The nav, tabs, search box and config rendered once per folder for pages outside the
    navigation (shuzhi.site.fragments) give exactly the site that rendering each page gives,
    with directory URLs and with the offline build's file URLs."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    library_dir = tmp_path / "library"
    write_library(generate_samples(120), library_dir)  # paged listings too: pages at three depths
    calls: list[bool] = []
    original = SharedFragments.__call__

    def counting(self, *args, caller, **kwargs):
        before = self.rendered
        html = original(self, *args, caller=caller, **kwargs)
        calls.append(self.rendered == before)  # True: served from the cache
        return html

    monkeypatch.setattr(SharedFragments, "__call__", counting)
    shared = build_site(tmp_path / "shared", library_dir, config_file=config_file)
    assert sum(calls) > 120 * 3, "samples should reuse the nav, tabs, search box and config"
    monkeypatch.setattr(SharedFragments, "__call__", lambda self, *a, caller, **k: caller())
    fresh = build_site(tmp_path / "fresh", library_dir, config_file=config_file)
    assert_same_site(shared, fresh)


# -- reading: Chinese everywhere, readers' words -----------------------------------


def test_404_page_is_chinese_with_search_and_the_way_in(fixture_site):
    html = (fixture_site / "404.html").read_text(encoding="utf-8")
    page = Page(html)
    assert "Not found" not in html and "<h1>没有找到这个页面</h1>" in html
    assert '<html lang="zh"' in html
    assert "<title>没有找到这个页面 - 村级述职报告范文参考</title>" in html
    assert re.search(r'<label class="md-button[^"]*" for="__search"[^>]*>搜索范文</label>', html)  # opens Material's search
    for report_type in REPORT_TYPES:
        assert f"/{report_type.slug}/" in page.links
    assert {"/guides/", "/tags/", "/"} <= set(page.links)


def test_search_worker_is_served_as_one_script_and_its_parts_stay(site):
    """The worker joined with its parts (no chain of imports on a slow link);
    the page still loads match.js and opencc-ts.js on its own."""
    assert (site / WORKER_URI).read_text(encoding="utf-8") == joined_worker()
    for name in PARTS[:-1]:
        assert (site / FOLDER / name).read_bytes() == (SEARCH_SCRIPTS / name).read_bytes()


def test_no_page_says_made_with_material(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "Made with" not in html and "Material for MkDocs" not in html, path


def test_home_title_names_the_site_once_and_other_pages_add_their_own(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<title>(.*?)</title>", home) == ["村级述职报告范文参考"]
    tags = (site / "tags" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<title>(.*?)</title>", tags) == ["专题 - 村级述职报告范文参考"]


# Material's zh strings that read as translations, and what readers see instead.
STILTED = ("键入以开始搜索", "符合条件的结果", "在该页上", "跳转至", "清空当前内容", "正在初始化搜索引擎", "回到页面顶部")


def test_interface_strings_read_naturally(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home, re.S).group(1))
    strings = config["translations"]
    assert strings["search.result.placeholder"] == "输入要找的词句"
    assert strings["search.result.more.other"] == "同一页还有 # 节"
    assert strings["clipboard.copied"] == "已复制到剪贴板"
    assert re.search(r'class="md-skip">\s*跳到正文\s*</a>', home)
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for phrase in STILTED:
            assert phrase not in html, (path, phrase)


def test_curators_flags_and_old_words_never_reach_a_page(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for word in ("预览截断", "标题与内容不符", "开头缺失", "原题不符", "共同话题"):
            assert word not in html, (path, word)
        # tabs, menu and 404 call the tags page 专题
        names = {re.sub(r"<[^>]+>|\s", "", m) for m in re.findall(r'<a [^>]*href="[^"#]*tags/"[^>]*>(.*?)</a>', html, re.S)}
        assert names <= {"专题"}, (path, names)  # the tags page links to itself as ./
        if path == site / "index.html":
            assert names == {"专题"}
