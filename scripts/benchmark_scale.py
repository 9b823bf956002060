"""Scale benchmark: our site against stock Material, built from the same text in one run.

For each N (default 100 and 1,000):

1. generate N synthetic samples (scripts/synthetic_library.py) into a work dir;
2. build OUR site: the real mkdocs.yml, with ``extra.library_dir`` pointing at
   the synthetic library (a derived config next to mkdocs.yml, removed after);
3. build the BASELINE: the same text as plain Markdown pages (title H1, one H2
   per section heading, paragraphs) with stock Material and its search plugin
   (theme language zh, jieba installed, as Material documents);
4. measure both: build wall time and peak memory (each build is a child
   process; ``os.wait4`` gives its own ru_maxrss), site size, search index
   size raw and gzip, and in headless Chromium: first results on a fresh page,
   per-query latency, precision and recall over a phrase set.

It prints one table per N, then the ratios ours/baseline and the targets of
issue 6. Only ratios from one run compare: the machine is shared and noisy.

Usage::

    .venv/bin/python scripts/benchmark_scale.py                 # N = 100, 1000
    .venv/bin/python scripts/benchmark_scale.py --n 10000
    .venv/bin/python scripts/benchmark_scale.py --n 100,1000 --skip-browser --out results.md
"""

from __future__ import annotations

import argparse
import gzip
import html.parser
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))

from local_browser import CHROMIUM, launch_chromium, serve_directory  # noqa: E402
from synthetic_library import DEFAULT_SEED, distinct_paragraph_share, generate_samples, write_library  # noqa: E402
from sample_model import REPORT_TYPES, Sample  # noqa: E402  (hooks/ is on sys.path now)

DEFAULT_NS = (100, 1000)
INDEX_PATH = "search/search_index.json"  # Material's index; the phrase search writes the same path
GZIP_LEVEL = 6  # what a typical web server uses

# Phrases readers search for (DESIGN.md section 1); only those present in the
# generated text are used, plus phrases cut from the text and one miss.
DOMAIN_PHRASES = (
    "集体经济", "三会一课", "群众反映强烈", "软弱涣散", "第一书记", "精准扶贫", "民主集中制", "战斗堡垒",
    "班子建设", "基础设施", "财务管理", "矛盾纠纷", "宗族派性", "村村通", "先锋模范作用", "凝聚力和战斗力",
    "群众反映强烈的热点、难点问题", "“两委”", "20xx", "1-2个",
)
MISS_PHRASE = "量子计算机"
SAMPLED_LENGTHS = (2, 3, 4, 4, 5, 6, 8, 10, 12, 16)
SAMPLED_PHRASES = 25
PHRASE_SOURCE_SAMPLES = 100  # cut phrases from the first samples only, so every N uses the same set

# -- records ------------------------------------------------------------------


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


@dataclass
class BrowserStats:
    first_results_ms: float | None  # median over fresh pages: keystroke -> results shown
    open_to_results_ms: float | None  # median over fresh pages: navigation start -> results shown
    query_median_ms: float | None
    query_p95_ms: float | None
    queries_done: int
    queries_total: int
    precision: float | None
    recall: float | None
    exact_hits: int  # queries whose result pages equal the truth exactly
    slowest: list[tuple[str, float]] = field(default_factory=list)  # (phrase, ms), slowest first
    notes: list[str] = field(default_factory=list)


@dataclass
class SiteResult:
    name: str
    build: BuildStats
    browser: BrowserStats | None = None


@dataclass
class SizeResult:
    n: int
    ours: SiteResult
    baseline: SiteResult
    phrases: int
    distinct_paragraphs: float


# -- the two sites --------------------------------------------------------------


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
    if ours:
        fmt = json.loads(index).get("config", {}).get("format")
        kind = "phrase-search" if fmt == "phrase-search" else "material (phrase search not yet present)"
    return BuildStats(wall, rss, total, files, len(index), len(gzip.compress(index, GZIP_LEVEL)), kind, warnings)


# -- phrases and ground truth -------------------------------------------------------

_SPACE = re.compile(r"[\s\u200b]+")


def normalise(text: str) -> str:
    """The phrase search's matching form: no whitespace, full-width ASCII folded, ASCII lower case."""
    text = _SPACE.sub("", text)
    text = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
    return "".join(c.lower() if c.isascii() else c for c in text)


def phrase_set(samples: tuple[Sample, ...], seed: str = DEFAULT_SEED) -> list[str]:
    """Domain phrases found in the text, phrases cut from paragraphs, and one miss."""
    source = samples[:PHRASE_SOURCE_SAMPLES]
    paragraphs = [p for s in source for sec in s.sections for p in sec.paragraphs]
    text = "\n".join(normalise(p) for p in paragraphs)
    phrases = [p for p in DOMAIN_PHRASES if normalise(p) in text]
    rng = random.Random(f"{seed}:phrases")
    attempts = 0
    while len(phrases) < len(DOMAIN_PHRASES) + SAMPLED_PHRASES and attempts < 10_000:
        attempts += 1
        paragraph = rng.choice(paragraphs)
        length = rng.choice(SAMPLED_LENGTHS)
        if len(paragraph) < length:
            continue
        start = rng.randint(0, len(paragraph) - length)
        phrase = paragraph[start:start + length]
        if phrase.strip() != phrase or _SPACE.search(phrase) or phrase in phrases:
            continue
        phrases.append(phrase)
    return phrases + [MISS_PHRASE]


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section summary table td th tr ul".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _ArticleText(html.parser.HTMLParser):
    """Text blocks of the page's article, without what search excludes and without the tag chips.

    As in Material's search: an element with ``data-search-exclude`` is left
    out, and on a heading it leaves out its whole section, up to the next heading.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.article_depth: int | None = None
        self.skip_depth: int | None = None
        self.skip_section = False
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID_TAGS:
            self.handle_startendtag(tag, attrs)
            return
        self.depth += 1
        attributes = dict(attrs)
        if self.article_depth is None and tag == "article":
            self.article_depth = self.depth
        if tag in _HEADINGS and self.article_depth is not None and self.skip_depth is None:
            self.skip_section = "data-search-exclude" in attributes
        if self.skip_depth is None and self.article_depth is not None:
            classes = (attributes.get("class") or "").split()
            # Tag chips are links to the tags page, not the page's text.
            if ("data-search-exclude" in attributes or "headerlink" in classes or "md-tags" in classes
                    or tag in ("script", "style", "svg")):
                self.skip_depth = self.depth
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _VOID_TAGS:
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if self.skip_depth == self.depth:
            self.skip_depth = None
        if self.article_depth == self.depth:
            self.article_depth = -1  # done: only the first article counts
        self.depth -= 1

    def handle_data(self, data):
        if self.article_depth and self.article_depth > 0 and self.skip_depth is None and not self.skip_section:
            self.parts.append(data)


def page_texts(site_dir: Path) -> dict[str, str]:
    """Page URL (as search results give it) -> its searchable text, one normalised block per line."""
    pages = {}
    for path in sorted(site_dir.rglob("index.html")):
        parser = _ArticleText()
        parser.feed(path.read_text(encoding="utf-8"))
        blocks = (normalise(b) for b in "".join(parser.parts).split("\n"))
        url = path.parent.relative_to(site_dir).as_posix()
        pages["" if url == "." else url + "/"] = "\n".join(b for b in blocks if b)
    return pages


def indexed_pages(site_dir: Path) -> set[str]:
    """Page URLs the site's search index covers. A page can opt out of search
    (Material's ``search: exclude: true`` front matter, used for paged duplicate
    listings); that leaves no trace in its HTML, so the index says which pages count."""
    index = json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))
    docs = index["docs"]
    if isinstance(docs, dict):  # phrase-search layout: {"strings": [...], "pages": [[url, ...], ...]}
        return {page[0] for page in docs["pages"]}
    return {doc["location"].split("#")[0] for doc in docs}


def truth(phrase: str, pages: dict[str, str]) -> set[str]:
    """Pages where one text block contains every term of the phrase (it has none, usually: one term)."""
    terms = [normalise(t) for t in phrase.split() if normalise(t)]
    hits = set()
    for url, text in pages.items():
        if not all(term in text for term in terms):  # cheap check on the whole page first
            continue
        if any(all(term in block for term in terms) for block in text.split("\n")):
            hits.add(url)
    return hits


# -- browser ---------------------------------------------------------------------------

# Runs before Material's bundle: wraps Worker so the page keeps the search
# worker's latest RESULT (the complete list the UI renders from, in chunks)
# and when READY arrived. Message types are Material's SearchMessageType.
INIT_SCRIPT = """
(() => {
  const Native = window.Worker
  window.__bench = { ready: null, results: 0, last: null }
  if (!Native) return
  window.Worker = function (url, options) {
    const worker = new Native(url, options)
    worker.addEventListener("message", ev => {
      const m = ev.data
      if (!m) return
      if (m.type === 1 && window.__bench.ready === null) window.__bench.ready = performance.now()
      if (m.type === 3) { window.__bench.results++; window.__bench.last = m.data }
    })
    return worker
  }
  window.Worker.prototype = Native.prototype
})()
"""

# Types one query the way Material listens for it (value + input + keyup) and
# resolves when the result list has been redrawn for it: Material writes the
# result count into the meta line and fills the list in the same task, on the
# worker's RESULT; a MutationObserver callback runs right after that task.
TYPE_QUERY = """
async ([query, timeoutMs]) => {
  const input = document.querySelector("[data-md-component=search-query]")
  const meta = document.querySelector(".md-search-result__meta")
  const list = document.querySelector(".md-search-result__list")
  const tr = JSON.parse(document.getElementById("__config").textContent).translations || {}
  const idle = new Set([tr["search.result.placeholder"], tr["search.result.initializer"]].filter(Boolean))
  input.focus()
  const before = window.__bench.results
  return await new Promise(resolve => {
    let t0 = 0
    const finish = timeout => {
      observer.disconnect()
      clearTimeout(timer)
      const now = performance.now()
      const pages = new Set()
      const items = (window.__bench.last && window.__bench.last.items) || []
      for (const group of items)
        for (const doc of (Array.isArray(group) ? group : [group]))
          pages.add(String(doc.location).split("#")[0].split("?")[0])
      resolve({ timeout, ms: now - t0, sinceNavigation: now, shown: list.children.length,
                meta: meta.textContent.trim(), pages: [...pages] })
    }
    const observer = new MutationObserver(() => {
      if (window.__bench.results > before && !idle.has(meta.textContent.trim())) finish(false)
    })
    observer.observe(meta, { childList: true, characterData: true, subtree: true })
    const timer = setTimeout(() => finish(true), timeoutMs)
    t0 = performance.now()
    input.value = query
    input.dispatchEvent(new Event("input", { bubbles: true }))
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "End" }))
  })
}
"""


@dataclass
class BrowserOptions:
    fresh_pages: int = 3  # fresh-page trials for "first results"
    timeout_s: float = 120.0  # per query
    budget_s: float = 600.0  # per site, for the per-query loop


def measure_browser(browser, site_dir: Path, page_path: str, phrases: list[str],
                    pages: dict[str, str], options: BrowserOptions) -> BrowserStats:
    """First results on fresh pages, then every phrase on one page; precision and recall from the RESULTs."""
    notes: list[str] = []
    timeout_ms = int(options.timeout_s * 1000)
    with serve_directory(site_dir) as base_url:
        first, opened = [], []
        for phrase in phrases[:options.fresh_pages]:
            context = browser.new_context()  # empty cache: the index is fetched every time
            try:
                page = context.new_page()
                page.add_init_script(INIT_SCRIPT)
                page.goto(base_url + page_path, wait_until="domcontentloaded")
                result = page.evaluate(TYPE_QUERY, [phrase, timeout_ms])
            finally:
                context.close()
            if result["timeout"]:
                notes.append(f"fresh page: no results within {options.timeout_s:.0f} s")
                break
            first.append(result["ms"])
            opened.append(result["sinceNavigation"])

        latencies: list[float] = []
        timed: list[tuple[str, float]] = []
        precisions, recalls, exact = [], [], 0
        context = browser.new_context()
        try:
            page = context.new_page()
            page.add_init_script(INIT_SCRIPT)
            page.goto(base_url + page_path, wait_until="load")
            page.wait_for_function("window.__bench.ready !== null", timeout=timeout_ms)
            deadline = time.monotonic() + options.budget_s
            for phrase in phrases:
                if time.monotonic() > deadline:
                    notes.append(f"per-query budget of {options.budget_s:.0f} s used up")
                    break
                result = page.evaluate(TYPE_QUERY, [phrase, timeout_ms])
                if result["timeout"]:
                    notes.append(f"query {phrase!r}: no result within {options.timeout_s:.0f} s")
                    break
                latencies.append(result["ms"])
                timed.append((phrase, result["ms"]))
                got, want = set(result["pages"]), truth(phrase, pages)
                p, r = precision_recall(got, want)
                precisions.append(p)
                recalls.append(r)
                exact += got == want
        finally:
            context.close()
    return BrowserStats(
        first_results_ms=median(first), open_to_results_ms=median(opened),
        query_median_ms=median(latencies), query_p95_ms=percentile(latencies, 95),
        queries_done=len(latencies), queries_total=len(phrases),
        precision=mean(precisions), recall=mean(recalls), exact_hits=exact,
        slowest=sorted(timed, key=lambda t: -t[1])[:3], notes=notes,
    )


def precision_recall(got: set[str], want: set[str]) -> tuple[float, float]:
    """Per query. Nothing returned is precise; nothing to find is fully recalled."""
    hits = len(got & want)
    return (hits / len(got) if got else 1.0), (hits / len(want) if want else 1.0)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def percentile(values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


# -- one size ---------------------------------------------------------------------------


def run_size(n: int, work: Path, browser, options: BrowserOptions, seed: str, log=print) -> SizeResult:
    samples = generate_samples(n, seed)
    library = write_library(samples, work / "library")
    phrases = phrase_set(samples, seed)
    log(f"[N={n}] {len(samples)} samples written to {library}; building ours ...")
    ours = SiteResult("ours", build_ours(library, work / "ours-site", work / "ours-build.log"))
    log(f"[N={n}] ours built in {ours.build.wall_s:.1f} s; building baseline ...")
    baseline = SiteResult("baseline", build_baseline(samples, work / "baseline", work / "baseline-site",
                                                     work / "baseline-build.log"))
    log(f"[N={n}] baseline built in {baseline.build.wall_s:.1f} s")
    if browser is not None:
        # The same page on both sites: the first sample's page.
        page_path = f"{samples[0].report_type.slug}/{samples[0].id}/"
        for site in (ours, baseline):
            site_dir = work / f"{site.name}-site"
            log(f"[N={n}] browser: {site.name} ({len(phrases)} phrases) ...")
            texts = page_texts(site_dir)
            indexed = indexed_pages(site_dir)
            searchable = {url: text for url, text in texts.items() if url in indexed}
            site.browser = measure_browser(browser, site_dir, page_path, phrases, searchable, options)
            left_out = sorted(set(texts) - indexed)
            if left_out:
                site.browser.notes.append(
                    f"{len(left_out)} of {len(texts)} pages are not in the search index and do not count "
                    f"for precision/recall (e.g. {', '.join(left_out[:3])})")
    return SizeResult(n, ours, baseline, len(phrases), distinct_paragraph_share(samples))


# -- tables -------------------------------------------------------------------------------

MIB = 1024 * 1024


@dataclass(frozen=True)
class Row:
    label: str
    ours: float | None
    baseline: float | None
    unit: str  # how to print: "s", "MiB", "KiB", "ms", "ratio", "count"


def rows(result: SizeResult) -> list[Row]:
    o, b = result.ours, result.baseline
    out = [
        Row("build wall time", o.build.wall_s, b.build.wall_s, "s"),
        Row("build peak memory (RSS)", o.build.peak_rss_bytes / MIB, b.build.peak_rss_bytes / MIB, "MiB"),
        Row("site size", o.build.site_bytes / MIB, b.build.site_bytes / MIB, "MiB"),
        Row("site files", o.build.site_files, b.build.site_files, "count"),
        Row("search payload raw", o.build.index_raw / 1024, b.build.index_raw / 1024, "KiB"),
        Row("search payload gzip", o.build.index_gzip / 1024, b.build.index_gzip / 1024, "KiB"),
    ]
    if o.browser and b.browser:
        ob, bb = o.browser, b.browser
        out += [
            Row("fresh page: keystroke → results", ob.first_results_ms, bb.first_results_ms, "ms"),
            Row("fresh page: open → results", ob.open_to_results_ms, bb.open_to_results_ms, "ms"),
            Row("query latency median", ob.query_median_ms, bb.query_median_ms, "ms"),
            Row("query latency p95", ob.query_p95_ms, bb.query_p95_ms, "ms"),
            Row("queries measured", ob.queries_done, bb.queries_done, "count"),
            Row("precision (mean per query)", ob.precision, bb.precision, "ratio"),
            Row("recall (mean per query)", ob.recall, bb.recall, "ratio"),
            Row("queries with exactly the true pages", ob.exact_hits, bb.exact_hits, "count"),
        ]
    return out


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "ratio":
        return f"{value:.3f}"
    if unit == "ms":
        return f"{value:,.1f} ms"
    if unit == "s":
        return f"{value:,.2f} s"
    return f"{value:,.1f} {unit}"


def ratio(ours: float | None, baseline: float | None) -> float | None:
    if ours is None or baseline in (None, 0):
        return None
    return ours / baseline


def size_table(result: SizeResult) -> str:
    lines = [
        f"### N = {result.n:,}",
        "",
        f"Search index of ours: {result.ours.build.index_kind}. Phrase set: {result.phrases} phrases. "
        f"Distinct paragraphs in the synthetic text: {result.distinct_paragraphs:.0%}.",
        "",
        "| metric | ours | baseline | ours / baseline |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in rows(result):
        r = ratio(row.ours, row.baseline) if row.unit != "count" else None
        lines.append(f"| {row.label} | {fmt(row.ours, row.unit)} | {fmt(row.baseline, row.unit)} | "
                     f"{'—' if r is None else f'{r:.2f}×'} |")
    for site in (result.ours, result.baseline):
        if site.build.warnings:
            lines.append(f"\n{site.name}: the build printed {site.build.warnings} warnings.")
        for note in (site.browser.notes if site.browser else []):
            lines.append(f"\n{site.name}: {note}.")
        if site.browser and site.browser.slowest:
            slow = ", ".join(f"{phrase} {ms:,.0f} ms" for phrase, ms in site.browser.slowest)
            lines.append(f"\n{site.name}: slowest queries: {slow}.")
    return "\n".join(lines) + "\n"


def ratios_table(results: list[SizeResult]) -> str:
    labels = [r.label for r in rows(results[0]) if r.unit not in ("count",)]
    head = "| ours / baseline | " + " | ".join(f"N = {r.n:,}" for r in results) + " |"
    lines = ["### Ratios ours / baseline", "", head, "| --- |" + " ---: |" * len(results)]
    for label in labels:
        cells = []
        for result in results:
            row = next((x for x in rows(result) if x.label == label), None)
            r = ratio(row.ours, row.baseline) if row else None
            cells.append("—" if r is None else f"{r:.2f}×")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def scaling_table(results: list[SizeResult]) -> str:
    """Build cost per 1,000 samples: flat if the build is linear."""
    lines = ["### Build cost per 1,000 samples", "",
             "| N | ours build | ours s / 1,000 | ours peak | baseline build | baseline s / 1,000 | baseline peak |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        o, b = r.ours.build, r.baseline.build
        lines.append(f"| {r.n:,} | {o.wall_s:,.1f} s | {o.wall_s / r.n * 1000:,.1f} | {o.peak_rss_bytes / MIB:,.0f} MiB "
                     f"| {b.wall_s:,.1f} s | {b.wall_s / r.n * 1000:,.1f} | {b.peak_rss_bytes / MIB:,.0f} MiB |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Target:
    n: int
    what: str
    value: str
    met: bool | None  # None: not measured


def targets(results: list[SizeResult]) -> list[Target]:
    """The targets of issue 6, checked against this run."""
    out = []
    for r in results:
        o, b = r.ours, r.baseline
        ob = o.browser
        if r.n == 1000:
            build_ratio = o.build.wall_s / b.build.wall_s
            gz = o.build.index_gzip / b.build.index_gzip
            out += [
                Target(1000, "build ≤ 1.0× baseline", f"{build_ratio:.2f}×", build_ratio <= 1.0),
                Target(1000, "build < 30 s", f"{o.build.wall_s:.1f} s", o.build.wall_s < 30),
                Target(1000, "search payload gzip ≤ 0.6× baseline", f"{gz:.2f}×", gz <= 0.6),
            ]
            if ob:
                out += [
                    _target(1000, "results ≤ 1 s after the first keystroke (fresh page)", ob.first_results_ms, 1000, "ms"),
                    _target(1000, "p95 query latency ≤ 50 ms", ob.query_p95_ms, 50, "ms"),
                    Target(1000, "precision and recall 1.0",
                           f"P {fmt(ob.precision, 'ratio')}, R {fmt(ob.recall, 'ratio')} (baseline P "
                           f"{fmt(b.browser.precision, 'ratio')}, R {fmt(b.browser.recall, 'ratio')})",
                           ob.precision == 1.0 and ob.recall == 1.0),
                ]
        if r.n == 10000:
            out += [
                Target(10000, "build < 5 min", f"{o.build.wall_s:.1f} s", o.build.wall_s < 300),
                Target(10000, "build peak < 4 GiB", f"{o.build.peak_rss_bytes / MIB:,.0f} MiB",
                       o.build.peak_rss_bytes < 4 * 1024 * MIB),
            ]
            if ob:
                out.append(_target(10000, "p95 query latency < 200 ms", ob.query_p95_ms, 200, "ms"))
    return out


def _target(n: int, what: str, value: float | None, limit: float, unit: str) -> Target:
    return Target(n, what, fmt(value, unit), None if value is None else value <= limit)


def targets_table(results: list[SizeResult]) -> str:
    found = targets(results)
    if not found:
        return ""
    lines = ["### Targets (issue 6)", "", "| N | target | this run | met |", "| ---: | --- | --- | --- |"]
    for t in found:
        met = "not measured" if t.met is None else ("yes" if t.met else "**no**")
        lines.append(f"| {t.n:,} | {t.what} | {t.value} | {met} |")
    return "\n".join(lines) + "\n"


def machine_lines() -> list[str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kib = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        memory = f"{mem_kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        memory = "?"
    from importlib.metadata import version
    try:
        chromium = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "not found"
    return [
        f"- CPU: {cpu or platform.processor() or '?'}, {os.cpu_count()} cores (nproc), memory {memory}",
        f"- Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, "
        f"jieba {_version_or_none('jieba')}, Playwright {_version_or_none('playwright')}, {chromium}",
    ]


def _version_or_none(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def report(results: list[SizeResult], command: str) -> str:
    parts = ["## Results", "", f"Command: `{command}`", "", *machine_lines(), ""]
    parts += [size_table(r) for r in results]
    parts += [ratios_table(results), scaling_table(results)]
    t = targets_table(results)
    if t:
        parts.append(t)
    return "\n".join(parts)


# -- command line ---------------------------------------------------------------------------


def parse_ns(values: list[str] | None) -> list[int]:
    if not values:
        return list(DEFAULT_NS)
    out = []
    for value in values:
        for part in value.split(","):
            part = part.strip().replace("_", "")
            if part:
                n = int(part)
                if n < 1:
                    raise argparse.ArgumentTypeError(f"N must be positive: {part}")
                out.append(n)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", action="append", help="library size(s): repeat or comma list (default 100,1000)")
    parser.add_argument("--skip-browser", action="store_true", help="builds and sizes only")
    parser.add_argument("--out", type=Path, help="also write the markdown tables to this file")
    parser.add_argument("--seed", default=DEFAULT_SEED)
    parser.add_argument("--work-dir", type=Path, help="keep libraries, sites and build logs here")
    parser.add_argument("--query-budget", type=float, default=600.0, help="seconds per site for the query loop")
    parser.add_argument("--query-timeout", type=float, default=120.0, help="seconds before one query gives up")
    args = parser.parse_args(argv)
    ns = parse_ns(args.n)
    options = BrowserOptions(timeout_s=args.query_timeout, budget_s=args.query_budget)
    command = "python scripts/benchmark_scale.py " + " ".join(sys.argv[1:] if argv is None else argv)

    # jieba builds its dictionary cache on first use; do that outside the timed builds.
    subprocess.run([sys.executable, "-c", "import jieba; jieba.initialize()"], capture_output=True)

    work_root = args.work_dir or Path(tempfile.mkdtemp(prefix="shuzhi-bench-"))
    results = []
    playwright = browser = None
    try:
        if not args.skip_browser:
            from playwright.sync_api import sync_playwright
            playwright = sync_playwright().start()
            browser = launch_chromium(playwright)
        for n in ns:
            work = work_root / f"n{n}"
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            result = run_size(n, work, browser, options, args.seed, log=lambda m: print(m, file=sys.stderr, flush=True))
            results.append(result)
            print(size_table(result), flush=True)
    finally:
        if browser is not None:
            browser.close()
        if playwright is not None:
            playwright.stop()
        if args.work_dir is None:
            shutil.rmtree(work_root, ignore_errors=True)
    print(ratios_table(results))
    print(scaling_table(results))
    print(targets_table(results))
    if args.out:
        args.out.write_text(report(results, command), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
