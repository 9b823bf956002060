"""hooks/shuzhi/site/fields.py: which fill-in spots each common field fills.

The page script runs the same rules; tests/browser/test_word_draft.py checks
JavaScript finds what Python finds here, over the whole library."""

from __future__ import annotations

import re

import pytest

from helpers import REAL_LIBRARY, library_of
from shuzhi.library.model import PLACEHOLDER_PATTERN
from shuzhi.site.fields import FIELDS, FIELDS_BY_NAME


def spots(field_name: str, text: str) -> list[str]:
    """The spots a field's rules claim in ``text`` (group 2 of each match)."""
    return [m.group(2) for rule in FIELDS_BY_NAME[field_name].rules for m in re.finditer(rule, text)]


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_rules_have_a_kept_and_a_filled_group_and_fill_what_the_form_promises(field):
    for rule in field.rules:
        assert re.compile(rule).groups == 2
    for spot in field.fills:
        assert spots(field.name, spot + "，"), (field.name, spot)


@pytest.mark.parametrize("field_name, text, expected", [
    ("村名", "我是XX村党支部书记", ["XX村"]),
    ("村名", "到___村任第一书记", ["___村"]),
    ("村名", "某某社区居委会", ["某某社区"]),
    ("镇名", "在XX镇党委、政府的领导下", ["XX镇"]),
    ("镇名", "由xx乡党委选派", ["xx乡"]),
    ("镇名", "XX街道办事处", ["XX街道"]),
    ("县名", "由XX县___局选派", ["XX县"]),
    ("姓名", "我叫___，20XX年X月起担任", ["___"]),
    ("姓名", "我是___，2023年___月由XX县___局选派", ["___"]),
    ("姓名", "我是XX村党支部书记", []),
    ("姓名", "村党支部书记___，20XX年X月任职", ["___"]),
    ("年份", "20XX年，在XX镇党委", ["20XX"]),
    ("年份", "XXXX年度述职报告", ["XXXX"]),
    ("年份", "20××年工作打算", ["20××"]),
    ("年份", "任职___年来", []),
    ("年份", "共___户", []),
    ("任职时间", "20XX年X月起担任", ["20XX年X月"]),
    ("任职时间", "20xx年___月到村任职", ["20xx年___月"]),
    ("任职时间", "2023年___月由XX县", []),
])
def test_what_each_field_fills(field_name, text, expected):
    assert spots(field_name, text) == expected


def test_every_filled_spot_is_a_marked_placeholder_in_the_library():
    """A field fills only text the site already marks as 待填写 (or a month
    next to a marked year), never ordinary words."""
    for sample in library_of(REAL_LIBRARY).samples:
        for text in [sample.title] + [t for s in sample.sections for t in (s.heading, *s.paragraphs)]:
            for field in FIELDS:
                for rule in field.rules:
                    for match in re.finditer(rule, text):
                        assert PLACEHOLDER_PATTERN.search(match.group(2)), (field.name, match.group(0), text)
