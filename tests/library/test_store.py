"""Unit tests of hooks/shuzhi/library/store.py: generated sample YAML and hand-edit detection."""

from shuzhi.library.model import Sample, Section, Source
from shuzhi.library.store import dump_generated, is_hand_edited


def _sample():
    return Sample("x-01", "标题", "村书记", ("党建",), Source("raw/x.txt", "1-2", "原题"), (),
                  (Section("开头", "", ("第一段：# * {{ }} <b>",)),))


def test_generated_yaml_is_recognised_and_hand_edits_are_detected():
    text = dump_generated(_sample())
    assert not is_hand_edited(text)
    assert is_hand_edited(text.replace("第一段", "第一 段"))
    assert is_hand_edited(text.split("\n", 2)[2])  # header removed by the curator
