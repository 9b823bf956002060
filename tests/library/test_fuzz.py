"""Fuzz test: broken copies of real samples through scripts/check_library.py, and
broken copies of real raw pages through scripts/ingest.py.

Every mutation comes from a fixed seed, so a failure is reproducible. Mutations
whose effect is certain carry the expected exit code (a YAML anchor is always
invalid, a BOM never is); random ones (byte flips, truncation, shuffled lines)
may go either way, and then the checks are the ones that hold for every input:
exit 0 or 1, no traceback, every stderr line of a failure `path: field:
message` naming the broken file, nothing written on failure, and a success
whose output really parses. Most cases call the scripts' main() in-process
(fast); a few run the real command lines in a temporary repository tree that
has its own copy of library/raw.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, REAL_LIBRARY, ROOT
from shuzhi.library.load import parse_sample

import check_library  # scripts/check_library.py
import ingest  # scripts/ingest.py

SEED = 20241125
RAW_SEED = ROOT / "library" / "raw" / "000_d96eefaaa6001d91.txt"
PAGES = [RAW_SEED, *sorted((FIXTURES / "raw").glob("site_*.txt"))]
SAMPLES = sorted(REAL_LIBRARY.glob("*.yml"))
MAX_SECONDS = 5  # per case: a hostile input is refused quickly, never hangs

YAML_SYNTAX = ["&a ", "*a", "!", "!!python/object:os.system ", "{", "}", "[", "]", ": ", "- ", "#", "|", ">", "'", '"',
               "%YAML 1.1\n", "---\n", "? ", "@", "`", ",", "<<: "]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff"]


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A repository tree of its own: the real hooks, copies of the two scripts,
    a copy of library/raw (which the fuzz may break), no samples yet."""
    root = tmp_path_factory.mktemp("repo")
    (root / "scripts").mkdir()
    for script in ("check_library.py", "ingest.py"):
        shutil.copy(ROOT / "scripts" / script, root / "scripts" / script)
    (root / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
    shutil.copytree(ROOT / "library" / "raw", root / "library" / "raw")
    return root


# --- sample mutations ----------------------------------------------------------
# Each takes (rng, text) and returns (bytes, expected exit code or None if it may go either way).

def _replace_line(text: str, key: str, value: str) -> str:
    return re.sub(rf"(?m)^(\s*){re.escape(key)}:.*$", lambda m: f"{m.group(1)}{key}: {value}", text, count=1)


def _first_paragraph(text: str) -> tuple[int, str]:
    """Offset of the first paragraph item's text and its indentation."""
    m = re.search(r"(?m)^(\s*)paragraphs:\n(\s*)- ", text)
    return m.end(), m.group(2)


def _raw_sourced(text: str) -> bool:
    return re.search(r"(?m)^  lines: ", text) is not None


def _bomb(rng: random.Random) -> str:
    width = rng.randint(4, 9)
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, rng.randint(8, 12))]
    return "\n".join(lines) + "\n"


SAMPLE_INVALID = {
    "anchor on title": lambda rng, t: _replace_line(t, "title", "&t " + yaml.safe_load(t)["title"]),
    "alias bomb appended": lambda rng, t: t + _bomb(rng),
    "alias bomb as whole file": lambda rng, t: _bomb(rng),
    "nested lists": lambda rng, t: t[:_first_paragraph(t)[0]] + "[" * (d := rng.choice([13, 100, 5000])) + "x"
    + "]" * d + "\n" + _first_paragraph(t)[1] + "- " + t[_first_paragraph(t)[0]:],
    "NUL in title (escaped)": lambda rng, t: _replace_line(t, "title", '"标题\\0后半"'),
    "control char in title (raw)": lambda rng, t: _replace_line(t, "title", "标题" + rng.choice(CONTROLS[1:8]) + "后半"),
    "newline in heading": lambda rng, t: _replace_line(t, "heading", '"一、上半\\n下半"'),
    "tab in tag": lambda rng, t: _replace_line(t, "tags", '["班子\\t建设"]'),
    "duplicate key": lambda rng, t: re.sub(r"(?m)^(type: .*)$", r"\1\n\1", t, count=1),
    "unclosed flow": lambda rng, t: _replace_line(t, "title", rng.choice(["{", "[", "{标题", "[标题, "])),
    "python tag": lambda rng, t: _replace_line(t, "title", "!!python/object/apply:os.system ['true']"),
    "custom tag": lambda rng, t: _replace_line(t, "title", "!include 标题"),
    "reserved id": lambda rng, t: _replace_line(t, "id", rng.choice(["index", "page-2", "page-17"])),
    "required field deleted": lambda rng, t: re.sub(r"(?m)^type: .*\n", "", t, count=1),
    "not UTF-8": lambda rng, t: t.encode("gb18030"),
    "invalid byte": lambda rng, t: (b := t.encode("utf-8"))[: (i := rng.randrange(len(b)))] + b"\xff" + b[i:],
    "empty": lambda rng, t: rng.choice(["", "   \n\n", "\n"]),
    "top level list": lambda rng, t: "- " + t.replace("\n", "\n  "),
    # A key left with nothing under it is YAML null, not a missing key (this crashed the loader).
    "source emptied": lambda rng, t: re.sub(r"(?m)^source:\n(?:  .*\n)+", "source:\n", t),
    "sections emptied": lambda rng, t: re.sub(r"(?ms)^sections:\n.*?(?=^[a-z]|\Z)", "sections:\n", t),
    "paragraphs emptied": lambda rng, t: re.sub(r"(?m)^(\s*)paragraphs:\n(?:\1- .*\n)+", r"\1paragraphs:\n", t, count=1),
}
# Provenance breaks only apply to samples taken from a raw page.
SAMPLE_INVALID_RAW = {
    "lines beyond the raw file": lambda rng, t: _replace_line(t, "  lines", f"1-{rng.randint(423, 10**6)}"),
    "raw file outside library/raw": lambda rng, t: _replace_line(t, "  file", rng.choice(["README.md", "../etc/passwd",
                                                                                        "library/raw/../../mkdocs.yml"])),
    "raw file missing": lambda rng, t: _replace_line(t, "  file", "library/raw/不存在.txt"),
}
SAMPLE_VALID = {
    "CRLF": lambda rng, t: t.replace("\n", "\r\n"),
    "BOM": lambda rng, t: "\ufeff" + t,
    "comments": lambda rng, t: "# 校订说明：已核对\n" + t + "# 完\n",
    "paragraph added": lambda rng, t: t[:_first_paragraph(t)[0]] + "新增的一段，" + "村" * rng.randint(1, 50) + "。\n"
    + _first_paragraph(t)[1] + "- " + t[_first_paragraph(t)[0]:],
    "huge paragraph": lambda rng, t: t[:_first_paragraph(t)[0]] + "村里开展工作，" * rng.randint(20_000, 40_000) + "完成任务。\n"
    + _first_paragraph(t)[1] + "- " + t[_first_paragraph(t)[0]:],
}


def _flip(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _lines(rng: random.Random, text: str, how: str) -> str:
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    if how == "delete":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, lines[i])
    else:
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def _insert(rng: random.Random, text: str, pieces: list[str], count: int) -> str:
    for _ in range(count):
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice(pieces) + text[i:]
    return text


RANDOM = {
    "byte flips": lambda rng, t: _flip(rng, t.encode("utf-8")),
    "truncated": lambda rng, t: t.encode("utf-8")[: rng.randrange(len(t.encode("utf-8")))],
    "line deleted": lambda rng, t: _lines(rng, t, "delete"),
    "line duplicated": lambda rng, t: _lines(rng, t, "duplicate"),
    "lines swapped": lambda rng, t: _lines(rng, t, "swap"),
    "YAML syntax inserted": lambda rng, t: _insert(rng, t, YAML_SYNTAX, rng.randint(1, 4)),
    "control chars inserted": lambda rng, t: _insert(rng, t, CONTROLS, rng.randint(1, 3)),
    "huge line inserted": lambda rng, t: _insert(rng, t, ["\n" + "村" * 200_000 + "\n", "村" * 100_000], 1),
}


def _as_bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def sample_cases(kinds: dict, count: int, only_raw: bool = False):
    for kind, mutate in kinds.items():
        rng = random.Random(f"{SEED}-{kind}")
        pool = [p for p in SAMPLES if not only_raw or _raw_sourced(p.read_text(encoding="utf-8"))]
        for path in rng.sample(pool, min(count, len(pool))):
            yield kind, path, _as_bytes(mutate(rng, path.read_text(encoding="utf-8")))


def run_check(capsys, tree: Path, monkeypatch, name: str, data: bytes, case: str) -> tuple[int, list[str], str, str]:
    """Run check_library's main() on a folder holding only ``data`` as ``name``;
    returns the exit code, stderr lines, stdout and the file's shown path."""
    folder = tree / "library" / "cases" / re.sub(r"\W+", "-", case)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / name).write_bytes(data)
    monkeypatch.setattr(check_library, "ROOT", tree)
    started = time.monotonic()
    code = check_library.main([str(folder)])
    assert time.monotonic() - started < MAX_SECONDS, case
    captured = capsys.readouterr()
    return code, captured.err.splitlines(), captured.out, (folder / name).relative_to(tree).as_posix()


def assert_check_outcome(code: int, err: list[str], out: str, shown: str, expected: int | None, case: str,
                         data: bytes) -> None:
    assert code in (0, 1), case
    if expected is not None:
        assert code == expected, (case, err)
    if code == 1:
        *problems, summary = err
        assert problems and summary.endswith(f": 共 {len(problems)} 个问题"), (case, err)
        for line in problems:
            assert line.startswith(f"{shown}: "), (case, line)
            field, _, message = line[len(shown) + 2:].partition(": ")
            assert field and message and "Traceback" not in line, (case, line)
    else:
        assert err == [] and "全部通过" in out, (case, err)
        # A pass must be a real sample: an independent parser agrees it is one.
        document = yaml.safe_load(data.decode("utf-8-sig"))
        assert {"id", "title", "type", "sections"} <= set(document), case


@pytest.mark.parametrize("kinds, count, expected, only_raw", [
    (SAMPLE_INVALID, 3, 1, False), (SAMPLE_INVALID_RAW, 3, 1, True), (SAMPLE_VALID, 3, 0, False), (RANDOM, 14, None, False),
], ids=["certainly invalid", "broken provenance", "certainly valid", "random"])
def test_check_library_on_mutated_samples(tree, capsys, monkeypatch, kinds, count, expected, only_raw):
    for kind, path, data in sample_cases(kinds, count, only_raw):
        case = f"{kind}: {path.name}"
        code, err, out, shown = run_check(capsys, tree, monkeypatch, path.name, data, case)
        assert_check_outcome(code, err, out, shown, expected, case, data)


def test_check_library_command_line_on_a_folder_of_broken_samples(tree):
    """The real command, once, on one file per certain breakage plus intact files."""
    folder = tree / "library" / "cli-cases"
    folder.mkdir(parents=True)
    broken: dict[str, str] = {}
    for kind, path, data in sample_cases({**SAMPLE_INVALID, **SAMPLE_INVALID_RAW}, 1):
        if kind in SAMPLE_INVALID_RAW and not _raw_sourced(path.read_text(encoding="utf-8")):
            continue
        name = f"{len(broken):02d}-{path.name}"  # the id no longer matches the name: a problem too, on the same file
        (folder / name).write_bytes(data)
        broken[name] = kind
    intact = [p for p in SAMPLES if p.name not in {n[3:] for n in broken}][:3]
    for path in intact:
        shutil.copy(path, folder / path.name)
    result = subprocess.run([sys.executable, str(tree / "scripts" / "check_library.py"), str(folder)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    *problems, summary = result.stderr.splitlines()
    assert summary == f"{folder}: 共 {len(problems)} 个问题"
    named = {line.split(": ", 1)[0].rsplit("/", 1)[-1] for line in problems}
    assert named == set(broken), set(broken) ^ named  # every broken file is named, no intact one is
    for line in problems:
        assert re.match(r"^library/cli-cases/[^:]+\.yml: [^:]+: .+$", line), line


def test_check_library_command_line_when_the_raw_page_is_cut_short(tree):
    """Provenance against the tree's own library/raw: shorten the raw page and every
    sample taken from it points past its end."""
    folder = tree / "library" / "cut-raw"
    folder.mkdir(parents=True)
    raw_sourced = [p for p in SAMPLES if _raw_sourced(p.read_text(encoding="utf-8"))]
    for path in raw_sourced:
        shutil.copy(path, folder / path.name)
    raw = tree / "library" / "raw" / RAW_SEED.name
    intact = raw.read_bytes()
    try:
        raw.write_bytes(b"\n".join(intact.split(b"\n")[:100]))  # line 100 is blank: 99 lines
        result = subprocess.run([sys.executable, str(tree / "scripts" / "check_library.py"), str(folder)],
                                capture_output=True, text=True, timeout=120)
    finally:
        raw.write_bytes(intact)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    problems = result.stderr.splitlines()[:-1]
    pattern = re.compile(r"^library/cut-raw/([^:]+\.yml): source\.lines: “\d+-(\d+)”超出了原始文件的行数（共 99 行）（第 \d+ 行）$")
    assert all(pattern.match(p) for p in problems), problems
    past_the_end = {p.name for p in raw_sourced
                    if int(yaml.safe_load(p.read_text(encoding="utf-8"))["source"]["lines"].split("-")[1]) > 99}
    assert {pattern.match(p).group(1) for p in problems} == past_the_end
    clean = subprocess.run([sys.executable, str(tree / "scripts" / "check_library.py"), str(folder)],
                           capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0, clean.stderr


# --- raw page mutations ----------------------------------------------------------

# Single furniture lines of kinds the ingest must drop wherever they appear.
FURNITURE = [
    "上传者：山水田园 | 上传时间：2023-11-02 | 浏览次数：3,482", "VIP专享文档 开通会员免费下载", "点击查看全文",
    "本文共5页，当前为第1页", "- 2 -", "如有侵权请联系删除", "当前位置：首页 > 范文 > 述职报告", "扫码关注公众号，领取更多资料",
    "下载文档到电脑，查找使用更方便", "↓↓↓", "阅读 1.2万  在看 86  点赞 203",
]

PAGE_INVALID = {
    "empty": lambda rng, t: rng.choice([b"", b"  \n\r\n  "]),
    "NUL inserted": lambda rng, t: _insert(rng, t, ["\x00"], 1).encode("utf-8"),
    "UTF-16": lambda rng, t: t.encode("utf-16"),
    "random binary": lambda rng, t: bytes(rng.randrange(256) for _ in range(rng.randint(64, 4096))) + b"\x00",
    "control chars everywhere": lambda rng, t: _insert(rng, t[:3000], ["\x01", "\x02", "\x1b", "\x7f"], 120).encode("utf-8"),
    "nothing but furniture": lambda rng, t: "\n".join(rng.sample(FURNITURE, 6)).encode("utf-8"),
}
PAGE_SAME = {
    "CRLF": lambda rng, t: t.replace("\n", "\r\n").encode("utf-8"),
    "CR": lambda rng, t: t.replace("\n", "\r").encode("utf-8"),
    "BOM": lambda rng, t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "GB18030": lambda rng, t: t.encode("gb18030"),
    "blank lines doubled": lambda rng, t: t.replace("\n", "\n\n").encode("utf-8"),
    "furniture lines inserted": lambda rng, t: "\n".join(
        line for part in t.split("\n") for line in ([part, rng.choice(FURNITURE)] if rng.random() < 0.1 else [part])
    ).encode("utf-8"),
}
PAGE_RANDOM = {
    **RANDOM,
    "deep brackets line": lambda rng, t: _insert(rng, t, ["\n" + "[" * 5000 + "{" * 5000 + "\n"], 1),
    "re-encoded Latin-1": lambda rng, t: t.encode("utf-8").decode("latin-1").encode("utf-8"),
    "titles and markers inserted": lambda rng, t: _insert(rng, t, ["\n第二篇\n", "\n篇3：村书记述职报告\n",
                                                                   "\n相关推荐\n", "\n村书记述职报告\n"], rng.randint(1, 4)),
}


def run_ingest(capsys, page: Path, data: bytes, out: Path, case: str) -> tuple[int, str, str]:
    raw = out.parent / page.name
    raw.write_bytes(data)
    started = time.monotonic()
    code = ingest.main([str(raw), "--out", str(out)])
    assert time.monotonic() - started < MAX_SECONDS * 3, case
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ids_of(out: Path) -> set[str]:
    return {p.stem for p in out.glob("*.yml")}


@pytest.fixture(scope="module")
def page_ids(tmp_path_factory) -> dict[str, set[str]]:
    """The sample ids each intact page gives."""
    found = {}
    for page in PAGES:
        out = tmp_path_factory.mktemp("intact") / "out"
        assert ingest.main([str(page), "--out", str(out)]) == 0
        found[page.name] = ids_of(out)
    return found


def page_cases(kinds: dict, count: int):
    for kind, mutate in kinds.items():
        rng = random.Random(f"{SEED}-page-{kind}")
        for _ in range(count):
            page = rng.choice(PAGES)
            text = page.read_bytes().decode("utf-8-sig") if page.name != "site_wenku.txt" else \
                page.read_bytes().decode("gb18030").replace("\r\n", "\n")
            yield kind, page, _as_bytes(mutate(rng, text))


def assert_ingest_outcome(code: int, out_text: str, err: str, out: Path, shown: str, case: str) -> None:
    assert code in (0, 1), case
    if code == 1:
        lines = err.splitlines()
        assert lines, case
        for line in lines:
            path, _, rest = line.partition(": ")
            field, _, message = rest.partition(": ")
            assert path.split("#")[0] == shown and field and message, (case, line)
        assert not out.exists() or not any(out.iterdir()), case  # nothing written
    else:
        assert err == "", (case, err)
        written = sorted(out.glob("*.yml"))
        assert written and f"写入 {len(written)} 个" in out_text, case
        for path in written:
            _, problems = parse_sample(path.read_bytes(), path.name, curated=False)
            assert problems == [], (case, problems)


@pytest.mark.parametrize("kinds, count, expected", [
    (PAGE_INVALID, 2, 1), (PAGE_SAME, 2, 0), (PAGE_RANDOM, 5, None),
], ids=["certainly unusable", "same samples", "random"])
def test_ingest_on_mutated_pages(tmp_path, capsys, page_ids, kinds, count, expected):
    for n, (kind, page, data) in enumerate(page_cases(kinds, count)):
        case = f"{kind}: {page.name} #{n}"
        work = tmp_path / f"case{n}"
        work.mkdir()
        out = work / "out"
        code, out_text, err = run_ingest(capsys, page, data, out, case)
        assert_ingest_outcome(code, out_text, err, out, page.name, case)
        if expected is not None:
            assert code == expected, (case, err)
        if kinds is PAGE_SAME:
            assert ids_of(out) == page_ids[page.name], case


def test_ingest_command_line_on_mutated_pages(tmp_path):
    """The real command, on a page in another encoding with furniture sprinkled in
    (same samples) and on a binary page (refused), in one run: nothing written."""
    rng = random.Random(f"{SEED}-cli")
    text = RAW_SEED.read_text(encoding="utf-8")
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_bytes(PAGE_SAME["furniture lines inserted"](rng, text).decode("utf-8").encode("gb18030"))
    bad.write_bytes(PAGE_INVALID["random binary"](rng, text))
    out = tmp_path / "out"
    both = subprocess.run([sys.executable, str(ROOT / "scripts" / "ingest.py"), str(good), str(bad), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert both.returncode == 1 and "Traceback" not in both.stderr
    assert re.fullmatch(r"bad\.txt: 内容: [^\n]+\n", both.stderr), both.stderr
    assert not out.exists()
    alone = subprocess.run([sys.executable, str(ROOT / "scripts" / "ingest.py"), str(good), "--out", str(out)],
                           capture_output=True, text=True, timeout=120)
    assert alone.returncode == 0, alone.stderr
    assert ids_of(out) == ids_of(ROOT / "tests" / "golden" / "ingest")
