"""The seed's ten reports re-wrapped in three other document sites' furniture
(tests/fixtures/raw/site_*.txt, written for these tests; the report lines are
copied verbatim from the seed page): each page must give exactly the seed's
samples, and every line that is not report text must be removed and named
with the rule that removed it. A page of nothing but furniture gives nothing."""

import re
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, ROOT

import ingest  # scripts/ingest.py

SEED = ROOT / "library" / "raw" / "000_d96eefaaa6001d91.txt"
GOLDEN = ROOT / "tests" / "golden" / "ingest"
RAW = FIXTURES / "raw"
LOGGED = re.compile(r"^    第 (\d+) 行〔([^〕]+)〕", re.MULTILINE)

# Each site style and the kinds of furniture it carries (the rules that must show in its log).
SITES = {
    # A document library: GB18030, CRLF, no blank lines; 范文一： separators,
    # uploader and view/download counts, VIP prompts, page counters, two recommendation lists.
    "site_wenku.txt": {
        "篇目分隔", "标题行", "平台内容·导航", "平台内容·浏览下载统计与上传信息", "平台内容·下载与会员提示",
        "平台内容·阅读提示与页码", "平台内容·推荐列表", "平台内容·版权与免责声明",
    },
    # A 范文网: UTF-8 with a blank line after every line; 【篇一】, 篇3：, 第六篇： and a bare
    # title after a bulleted list; an editor's introduction, sign-off chatter and a disclaimer.
    "site_fanwen.txt": {
        "篇目分隔", "标题行", "编者话术", "平台内容·导航", "平台内容·浏览下载统计与上传信息",
        "平台内容·推荐列表", "平台内容·版权与免责声明", "平台内容·分享与关注",
    },
    # A WeChat article: UTF-8 BOM; 第一篇 and —— 第三篇 —— on their own lines with the title
    # below, bare title lines, follow/scan prompts, emoji, symbol lines, a numbered list.
    "site_gongzhonghao.txt": {
        "篇目分隔", "本篇标题", "标题行", "编者话术", "平台内容·分享与关注", "平台内容·下载与会员提示",
        "平台内容·浏览下载统计与上传信息", "平台内容·推荐列表", "平台内容·版权与免责声明", "杂散符号·装饰符号行",
    },
}


def page_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return text.replace("\r\n", "\n").split("\n")


SEED_LINES = [line for line in page_lines(SEED) if line.strip()]
TITLES = {yaml.safe_load(p.read_text(encoding="utf-8"))["title"] for p in GOLDEN.glob("*.yml")}


def is_seed_text(line: str) -> bool:
    """A report line from the seed (the first line of a report may have lost the
    title the seed glued in front of it); a title line is not report text."""
    line = line.strip()
    return line not in TITLES and len(line) >= 8 and any(seed.endswith(line) for seed in SEED_LINES)


def run(capsys, *args) -> tuple[int, str, str]:
    code = ingest.main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def logged(out: str) -> dict[int, set[str]]:
    lines: dict[int, set[str]] = {}
    for number, rule in LOGGED.findall(out):
        lines.setdefault(int(number), set()).add(rule)
    return lines


def without_source(directory: Path) -> dict[str, dict]:
    samples = {}
    for path in sorted(directory.glob("*.yml")):
        sample = yaml.safe_load(path.read_text(encoding="utf-8"))
        sample.pop("source")
        samples[path.name] = sample
    return samples


@pytest.mark.parametrize("name", SITES)
def test_site_page_gives_exactly_the_seed_samples(tmp_path, capsys, name):
    code, out, err = run(capsys, RAW / name, "--out", tmp_path)
    assert code == 0, err
    assert "拆出 10 篇报告" in out
    assert without_source(tmp_path) == without_source(GOLDEN)  # same ids, titles, types, sections, paragraphs
    for path in tmp_path.glob("*.yml"):
        source = yaml.safe_load(path.read_text(encoding="utf-8"))["source"]
        assert source["file"] == f"tests/fixtures/raw/{name}"


@pytest.mark.parametrize("name", SITES)
def test_every_furniture_line_is_removed_and_named(tmp_path, capsys, name):
    lines = page_lines(RAW / name)
    furniture = {n for n, line in enumerate(lines, start=1) if line.strip() and not is_seed_text(line)}
    report = {n for n, line in enumerate(lines, start=1) if line.strip() and is_seed_text(line)}
    assert len(report) > 150 and len(furniture) > 20  # the page is the seed's reports plus furniture
    code, out, _ = run(capsys, RAW / name, "--out", tmp_path)
    assert code == 0
    removed = logged(out)
    assert furniture <= set(removed), sorted(furniture - set(removed))
    assert not report & set(removed), sorted(report & set(removed))
    assert set().union(*removed.values()) == SITES[name]
    assert "存疑的行" not in out  # nothing on these pages is ambiguous


def test_seed_page_lines_outside_the_reports_are_all_named(tmp_path, capsys):
    code, out, _ = run(capsys, SEED, "--out", tmp_path)
    assert code == 0
    spans = []
    for path in GOLDEN.glob("*.yml"):
        first, last = yaml.safe_load(path.read_text(encoding="utf-8"))["source"]["lines"].split("-")
        spans.append(range(int(first), int(last) + 1))
    lines = page_lines(SEED)
    outside = {n for n, line in enumerate(lines, start=1) if line.strip() and not any(n in s for s in spans)}
    assert outside <= set(logged(out)), sorted(outside - set(logged(out)))


def test_page_of_nothing_but_furniture_finds_no_report_and_writes_nothing(tmp_path, capsys):
    page = RAW / "furniture_only.txt"
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, page, "--out", out_dir)
    assert code == 1
    assert err == "tests/fixtures/raw/furniture_only.txt: 正文: 没有找到任何报告正文（只有平台内容、标题或编者话术）\n"
    assert not out_dir.exists()
    numbered = {n for n, line in enumerate(page_lines(page), start=1) if line.strip()}
    assert numbered == set(logged(out))  # every line is named with the rule that took it out
