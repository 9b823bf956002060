"""Load and validate the sample library (one YAML file per sample).

Every problem is collected, never raised one at a time, so a curator sees the
whole list at once. Each problem prints as ``path: field: message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from shuzhi.library.model import KINDS_BY_NAME, NOTE_TRUNCATED, TYPES_BY_NAME, Sample, Section, Source, sample_length

SAMPLE_SUFFIX = ".yml"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LINES_PATTERN = re.compile(r"^(\d+)-(\d+)$")
REQUIRED_FIELDS = ("id", "title", "type", "source", "sections")
OPTIONAL_FIELDS = ("tags", "notes")
SOURCE_FIELDS = ("file", "lines", "title")
SECTION_FIELDS = ("kind", "heading", "paragraphs")
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # same constructor and resolver as SafeLoader


@dataclass(frozen=True)
class Problem:
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class LibraryError(Exception):
    """Raised with every problem found in the library."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Library:
    samples: tuple[Sample, ...]  # by type, then complete before truncated, longer first, then id

    def by_type(self, type_name: str) -> tuple[Sample, ...]:
        return tuple(s for s in self.samples if s.type == type_name)


def load_library(samples_dir: Path, root: Path | None = None) -> Library:
    """Read every ``*.yml`` in ``samples_dir``; raise LibraryError listing all problems."""
    root = root or samples_dir.parent
    problems: list[Problem] = []
    samples: list[Sample] = []
    if not samples_dir.is_dir():
        raise LibraryError([Problem(_display(samples_dir, root), "目录", "样本目录不存在")])
    first_path_of_id: dict[str, str] = {}
    for path in sorted(samples_dir.glob("*" + SAMPLE_SUFFIX)):
        shown = _display(path, root)
        sample, found = parse_sample(path.read_bytes(), shown)
        problems.extend(found)
        if sample is None:
            continue
        if sample.id in first_path_of_id:
            problems.append(
                Problem(shown, "id", f"重复的 id “{sample.id}”，已在 {first_path_of_id[sample.id]} 中使用")
            )
            continue
        first_path_of_id[sample.id] = shown
        if path.stem != sample.id:
            problems.append(Problem(shown, "id", f"id “{sample.id}”与文件名不一致，文件应命名为 {sample.id}{SAMPLE_SUFFIX}"))
        samples.append(sample)
    if problems:
        raise LibraryError(problems)
    type_order = {name: i for i, name in enumerate(TYPES_BY_NAME)}
    # Readers see this order on type pages and guides: complete reports first, longer first.
    samples.sort(key=lambda s: (type_order[s.type], NOTE_TRUNCATED in s.notes, -sample_length(s), s.id))
    return Library(tuple(samples))


def parse_sample(data: bytes, shown: str) -> tuple[Sample | None, list[Problem]]:
    """Parse one sample file's bytes. Returns the sample (or None) and its problems."""
    if not data.strip():
        return None, [Problem(shown, "文件", "文件为空")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return None, [Problem(shown, "编码", f"不是 UTF-8 编码（第 {err.start} 字节 0x{data[err.start]:02x} 无法解码），请另存为 UTF-8")]
    try:
        # Parse once, with libyaml when present: the pure-Python parser, run
        # twice (compose + load), was most of load_library's time at 1,000 samples.
        raw = yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        raw = None  # parsed again below, for the same error message as always
    if raw is None:
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
            where = f"第 {mark.line + 1} 行" if mark else "YAML"
            reason = getattr(err, "problem", None) or str(err)
            return None, [Problem(shown, where, f"YAML 语法错误：{reason}")]
    checker = _Checker(shown, {})
    sample = checker.sample(raw)
    if checker.problems:
        # Line numbers only serve the problem messages: compose the node tree only then.
        checker = _Checker(shown, _line_index(yaml.compose(text, Loader=yaml.SafeLoader)))
        checker.sample(raw)
    return (sample if not checker.problems else None), checker.problems


class _Checker:
    """Type-checks one parsed YAML document, recording problems with field paths."""

    def __init__(self, shown: str, lines: dict[str, int]):
        self.shown = shown
        self.lines = lines
        self.problems: list[Problem] = []

    def fail(self, field: str, message: str) -> None:
        line = self.lines.get(field)
        suffix = f"（第 {line} 行）" if line else ""
        self.problems.append(Problem(self.shown, field, message + suffix))

    def sample(self, raw: Any) -> Sample | None:
        if not isinstance(raw, dict):
            self.fail("文件", "顶层应为键值映射（id、title、type……）")
            return None
        self._fields(raw, "", REQUIRED_FIELDS, OPTIONAL_FIELDS)
        sample_id = self.text(raw, "id", allow_empty=False)
        if sample_id and not ID_PATTERN.match(sample_id):
            self.fail("id", f"“{sample_id}”不是合法的 id：只能用小写字母、数字和连字符")
        title = self.text(raw, "title", allow_empty=False)
        type_name = self.text(raw, "type", allow_empty=False)
        if type_name and type_name not in TYPES_BY_NAME:
            self.fail("type", f"未知的报告类型“{type_name}”，可选：{'、'.join(TYPES_BY_NAME)}")
        tags = self.text_list(raw, "tags", required=False)
        notes = self.text_list(raw, "notes", required=False)
        source = self.source(raw.get("source"))
        sections = self.sections(raw.get("sections"))
        if self.problems:
            return None
        return Sample(
            id=sample_id, title=title, type=type_name, tags=tags, source=source,
            notes=notes, sections=sections, path=self.shown,
        )

    def _fields(self, raw: dict, prefix: str, required: tuple, optional: tuple) -> None:
        for name in required:
            if name not in raw:
                self.fail(prefix + name, "缺少必填字段")
        for name in raw:
            if name not in required and name not in optional:
                allowed = "、".join(required + optional)
                self.fail(prefix + str(name), f"未知字段，可用字段：{allowed}")

    def text(self, raw: dict, name: str, prefix: str = "", allow_empty: bool = True) -> str:
        if name not in raw:
            return ""
        value = raw[name]
        field = prefix + name
        if not isinstance(value, str):
            self.fail(field, f"应为文本，实际是{_kind_of(value)}")
            return ""
        if not allow_empty and not value.strip():
            self.fail(field, "不能为空")
        return value

    def text_list(self, raw: dict, name: str, required: bool) -> tuple[str, ...]:
        if name not in raw:
            return ()
        value = raw[name]
        if value is None and not required:
            return ()
        if not isinstance(value, list):
            self.fail(name, f"应为列表，实际是{_kind_of(value)}")
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            field = f"{name}[{i}]"
            if not isinstance(item, str) or not item.strip():
                self.fail(field, "应为非空文本")
            elif item in out:
                self.fail(field, f"重复的条目“{item}”")
            else:
                out.append(item)
        return tuple(out)

    def source(self, raw: Any) -> Source | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.fail("source", f"应为键值映射（file、lines、title），实际是{_kind_of(raw)}")
            return None
        self._fields(raw, "source.", SOURCE_FIELDS, ())
        file = self.text(raw, "file", "source.", allow_empty=False)
        lines = self.text(raw, "lines", "source.", allow_empty=False)
        title = self.text(raw, "title", "source.")
        match = LINES_PATTERN.match(lines) if lines else None
        if lines and (not match or int(match.group(1)) > int(match.group(2))):
            self.fail("source.lines", f"“{lines}”应写成“起始行-结束行”，如 12-40")
        return Source(file=file, lines=lines, title=title)

    def sections(self, raw: Any) -> tuple[Section, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.fail("sections", f"应为列表，实际是{_kind_of(raw)}")
            return ()
        if not raw:
            self.fail("sections", "至少要有一个章节")
        out = []
        for i, item in enumerate(raw):
            prefix = f"sections[{i}]"
            if not isinstance(item, dict):
                self.fail(prefix, f"应为键值映射（kind、heading、paragraphs），实际是{_kind_of(item)}")
                continue
            self._fields(item, prefix + ".", SECTION_FIELDS, ())
            kind = self.text(item, "kind", prefix + ".", allow_empty=False)
            if kind and kind not in KINDS_BY_NAME:
                self.fail(prefix + ".kind", f"未知的章节类型“{kind}”，可选：{'、'.join(KINDS_BY_NAME)}")
            heading = self.text(item, "heading", prefix + ".")
            paragraphs = self.paragraphs(item.get("paragraphs"), prefix + ".paragraphs")
            out.append(Section(kind=kind, heading=heading.strip(), paragraphs=paragraphs))
        return tuple(out)

    def paragraphs(self, raw: Any, field: str) -> tuple[str, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.fail(field, f"应为文本列表，实际是{_kind_of(raw)}")
            return ()
        if not raw:
            self.fail(field, "章节为空：至少要有一段正文")
        out = []
        for i, item in enumerate(raw):
            if not isinstance(item, str):
                self.fail(f"{field}[{i}]", f"应为文本，实际是{_kind_of(item)}")
            elif not item.strip():
                self.fail(f"{field}[{i}]", "段落为空")
            elif "\n" in item.strip():
                self.fail(f"{field}[{i}]", "一段只能有一行；分段请拆成多个列表项")
            else:
                out.append(item.strip())
        return tuple(out)


def _kind_of(value: Any) -> str:
    names = {type(None): "空值", bool: "布尔值", int: "数字", float: "数字", str: "文本", list: "列表", dict: "键值映射"}
    return names.get(type(value), type(value).__name__)


def _line_index(node: yaml.Node | None) -> dict[str, int]:
    """Map field paths such as ``sections[1].kind`` to 1-based line numbers."""
    index: dict[str, int] = {}

    def walk(n: yaml.Node, path: str) -> None:
        if path:
            index[path] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                child = f"{path}.{key.value}" if path else str(key.value)
                index[child] = key.start_mark.line + 1
                walk(value, child)
                index[child] = key.start_mark.line + 1
        elif isinstance(n, yaml.SequenceNode):
            for i, value in enumerate(n.value):
                walk(value, f"{path}[{i}]")

    if node is not None:
        walk(node, "")
    return index


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
