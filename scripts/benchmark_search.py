"""Benchmark for issue 14: search on a slow phone link, at 10,000 samples.

Builds our site and a stock-Material baseline from the same synthetic library
(character-level Markov text, so nothing compresses unrealistically well) at
two sizes, then measures in Debian's Chromium on a throttled link (150 ms
round trip, 1.6 Mbit/s down) against a static server that gzips text:

- a page view: every byte it loads, and how many of them are search index;
- a query on a fresh page (nothing cached): keystroke -> results, and its bytes;
- once the parts a query needs are loaded: latency of the same query again;
- precision and recall on the phrase set (ours: every result, asked of the worker);
- build time and memory at both sizes, and the index on disk against the text.

Usage:
    .venv/bin/python scripts/benchmark_search.py                   # N = 1,000 and 10,000
    .venv/bin/python scripts/benchmark_search.py --n 300 --small 100 --baseline-fresh 1
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from shuzhi.bench.browser import median, precision_recall  # noqa: E402
from shuzhi.bench.builds import BuildStats, build_baseline, build_ours  # noqa: E402
from shuzhi.bench.chromium import launch_chromium  # noqa: E402
from shuzhi.bench.network import (DOWN_BYTES_PER_S, RTT_MS, NetworkStats, measure_fresh_query,  # noqa: E402
                                  measure_loaded, measure_page_view, serve_gzip)
from shuzhi.bench.report import machine_lines  # noqa: E402
from shuzhi.bench.synthetic import DEFAULT_SEED, TEXT_MARKOV, generate_samples, write_library  # noqa: E402
from shuzhi.bench.truth import indexed_pages, page_texts, phrase_set, truth  # noqa: E402
from shuzhi.search.index import read_page_records  # noqa: E402

KIB = 1024
COMMON = ("集体经济", "三会一课")  # the issue names them; always measured on fresh pages


@dataclass
class Size:
    n: int
    ours: BuildStats
    baseline: BuildStats
    text_bytes: int  # UTF-8 of every title and paragraph the index covers
    page_view: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # site -> (bytes, index bytes, requests)


@dataclass
class Browse:
    ours: NetworkStats
    baseline: NetworkStats
    precision: dict[str, float] = field(default_factory=dict)
    recall: dict[str, float] = field(default_factory=dict)
    exact: dict[str, int] = field(default_factory=dict)
    phrases: int = 0


def indexed_text_bytes(site: Path) -> int:
    total = 0
    for record in read_page_records(site):
        for _, title, paragraphs in record[2]:
            total += len(title.encode()) + sum(len(p.encode()) for p in paragraphs)
    return total


def build_size(n: int, work: Path, seed: str, log) -> tuple[Size, tuple, list[str]]:
    samples = generate_samples(n, seed, text=TEXT_MARKOV)
    library = write_library(samples, work / "library")
    log(f"[N={n}] library written; building ours ...")
    ours = build_ours(library, work / "ours-site", work / "ours-build.log")
    log(f"[N={n}] ours: {ours.wall_s:.1f} s; building the baseline ...")
    baseline = build_baseline(samples, work / "baseline", work / "baseline-site", work / "baseline-build.log")
    log(f"[N={n}] baseline: {baseline.wall_s:.1f} s")
    return Size(n, ours, baseline, indexed_text_bytes(work / "ours-site")), samples, phrase_set(samples, seed)


def page_path(samples) -> str:
    return f"{samples[0].report_type.slug}/{samples[0].id}/"


def browse(browser, work: Path, samples, phrases: list[str], baseline_fresh: int, timeout_s: float, log) -> Browse:
    path = page_path(samples)
    stats = {}
    quality = Browse(NetworkStats(), NetworkStats(), phrases=len(phrases))
    for name in ("ours", "baseline"):
        site = work / f"{name}-site"
        net = stats[name] = NetworkStats()
        texts = page_texts(site)
        held = indexed_pages(site)
        searchable = {url: text for url, text in texts.items() if url in held}
        with serve_gzip(site) as base:
            common = [p for p in COMMON if p in phrases][:baseline_fresh if name == "baseline" else None]
            for phrase in (phrases if name == "ours" else common):
                log(f"  {name}: fresh page, {phrase!r} ...")
                net.fresh.append(measure_fresh_query(browser, base, path, phrase, timeout_s))
            for phrase in common:  # typed at once, while the page is still loading
                log(f"  {name}: fresh page, typed at load, {phrase!r} ...")
                net.at_load.append(measure_fresh_query(browser, base, path, phrase, timeout_s, settled=False))
            log(f"  {name}: loaded queries and results ...")
            latencies, found, notes = measure_loaded(browser, base, path, phrases, timeout_s, all_pages=name == "ours")
            net.loaded_ms, net.notes = latencies, notes
        ps, rs, exact = [], [], 0
        for phrase, got in found.items():
            want = truth(phrase, searchable)
            p, r = precision_recall(got, want)
            ps.append(p)
            rs.append(r)
            exact += got == want
        quality.precision[name] = sum(ps) / len(ps) if ps else None
        quality.recall[name] = sum(rs) / len(rs) if rs else None
        quality.exact[name] = exact
    quality.ours, quality.baseline = stats["ours"], stats["baseline"]
    return quality


def kib(value: float | None) -> str:
    return "—" if value is None else f"{value / KIB:,.1f} KiB"


def ms(value: float | None) -> str:
    return "timed out" if value is None else f"{value:,.0f} ms"


def report(sizes: list[Size], result: Browse, command: str) -> str:
    big = sizes[-1]
    o, b = result.ours, result.baseline
    out = [f"Command: `{command}`", "", *machine_lines(), "",
           f"Link: {RTT_MS} ms round trip, {DOWN_BYTES_PER_S * 8 / 1e6:.1f} Mbit/s down (Chromium DevTools "
           "throttling); server gzips text responses (level 6). Bytes are as sent on the wire.", ""]

    out += ["### A page view (a sample page, fresh cache, throttled)", "",
            "| N | ours: all bytes | ours: search-index bytes | baseline: all bytes | baseline: search-index bytes |",
            "| ---: | ---: | ---: | ---: | ---: |"]
    for s in sizes:
        if s.page_view:
            (ot, oi, _), (bt, bi, _) = s.page_view["ours"], s.page_view["baseline"]
            out.append(f"| {s.n:,} | {kib(ot)} | {kib(oi)} | {kib(bt)} | {kib(bi)} |")
    out.append("")

    def row(q):
        return f"| {q.phrase} | {ms(q.ms)} | {kib(q.bytes)} | {q.requests} | {q.results:,} |"

    out += [f"### A query on a fresh page, N = {big.n:,} (throttled; keystroke to results)", "",
            "Typed after the page view has settled (a reader who reads, then searches), and typed at the "
            "page's load event (the worst case: the page is still loading what it loads).", "",
            "| site | typed | phrase | keystroke → results | bytes after the keystroke | responses | pages found |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: |"]
    for name, net in (("ours", o), ("baseline", b)):
        for q in net.fresh:
            if q.phrase in COMMON:
                out.append(f"| {name} | settled " + row(q))
        for q in net.at_load:
            out.append(f"| {name} | at load " + row(q))
    timed = [q.ms for q in o.fresh if q.ms is not None]
    out += ["", f"Ours over all {len(o.fresh)} phrases on fresh pages: keystroke → results median "
            f"{ms(median(timed))}, slowest {ms(max(timed) if timed else None)}; bytes median "
            f"{kib(median([q.bytes for q in o.fresh]))}, most {kib(max((q.bytes for q in o.fresh), default=None))}; "
            f"timed out: {sum(q.ms is None for q in o.fresh)}.", "",
            "Ours, the five slowest and the five heaviest:", "",
            "| phrase | keystroke → results | bytes after the keystroke | responses | pages found |",
            "| --- | ---: | ---: | ---: | ---: |"]
    worst = sorted(o.fresh, key=lambda q: -(q.ms or 1e12))[:5]
    heavy = [q for q in sorted(o.fresh, key=lambda q: -q.bytes)[:5] if q not in worst]
    out += [row(q) for q in worst + heavy] + [""]

    out += [f"### Once the parts are loaded, N = {big.n:,}", "",
            "| metric | ours | baseline |", "| --- | ---: | ---: |",
            f"| query latency median | {ms(median(o.loaded_ms))} | {ms(median(b.loaded_ms))} |",
            f"| query latency p95 | {ms(o.loaded_p95)} | {ms(b.loaded_p95)} |",
            f"| precision (mean per query) | {result.precision['ours']:.3f} | {result.precision['baseline']:.3f} |",
            f"| recall (mean per query) | {result.recall['ours']:.3f} | {result.recall['baseline']:.3f} |",
            f"| queries with exactly the true pages | {result.exact['ours']} of {result.phrases} | "
            f"{result.exact['baseline']} of {result.phrases} |", ""]
    for name, net in (("ours", o), ("baseline", b)):
        for note in net.notes:
            out.append(f"{name}: {note}")
    out.append("")

    out += ["### Build and index on disk", "",
            "| N | ours build | ours s / 1,000 | ours peak RSS | baseline build | baseline s / 1,000 | "
            "ours index on disk | text indexed | index / text | baseline index |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for s in sizes:
        ours_index = s.ours.index_raw
        out.append(
            f"| {s.n:,} | {s.ours.wall_s:.1f} s | {s.ours.wall_s / s.n * 1000:.1f} | "
            f"{s.ours.peak_rss_bytes / KIB / KIB:,.0f} MiB | {s.baseline.wall_s:.1f} s | "
            f"{s.baseline.wall_s / s.n * 1000:.1f} | {ours_index / KIB / KIB:,.1f} MiB | "
            f"{s.text_bytes / KIB / KIB:,.1f} MiB | {ours_index / s.text_bytes:.2f}× | "
            f"{s.baseline.index_raw / KIB / KIB:,.1f} MiB |")
    out.append("")

    common = [q for q in o.fresh if q.phrase in COMMON]
    slowest = max((q.ms or float("inf") for q in o.fresh), default=None)
    heaviest = max((q.bytes for q in o.fresh), default=0)
    views = [s.page_view["ours"][1] for s in sizes if s.page_view]
    totals = [s.page_view["ours"][0] for s in sizes if s.page_view]
    targets = [
        ("a page view fetches no search-index bytes, at every N", f"{', '.join(kib(v) for v in views)}",
         all(v == 0 for v in views)),
        ("a page view costs the same at every N", f"{', '.join(kib(v) for v in totals)}",
         len(set(totals)) <= 1 or max(totals) - min(totals) < 1024),
        ("first results ≤ 1.5 s after the keystroke, every phrase", ms(slowest), slowest is not None and slowest <= 1500),
        ("a query fetches ≤ 250 KB gzip, every phrase", kib(heaviest), heaviest <= 250_000),
        ("集体经济 and 三会一课 within both", "; ".join(f"{q.phrase} {ms(q.ms)}, {kib(q.bytes)}" for q in common),
         all(q.ms is not None and q.ms <= 1500 and q.bytes <= 250_000 for q in common)),
        ("precision and recall 1.0", f"P {result.precision['ours']:.3f}, R {result.recall['ours']:.3f}",
         result.precision["ours"] == 1.0 and result.recall["ours"] == 1.0),
        ("p95 once loaded ≤ 50 ms", ms(o.loaded_p95), o.loaded_p95 is not None and o.loaded_p95 <= 50),
        (f"build at N = {big.n:,} < 60 s", f"{big.ours.wall_s:.1f} s", big.ours.wall_s < 60),
        ("index on disk ≤ 1.5× the text", f"{big.ours.index_raw / big.text_bytes:.2f}×",
         big.ours.index_raw <= 1.5 * big.text_bytes),
    ]
    out += ["### Targets (issue 14)", "", "| target | this run | met |", "| --- | --- | --- |"]
    out += [f"| {what} | {value} | {'yes' if met else '**no**'} |" for what, value, met in targets]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="the library size measured in the browser")
    parser.add_argument("--small", type=int, default=1_000, help="a second, smaller size: page view and build only")
    parser.add_argument("--baseline-fresh", type=int, default=2,
                        help="phrases the baseline runs on fresh pages (each downloads its whole index)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before one query gives up")
    parser.add_argument("--phrases", type=int, help="measure only the first K phrases (a quick run)")
    parser.add_argument("--seed", default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="also write the tables to this file")
    parser.add_argument("--work-dir", type=Path, help="keep libraries, sites and build logs here")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    work = args.work_dir or Path(tempfile.mkdtemp(prefix="benchmark-search-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes: list[Size] = []
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            result = None
            for n in sorted({args.small, args.n}):
                folder = work / f"n{n}"
                if folder.exists():
                    shutil.rmtree(folder)
                size, samples, phrases = build_size(n, folder, args.seed, print)
                phrases = phrases[:args.phrases] if args.phrases else phrases
                for name in ("ours", "baseline"):
                    with serve_gzip(folder / f"{name}-site") as base:
                        size.page_view[name] = measure_page_view(browser, base, page_path(samples))
                print(f"[N={n}] page view: {size.page_view}")
                sizes.append(size)
                if n == args.n:
                    result = browse(browser, folder, samples, phrases, args.baseline_fresh, args.timeout, print)
            browser.close()
    finally:
        if not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)
    command = "python scripts/benchmark_search.py " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(sizes, result, command.strip())
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
