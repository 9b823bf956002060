"""Unit tests: splitting rendered pages into sections, and the index file."""

from __future__ import annotations

import json

from shuzhi.search.extract import Section, extract_sections
from shuzhi.search.index import PhraseIndex, disable_stock_indexing, index_page, serialise

SAMPLE_PAGE = """
<nav class="md-tags"><a class="md-tag" href="#">党建</a></nav>
<h1 id="t">驻村第一书记述职报告<a class="headerlink" href="#t">¶</a></h1>
<div class="sz-meta" data-search-exclude>第一书记 · 156 字<button>复制全文</button></div>
<div class="sz-section">
<h2 id="sec-1"><span class="sz-h">一、建强村党组织</span><a class="sz-guide-link" href="#"></a><a class="headerlink" href="#sec-1">¶</a></h2>
<div class="sz-tools"><button type="button" data-clipboard-target="#x">复制本节</button></div>
<div class="sz-p">到村后，我走访全村<span class="sz-fill">某某</span>户党员。</div>
<div class="sz-p">帮助建立了 党员积分
管理制度。</div>
</div>
<h2 id="related" data-search-exclude="">相关范文</h2>
<ul><li><a href="#">另一篇</a><span>共同话题：集体经济</span></li></ul>
"""


def test_sections_follow_headings_with_ids():
    sections = extract_sections(SAMPLE_PAGE)
    # the page's own section is keyed by the h1's id
    assert [s.anchor for s in sections] == ["t", "sec-1"]
    assert sections[0] == Section("t", "驻村第一书记述职报告", ())
    assert sections[1].title == "一、建强村党组织"


def test_paragraphs_stay_separate_and_inline_markup_joins():
    sec = extract_sections(SAMPLE_PAGE)[1]
    # whitespace runs from the HTML source collapse to one space
    assert sec.paragraphs == ("到村后，我走访全村某某户党员。", "帮助建立了 党员积分 管理制度。")


def test_interface_text_is_skipped():
    text = repr(extract_sections(SAMPLE_PAGE))
    for ui in ("复制本节", "复制全文", "¶", "党建", "156 字"):
        assert ui not in text


def test_excluded_heading_drops_its_whole_section():
    text = repr(extract_sections(SAMPLE_PAGE))
    assert "相关范文" not in text and "集体经济" not in text


def test_br_and_nested_blocks_end_paragraphs():
    html = "<h2 id='a'>甲</h2><p>第一行<br>第二行</p><ul><li>外<ul><li>内</li></ul>尾</li></ul>"
    assert extract_sections(html)[1].paragraphs == ("第一行", "第二行", "外", "内", "尾")


def test_heading_without_id_is_text_and_h1_titles_the_page():
    html = "<p>前言</p><h1>标题</h1><h3>小标题</h3><p>正文</p>"
    assert extract_sections(html) == (Section("", "标题", ("前言", "小标题", "正文")),)


def test_entities_are_decoded_and_unclosed_inline_tags_forgiven():
    html = "<h2 id='s'>一、&#60;标题&#62;</h2><p>甲&amp;乙<b>丙</p><p>丁</p>"
    assert extract_sections(html)[1] == Section("s", "一、<标题>", ("甲&乙丙", "丁"))


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
    assert data["config"] == {"format": "phrase-search", "version": 1}
    strings, pages = data["docs"]["strings"], data["docs"]["pages"]
    assert strings == ["甲", "一、问题", "同一句。", "另一句。", "乙"]
    # pages sorted by location; sections as [anchor, title id, paragraph ids...]
    assert pages == [["a/", ["", 0], ["sec-1", 1, 2, 3]], ["b/", ["", 4], ["sec-1", 1, 2]]]


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


def test_inline_markup_inside_a_heading_does_not_split_its_title():
    html = ('<h1 id="t">自<span class="sz-fill">____</span>年报告</h1>'
            '<h2 id="s">一、<span class="sz-fill">XX</span>村<a class="headerlink" href="#s">¶</a></h2><div>正文</div>')
    sections = extract_sections(html)
    assert [s.title for s in sections] == ["自____年报告", "一、XX村"]
