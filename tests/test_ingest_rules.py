"""Unit tests: one group per ingest rule (decode, clean, split, structure, classify, write)."""

import pytest

from shuzhi.ingest.classify import choose_notes, choose_tags, classify_type
from shuzhi.ingest.clean import (
    RULE_CHATTER, RULE_FURNITURE, RULE_PUNCT, RULE_SPAM, RULE_STRAY, RULE_TYPO, Tally,
    clean_paragraph, clean_title, drop_chatter, drop_furniture_tokens, drop_spam,
    drop_stray_symbols, is_furniture_line, normalise_punctuation, repair_typos,
)
from shuzhi.ingest.decode import RawInputError, decode_raw
from shuzhi.ingest.pipeline import ingest_page, sample_id
from shuzhi.ingest.split import drop_teasers, split_reports, strip_heads
from shuzhi.ingest.structure import (
    build_sections, kind_of_heading, merge_sentences, restructure, split_heading,
    split_inline_numbering,
)
from shuzhi.library.model import Sample, Section, Source, count_chars
from shuzhi.library.store import dump_generated, is_hand_edited

# --- decode -----------------------------------------------------------------

TEXT = "村书记述职报告\r\n\r\n各位领导，同志们：\r\n"


@pytest.mark.parametrize(
    "data, encoding, ending",
    [
        (TEXT.replace("\r\n", "\n").encode("utf-8"), "UTF-8", "LF"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8 BOM", "CRLF"),
        (TEXT.encode("gb18030"), "GB18030", "CRLF"),
        (TEXT.replace("\r\n", "\r").encode("gbk"), "GB18030", "CR"),
    ],
)
def test_decode_variants_give_the_same_text(data, encoding, ending):
    decoded = decode_raw(data)
    assert decoded.text == TEXT.replace("\r\n", "\n")
    assert (decoded.encoding, decoded.line_ending) == (encoding, ending)


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "文件为空"), (b"  \n\r\n", "文件为空"), (b"\x89PNG\r\n\x1a\n\x00\x00", "二进制"),
     (bytes(range(1, 32)) * 20, "二进制"), (b"\xff\xfe\xfd\xfc" * 10, "无法解码")],
)
def test_decode_refuses_empty_and_binary(data, reason):
    with pytest.raises(RawInputError, match=reason):
        decode_raw(data)


# --- clean ------------------------------------------------------------------

@pytest.mark.parametrize(
    "line", ["合集下载", "相关文档", "最新文档",
             "1. 1、下载文档前请自行甄别文档内容的完整性,平台不提供额外的编辑。",
             "3. 3、如文档侵犯您的权益,请联系客服反馈(人工客服工作时间:9:00-18:30)。"],
)
def test_furniture_lines(line):
    assert is_furniture_line(line)


def test_report_lines_are_not_furniture():
    assert not is_furniture_line("1.下载并学习了文件精神。")
    assert not is_furniture_line("相关文档已经归档。")


def test_furniture_token_removed():
    tally = Tally()
    assert drop_furniture_tokens("【范文大全】作为一名书记", tally) == "作为一名书记"
    assert tally.counts[RULE_FURNITURE] == 1


def test_chatter_sentence_removed_and_report_kept():
    tally = Tally()
    text = "工作取得了成效。下面是小编整理相关的文章给大家借鉴。群众很满意。"
    assert drop_chatter(text, tally) == "工作取得了成效。群众很满意。"
    assert tally.counts[RULE_CHATTER] == 1


@pytest.mark.parametrize("text", ["以下是小编整理的报告，仅供参考，希望能够帮助到大家。", "欢迎借鉴！"])
def test_chatter_variants(text):
    assert drop_chatter(text, Tally()) == ""


def test_words_like_chatter_inside_report_are_kept():
    text = "整顿工作也深受干部群众的欢迎。"
    assert drop_chatter(text, Tally()) == text


def test_spam_word_removed_from_sentence():
    tally = Tally()
    assert drop_spam("滤布在我们的努力工作下，", tally) == "在我们的努力工作下，"
    assert tally.counts[RULE_SPAM] == 1


def test_stray_symbols_removed():
    tally = Tally()
    assert drop_stray_symbols("针对查找出的`村“两委”\u200b班子", tally) == "针对查找出的村“两委”班子"
    assert tally.counts[RULE_STRAY] == 2


@pytest.mark.parametrize(
    "wrong, right",
    [("闲臵固定资产", "闲置固定资产"), ("村级班子软弱痪散", "村级班子软弱涣散"),
     ("更有胜者有些村主任", "更有甚者有些村主任"), ("受宗族势利干扰", "受宗族势力干扰")],
)
def test_typos_repaired(wrong, right):
    tally = Tally()
    assert repair_typos(wrong, tally) == right
    assert tally.counts[RULE_TYPO] == 1


def test_typo_rules_leave_valid_words():
    assert repair_typos("工作一度处于瘫痪状态", Tally()) == "工作一度处于瘫痪状态"


def test_punctuation_next_to_chinese_becomes_full_width():
    tally = Tally()
    text = '经过整顿,村的面貌明显改观:一是(试行)办法;二是"五好"村!'
    assert normalise_punctuation(text, tally) == "经过整顿，村的面貌明显改观：一是（试行）办法；二是“五好”村！"
    assert tally.counts[RULE_PUNCT] >= 8


@pytest.mark.parametrize("text", ["发展1-2个项目", "共1,000元", "9:00-18:30", "20xx年", "1.5万元"])
def test_numbers_keep_their_punctuation(text):
    assert normalise_punctuation(text, Tally()) == text


def test_placeholders_survive_cleaning():
    text = "自____年____月担任___村第一书记，20xx年XX月，××镇某村。"
    assert clean_paragraph(text, Tally()) == text


def test_title_loses_platform_words():
    assert clean_title("村委会第一书记范文义的报告", Tally()) == "村委会第一书记述职报告"
    assert clean_title("村书记个人述职报告", Tally()) == "村书记个人述职报告"


# --- split ------------------------------------------------------------------

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


def test_duplicate_report_is_dropped_once():
    page = "村书记述职报告\n\n村书记述职报告各位领导：我任村书记以来，工作取得成效。\n\n村书记述职报告\n\n村书记述职报告各位领导:我任村书记以来,工作取得成效。\n"
    result = ingest_page(page, "raw/x.txt")
    assert len(result.samples) == 1


# --- structure --------------------------------------------------------------

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


# --- classify ---------------------------------------------------------------

@pytest.mark.parametrize(
    "title, body, type_name",
    [("软弱涣散村第一书记述职报告", "经过整顿，村的面貌明显改观。", "软弱涣散整顿"),
     ("驻村第一书记述职报告", "我来到村里。", "驻村"),
     ("村第一书记述职报告", "我担任第一书记兼驻村扶贫工作队队长，扶贫项目，扶贫资金。", "驻村"),
     ("第一书记述职报告", "我到村任职。", "第一书记"),
     ("村书记个人述职报告", "我任村党支部书记以来。", "村书记")],
)
def test_classify_type(title, body, type_name):
    result = classify_type(title, body)
    assert result.type == type_name
    assert result.reason and not result.title_mismatch


def test_title_content_mismatch_is_typed_by_content():
    result = classify_type("村党支部书记述职报告", "一年来，我校党支部围绕学校发展，解决师生关心的问题。")
    assert result.title_mismatch and result.type == "村书记"
    assert "我校" in result.reason
    assert choose_notes(result, ["开头"], "……")[0] == "标题与内容不符"


def test_tags_need_enough_evidence():
    assert choose_tags("村集体经济收入薄弱。") == ("集体经济",)
    assert "党建" not in choose_tags("党员一名。")


def test_truncation_flag():
    ok = classify_type("村书记述职报告", "村")
    assert choose_notes(ok, ["开头", "主要工作"], "村里修了路。") == ("预览截断",)
    assert choose_notes(ok, ["开头", "下一步打算"], "继续努力。") == ()
    assert choose_notes(ok, ["主要工作"], "为早日脱贫贡献自己的力量。") == ()


# --- ids, YAML and hand edits ----------------------------------------------

def test_sample_id_comes_from_the_text_not_the_file():
    used: set[str] = set()
    assert sample_id("驻村", "4372ffab" * 8, used) == "zhucun-4372ff"
    assert sample_id("驻村", "4372ffcd" * 8, used) == "zhucun-4372ffcd43"  # prefix clash: longer
    page = "村书记述职报告\n\n村书记述职报告各位领导：我任村书记以来，工作取得成效。\n"
    assert ingest_page(page, "a.txt").samples[0].sample.id == ingest_page(page, "raw/其他名字.txt").samples[0].sample.id


def _sample():
    return Sample("x-01", "标题", "村书记", ("党建",), Source("raw/x.txt", "1-2", "原题"), (),
                  (Section("开头", "", ("第一段：# * {{ }} <b>",)),))


def test_generated_yaml_is_recognised_and_hand_edits_are_detected():
    text = dump_generated(_sample())
    assert not is_hand_edited(text)
    assert is_hand_edited(text.replace("第一段", "第一 段"))
    assert is_hand_edited(text.split("\n", 2)[2])  # header removed by the curator


def test_count_chars_like_word():
    assert count_chars("发展1-2个项目，20xx年 OK") == 12
