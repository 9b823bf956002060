"""Unit tests of hooks/shuzhi/ingest/clean.py: one or more tests per cleaning rule."""

import pytest

from shuzhi.ingest.clean import (
    RULE_CHATTER, RULE_FURNITURE, RULE_PUNCT, RULE_SPAM, RULE_STRAY, RULE_TYPO, Tally,
    clean_paragraph, clean_title, drop_chatter, drop_furniture_tokens, drop_spam,
    drop_stray_symbols, normalise_punctuation, repair_typos,
)


def test_furniture_token_removed():
    tally = Tally()
    assert drop_furniture_tokens("【范文大全】作为一名书记", tally) == "作为一名书记"
    assert drop_furniture_tokens("【VIP专享】作为一名书记", tally) == "作为一名书记"
    assert tally.counts[RULE_FURNITURE] == 2


def test_piece_marker_in_brackets_is_not_a_furniture_token():
    assert drop_furniture_tokens("【范文三】村书记述职报告", Tally()) == "【范文三】村书记述职报告"


def test_chatter_sentence_removed_and_report_kept():
    tally = Tally()
    text = "工作取得了成效。下面是小编整理相关的文章给大家借鉴。群众很满意。"
    assert drop_chatter(text, tally, line=12) == "工作取得了成效。群众很满意。"
    assert tally.counts[RULE_CHATTER] == 1
    assert [(n.line, n.rule, n.text) for n in tally.removed()] == [(12, RULE_CHATTER, "下面是小编整理相关的文章给大家借鉴。")]


def test_many_chatter_sentences_in_one_huge_line_stay_linear():
    text = "工作取得了成效。" + "以下是小编整理的范文，仅供参考。" * 20000 + "群众很满意。"
    assert drop_chatter(text, Tally()) == "工作取得了成效。群众很满意。"


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
    assert drop_stray_symbols("针对查找出的`村“两委”\u200b班子👍", tally) == "针对查找出的村“两委”班子"
    assert tally.counts[RULE_STRAY] == 3


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
