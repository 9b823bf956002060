"""Tests of hooks/shuzhi/library/load.py, also through scripts/check_library.py:
the validator on the real library and on hand-broken copies of it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT
from shuzhi.library.load import LibraryError, load_library, parse_sample

LIBRARY = ROOT / "library" / "samples"
CHECK = ROOT / "scripts" / "check_library.py"
VICTIM = "cunshuji-5ebf64.yml"  # the sample each test breaks


def test_real_library_is_valid_and_has_every_type():
    library = load_library(LIBRARY, root=ROOT)
    assert len(library.samples) == 10
    assert {s.type for s in library.samples} == {"村书记", "第一书记", "驻村", "软弱涣散整顿"}


@pytest.fixture
def broken_copy(tmp_path):
    """A copy of the library plus a function that rewrites one file's text."""
    copy = tmp_path / "samples"
    shutil.copytree(LIBRARY, copy)

    def edit(old: str, new: str, name: str = VICTIM) -> Path:
        path = copy / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return copy, edit


def problems_of(directory: Path) -> list[str]:
    with pytest.raises(LibraryError) as info:
        load_library(directory, root=directory.parent)
    return [str(p) for p in info.value.problems]


def run_check(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECK), str(directory)], capture_output=True, text=True, timeout=60)


BREAKAGES = [
    # (old text, new text, expected start of the problem line)
    ("type: 村书记", "type: 村主任", "samples/cunshuji-5ebf64.yml: type: 未知的报告类型“村主任”"),
    ("- kind: 学习与思想", "- kind: 学习心得", "samples/cunshuji-5ebf64.yml: sections[1].kind: 未知的章节类型“学习心得”"),
    ("title: 村党支部书记个人述职报告（水泉沟村）\n", "", "samples/cunshuji-5ebf64.yml: title: 缺少必填字段"),
    ("tags:\n- 党建\n- 基础设施", "tags: 党建", "samples/cunshuji-5ebf64.yml: tags: 应为列表，实际是文本"),
    ("lines: 163-189", "lines: 189-163", "samples/cunshuji-5ebf64.yml: source.lines:"),
    ("  heading: 一、学习情况\n  paragraphs:\n", "  heading: 一、学习情况\n  paragraphs: []\n  old:\n",
     "samples/cunshuji-5ebf64.yml: sections[1].paragraphs: 章节为空"),
    ("  - 各位领导，同志们：", "  - ''", "samples/cunshuji-5ebf64.yml: sections[0].paragraphs[0]: 段落为空"),
    ("  heading: ''", "  heading: 3", "samples/cunshuji-5ebf64.yml: sections[0].heading: 应为文本，实际是数字"),
    ("notes:", "note: []\nnotes:", "samples/cunshuji-5ebf64.yml: note: 未知字段"),
]


@pytest.mark.parametrize("old, new, expected", BREAKAGES)
def test_each_breakage_is_named(broken_copy, old, new, expected):
    copy, edit = broken_copy
    edit(old, new)
    found = problems_of(copy)
    assert any(p.startswith(expected) for p in found), found
    result = run_check(copy)
    assert result.returncode == 1
    assert expected.split(": ", 1)[1] in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_yaml_names_the_line(broken_copy):
    copy, edit = broken_copy
    edit("type: 村书记", "type: [村书记")
    found = problems_of(copy)
    assert len(found) == 1 and found[0].startswith("samples/cunshuji-5ebf64.yml: 第 5 行: YAML 语法错误")


def test_duplicate_id_names_both_files(broken_copy):
    copy, _ = broken_copy
    shutil.copy(copy / VICTIM, copy / "zz-copy.yml")
    found = problems_of(copy)
    assert "samples/zz-copy.yml: id: 重复的 id “cunshuji-5ebf64”，已在 samples/cunshuji-5ebf64.yml 中使用" in found[0]


def test_not_utf8_file(broken_copy):
    copy, _ = broken_copy
    path = copy / VICTIM
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    assert problems_of(copy)[0].startswith("samples/cunshuji-5ebf64.yml: 编码: 不是 UTF-8 编码")


def test_empty_file(broken_copy):
    copy, _ = broken_copy
    (copy / VICTIM).write_bytes(b"")
    assert problems_of(copy) == ["samples/cunshuji-5ebf64.yml: 文件: 文件为空"]


def test_id_must_match_file_name(broken_copy):
    copy, edit = broken_copy
    edit("id: cunshuji-5ebf64", "id: cunshuji-5ebf77")
    assert any("id “cunshuji-5ebf77”与文件名不一致" in p for p in problems_of(copy))


def test_every_problem_is_reported_at_once(broken_copy):
    copy, edit = broken_copy
    edit("type: 村书记", "type: 村主任")
    edit("type: 驻村", "type: 驻村队", name="zhucun-e9959c.yml")
    (copy / "zhengdun-ba8507.yml").write_bytes(b"\xff\xfe")
    assert len(problems_of(copy)) == 3


def test_wrong_top_level_shape():
    _, found = parse_sample("- a\n- b\n".encode(), "x.yml")
    assert [str(p) for p in found] == ["x.yml: 文件: 顶层应为键值映射（id、title、type……）"]


def test_check_command_reports_success():
    result = run_check(LIBRARY)
    assert result.returncode == 0
    assert "全部通过，共 10 篇" in result.stdout
