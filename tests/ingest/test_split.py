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


@pytest.mark.parametrize(
    "text, marker",
    [("篇一我是xx镇水管站的职工。", "篇一"), ("篇1一、加强自身学习", "篇1"), ("【篇二】各位领导：", "【篇二】"),
     ("范文一：各位领导：", "范文一："), ("第一篇", "第一篇"), ("范文2：村书记述职报告", "范文2："),
     ("—— 第三篇 ——", "—— 第三篇 ——"), ("【范文四】", "【范文四】"), ("参考范文（五）", "参考范文（五）"), ("第 6 篇：", "第 6 篇：")],
)
def test_separator_forms(text, marker):
    heads = strip_heads(text, Tally())
    assert heads.markers == [marker]


@pytest.mark.parametrize("text", ["第一书记述职报告", "一、加强学习", "（一）基本情况", "篇幅所限，不再赘述。"])
def test_text_that_is_not_a_separator(text):
    assert strip_heads(text, Tally()).markers == []


def test_title_with_platform_suffix_is_a_bare_heading():
    for line in ["村干部述职报告，10篇合集！", "村书记述职报告（精选10篇）", "第一书记述职报告【推荐】"]:
        heads = strip_heads(line, Tally())
        assert heads.titles and heads.rest == "", line


def test_separator_line_then_title_line_names_the_report():
    lines = ["村干部述职报告合集", "第一篇", "村书记个人述职报告", "各位领导：我任村书记以来，工作取得成效。",
             "第二篇", "第一书记述职报告", "经县委批准，我来到桥边村。"]
    tally = Tally()
    reports = split_reports(lines, tally)
    assert [(r.title, r.start_line, r.paragraphs[0][1]) for r in reports] == [
        ("村书记个人述职报告", 2, "各位领导：我任村书记以来，工作取得成效。"),
        ("第一书记述职报告", 5, "经县委批准，我来到桥边村。")]
    assert {(n.line, n.rule) for n in tally.removed()} == {
        (1, "标题行"), (2, "篇目分隔"), (3, "本篇标题"), (5, "篇目分隔"), (6, "本篇标题")}


def test_same_bare_title_after_text_starts_the_next_report():
    lines = ["第一书记述职报告", "第一书记述职报告", "经县委批准，我来到桥边村。", "第一书记述职报告", "去年四月，我来到共华镇。"]
    reports = split_reports(lines, Tally())
    assert [[t for _, t in r.paragraphs] for r in reports] == [["经县委批准，我来到桥边村。"], ["去年四月，我来到共华镇。"]]


def test_recommendation_list_is_removed_up_to_the_next_title():
    lines = ["村书记述职报告", "各位领导：我任村书记以来，工作取得成效。", "推荐阅读：",
             "▪ 村党支部书记述职报告范文（精选7篇）", "▪ 第一书记述职报告怎么写",
             "第一书记述职报告", "经县委批准，我来到桥边村。"]
    tally = Tally()
    reports = split_reports(lines, tally)
    assert [(r.title, [t for _, t in r.paragraphs]) for r in reports] == [
        ("村书记述职报告", ["各位领导：我任村书记以来，工作取得成效。"]), ("第一书记述职报告", ["经县委批准，我来到桥边村。"])]
    assert [(n.line, n.rule) for n in tally.removed() if n.rule.startswith("平台内容")] == [
        (3, "平台内容·推荐列表"), (4, "平台内容·推荐列表"), (5, "平台内容·推荐列表")]


def test_unbulleted_title_right_after_a_list_is_kept_and_doubted():
    lines = ["相关推荐", "村党支部书记述职报告范文", "村委会主任述职报告", "村书记个人述职报告", "各位领导：我任村书记以来，工作取得成效。"]
    tally = Tally()
    reports = split_reports(lines, tally)
    assert [(r.title, len(r.paragraphs)) for r in reports] == [("村书记个人述职报告", 1)]
    assert [(n.line, n.rule) for n in tally.doubted()] == [(4, "平台内容·推荐列表")]
    assert [n.line for n in tally.removed() if n.rule == "平台内容·推荐列表"] == [1, 2, 3]


def test_furniture_lines_are_logged_with_their_rule():
    lines = ["村书记述职报告", "上传者：某某  浏览：120次", "各位领导：我任村书记以来，工作取得成效。", "点击查看全文", "如有侵权请联系删除"]
    tally = Tally()
    split_reports(lines, tally)
    assert [(n.line, n.rule) for n in tally.removed()] == [
        (1, "标题行"), (2, "平台内容·浏览下载统计与上传信息"), (4, "平台内容·阅读提示与页码"), (5, "平台内容·版权与免责声明")]


def test_a_line_of_a_hundred_thousand_markers_is_linear():
    heads = strip_heads("篇一" * 100_000 + "各位领导：", Tally())
    assert len(heads.markers) == 100_000 and heads.rest == "各位领导："
