"""What the Word and draft features (issue 13) cost the build: python scripts/benchmark_draft.py

Builds the real mkdocs.yml from one synthetic library (default 1,000 samples,
hooks/shuzhi/bench/synthetic.py) in two ways, alternately, several times:

- "with": the site as it is;
- "without": the same code, with the build-time parts of issue 13 switched off
  in the child process before MkDocs loads the hook: no 下载 Word / 加入草稿
  buttons on sample pages and guide examples (shuzhi.site.render), no example
  data for the 起草 page (shuzhi.site.draft). The 起草 page itself, one page,
  stays in both.

It prints a Markdown table (median CPU time, wall time and peak memory of
the builds, site size and files, what a sample page and the example data
weigh) and the ratio with / without, which issue 13 wants at most 1.10. Each
build is a child process; the verdict uses its CPU time (user + system, from
wait4), which other work on a shared machine disturbs far less than the wall
clock. Only ratios from one run compare.

    .venv/bin/python scripts/benchmark_draft.py [--n 1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from shuzhi.bench.synthetic import DEFAULT_SEED, generate_samples, write_library  # noqa: E402
from shuzhi.site.draft import DATA_DIR  # noqa: E402

# Run in the child before MkDocs imports the hook, which then finds these
# modules already imported and patched.
WITHOUT = (
    "import sys; sys.path.insert(0, {hooks!r})\n"
    "import shuzhi.site.render as render, shuzhi.site.draft as draft\n"
    "render.word_button = lambda *args: ''\n"
    "render.draft_button = lambda *args: ''\n"
    "draft.draft_data_files = lambda library: []\n"
)
BUILD = "from mkdocs.__main__ import cli\nsys.argv = ['mkdocs', 'build', '-q', '-f', {config!r}]\ncli()\n"


def build(variant: str, config: Path, log: Path) -> tuple[float, float, int]:
    """One build in a child process: wall seconds, CPU seconds and its peak RSS in bytes."""
    code = (WITHOUT if variant == "without" else "import sys\n").format(hooks=str(ROOT / "hooks"))
    code += BUILD.format(config=str(config))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{variant}: build failed, log {log}:\n{log.read_text(encoding='utf-8')[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def site_numbers(site: Path, sample_pages: list[str]) -> dict[str, float]:
    files = [p for p in site.rglob("*") if p.is_file()]
    data = [p for p in (site / DATA_DIR).rglob("*.js")] if (site / DATA_DIR).exists() else []
    pages = [(site / p / "index.html").read_bytes() for p in sample_pages]
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "page": statistics.mean(len(p) for p in pages),
        "page_gzip": statistics.mean(len(gzip.compress(p, 6)) for p in pages),
        "data_files": len(data),
        "data_bytes": sum(p.stat().st_size for p in data),
        "data_largest": max((p.stat().st_size for p in data), default=0),
        "data_meta_largest": max((p.stat().st_size for p in data if p.name == "meta.js"), default=0),
    }


def kib(n: float) -> str:
    return f"{n / 1024:,.1f} KiB"


def mib(n: float) -> str:
    return f"{n / 1024 / 1024:,.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="samples in the synthetic library (default 1000)")
    parser.add_argument("--rounds", type=int, default=5, help="builds of each variant, alternating (default 5)")
    parser.add_argument("--seed", default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if args.n < 1 or args.rounds < 1:
        parser.error("--n and --rounds must be positive")

    with tempfile.TemporaryDirectory(prefix="shuzhi-bench-draft-") as tmp:
        work = Path(tmp)
        samples = generate_samples(args.n, args.seed)
        library = write_library(samples, work / "library")
        sample_pages = [f"{s.report_type.slug}/{s.id}" for s in samples[:50]]
        configs, times, cpus, peaks, numbers = {}, {}, {}, {}, {}
        for variant in ("with", "without"):
            # Beside mkdocs.yml: MkDocs resolves docs_dir, hooks and custom_dir from
            # the config file's folder. The name is one .gitignore already ignores.
            config = ROOT / f".benchmark-scale-draft-{variant}-{os.getpid()}.yml"
            config.write_text(
                "# Written by scripts/benchmark_draft.py for its builds, then removed.\n"
                "INHERIT: mkdocs.yml\n"
                f"site_dir: {json.dumps(str(work / variant))}\n"
                f"extra:\n  library_dir: {json.dumps(str(library))}\n", encoding="utf-8")
            configs[variant] = config
            times[variant], cpus[variant], peaks[variant] = [], [], []
        try:
            for round_ in range(args.rounds):
                for variant in ("with", "without") if round_ % 2 == 0 else ("without", "with"):
                    wall, cpu, peak = build(variant, configs[variant], work / f"{variant}.log")
                    times[variant].append(wall)
                    cpus[variant].append(cpu)
                    peaks[variant].append(peak)
                    print(f"round {round_ + 1}: {variant}: {wall:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr, flush=True)
        finally:
            for config in configs.values():
                config.unlink(missing_ok=True)
        for variant in ("with", "without"):
            numbers[variant] = site_numbers(work / variant, sample_pages)

    w, wo = numbers["with"], numbers["without"]
    t_with, t_without = statistics.median(times["with"]), statistics.median(times["without"])
    c_with, c_without = statistics.median(cpus["with"]), statistics.median(cpus["without"])
    ratio = c_with / c_without
    rows = [
        ("build CPU time (median)", f"{c_with:.2f} s", f"{c_without:.2f} s", f"{ratio:.2f}×"),
        ("build wall time (median)", f"{t_with:.2f} s", f"{t_without:.2f} s", f"{t_with / t_without:.2f}×"),
        ("build peak memory (median)", mib(statistics.median(peaks["with"])), mib(statistics.median(peaks["without"])),
         f"{statistics.median(peaks['with']) / statistics.median(peaks['without']):.2f}×"),
        ("site size", mib(w["bytes"]), mib(wo["bytes"]), f"{w['bytes'] / wo['bytes']:.2f}×"),
        ("site files", f"{w['files']:,}", f"{wo['files']:,}", f"+{w['files'] - wo['files']:,}"),
        ("sample page HTML (mean of 50)", kib(w["page"]), kib(wo["page"]), f"+{kib(w['page'] - wo['page'])}"),
        ("sample page HTML gzip (mean of 50)", kib(w["page_gzip"]), kib(wo["page_gzip"]),
         f"+{kib(w['page_gzip'] - wo['page_gzip'])}"),
        ("起草 example data", f"{w['data_files']:,} files, {mib(w['data_bytes'])}", "—", "—"),
        ("largest data file / largest meta.js", f"{kib(w['data_largest'])} / {kib(w['data_meta_largest'])}", "—", "—"),
    ]
    command = "python scripts/benchmark_draft.py " + " ".join(sys.argv[1:] if argv is None else argv)
    print(f"N = {args.n:,} samples, {args.rounds} builds of each variant. Command: `{command.strip()}`\n")
    print("| metric | with issue 13 | without | with / without |")
    print("| --- | ---: | ---: | ---: |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    for label, values in (("CPU", cpus), ("wall", times)):
        print(f"\nBuild {label} times, s: with {', '.join(f'{t:.2f}' for t in values['with'])}; "
              f"without {', '.join(f'{t:.2f}' for t in values['without'])}.")
    verdict = "met" if ratio <= 1.10 else "NOT met"
    print(f"\nIssue 13 target, build at most 10 % slower (CPU time): {ratio:.2f}× — {verdict}.")
    return 0 if ratio <= 1.10 else 1


if __name__ == "__main__":
    sys.exit(main())
