"""Write samples as YAML, and tell a generated file from a hand-edited one.

A generated file starts with a fixed comment line and a line holding the
SHA-256 of the YAML below it. A file counts as generated only if it is byte
for byte what the ingest writes: that first line, the checksum line, a body
the checksum covers, and that body exactly as the YAML dumper writes it.
Anything else (a comment added anywhere, an edited first line, CRLF line
endings, a BOM) is a curator's work, and the ingest must leave it alone.

Files are written to a temporary file in the same folder and renamed over
the target, so a failed write never leaves half a file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from shuzhi.library.model import Sample
from shuzhi.library.safe_yaml import UnsafeYaml, load_yaml

HEADER = (
    "# 由 scripts/ingest.py 生成。可以直接人工修改；改过之后再次运行 ingest 不会覆盖本文件（除非加 --force）。\n"
    "# ingest-sha256: {digest}\n"
)
_GENERATED = re.compile(re.escape(HEADER).replace(re.escape("{digest}"), "([0-9a-f]{64})") + r"(.*)", re.DOTALL)

WRITTEN, UNCHANGED, SKIPPED, FAILED = "written", "unchanged", "skipped", "failed"


def sample_to_dict(sample: Sample) -> dict:
    return {
        "id": sample.id,
        "title": sample.title,
        "type": sample.type,
        "tags": list(sample.tags),
        "source": _source_dict(sample),
        "notes": list(sample.notes),
        "sections": [
            {"kind": s.kind, "heading": s.heading, "paragraphs": list(s.paragraphs)}
            for s in sample.sections
        ],
    } | ({"excluded": sample.excluded} if sample.excluded else {})


def _source_dict(sample: Sample) -> dict:
    src = sample.source
    if src.is_original:
        return {"kind": src.kind}
    return {"file": src.file, "lines": src.lines, "title": src.title}


def _dump(data: dict) -> str:
    # width: one paragraph per line keeps hand edits and diffs readable.
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


def dump_body(sample: Sample) -> str:
    return _dump(sample_to_dict(sample))


def dump_generated(sample: Sample) -> str:
    body = dump_body(sample)
    return HEADER.format(digest=_digest(body)) + body


def is_generated(existing: bytes | str) -> bool:
    """True only if ``existing`` is exactly a file dump_generated could have written."""
    if isinstance(existing, bytes):
        try:
            existing = existing.decode("utf-8")
        except UnicodeDecodeError:
            return False
    m = _GENERATED.fullmatch(existing)
    if m is None or _digest(m.group(2)) != m.group(1):
        return False
    # The checksum proves the body is unchanged since it was computed; the
    # dumper's own output proves nobody computed it over a hand-made body.
    try:
        data, _ = load_yaml(m.group(2))
    except UnsafeYaml:
        return False
    return isinstance(data, dict) and _dump(data) == m.group(2)


def is_hand_edited(existing: bytes | str) -> bool:
    """True unless the file is exactly as the ingest wrote it."""
    return not is_generated(existing)


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class WriteResult:
    status: str  # WRITTEN, UNCHANGED, SKIPPED (hand-edited) or FAILED
    reason: str = ""  # why, for FAILED


def write_sample(path: Path, content: str, force: bool) -> WriteResult:
    """Write one generated file unless a curator's version is there (or ``force``)."""
    data = content.encode("utf-8")
    if path.exists() or path.is_symlink():
        if not path.is_file():
            return WriteResult(FAILED, "同名的不是普通文件（可能是文件夹），没有覆盖")
        try:
            existing = path.read_bytes()
        except OSError as err:
            return WriteResult(FAILED, f"无法读取已有的文件，没有覆盖：{describe_os_error(err)}")
        if existing == data:
            return WriteResult(UNCHANGED)
        if not force and not is_generated(existing):
            return WriteResult(SKIPPED)
    try:
        write_atomic(path, data)
    except OSError as err:
        return WriteResult(FAILED, f"写入失败，原文件未改动：{describe_os_error(err)}")
    return WriteResult(WRITTEN)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def check_writable(folder: Path) -> str:
    """Why nothing can be written into ``folder`` ("" if it can): probed with a
    real temporary file, because permission bits say little (root, read-only mounts)."""
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".ingest-probe-", suffix=".tmp")
    except OSError as err:
        return describe_os_error(err)
    os.close(fd)
    try:
        os.unlink(temp)
    except OSError as err:
        return describe_os_error(err)
    return ""


def describe_os_error(err: OSError) -> str:
    """The reason in plain Chinese: strerror is English whatever the locale."""
    messages = {
        "EACCES": "权限不足", "EPERM": "操作不被允许", "EROFS": "所在的磁盘是只读的",
        "ENOSPC": "磁盘空间不足", "EDQUOT": "超出磁盘配额", "ENOTDIR": "路径中有一段不是文件夹",
        "EISDIR": "这是文件夹", "ENOENT": "文件或文件夹不存在", "ENAMETOOLONG": "路径太长",
    }
    name = errno.errorcode.get(err.errno or 0, "")
    return messages.get(name, err.strerror or str(err))
