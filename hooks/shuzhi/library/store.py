"""Write samples as YAML, and tell a generated file from a hand-edited one.

A generated file starts with a comment holding the SHA-256 of the YAML below
it. If the body no longer matches, somebody edited the file by hand, and the
ingest must leave it alone.
"""

from __future__ import annotations

import hashlib
import re

import yaml

from shuzhi.library.model import Sample

HASH_LINE = re.compile(r"^# ingest-sha256: ([0-9a-f]{64})\n", re.MULTILINE)
HEADER = (
    "# 由 scripts/ingest.py 生成。可以直接人工修改；改过之后再次运行 ingest 不会覆盖本文件（除非加 --force）。\n"
    "# ingest-sha256: {digest}\n"
)


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


def dump_body(sample: Sample) -> str:
    # width: one paragraph per line keeps hand edits and diffs readable.
    return yaml.safe_dump(sample_to_dict(sample), allow_unicode=True, sort_keys=False, width=1_000_000)


def dump_generated(sample: Sample) -> str:
    body = dump_body(sample)
    return HEADER.format(digest=_digest(body)) + body


def is_hand_edited(existing: str) -> bool:
    """True unless the file is exactly as the ingest last wrote it."""
    m = HASH_LINE.search(existing)
    if not m:
        return True
    body = existing[existing.index("\n", m.end() - 1) + 1:]
    return _digest(body) != m.group(1)


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
