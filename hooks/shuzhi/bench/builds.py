"""The two sites of the benchmark, built from the same samples: ours (the real
mkdocs.yml reading a synthetic library) and the baseline (the same text as plain
Markdown with stock Material and its search). Each build is a child process
whose wall time, peak memory and output are measured.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from shuzhi.library.model import REPORT_TYPES, Sample

ROOT = Path(__file__).resolve().parents[3]  # hooks/shuzhi/bench/ -> the repository, where mkdocs.yml is
INDEX_PATH = "search/search_index.json"  # Material's index; the phrase search writes the same path
GZIP_LEVEL = 6  # what a typical web server uses


@dataclass
class BuildStats:
    wall_s: float
    peak_rss_bytes: int
    site_bytes: int
    site_files: int
    index_raw: int
    index_gzip: int
    index_kind: str  # "phrase-search", or "material (phrase search not yet present)" for ours
    warnings: int


def build_ours(library_dir: Path, site_dir: Path, log: Path) -> BuildStats:
    """Build with the real mkdocs.yml and hooks, reading the synthetic library.

    MkDocs resolves docs_dir, hooks and theme.custom_dir relative to the config
    file it was given, so the derived config must sit next to mkdocs.yml.
    """
    derived = ROOT / f".benchmark-scale-{os.getpid()}.yml"
    derived.write_text(
        "# Written by scripts/benchmark_scale.py for one build, then removed.\n"
        "INHERIT: mkdocs.yml\n"
        f"site_dir: {json.dumps(str(site_dir))}\n"
        "extra:\n"
        f"  library_dir: {json.dumps(str(library_dir))}\n",
        encoding="utf-8",
    )
    try:
        wall, rss, warnings = run_build(["-f", str(derived)], log)
    finally:
        derived.unlink(missing_ok=True)
    return site_stats(site_dir, wall, rss, warnings, ours=True)


def baseline_markdown(sample: Sample) -> str:
    """The sample as plain Markdown: H1 title, one H2 per section heading, paragraphs."""
    lines = [f"# {md_text(sample.title)}", ""]
    for section in sample.sections:
        if section.heading:
            lines += [f"## {md_text(section.heading)}", ""]
        for paragraph in section.paragraphs:
            lines += [md_text(paragraph), ""]
    return "\n".join(lines)


def md_text(text: str) -> str:
    # ASCII punctuation as character references: renders literally (___ stays
    # ___, "1." never starts a list) and the search index sees the characters.
    return "".join(f"&#{ord(ch)};" if ch in _ASCII_PUNCTUATION else ch for ch in text)


_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def write_baseline(samples: tuple[Sample, ...], project: Path) -> Path:
    """A stock Material project holding the same text, at the same page URLs as ours."""
    docs = project / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 对照站点\n\n与本站同样的范文文本，使用 Material 自带的搜索。\n", encoding="utf-8")
    for sample in samples:
        page = docs / sample.report_type.slug / f"{sample.id}.md"
        page.parent.mkdir(exist_ok=True)
        page.write_text(baseline_markdown(sample), encoding="utf-8")
    # Minimal: our theme language, no web fonts, the search features we also
    # use. Samples stay out of the nav, as on our site, so no page carries a
    # nav of N links (which would make the baseline quadratic, not stock).
    slugs = "\n".join(f"  /{t.slug}/" for t in REPORT_TYPES)
    (project / "mkdocs.yml").write_text(
        "site_name: 村级述职报告范文参考（对照）\n"
        "theme:\n"
        "  name: material\n"
        "  language: zh\n"
        "  font: false\n"
        "  features: [navigation.instant, search.highlight, search.share]\n"
        "plugins:\n"
        "  - search\n"
        "nav:\n"
        "  - index.md\n"
        f"not_in_nav: |\n{slugs}\n",
        encoding="utf-8",
    )
    return project / "mkdocs.yml"


def build_baseline(samples: tuple[Sample, ...], project: Path, site_dir: Path, log: Path) -> BuildStats:
    config = write_baseline(samples, project)
    wall, rss, warnings = run_build(["-f", str(config), "-d", str(site_dir)], log)
    return site_stats(site_dir, wall, rss, warnings, ours=False)


def run_build(args: list[str], log: Path) -> tuple[float, int, int]:
    """Run ``mkdocs build`` in a child process; wall seconds, its peak RSS, warning count."""
    cmd = [sys.executable, "-m", "mkdocs", "build", *args]
    with open(log, "wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        # wait4 reports this child's own rusage; RUSAGE_CHILDREN would be the
        # max over every child this process ever waited for.
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    if child.returncode != 0:
        raise RuntimeError(f"build failed ({' '.join(cmd)}), log {log}:\n{text[-3000:]}")
    return wall, usage.ru_maxrss * 1024, len(_WARNING_LINE.findall(text))


# MkDocs log lines ("WARNING -  ..."), possibly coloured; not notices that merely mention the word.
_WARNING_LINE = re.compile(r"^(?:\x1b\[[\d;]*m)*WARNING\b", re.MULTILINE)


def site_stats(site_dir: Path, wall: float, rss: int, warnings: int, ours: bool) -> BuildStats:
    total = files = 0
    for path in site_dir.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            files += 1
    index = (site_dir / INDEX_PATH).read_bytes()
    kind = "material"
    raw, packed = len(index), len(gzip.compress(index, GZIP_LEVEL))
    if ours:
        fmt = json.loads(index).get("config", {}).get("format")
        kind = "phrase-search" if fmt == "phrase-search" else "material (phrase search not yet present)"
        # The whole index: the manifest and every file a query may fetch (stored gzip).
        raw = packed = index_bytes(site_dir)
    return BuildStats(wall, rss, total, files, raw, packed, kind, warnings)


def index_bytes(site_dir: Path) -> int:
    """Bytes on disk of the search index: Material's file, or our manifest and search/phrase/."""
    folder = site_dir / "search"
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.suffix in (".json", ".bin"))
