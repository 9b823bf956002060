"""Turn raw scraped report pages into curated sample YAML files.

Usage: python scripts/ingest.py RAW_FILE... --out DIR [--force]

Writes one YAML file per report into DIR and prints what every cleaning rule
did and what it was unsure of. Files edited by hand since the ingest wrote
them are skipped (and named) unless --force is given. Nothing is written when
any input is unusable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from shuzhi.ingest.clean import RULE_DUPLICATE, RULES  # noqa: E402
from shuzhi.ingest.decode import RawInputError, decode_raw  # noqa: E402
from shuzhi.ingest.pipeline import IngestedSample, ingest_page  # noqa: E402
from shuzhi.library.load import parse_sample  # noqa: E402
from shuzhi.library.rules import content_problems  # noqa: E402
from shuzhi.library.store import dump_generated, is_hand_edited  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="把抓取的原始页面整理成样本 YAML。")
    parser.add_argument("raw", nargs="+", type=Path, metavar="RAW_FILE", help="原始页面文本文件")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="样本输出目录")
    parser.add_argument("--force", action="store_true", help="覆盖人工改过的样本文件")
    args = parser.parse_args(argv)

    errors: list[str] = []
    pages: list[tuple[str, list[IngestedSample], object, object]] = []
    seen_bodies: set[str] = set()
    used_ids: set[str] = set()
    for path in args.raw:
        shown = _display(path)
        try:
            decoded = decode_raw(path.read_bytes())
        except FileNotFoundError:
            errors.append(f"{shown}: 无法读取：文件不存在")
            continue
        except IsADirectoryError:
            errors.append(f"{shown}: 无法读取：这是目录，不是文件")
            continue
        except OSError as err:
            errors.append(f"{shown}: 无法读取：{err.strerror}")
            continue
        except RawInputError as err:
            errors.append(f"{shown}: {err}")
            continue
        result = ingest_page(decoded.text, shown, seen_bodies, used_ids)
        if not result.samples and not result.tally.counts[RULE_DUPLICATE]:
            errors.append(f"{shown}: 没有找到任何报告正文（只有平台内容、标题或编者话术）")
            continue
        pages.append((shown, result.samples, result.tally, decoded))

    for shown, samples, _, _ in pages:
        for item in samples:
            # Drafts meet the schema; the curation rules are for the curator (待校订 below).
            _, problems = parse_sample(dump_generated(item.sample).encode("utf-8"), f"{shown}#{item.sample.id}",
                                       curated=False)
            errors.extend(str(p) for p in problems)
    if errors:
        for line in errors:
            print(line, file=sys.stderr)
        print("出错，未写入任何文件。", file=sys.stderr)
        return 1

    args.out.mkdir(parents=True, exist_ok=True)
    written, unchanged, skipped = [], [], []
    for shown, samples, tally, decoded in pages:
        print(f"{shown}（{decoded.encoding}，{decoded.line_ending}）：拆出 {len(samples)} 篇报告")
        for rule in RULES:
            if tally.counts[rule]:
                examples = "；".join(_short(e) for e in tally.examples[rule][:4])
                more = " ……" if len(tally.examples[rule]) > 4 else ""
                print(f"  清理·{rule}：{tally.counts[rule]} 处（{examples}{more}）")
        for item in samples:
            sample = item.sample
            print(f"  {sample.id}  {sample.type}  {sample.title}  ← {item.reason}")
            for doubt in item.unsure:
                print(f"    存疑：{doubt}")
            for field, message in content_problems(sample):
                print(f"    待校订：{field}：{message}")
            status = _write(args.out / f"{sample.id}.yml", dump_generated(sample), args.force)
            {"written": written, "unchanged": unchanged, "skipped": skipped}[status].append(f"{sample.id}.yml")
    print(f"写入 {len(written)} 个，未变 {len(unchanged)} 个，跳过 {len(skipped)} 个，输出目录 {_display(args.out)}")
    if skipped:
        print(f"  跳过（人工改过，未覆盖；加 --force 可覆盖）：{'、'.join(skipped)}")
    return 0


def _write(path: Path, content: str, force: bool) -> str:
    if path.exists():
        existing = path.read_text(encoding="utf-8", errors="replace")
        if existing == content:
            return "unchanged"
        if is_hand_edited(existing) and not force:
            return "skipped"
    path.write_bytes(content.encode("utf-8"))
    return "written"


def _display(path: Path) -> str:
    """Repository-relative path when inside the repository, else the file name,
    so the provenance recorded in samples does not depend on where it ran."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:24] + "…"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
