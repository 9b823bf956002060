"""Unit tests of hooks/shuzhi/library/safe_yaml.py: hostile YAML is refused
fast, with bounded memory, and with the line it was found on."""

import time
import tracemalloc

import pytest

from shuzhi.library.safe_yaml import MAX_DEPTH, UnsafeYaml, load_yaml

# 9 levels of 9 aliases each: about 387 million strings if expanded.
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def test_alias_bomb_is_refused_within_a_second_with_bounded_memory():
    assert len(ALIAS_BOMB.encode()) < 400
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(UnsafeYaml) as err:
        load_yaml(ALIAS_BOMB)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0 and peak < 5_000_000
    assert err.value.where == "第 1 行" and "锚点和别名" in err.value.message


def test_a_single_anchor_is_refused_too():
    with pytest.raises(UnsafeYaml, match="锚点"):
        load_yaml("id: &x a\ntitle: b\n")


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5000, 200_000])
def test_deep_nesting_is_refused_without_recursion(depth):
    started = time.perf_counter()
    with pytest.raises(UnsafeYaml, match=f"嵌套超过 {MAX_DEPTH} 层"):
        load_yaml("[" * depth + "]" * depth)
    assert time.perf_counter() - started < 2.0


def test_nesting_a_sample_needs_is_fine():
    data, _ = load_yaml("sections:\n- kind: 开头\n  paragraphs:\n  - [a]\n")
    assert data == {"sections": [{"kind": "开头", "paragraphs": [["a"]]}]}


def test_duplicate_key_names_both_lines():
    with pytest.raises(UnsafeYaml) as err:
        load_yaml("id: a\ntitle: b\nsections:\n- kind: 开头\n  kind: 结尾\n")
    assert err.value.where == "第 5 行" and "“kind”重复（第 4 行已有）" in err.value.message


def test_syntax_error_names_the_line():
    with pytest.raises(UnsafeYaml) as err:
        load_yaml("id: a\ntitle: [b\n")
    assert err.value.where.startswith("第 ") and "YAML 语法错误" in err.value.message


def test_line_index_maps_field_paths():
    _, lines = load_yaml("id: a\nsections:\n- kind: 开头\n  paragraphs:\n  - 甲\n  - 乙\n")
    assert lines["id"] == 1 and lines["sections[0].kind"] == 3 and lines["sections[0].paragraphs[1]"] == 6


def test_empty_document_is_none():
    assert load_yaml("# only a comment\n") == (None, {})
