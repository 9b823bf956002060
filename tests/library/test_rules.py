"""Unit tests of hooks/shuzhi/library/rules.py: the curation rules a sample
must meet before it is published."""

import dataclasses

import pytest

from shuzhi.library.model import SOURCE_ORIGINAL, TAGS, Sample, Section, Source
from shuzhi.library.rules import content_problems, reserved_id_problem


def sample(**changes) -> Sample:
    base = Sample(
        id="cunshuji-x", title="村党支部书记述职报告（水泉沟村）", type="村书记", tags=("矛盾调解",),
        source=Source("", "", "", SOURCE_ORIGINAL), notes=(),
        sections=(Section("开头", "", ("各位领导：",)), Section("主要工作", "一、化解矛盾纠纷", ("调解纠纷___起。",))),
    )
    return dataclasses.replace(base, **changes)


def fields(s: Sample) -> list[str]:
    return [field for field, _ in content_problems(s)]


def test_a_good_sample_has_no_problem():
    assert content_problems(sample()) == []


@pytest.mark.parametrize("title", ["村党支部书记述职报告（xx村）", "XX村第一书记述职报告（年度）", "述职报告（___村）"])
def test_title_without_placeholders(title):
    assert "title" in fields(sample(title=title))


@pytest.mark.parametrize("title", ["第一书记述职报告（简单版）", "村书记述职报告范文（年度）", "驻村报告（节选）"])
def test_title_without_platform_words(title):
    assert fields(sample(title=title)) == ["title"]


@pytest.mark.parametrize("title", ["第一书记述职报告", "（桥边村）", "第一书记（甲）述职报告（乙）"])
def test_title_is_name_then_brackets(title):
    assert "title" in fields(sample(title=title))


@pytest.mark.parametrize("end", ["。", "；", "：", "，", "、", ":", ";"])
def test_heading_has_no_closing_punctuation(end):
    s = sample(sections=(Section("主要工作", "一、化解矛盾纠纷" + end, ("调解。",)),))
    assert fields(s) == ["sections[0].heading"]


def test_consecutive_unheaded_sections_of_one_kind_are_refused():
    s = sample(sections=(Section("开头", "", ("甲",)), Section("开头", "", ("乙",)), Section("主要工作", "", ("调解",))))
    assert fields(s) == ["sections[1]"]
    # with a heading on either side, two sections of one kind are fine
    s = sample(sections=(Section("主要工作", "一、甲", ("调解",)), Section("主要工作", "", ("乙",))))
    assert fields(s) == []


def test_tags_come_from_the_vocabulary_and_the_text():
    assert fields(sample(tags=("党建",))) == ["tags[0]"]
    assert fields(sample(tags=("集体经济",))) == ["tags[0]"]  # no indicator word in the text
    assert fields(sample(tags=("矛盾调解",))) == []


def test_every_tag_has_indicators_and_a_meaning():
    assert len({t.name for t in TAGS}) == len(TAGS)
    assert all(t.indicators and t.meaning for t in TAGS)


@pytest.mark.parametrize("sample_id, reserved", [("index", True), ("page-2", True), ("page-10", True),
                                                 ("page", False), ("cunshuji-index", False)])
def test_reserved_ids(sample_id, reserved):
    assert bool(reserved_id_problem(sample_id)) == reserved
