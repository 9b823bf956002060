"""The benchmark's markdown tables: one per size, the ratios ours/baseline, build
cost per 1,000 samples, the targets of issue 6, and the machine they ran on."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass
from pathlib import Path

from shuzhi.bench.chromium import CHROMIUM
from shuzhi.bench.run import SizeResult

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
