"""Unit tests of hooks/shuzhi/library/store.py: generated sample YAML, hand-edit
detection (any byte difference from the ingest's own output), atomic writes."""

import hashlib
import os
from pathlib import Path

import pytest

from shuzhi.library import store
from shuzhi.library.model import Sample, Section, Source
from shuzhi.library.store import (
    FAILED, SKIPPED, UNCHANGED, WRITTEN, check_writable, dump_generated, is_generated, is_hand_edited,
    write_atomic, write_sample,
)


def _sample(title: str = "标题") -> Sample:
    return Sample("x-01", title, "村书记", ("党建",), Source("raw/x.txt", "1-2", "原题"), (),
                  (Section("开头", "", ("第一段：# * {{ }} <b>",)),))


def _with_checksum(header: str, body: str) -> str:
    return f"{header}\n# ingest-sha256: {hashlib.sha256(body.encode()).hexdigest()}\n{body}"


def test_generated_yaml_is_recognised_and_hand_edits_are_detected():
    text = dump_generated(_sample())
    assert is_generated(text) and is_generated(text.encode("utf-8"))
    assert not is_hand_edited(text)
    assert is_hand_edited(text.replace("第一段", "第一 段"))
    assert is_hand_edited(text.split("\n", 2)[2])  # header removed by the curator


@pytest.mark.parametrize(
    "edit",
    [lambda t: t.replace("# ingest-sha256", "# 核对过\n# ingest-sha256", 1),  # comment above the checksum
     lambda t: t.replace("可以直接人工修改", "改过了", 1),  # first line edited
     lambda t: "# 说明\n" + t,  # comment on top
     lambda t: t + "\n",  # a blank line at the end
     lambda t: t.replace("\n", "\r\n"),  # saved with CRLF
     lambda t: "\ufeff" + t],  # saved with a BOM
)
def test_any_byte_difference_outside_the_body_is_a_hand_edit(edit):
    assert is_hand_edited(edit(dump_generated(_sample())))


def test_checksum_over_a_body_the_dumper_did_not_write_is_a_hand_edit():
    header, _, body = dump_generated(_sample()).split("\n", 2)
    assert is_generated(_with_checksum(header, body))
    assert is_hand_edited(_with_checksum(header, body.replace("title: 标题", "title:   标题")))
    assert is_hand_edited(_with_checksum(header, body + "# 附注\n"))


def test_checksummed_alias_bomb_is_a_hand_edit_not_expanded():
    header = dump_generated(_sample()).split("\n", 1)[0]
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(12))
    assert is_hand_edited(_with_checksum(header, bomb))


def test_undecodable_bytes_are_a_hand_edit():
    assert is_hand_edited(dump_generated(_sample()).encode("utf-8") + b"\xff")


def test_write_sample_statuses(tmp_path):
    path = tmp_path / "x-01.yml"
    first = dump_generated(_sample())
    assert write_sample(path, first, force=False).status == WRITTEN
    assert write_sample(path, first, force=False).status == UNCHANGED
    second = dump_generated(_sample("新标题"))
    assert write_sample(path, second, force=False).status == WRITTEN  # the old file was the ingest's own
    path.write_text(second.replace("新标题", "人工标题"), encoding="utf-8")
    assert write_sample(path, first, force=False).status == SKIPPED
    assert "人工标题" in path.read_text(encoding="utf-8")
    assert write_sample(path, first, force=True).status == WRITTEN
    assert path.read_text(encoding="utf-8") == first


def test_write_sample_refuses_a_folder_in_the_way(tmp_path):
    (tmp_path / "x-01.yml").mkdir()
    result = write_sample(tmp_path / "x-01.yml", dump_generated(_sample()), force=True)
    assert result.status == FAILED and "不是普通文件" in result.reason


def test_failed_atomic_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "x-01.yml"
    path.write_bytes(b"old")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(path, b"new content")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x-01.yml"]
    result = write_sample(path, dump_generated(_sample()), force=True)
    assert result.status == FAILED and result.reason == "写入失败，原文件未改动：磁盘空间不足"


def test_check_writable(tmp_path, monkeypatch):
    assert check_writable(tmp_path) == ""
    assert list(tmp_path.iterdir()) == []  # the probe cleans up
    assert check_writable(tmp_path / "missing") == "文件或文件夹不存在"

    def refuse(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(store.tempfile, "mkstemp", refuse)
    assert check_writable(tmp_path) == "所在的磁盘是只读的"


def test_written_file_is_complete_bytes(tmp_path):
    path = tmp_path / "x-01.yml"
    content = dump_generated(_sample("很长" * 10000))
    write_atomic(path, content.encode("utf-8"))
    assert path.read_bytes() == content.encode("utf-8")
    assert os.stat(path).st_size == len(content.encode("utf-8"))
    assert is_generated(Path(path).read_bytes())
