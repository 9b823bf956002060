"""Unit tests of hooks/shuzhi/child.py: a function run in a child Python."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from shuzhi.child import Child, ChildFailed
from shuzhi.search import grams
from shuzhi.search.normalise import normalise


def test_the_child_returns_the_functions_value_and_needs_no_path_set_up(monkeypatch):
    # As under MkDocs, which takes hooks/ off sys.path once the hook module is loaded.
    hooks_dir = Path(grams.__file__).resolve().parents[2]
    monkeypatch.setattr(sys, "path", [p for p in sys.path if Path(p).resolve() != hooks_dir])
    monkeypatch.delenv("PYTHONPATH", raising=False)
    assert Child.start(normalise, "集体 经济，").result() == normalise("集体 经济，")


def test_the_functions_exception_is_raised_by_result():
    child = Child.start(grams.build_postings, ["字" * grams.UNIT_SPAN])
    with pytest.raises(grams.IndexTooLarge, match="一节正文有"):
        child.result()


def test_a_child_that_dies_gives_one_line():
    with pytest.raises(ChildFailed, match="子进程意外退出（退出码 3）"):
        Child.start(os._exit, 3).result()


def test_a_killed_child_has_no_result():
    child = Child.start(grams.build_postings, ["字" * 10])
    child.kill()
    with pytest.raises(ChildFailed, match="已停止"):
        child.result()
