"""Turn raw scraped report pages into curated sample YAML files.

Usage: python scripts/ingest.py RAW_FILE... --out DIR [--force]

Writes one YAML file per report into DIR and prints every line it took out
of the page with the rule that took it out, what every cleaning rule did,
and what it was unsure of (存疑). Files edited by hand since the ingest wrote
them are skipped (and named) unless --force is given. Nothing is written when
any input is unusable; each problem is one `file: field: message` line on
stderr and the exit status is 1 (2 for a malformed command line).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from shuzhi.ingest.clean import RULE_DUPLICATE, RULES, Tally  # noqa: E402
from shuzhi.ingest.decode import DecodedText, RawInputError, decode_raw  # noqa: E402
from shuzhi.ingest.pipeline import IngestedSample, ingest_page  # noqa: E402
from shuzhi.library.load import parse_sample  # noqa: E402
from shuzhi.library.rules import content_problems  # noqa: E402
from shuzhi.library.store import (  # noqa: E402
    FAILED, SKIPPED, UNCHANGED, WRITTEN, check_writable, describe_os_error, dump_generated, write_sample,
)

# A saved web page is tens of kilobytes; a file this big is not one.
MAX_RAW_BYTES = 20 * 1024 * 1024
USAGE = "python scripts/ingest.py 原始文件... --out 输出目录 [--force]"
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


@dataclass
class Page:
    shown: str
    samples: list[IngestedSample]
    tally: Tally
    decoded: DecodedText


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake on the command line is one line, not a usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        message = re.sub(r"the following arguments are required: ", "缺少参数 ", message)
        message = re.sub(r"unrecognized arguments: ", "无法识别的参数 ", message)
        message = re.sub(r"argument (\S+): expected one argument", r"\1 后面要跟一个值", message)
        self.exit(2, f"{self.prog}: 命令行: {message}；用法：{USAGE}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="scripts/ingest.py", description="把抓取的原始页面整理成样本 YAML。")
    parser.add_argument("raw", nargs="+", type=Path, metavar="RAW_FILE", help="原始页面文本文件")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="样本输出目录")
    parser.add_argument("--force", action="store_true", help="覆盖人工改过的样本文件")
    args = parser.parse_args(argv)

    errors: list[str] = []
    out_shown = _display(args.out)
    if problem := _out_problem(args.out):
        errors.append(f"{out_shown}: --out: {problem}")
    pages: list[Page] = []
    seen_bodies: set[str] = set()
    used_ids: set[str] = set()
    for path in args.raw:
        shown = _display(path)
        decoded, problem = _read_raw(path)
        if problem:
            errors.append(f"{shown}: {problem}")
            continue
        result = ingest_page(decoded.text, shown, seen_bodies, used_ids)
        page = Page(shown, result.samples, result.tally, decoded)
        if not result.samples and not result.tally.counts[RULE_DUPLICATE]:
            _print_page(page)  # what each line was taken for, so the curator can see why
            errors.append(f"{shown}: 正文: 没有找到任何报告正文（只有平台内容、标题或编者话术）")
            continue
        pages.append(page)

    for page in pages:
        for item in page.samples:
            # Drafts meet the schema; the curation rules are for the curator (待校订 below).
            _, problems = parse_sample(dump_generated(item.sample).encode("utf-8"), f"{page.shown}#{item.sample.id}",
                                       curated=False)
            errors.extend(str(p) for p in problems)
    if not errors:
        errors.extend(f"{out_shown}: --out: {p}" for p in _prepare_out(args.out))
    if errors:
        for line in errors:
            print(line, file=sys.stderr)
        print("出错，未写入任何文件。")
        return 1

    results: dict[str, list[str]] = {WRITTEN: [], UNCHANGED: [], SKIPPED: [], FAILED: []}
    failures: list[str] = []
    for page in pages:
        _print_page(page)
        for item in page.samples:
            name = f"{item.sample.id}.yml"
            result = write_sample(args.out / name, dump_generated(item.sample), args.force)
            results[result.status].append(name)
            if result.status == FAILED:
                failures.append(f"{out_shown}/{name}: 写入: {result.reason}")
    _print_summary(results, out_shown)
    for line in failures:
        print(line, file=sys.stderr)
    return 1 if failures else 0


def _read_raw(path: Path) -> tuple[DecodedText | None, str]:
    """The page's text, or ``field: message`` saying why it can't be ingested."""
    if _UNPRINTABLE.search(str(path)):
        return None, "文件名: 文件名里有控制字符或不是 UTF-8 编码的字节，请改名后再整理"
    if not path.exists():
        return None, "文件: 无法读取：文件不存在"
    if path.is_dir():
        return None, "文件: 无法读取：这是文件夹，不是文件"
    if not path.is_file():
        # A pipe or a device: reading it could hang or never end.
        return None, "文件: 无法读取：不是普通文件（可能是管道或设备）"
    try:
        size = path.stat().st_size
        if size > MAX_RAW_BYTES:
            return None, f"文件: 文件太大（{size / 1024 / 1024:.0f} MB），不像一页网页存档"
        data = path.read_bytes()
    except OSError as err:
        return None, f"文件: 无法读取：{describe_os_error(err)}"
    try:
        return decode_raw(data), ""
    except RawInputError as err:
        return None, f"内容: {err}"


def _out_problem(out: Path) -> str:
    """Why ``out`` can't be the output folder, found before anything is read."""
    if out.exists() and not out.is_dir():
        return "这是一个文件，不是文件夹：请指定放样本的文件夹"
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                return f"路径中的“{_display(parent)}”是文件，不是文件夹"
            break
    return ""


def _prepare_out(out: Path) -> list[str]:
    """Create the output folder and prove a file can be written in it."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        return [f"无法创建输出文件夹：{describe_os_error(err)}"]
    if reason := check_writable(out):
        return [f"无法在输出文件夹里写文件：{reason}"]
    return []


def _print_page(page: Page) -> None:
    tally = page.tally
    print(f"{page.shown}（{page.decoded.encoding}，{page.decoded.line_ending}）：拆出 {len(page.samples)} 篇报告")
    removed = tally.removed()
    if removed:
        print(f"  删去的行（{len(removed)} 处，〔〕里是删去它的规则）：")
        for note in removed:
            print(f"    第 {note.line} 行〔{note.rule}〕{_short(note.text, 40)}")
    doubted = tally.doubted()
    if doubted:
        print(f"  存疑的行（{len(doubted)} 处，已保留在正文里，请核对）：")
        for note in doubted:
            print(f"    存疑：第 {note.line} 行〔{note.rule}〕{note.why}：{_short(note.text, 40)}")
    for rule in RULES:
        if tally.counts[rule]:
            examples = "；".join(_short(e) for e in tally.examples[rule][:4])
            more = " ……" if len(tally.examples[rule]) > 4 else ""
            print(f"  清理·{rule}：{tally.counts[rule]} 处（{examples}{more}）")
    for item in page.samples:
        sample = item.sample
        print(f"  {sample.id}  {sample.type}  {sample.title}  ← {item.reason}")
        for doubt in item.unsure:
            print(f"    存疑：{doubt}")
        for field, message in content_problems(sample):
            print(f"    待校订：{field}：{message}")


def _print_summary(results: dict[str, list[str]], out_shown: str) -> None:
    print(f"写入 {len(results[WRITTEN])} 个，未变 {len(results[UNCHANGED])} 个，跳过 {len(results[SKIPPED])} 个，"
          f"未能写入 {len(results[FAILED])} 个，输出目录 {out_shown}")
    labels = {
        WRITTEN: "写入", UNCHANGED: "未变（内容相同，没有重写）",
        SKIPPED: "跳过（人工改过，未覆盖；加 --force 可覆盖）", FAILED: "未能写入（原因见错误输出）",
    }
    for status, label in labels.items():
        if results[status]:
            print(f"  {label}：{'、'.join(results[status])}")


def _display(path: Path) -> str:
    """Repository-relative path when inside the repository, else the file name,
    so the provenance recorded in samples does not depend on where it ran.
    Control characters and undecodable bytes are escaped: a message stays one line."""
    try:
        shown = path.resolve().relative_to(ROOT).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        shown = path.name or str(path)
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("utf-8", "backslashreplace").decode("ascii")
                            if "\ud800" <= m.group(0) <= "\udfff" else repr(m.group(0))[1:-1], shown)


def _short(text: str, limit: int = 24) -> str:
    text = _UNPRINTABLE.sub(lambda m: repr(m.group(0))[1:-1], text)
    return text if len(text) <= limit else text[:limit] + "…"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader of our output went away (… | head): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
