"""Load and validate the sample library (one YAML file per sample).

Every problem is collected, never raised one at a time, so a curator sees the
whole list at once. Each problem prints as ``path: field: message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shuzhi.child import Child, ChildFailed
from shuzhi.library.model import (
    KINDS_BY_NAME, NOTE_TRUNCATED, SOURCE_KINDS, SOURCE_ORIGINAL, SOURCE_RAW, TYPES_BY_NAME,
    Sample, Section, Source, sample_length,
)
from shuzhi.library.rules import content_problems, reserved_id_problem
from shuzhi.library.safe_yaml import UnsafeYaml, load_yaml

SAMPLE_SUFFIX = ".yml"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LINES_PATTERN = re.compile(r"^(\d+)-(\d+)$")
REQUIRED_FIELDS = ("id", "title", "type", "source", "sections")
OPTIONAL_FIELDS = ("tags", "notes", "excluded")
RAW_SOURCE_FIELDS = ("file", "lines", "title")
SECTION_FIELDS = ("kind", "heading", "paragraphs")
RAW_DIR = "library/raw"  # where every raw source file lives, relative to the repository root
# Control characters never belong in report text; a tab may stand in a
# paragraph (scraped text has them, and copying keeps them), nowhere else.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_OR_TAB = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


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


def load_library(samples_dir: Path, root: Path | None = None, curated: bool = True) -> Library:
    """Read every ``*.yml`` in ``samples_dir``; raise LibraryError listing all problems.

    ``curated`` applies the curation rules (rules.py) too; the ingest's fresh
    drafts are checked against the schema only. Samples with ``excluded`` set
    are validated but left out of the returned library.
    """
    root = root or samples_dir.parent
    problems: list[Problem] = []
    samples: list[Sample] = []
    if not samples_dir.is_dir():
        raise LibraryError([Problem(_display(samples_dir, root), "目录", "样本目录不存在")])
    first_path_of_id: dict[str, str] = {}
    for parsed in _parse_files(sorted(samples_dir.glob("*" + SAMPLE_SUFFIX)), root, curated):
        path, shown, sample = parsed.path, parsed.shown, parsed.sample
        problems.extend(parsed.problems)
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
        if not sample.excluded:
            samples.append(sample)
    if problems:
        raise LibraryError(problems)
    type_order = {name: i for i, name in enumerate(TYPES_BY_NAME)}
    # Readers see this order on type pages and guides: complete reports first, longer first.
    samples.sort(key=lambda s: (type_order[s.type], NOTE_TRUNCATED in s.notes, -sample_length(s), s.id))
    return Library(tuple(samples))


@dataclass(frozen=True)
class ParsedFile:
    path: Path
    shown: str  # the path as problems name it
    sample: Sample | None
    problems: tuple[Problem, ...]


# From this many files on, a child process parses the second half while this
# one parses the first: on two cores a large library loads in half the time.
PARALLEL_MIN_FILES = 400


def _parse_files(paths: list[Path], root: Path, curated: bool) -> list[ParsedFile]:
    """Every file read and parsed, in the order given."""
    if len(paths) < PARALLEL_MIN_FILES:
        return parse_files(paths, root, curated)
    half = len(paths) // 2
    child = Child.start(parse_files, paths[half:], root, curated)
    try:
        first = parse_files(paths[:half], root, curated)
    except BaseException:
        child.kill()
        raise
    try:
        return first + child.result()
    except ChildFailed as err:
        raise LibraryError([Problem(_display(paths[half], root), "文件", f"读取样本失败：{err}")]) from None


def parse_files(paths: list[Path], root: Path, curated: bool) -> list[ParsedFile]:
    """Read and parse each file (see :func:`parse_sample`)."""
    parsed = []
    for path in paths:
        shown = _display(path, root)
        data, problem = _read(path, shown)
        if problem is not None:
            parsed.append(ParsedFile(path, shown, None, (problem,)))
            continue
        sample, found = parse_sample(data, shown, root, curated)
        parsed.append(ParsedFile(path, shown, sample, tuple(found)))
    return parsed


def _read(path: Path, shown: str) -> tuple[bytes, Problem | None]:
    """The file's bytes, or the reason they can't be read (never an exception)."""
    if not path.is_file():
        # A directory or a FIFO named *.yml: reading a FIFO would hang the build.
        return b"", Problem(shown, "文件", "不是普通文件（可能是文件夹或特殊文件），请移走或改名")
    try:
        return path.read_bytes(), None
    except OSError as err:
        return b"", Problem(shown, "文件", f"无法读取：{err.strerror or err}")


def parse_sample(data: bytes, shown: str, root: Path | None = None,
                 curated: bool = True) -> tuple[Sample | None, list[Problem]]:
    """Parse one sample file's bytes. Returns the sample (or None) and its problems.

    With ``root`` (the repository), ``source.file`` and ``source.lines`` are
    checked against the raw file they name; ``curated`` adds the curation rules.
    """
    if not data.strip():
        return None, [Problem(shown, "文件", "文件为空")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return None, [Problem(shown, "编码", f"不是 UTF-8 编码（第 {err.start} 字节 0x{data[err.start]:02x} 无法解码），请另存为 UTF-8")]
    try:
        raw, lines = load_yaml(text)
    except UnsafeYaml as err:
        return None, [Problem(shown, err.where, err.message)]
    checker = _Checker(shown, lines)
    sample = checker.sample(raw)
    if sample is not None:
        if curated:
            for field, message in content_problems(sample):
                checker.fail(field, message)
        if root is not None and not sample.source.is_original:
            checker.provenance(sample.source, root)
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
        sample_id = self.text(raw, "id", allow_empty=False, line=True)
        if sample_id and not ID_PATTERN.match(sample_id):
            self.fail("id", f"“{sample_id}”不是合法的 id：只能用小写字母、数字和连字符")
        elif sample_id and (reserved := reserved_id_problem(sample_id)):
            self.fail("id", reserved)
        title = self.text(raw, "title", allow_empty=False, line=True)
        type_name = self.text(raw, "type", allow_empty=False, line=True)
        if type_name and type_name not in TYPES_BY_NAME:
            self.fail("type", f"未知的报告类型“{type_name}”，可选：{'、'.join(TYPES_BY_NAME)}")
        tags = self.text_list(raw, "tags", required=False)
        notes = self.text_list(raw, "notes", required=False)
        excluded = self.text(raw, "excluded", line=True)
        if "excluded" in raw and not excluded.strip():
            self.fail("excluded", "写明不发布的理由，或删去这个字段")
        source = self.source(raw.get("source"))
        sections = self.sections(raw.get("sections"))
        for name in ("source", "sections"):
            self.not_null(raw, name, name)
        if self.problems:
            return None
        return Sample(
            id=sample_id, title=title, type=type_name, tags=tags, source=source,
            notes=notes, sections=sections, path=self.shown, excluded=excluded.strip(),
        )

    def _fields(self, raw: dict, prefix: str, required: tuple, optional: tuple) -> None:
        for name in required:
            if name not in raw:
                self.fail(prefix + name, "缺少必填字段")
        for name in raw:
            if name not in required and name not in optional:
                allowed = "、".join(required + optional)
                self.fail(prefix + str(name), f"未知字段，可用字段：{allowed}")

    def not_null(self, raw: dict, name: str, field: str) -> None:
        # `source:` with nothing under it is YAML null, not a missing key: _fields doesn't see it.
        if name in raw and raw[name] is None:
            self.fail(field, "不能为空")

    def text(self, raw: dict, name: str, prefix: str = "", allow_empty: bool = True, line: bool = False) -> str:
        """A text field; with ``line``, it must be one line without control characters."""
        if name not in raw:
            return ""
        value = raw[name]
        field = prefix + name
        if not isinstance(value, str):
            self.fail(field, f"应为文本，实际是{_kind_of(value)}")
            return ""
        if not allow_empty and not value.strip():
            self.fail(field, "不能为空")
        if line:
            self.single_line(field, value.strip(), _CONTROL_OR_TAB)
        return value

    def single_line(self, field: str, value: str, forbidden: re.Pattern) -> bool:
        found = forbidden.search(value)
        if found is None:
            return True
        char = found.group()
        what = "换行" if char in "\r\n\u2028\u2029" else f"控制字符 U+{ord(char):04X}"
        self.fail(field, f"含有{what}：只能是一行文字")
        return False

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
            elif not self.single_line(field, item.strip(), _CONTROL_OR_TAB):
                continue
            elif item in out:
                self.fail(field, f"重复的条目“{item}”")
            else:
                out.append(item)
        return tuple(out)

    def source(self, raw: Any) -> Source | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.fail("source", f"应为键值映射（file、lines、title，或 kind: {SOURCE_ORIGINAL}），实际是{_kind_of(raw)}")
            return None
        kind = self.text(raw, "kind", "source.", line=True) if "kind" in raw else SOURCE_RAW
        if kind not in SOURCE_KINDS:
            self.fail("source.kind", f"未知的来源“{kind}”，可选：{'、'.join(SOURCE_KINDS)}")
            return None
        if kind == SOURCE_ORIGINAL:
            # Written for this site: there is no raw page to point at.
            self._fields(raw, "source.", ("kind",), ())
            return Source(file="", lines="", title="", kind=kind)
        self._fields(raw, "source.", RAW_SOURCE_FIELDS, ("kind",))
        file = self.text(raw, "file", "source.", allow_empty=False, line=True)
        lines = self.text(raw, "lines", "source.", allow_empty=False, line=True)
        title = self.text(raw, "title", "source.", line=True)
        match = LINES_PATTERN.match(lines) if lines else None
        if lines and (not match or int(match.group(1)) > int(match.group(2))):
            self.fail("source.lines", f"“{lines}”应写成“起始行-结束行”，如 12-40")
        return Source(file=file, lines=lines, title=title, kind=kind)

    def provenance(self, source: Source, root: Path) -> None:
        """source.file is a file inside library/raw/, and source.lines lie within it."""
        raw_dir = (root / RAW_DIR).resolve()
        path = (root / source.file).resolve()
        if raw_dir not in path.parents:
            self.fail("source.file", f"“{source.file}”不在 {RAW_DIR}/ 里：原始网页要存进这个目录")
            return
        if not path.is_file():
            self.fail("source.file", f"找不到原始文件“{source.file}”")
            return
        try:
            count = len(path.read_bytes().splitlines())
        except OSError as err:
            self.fail("source.file", f"无法读取原始文件：{err.strerror or err}")
            return
        end = int(source.lines.split("-")[1])
        if end > count:
            self.fail("source.lines", f"“{source.lines}”超出了原始文件的行数（共 {count} 行）")

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
            heading = self.text(item, "heading", prefix + ".", line=True)
            paragraphs = self.paragraphs(item.get("paragraphs"), prefix + ".paragraphs")
            self.not_null(item, "paragraphs", prefix + ".paragraphs")
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
            elif self.single_line(f"{field}[{i}]", item.strip(), _CONTROL):
                out.append(item.strip())
        return tuple(out)


def _kind_of(value: Any) -> str:
    names = {type(None): "空值", bool: "布尔值", int: "数字", float: "数字", str: "文本", list: "列表", dict: "键值映射"}
    return names.get(type(value), type(value).__name__)


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
