"""Unit tests of hooks/shuzhi/site/render.py and markup.py: what a sample page
says and where its reading aids sit."""

import re
from dataclasses import replace

import pytest

from helpers import FIXTURE_LIBRARY, library_of
from shuzhi.library.model import KINDS_BY_NAME, NOTE_OPENING_MISSING, NOTE_TITLE_MISMATCH, NOTE_TRUNCATED
from shuzhi.site.related import Related, related_samples
from shuzhi.site.render import badges, example_html, Example, sample_body


@pytest.fixture(scope="module")
def library():
    return library_of(FIXTURE_LIBRARY)


def by_id(library, sample_id):
    return next(s for s in library.samples if s.id == sample_id)


def test_a_mismatched_original_title_is_explained_under_provenance_not_beside_our_title(library):
    sample = by_id(library, "zhengdun-ruanruo-huansan")
    assert NOTE_TITLE_MISMATCH in sample.notes
    body = sample_body(sample, ()).html
    meta = re.search(r'<div class="sz-meta[^>]*>(.*?)</div>', body).group(1)
    assert "不符" not in meta and "标题" not in meta
    assert "<li>标题：原网页给这篇的标题与正文对不上，本站按正文重拟了标题。</li>" in body
    assert NOTE_TITLE_MISMATCH not in body  # the curator's flag never shows as such


def test_what_an_excerpt_lacks_is_a_badge_in_readers_words(library):
    sample = by_id(library, "diyishuji-bangfu-shuzhi")
    assert {NOTE_TRUNCATED, NOTE_OPENING_MISSING} <= set(sample.notes)
    shown = re.findall(r'title="([^"]*)">([^<]*)</span>', badges(sample))
    assert [label for _, label in shown] == ["后文缺失", "缺开头"]
    assert "原网页只公开了前面一部分" in shown[0][0]
    assert NOTE_TRUNCATED not in sample_body(sample, ()).html


def test_contents_list_under_the_title_links_every_section_and_the_end_matter(library):
    sample = by_id(library, "cunshuji-2023-shuzhi-shulian")
    related = related_samples(library.samples)[sample.id]
    body = sample_body(sample, related).html
    contents = re.search(r'<nav class="sz-contents sz-ui"[^>]*>(.*?)</nav>', body).group(1)
    # after the title and meta line, before the first section
    assert body.index('id="title"') < body.index('class="sz-contents') < body.index('id="sec-1-text"')
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', contents)
    shown = [s.heading or KINDS_BY_NAME[s.kind].label for s in sample.sections]
    assert links == [(f"sec-{i}", h) for i, h in enumerate(shown, start=1)] + [
        ("related", "相关范文"), ("source", "出处与整理说明")]
    assert f"共 {len(sample.sections)} 节" in contents
    assert 'data-search-exclude=""' in re.search(r'<nav class="sz-contents[^>]*>', body).group(0)


def test_a_one_section_sample_has_no_contents_list(library):
    sample = by_id(library, "cunshuji-renqi-shuzhi")
    single = replace(sample, sections=sample.sections[:1])
    assert "sz-contents" not in sample_body(single, ()).html


def test_guide_chip_sits_with_the_copy_button_not_in_the_heading(library):
    sample = by_id(library, "diyishuji-bangfu-shuzhi")
    body = sample_body(sample, ()).html
    for i in range(1, len(sample.sections) + 1):
        h2 = re.search(rf'<h2 id="sec-{i}">(.*?)</h2>', body).group(1)
        tools = re.search(rf'<h2 id="sec-{i}">.*?</h2>\n<div class="sz-tools[^>]*>(.*?)</div>', body).group(1)
        assert "sz-guide-link" not in h2
        assert tools.index("sz-guide-link") < tools.index(f'data-clipboard-target="#sec-{i}-text"')


def test_related_samples_say_which_topics_they_share(library):
    sample = by_id(library, "cunshuji-2023-shuzhi-shulian")
    other = by_id(library, "cunshuji-renqi-shuzhi")
    body = sample_body(sample, (Related(other, ("集体经济", "村务财务"), True),)).html
    assert "<span class=\"sz-why\">村书记；都涉及集体经济、村务财务</span>" in body
    assert "话题" not in body


def test_guide_examples_call_a_section_a_section(library):
    sample = by_id(library, "cunshuji-2023-shuzhi-shulian")
    html = "\n".join(example_html(Example(sample, 3, sample.sections[2]), "guides/wenti.md"))
    meta = re.search(r'<div class="sz-example__meta">(.*?)</div>', html).group(1)
    assert "复制这一节的纯文本" in meta and "段" not in meta


def test_supplied_heading_is_interface_and_real_heading_is_text(library):
    sample = by_id(library, "cunshuji-2023-shuzhi-shulian")
    assert sample.sections[0].heading == "" and sample.sections[1].heading
    body = sample_body(sample, ()).html
    assert '<h2 class="sz-supplied sz-ui" id="sec-1">' in body
    assert '<h2 id="sec-2">' in body
