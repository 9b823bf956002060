"""Unit tests of hooks/shuzhi/search/extract.py: splitting rendered pages into sections."""

from __future__ import annotations

from helpers import SAMPLE_PAGE
from shuzhi.search.extract import Section, extract_sections


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


def test_inline_markup_inside_a_heading_does_not_split_its_title():
    html = ('<h1 id="t">自<span class="sz-fill">____</span>年报告</h1>'
            '<h2 id="s">一、<span class="sz-fill">XX</span>村<a class="headerlink" href="#s">¶</a></h2><div>正文</div>')
    sections = extract_sections(html)
    assert [s.title for s in sections] == ["自____年报告", "一、XX村"]
