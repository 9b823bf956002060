"""Unit tests of hooks/shuzhi/ingest/structure.py: paragraphs, headings and section kinds."""

import pytest

from shuzhi.ingest.clean import Tally
from shuzhi.ingest.structure import (
    build_sections, kind_of_heading, merge_sentences, restructure, split_heading,
    split_inline_numbering,
)


def test_inline_numbering_after_colon_breaks_paragraph():
    tally = Tally()
    assert split_inline_numbering("现将工作总结如下：一、基本情况概述村位于东部。", tally) == [
        "现将工作总结如下：", "一、基本情况概述村位于东部。"]
    assert split_inline_numbering("形式：1. 座谈。2. 走访。", Tally()) == ["形式：", "1. 座谈。", "2. 走访。"]


def test_inline_numbering_leaves_numbers_in_sentences():
    text = "统一、规范地推进，发展1-2个项目，投资1.5万元。"
    assert split_inline_numbering(text, Tally()) == [text]


@pytest.mark.parametrize(
    "text, heading, body",
    [("一、取得的成效1、村级组织规范化运转。", "一、取得的成效", "1、村级组织规范化运转。"),
     ("二、存在问题在整顿工作中，虽做了大量工作。", "二、存在问题", "在整顿工作中，虽做了大量工作。"),
     ("一、加强学习，主动出击，迅速完成角色转换。我认真学习了政策。", "一、加强学习，主动出击，迅速完成角色转换。", "我认真学习了政策。"),
     ("三、改造软弱涣散村级党组织的对策及建议软弱涣散村级党组织产生的原因", "三、改造软弱涣散村级党组织的对策及建议", "软弱涣散村级党组织产生的原因"),
     ("一、学习情况", "一、学习情况", "")],
)
def test_heading_split(text, heading, body):
    split = split_heading(text)
    assert (split.heading, split.body, split.sure) == (heading, body, True)


def test_parallel_heading_split_is_marked_unsure():
    split = split_heading("二、深入调研，掌握实情为全面了解我村在组织建设、群众思想状况、村集体经济收入等方面的实际情况，我迅速开展了调研。")
    assert split.heading == "二、深入调研，掌握实情"
    assert split.body.startswith("为全面了解")
    assert not split.sure


def test_sentences_rejoin_into_paragraphs():
    lines = ["各位领导，同志们：", "自我任书记以来，工作取得成效。", "下面汇报如下。",
             "一是加强学习。", "任职以来，我坚持学习。", "“火车跑得快，全靠车头带。", "”要改变落后面貌。"]
    assert merge_sentences(lines, Tally()) == [
        "各位领导，同志们：", "自我任书记以来，工作取得成效。下面汇报如下。",
        "一是加强学习。任职以来，我坚持学习。“火车跑得快，全靠车头带。”要改变落后面貌。"]


def test_restructure_normalises_item_numbers():
    assert restructure(["调研形式：1、座谈。", "2. 走访。"], Tally()) == ["调研形式：", "1.座谈。", "2.走访。"]


@pytest.mark.parametrize(
    "heading, type_name, kind",
    [("二、存在问题", "村书记", "存在问题"), ("三、下一步工作打算", "村书记", "下一步打算"),
     ("一、学习情况", "村书记", "学习与思想"), ("一、基本情况概述", "第一书记", "开头"),
     ("一、软弱涣散村的主要表现", "软弱涣散整顿", "主要表现"), ("二、软弱涣散村形成的原因", "软弱涣散整顿", "原因分析"),
     ("三、改造软弱涣散村级党组织的对策及建议", "软弱涣散整顿", "整顿措施"), ("一、取得的成效", "软弱涣散整顿", "成效"),
     ("二、履行村委第一书记职责，党建工作卓有成效。", "驻村", "主要工作")],
)
def test_kind_of_heading(heading, type_name, kind):
    assert kind_of_heading(heading, type_name) == kind


def test_build_sections_opening_headings_and_closing():
    paragraphs = ["各位领导：", "我任书记三年。", "一、学习情况", "一是学习。", "二、存在问题在工作中有不足。",
                  "以上报告，请予评议。"]
    unsure: list[str] = []
    sections = build_sections(paragraphs, "村书记", unsure)
    assert [(s.kind, s.heading) for s in sections] == [
        ("开头", ""), ("学习与思想", "一、学习情况"), ("存在问题", "二、存在问题"), ("结尾", "")]
    assert sections[2].paragraphs == ["在工作中有不足。"]
    assert unsure == []


def test_build_sections_without_headings_is_reported():
    unsure: list[str] = []
    sections = build_sections(["在加强班子建设方面，成绩明显。"], "第一书记", unsure)
    assert [s.kind for s in sections] == ["主要工作"]
    assert unsure and "人工分节" in unsure[0]
