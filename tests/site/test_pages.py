"""Tests of hooks/shuzhi/site/pages.py (with render.py and urls.py): which
generated pages exist, what they link to, and one golden sample page."""

import html
import os
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.meta import get_data

from helpers import FIXTURE_LIBRARY, FIXTURES, ROOT, library_of
from shuzhi.bench.synthetic import generate_samples, write_library
from shuzhi.library.load import Library, LibraryError
from shuzhi.library.model import REPORT_TYPES
from shuzhi.search.extract import extract_sections
from shuzhi.site.render import sample_body
from shuzhi.site.pages import SITE_TITLE, TAGS_TITLE, html_page, plan_site, read_front_matter, type_pages
from shuzhi.site.pages import front_matter as write_front_matter
from shuzhi.site.draft import DRAFT_URI
from shuzhi.site.related import related_samples
from shuzhi.site.urls import sample_uri, section_anchor, type_uri

GOLDEN = FIXTURES / "golden"


@pytest.fixture(scope="module")
def library() -> Library:
    return library_of(FIXTURE_LIBRARY)


def front_matter(page: str) -> dict:
    assert page.startswith("---\n")
    return yaml.safe_load(page.split("---\n")[1])


def test_plan_has_home_tags_every_type_and_every_sample(library):
    plan = plan_site(library)
    uris = [p.src_uri for p in plan.pages]
    assert uris[:2] == ["index.md", "tags.md"]
    assert [type_uri(t) for t in REPORT_TYPES] == uris[2:6]
    assert uris[6] == DRAFT_URI  # the 起草 page
    assert uris[7:] == [sample_uri(s) for s in library.samples]


def test_plan_is_deterministic(library):
    assert plan_site(library) == plan_site(library)


def test_type_index_links_every_sample_and_section(library):
    for report_type in REPORT_TYPES:
        (page,) = [p.body.html for p in type_pages(library, report_type)]
        for sample in library.by_type(report_type.name):
            target = sample.id + "/"
            assert f'href="{target}"' in page
            for i in range(1, len(sample.sections) + 1):
                assert f'href="{target}#{section_anchor(i)}"' in page


def test_titles_and_tags_go_into_front_matter_html_escaped(library):
    hostile = next(s for s in library.samples if "<script>" in s.title)
    # The validator only lets tags from the closed vocabulary through; the
    # escaping stays as a second line of defence, so test it with a bad tag.
    tags = ("党员教育", "<img src=x onerror=alert(9)>")
    meta = front_matter(html_page(sample_uri(hostile), sample_body(hostile, ()), False, tags).content)
    assert meta["title"].startswith("&lt;script&gt;alert(")
    assert meta["tags"] == ["党员教育", "&lt;img src=x onerror=alert(9)&gt;"]


@pytest.mark.parametrize("title", [
    '引号"与\\反斜杠', "制表\t换行\n", "C1 控制符\x85\x9f与\x7f", "行分隔\u2028段分隔\u2029",
    "𠀀扩展字与😀", "# 不是注释: 也不是键", "- [列表] {映射}", "yes", "null", "0x1F",
])
def test_front_matter_keeps_any_title_exactly_as_mkdocs_reads_it(title):
    """Front matter is written as JSON (quick); MkDocs reads it as YAML and must get the same text."""
    source = write_front_matter(title, ("党建",), searchable=False) + "正文"
    markdown, meta = get_data(source)
    assert meta == {"title": html.escape(title, quote=False), "tags": ["党建"], "hide": ["navigation"],
                    "search": {"exclude": True}}
    # Generated pages read it as JSON (shuzhi.site.htmlpage): the same fields and text.
    assert read_front_matter(source) == (markdown, meta)


@pytest.mark.parametrize("source", ["正文", "---\ntitle: 甲\n---\n正文", "---\n[1, 2]\n---\n", "---\n{\"a\": 1}\n", "---\n{bad\n---\n"])
def test_read_front_matter_refuses_what_front_matter_does_not_write(source):
    assert read_front_matter(source) is None


def test_sample_page_matches_golden(library):
    """The whole HTML body of one plain sample page, to review changes in one diff.

    Regenerate with UPDATE_GOLDEN=1 after an intended change, and read the diff.
    """
    sample = next(s for s in library.samples if s.id == "diyishuji-bangfu-shuzhi")
    page = sample_body(sample, related_samples(library.samples)[sample.id]).html
    golden = GOLDEN / f"{sample.id}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("library_dir", [FIXTURE_LIBRARY, ROOT / "library" / "samples", "synthetic"],
                         ids=["fixture", "real", "synthetic"])
def test_search_sections_known_from_data_match_the_html(library_dir, tmp_path):
    """Sample and type pages hand the phrase index their sections from data instead
    of re-parsing the HTML; both must give the same sections. The synthetic library
    has paged type listings and a type without samples."""
    if library_dir == "synthetic":
        library_dir = tmp_path / "library"
        write_library([s for s in generate_samples(130) if s.type != REPORT_TYPES[-1].name], library_dir)
    library = library_of(library_dir)
    plan = plan_site(library)
    sample_uris = {sample_uri(s) for s in library.samples}
    checked = 0
    for uri, body in plan.body_by_uri.items():
        if body.search_sections is not None:
            assert body.search_sections == extract_sections(body.html), uri
            checked += 1
    type_pages_count = sum(1 for p in plan.pages if p.src_uri.split("/")[0] in {t.slug for t in REPORT_TYPES}
                           and p.src_uri not in sample_uris)
    assert checked == len(sample_uris) + type_pages_count


def test_home_leaves_its_title_to_the_heading_so_the_site_name_is_not_doubled(library):
    home = plan_site(library).pages[0]
    assert home.src_uri == "index.md"
    assert "title" not in front_matter(home.content)
    assert home.content.split("---\n", 2)[2].lstrip().startswith(f"# {SITE_TITLE}\n")


def test_home_reads_on_a_phone(library):
    """Types come first; nothing points at tabs or a sidebar a phone does not show."""
    text = plan_site(library).pages[0].content
    assert text.index("## 按类型找") < text.index("## 怎样用") < text.index("## 关于范文")
    for t in REPORT_TYPES:
        assert f"[**{t.name}**]({t.slug}/index.md)（{len(library.by_type(t.name))} 篇）" in text
    for word in ("上方", "栏目", "左侧", "侧边", "预览截断", "话题"):
        assert word not in text


def test_tags_page_is_called_zhuanti(library):
    tags = plan_site(library).pages[1]
    assert tags.src_uri == "tags.md"
    assert front_matter(tags.content)["title"] == TAGS_TITLE == "专题"
    assert f"# {TAGS_TITLE}\n" in tags.content and "话题" not in tags.content


@pytest.mark.parametrize("directory", [True, False], ids=["directory-urls", "file-urls"])
def test_a_child_process_rendering_sample_pages_changes_no_page(library, monkeypatch, directory):
    from shuzhi.site import pages as pages_module
    from shuzhi.site.urls import set_directory_urls
    set_directory_urls(directory)
    try:
        alone = plan_site(library)
        monkeypatch.setattr(pages_module, "PARALLEL_MIN_SAMPLES", 2)
        started = []
        real_start = pages_module.Child.start
        monkeypatch.setattr(pages_module.Child, "start", lambda *args: started.append(args) or real_start(*args))
        shared = plan_site(library)
    finally:
        set_directory_urls(True)
    assert len(started) == 1 and len(started[0][1]) == len(library.samples) - len(library.samples) * 2 // 5
    assert shared == alone
    assert any((".html" in p.body.html) != directory for p in shared.pages if p.body is not None)


def test_sample_pages_are_rendered_here_when_the_child_dies(library, monkeypatch):
    from shuzhi.child import ChildFailed
    from shuzhi.site import pages as pages_module

    class Dead:
        def result(self):
            raise ChildFailed("子进程意外退出（退出码 -9）")

    alone = plan_site(library)
    monkeypatch.setattr(pages_module, "PARALLEL_MIN_SAMPLES", 2)
    monkeypatch.setattr(pages_module.Child, "start", lambda *args: Dead())
    assert plan_site(library) == alone
