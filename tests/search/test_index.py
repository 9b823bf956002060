"""Unit tests of hooks/shuzhi/search/index.py: the pages it keeps and the index file it writes."""

from __future__ import annotations

import json

import pytest

from helpers import SAMPLE_PAGE
from shuzhi.search.extract import Section
from shuzhi.search.index import GUIDE, LISTING, SAMPLE, PhraseIndex, disable_stock_indexing, index_page, page_kind, serialise


def test_index_page_uses_page_title_when_there_is_no_h1_and_drops_empty_sections():
    page = index_page("guides/", "写作指南", "<p>导语</p><h2 id='e'></h2><h2 id='f'>空节</h2>")  # no h1: anchor ""
    assert page.sections == (Section("", "写作指南", ("导语",)), Section("f", "空节", ()))


def test_serialised_index_stores_each_string_once_as_plain_utf8():
    index = PhraseIndex()
    index.add_page("b/", "乙", "<h1>乙</h1><h2 id='sec-1'>一、问题</h2><p>同一句。</p>")
    index.add_page("a/", "甲", "<h1>甲</h1><h2 id='sec-1'>一、问题</h2><p>同一句。</p><p>另一句。</p>")
    text = index.to_json()
    assert "\\u" not in text and "同一句" in text
    data = json.loads(text)
    assert data["config"] == {"format": "phrase-search", "version": 2}
    strings, pages = data["docs"]["strings"], data["docs"]["pages"]
    assert strings == ["甲", "一、问题", "同一句。", "另一句。", "乙"]
    # pages sorted by location, with their kind; sections as [anchor, title id, paragraph ids...]
    assert pages == [["a/", "listing", ["", 0], ["sec-1", 1, 2, 3]], ["b/", "listing", ["", 4], ["sec-1", 1, 2]]]


def test_serialisation_is_deterministic():
    pages = (index_page("x/", "X", SAMPLE_PAGE),)
    assert serialise(pages) == serialise(pages)


def test_write_replaces_material_index(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text('{"config":{},"docs":[]}')
    index = PhraseIndex()
    index.add_page("", "首页", "<h1>首页</h1><p>欢迎</p>")
    path = index.write(tmp_path)
    assert json.loads(path.read_text(encoding="utf-8"))["docs"]["strings"] == ["首页", "欢迎"]


def test_disable_stock_indexing_keeps_other_search_settings():
    meta = {"search": {"boost": 2}}
    disable_stock_indexing(meta)
    assert meta == {"search": {"boost": 2, "exclude": True}}
    meta = {}
    disable_stock_indexing(meta)
    assert meta == {"search": {"exclude": True}}


def test_front_matter_search_exclude_keeps_a_page_out():
    index = PhraseIndex()
    index.add_page("a/", "甲", "<p>甲</p>", {"search": {"exclude": True}})
    index.add_page("b/", "乙", "<p>乙</p>", {"search": {"boost": 2}})
    index.add_page("c/", "丙", "<p>丙</p>", {})
    assert [p.location for p in index.pages] == ["b/", "c/"]


@pytest.mark.parametrize("location, kind", [
    ("cunshuji/cunshuji-30ab16/", SAMPLE),
    ("zhengdun/zhengdun-463af3/", SAMPLE),
    ("diyishuji/zhucun-e9959c/", SAMPLE),       # the id keeps its first folder's name
    ("cunshuji/cunshuji-30ab16.html", SAMPLE),  # offline build: file URLs
    ("guides/", GUIDE),
    ("guides/kaitou/", GUIDE),
    ("guides/gongzuo/diyishuji/", GUIDE),
    ("guides/kaitou.html", GUIDE),
    ("", LISTING),                              # home page
    ("index.html", LISTING),
    ("cunshuji/", LISTING),                     # type page
    ("cunshuji/index.html", LISTING),
    ("cunshuji/page-2/", LISTING),              # its later pages
    ("zhucun/page-12.html", LISTING),
    ("tags/", LISTING),                         # topics
    ("404.html", LISTING),
    ("elsewhere/x/", LISTING),
])
def test_page_kind_follows_the_url(location, kind):
    assert page_kind(location) == kind


def test_index_rows_carry_the_page_kind():
    index = PhraseIndex()
    for location in ("zhucun/zhucun-4372ff/", "guides/wenti/", "tags/"):
        index.add_page(location, "标题", "<h1>标题</h1><p>正文</p>")
    rows = json.loads(index.to_json())["docs"]["pages"]
    assert [(row[0], row[1]) for row in rows] == [
        ("guides/wenti/", GUIDE), ("tags/", LISTING), ("zhucun/zhucun-4372ff/", SAMPLE)]
