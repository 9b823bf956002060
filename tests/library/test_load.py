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
    assert len(library.samples) >= 20
    assert {s.type for s in library.samples} == {"村书记", "第一书记", "驻村", "软弱涣散整顿"}


def test_excluded_file_is_validated_but_not_published():
    library = load_library(LIBRARY, root=ROOT)
    assert "cunshuji-30ab16" not in {s.id for s in library.samples}
    assert (LIBRARY / "cunshuji-30ab16.yml").is_file()


@pytest.fixture
def broken_copy(tmp_path):
    """A copy of the library (samples and raw pages, as in the repository)
    plus a function that rewrites one file's text."""
    copy = tmp_path / "library" / "samples"
    shutil.copytree(LIBRARY, copy)
    shutil.copytree(ROOT / "library" / "raw", tmp_path / "library" / "raw")

    def edit(old: str, new: str, name: str = VICTIM) -> Path:
        path = copy / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return copy, edit


def problems_of(directory: Path) -> list[str]:
    with pytest.raises(LibraryError) as info:
        load_library(directory, root=directory.parent.parent)
    return [str(p) for p in info.value.problems]


def run_check(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECK), str(directory)], capture_output=True, text=True, timeout=60)


BREAKAGES = [
    # (old text, new text, expected start of the problem line)
    ("type: 村书记", "type: 村主任", "library/samples/cunshuji-5ebf64.yml: type: 未知的报告类型“村主任”"),
    ("- kind: 学习与思想", "- kind: 学习心得", "library/samples/cunshuji-5ebf64.yml: sections[1].kind: 未知的章节类型“学习心得”"),
    ("title: 村党支部书记个人述职报告（水泉沟村）\n", "", "library/samples/cunshuji-5ebf64.yml: title: 缺少必填字段"),
    ("tags:\n- 班子建设\n- 基础设施\n- 人居环境\n- 为民服务", "tags: 班子建设", "library/samples/cunshuji-5ebf64.yml: tags: 应为列表，实际是文本"),
    ("lines: 163-189", "lines: 189-163", "library/samples/cunshuji-5ebf64.yml: source.lines:"),
    ("  heading: 一、学习情况\n  paragraphs:\n", "  heading: 一、学习情况\n  paragraphs: []\n  old:\n",
     "library/samples/cunshuji-5ebf64.yml: sections[1].paragraphs: 章节为空"),
    ("  - 各位领导，同志们：", "  - ''", "library/samples/cunshuji-5ebf64.yml: sections[0].paragraphs[0]: 段落为空"),
    ("  heading: ''", "  heading: 3", "library/samples/cunshuji-5ebf64.yml: sections[0].heading: 应为文本，实际是数字"),
    ("notes:", "note: []\nnotes:", "library/samples/cunshuji-5ebf64.yml: note: 未知字段"),
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
    assert len(found) == 1 and found[0].startswith("library/samples/cunshuji-5ebf64.yml: 第 5 行: YAML 语法错误")


def test_duplicate_id_names_both_files(broken_copy):
    copy, _ = broken_copy
    shutil.copy(copy / VICTIM, copy / "zz-copy.yml")
    found = problems_of(copy)
    assert "library/samples/zz-copy.yml: id: 重复的 id “cunshuji-5ebf64”，已在 library/samples/cunshuji-5ebf64.yml 中使用" in found[0]


def test_not_utf8_file(broken_copy):
    copy, _ = broken_copy
    path = copy / VICTIM
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    assert problems_of(copy)[0].startswith("library/samples/cunshuji-5ebf64.yml: 编码: 不是 UTF-8 编码")


def test_empty_file(broken_copy):
    copy, _ = broken_copy
    (copy / VICTIM).write_bytes(b"")
    assert problems_of(copy) == ["library/samples/cunshuji-5ebf64.yml: 文件: 文件为空"]


def test_id_must_match_file_name(broken_copy):
    copy, edit = broken_copy
    edit("id: cunshuji-5ebf64", "id: cunshuji-5ebf77")
    assert any("id “cunshuji-5ebf77”与文件名不一致" in p for p in problems_of(copy))


def test_every_problem_is_reported_at_once(broken_copy):
    copy, edit = broken_copy
    edit("type: 村书记", "type: 村主任")
    edit("type: 驻村", "type: 驻村队", name="zhucun-4372ff.yml")
    (copy / "zhengdun-ba8507.yml").write_bytes(b"\xff\xfe")
    assert len(problems_of(copy)) == 3


def test_wrong_top_level_shape():
    _, found = parse_sample("- a\n- b\n".encode(), "x.yml")
    assert [str(p) for p in found] == ["x.yml: 文件: 顶层应为键值映射（id、title、type……）"]


def test_check_command_reports_success():
    result = run_check(LIBRARY)
    assert result.returncode == 0
    assert "全部通过，共 " in result.stdout and "不发布 1 篇" in result.stdout


# -- curation rules (rules.py) and the raw-file check -------------------------------

CURATION = [
    ("- 基础设施\n", "- 党建\n", "tags[1]: “党建”不在专题表里"),
    ("- 人居环境\n", "- 廉洁自律\n", "tags[2]: 正文里找不到支持“廉洁自律”的内容"),
    ("title: 村党支部书记个人述职报告（水泉沟村）", "title: 村党支部书记个人述职报告（xx村）", "title: 标题里不能有待填写处"),
    ("title: 村党支部书记个人述职报告（水泉沟村）", "title: 村党支部书记述职报告（简单版）", "title: 标题里不要用“简单版”"),
    ("title: 村党支部书记个人述职报告（水泉沟村）", "title: 村党支部书记个人述职报告", "title: 标题写成“报告名称（村名或侧重点）”"),
    ("  heading: 一、学习情况\n", "  heading: 一、学习情况。\n", "sections[1].heading: 小标题末尾不加标点"),
    ("- kind: 学习与思想\n  heading: 一、学习情况\n", "- kind: 开头\n  heading: ''\n", "sections[1]: 与上一节同为“开头”且都没有小标题"),
    ("lines: 163-189", "lines: 163-9999", "source.lines: “163-9999”超出了原始文件的行数"),
    ("file: library/raw/000_d96eefaaa6001d91.txt", "file: library/raw/nope.txt", "source.file: 找不到原始文件"),
    ("file: library/raw/000_d96eefaaa6001d91.txt", "file: README.md", "source.file: “README.md”不在 library/raw/ 里"),
    ("file: library/raw/000_d96eefaaa6001d91.txt", "file: library/raw/../../README.md", "不在 library/raw/ 里"),
    ("source:\n", "source:\n  kind: 本站撰写\n", "source.file: 未知字段"),
    ("source:\n", "source:\n  kind: 抄来的\n", "source.kind: 未知的来源“抄来的”"),
    ("id: cunshuji-5ebf64", "id: index", "id: “index”是类型目录页"),
    ("id: cunshuji-5ebf64", "id: page-2", "id: “page-2”是类型目录页"),
    ("title: 村党支部书记个人述职报告（水泉沟村）", "title: \"村党支部书记\\n述职报告（水泉沟村）\"", "title: 含有换行"),
    ("title: 村党支部书记个人述职报告（水泉沟村）", "title: \"村党支部书记\\0述职报告（水泉沟村）\"", "title: 含有控制字符 U+0000"),
    ("  heading: 一、学习情况\n", "  heading: \"一、学习\\t情况\"\n", "sections[1].heading: 含有控制字符 U+0009"),
    ("- 班子建设\n", "- \"班子\\n建设\"\n", "tags[0]: 含有换行"),
    ("  - 各位领导，同志们：", "  - \"各位领导\\0同志们：\"", "sections[0].paragraphs[0]: 含有控制字符 U+0000"),
    ("notes:\n", "excluded: ''\nnotes:\n", "excluded: 写明不发布的理由"),
]


@pytest.mark.parametrize("old, new, expected", CURATION, ids=[c[2][:24] for c in CURATION])
def test_curation_rules_and_provenance_are_enforced(broken_copy, old, new, expected):
    copy, edit = broken_copy
    edit(old, new)
    found = problems_of(copy)
    assert any(p.startswith("library/samples/cunshuji-5ebf64.yml: ") and expected in p for p in found), found
    result = run_check(copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_original_sample_needs_no_raw_file(broken_copy):
    copy, edit = broken_copy
    edit("source:\n  file: library/raw/000_d96eefaaa6001d91.txt\n  lines: 163-189\n  title: 村书记个人述职报告\n",
         "source:\n  kind: 本站撰写\n")
    library = load_library(copy, root=copy.parent.parent)
    sample = next(s for s in library.samples if s.id == "cunshuji-5ebf64")
    assert sample.source.is_original and sample.source.file == ""


def test_raw_sample_must_name_its_file(broken_copy):
    copy, edit = broken_copy
    edit("  file: library/raw/000_d96eefaaa6001d91.txt\n", "")
    assert any("source.file: 缺少必填字段" in p for p in problems_of(copy))


def test_tab_stays_allowed_inside_a_paragraph():
    text = (LIBRARY / VICTIM).read_text(encoding="utf-8").replace("  - 各位领导，同志们：", '  - "各位领导，\\t同志们："')
    sample, found = parse_sample(text.encode(), "x.yml", ROOT)
    assert found == [] and "\t" in sample.sections[0].paragraphs[0]


def test_ingest_drafts_skip_the_curation_rules():
    text = (LIBRARY / VICTIM).read_text(encoding="utf-8").replace("- 基础设施\n", "- 党建\n")
    assert parse_sample(text.encode(), "x.yml", ROOT, curated=False)[1] == []
    assert parse_sample(text.encode(), "x.yml", ROOT)[1] != []


def test_a_child_process_parsing_half_the_files_changes_nothing(broken_copy, monkeypatch):
    from shuzhi.library import load as load_module
    copy, edit = broken_copy
    serial = load_library(copy, root=copy.parent.parent)
    monkeypatch.setattr(load_module, "PARALLEL_MIN_FILES", 2)
    assert load_library(copy, root=copy.parent.parent) == serial
    # Problems from both halves, in file order, as the serial load gives them.
    edit("type: 村书记", "type: 村主任")
    edit("type: 驻村", "type: 驻村队", name="zhucun-4372ff.yml")
    (copy / "zhengdun-ba8507.yml").write_bytes(b"\xff\xfe")
    shutil.copy(copy / "zhucun-4372ff.yml", copy / "zz-copy.yml")
    parallel = problems_of(copy)
    monkeypatch.setattr(load_module, "PARALLEL_MIN_FILES", 10_000)
    assert parallel == problems_of(copy) and len(parallel) == 4
