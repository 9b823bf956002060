"""Unit tests of hooks/shuzhi/ingest/split.py: title heads, teasers, glued and repeated reports."""

import pytest

from shuzhi.ingest.clean import RULE_CHATTER, Tally
from shuzhi.ingest.split import drop_teasers, split_reports, strip_heads


def test_strip_heads_peels_titles_markers_and_labels():
    heads = strip_heads("软弱涣散村第一书记述职报告篇一:软弱涣散村第一书记述职报告经过整顿,", Tally())
    assert heads.titles == ["软弱涣散村第一书记述职报告"] * 2
    assert heads.markers == ["篇一:"]
    assert heads.rest == "经过整顿,"


@pytest.mark.parametrize(
    "text, rest",
    [("第一书记述职报告四篇第一书记述职报告篇1一、加强自身学习", "一、加强自身学习"),
     ("【篇一】村党支部书记2023年述职报告一年来,我", "一年来,我"),
     ("____第一书记述职报告________XXXX年XX月____经县委批准", "经县委批准"),
     ("2024年第一书记述职报告样本在加强班子建设方面", "在加强班子建设方面")],
)
def test_strip_heads_variants(text, rest):
    assert strip_heads(text, Tally()).rest == rest


def test_sentence_ending_in_report_is_not_a_title():
    assert strip_heads("现将本人述职报告如下：", Tally()).titles == []
    assert strip_heads("我向大家报告，", Tally()).titles == []


def test_teaser_before_chatter_is_dropped():
    paragraphs = [
        (1, "关于村党支部书记述职报告【六篇】"),
        (3, "关于村党支部书记述职报告【六篇】作为一名党支部书记,要做一个年终述职报告。"),
        (5, "以下是小编整理的关于村党支部书记述职报告,仅供参考。"),
        (7, "【篇一】村党支部书记述职报告一年来,我"),
    ]
    tally = Tally()
    out = drop_teasers(paragraphs, tally)
    assert [t for _, t in out] == [
        "关于村党支部书记述职报告【六篇】", "关于村党支部书记述职报告【六篇】", "【篇一】村党支部书记述职报告一年来,我",
    ]
    assert tally.counts[RULE_CHATTER] == 2


def test_chatter_then_new_title_in_one_paragraph():
    lines = ["村第一书记述职报告3篇", "", "村第一书记述职报告3篇作为第一书记,我深知,下面是整理的范文2篇,欢迎借鉴!村第一书记报告20xx年11月我有幸来到花桥村。"]
    reports = split_reports(lines, Tally())
    assert len(reports) == 1
    assert reports[0].paragraphs == [(3, "20xx年11月我有幸来到花桥村。")]
    assert reports[0].page_title == "村第一书记述职报告3篇"


def test_glued_reports_are_split():
    lines = [
        "第一书记述职报告样本(十篇)", "", "第一书记述职报告样本(十篇)", "",
        "第一书记述职报告样本在加强班子建设方面,成绩明显。", "",
        "贡献自己的力量。____第一书记述职报告________XXXX年XX月____经县委批准,我来到桥边村。",
        "", "【篇三】村党支部书记述职报告各位领导：", "",
    ]
    reports = split_reports(lines, Tally())
    assert [r.paragraphs[0][1] for r in reports] == ["在加强班子建设方面,成绩明显。", "经县委批准,我来到桥边村。", "各位领导："]
    assert reports[0].paragraphs[-1] == (7, "贡献自己的力量。")
    assert [r.start_line for r in reports] == [5, 7, 9]


def test_repeated_title_lines_start_one_report():
    lines = ["村书记述职报告", "合集下载", "村书记述职报告", "村书记述职报告各位领导：", "一、学习情况"]
    reports = split_reports(lines, Tally())
    assert len(reports) == 1
    assert [t for _, t in reports[0].paragraphs] == ["各位领导：", "一、学习情况"]
