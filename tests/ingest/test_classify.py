"""Unit tests of hooks/shuzhi/ingest/classify.py: report type with its reason, tags and curator notes."""

import pytest

from shuzhi.ingest.classify import choose_notes, choose_tags, classify_type


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
