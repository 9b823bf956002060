"""Scale benchmark: our site against stock Material, built from the same text in one run.

For each N (default 100 and 1,000):

1. generate N synthetic samples (hooks/shuzhi/bench/synthetic.py) into a work dir;
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
The work is done in hooks/shuzhi/bench/; this script parses arguments and prints.

Usage::

    .venv/bin/python scripts/benchmark_scale.py                 # N = 100, 1000
    .venv/bin/python scripts/benchmark_scale.py --n 10000
    .venv/bin/python scripts/benchmark_scale.py --n 100,1000 --skip-browser --out results.md
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from shuzhi.bench.browser import BrowserOptions  # noqa: E402
from shuzhi.bench.chromium import launch_chromium  # noqa: E402
from shuzhi.bench.report import ratios_table, report, scaling_table, size_table, targets_table  # noqa: E402
from shuzhi.bench.run import run_size  # noqa: E402
from shuzhi.bench.synthetic import DEFAULT_SEED, TEXT_MARKOV, TEXT_RECOMBINED  # noqa: E402

DEFAULT_NS = (100, 1000)


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
    parser.add_argument("--text", choices=(TEXT_RECOMBINED, TEXT_MARKOV), default=TEXT_RECOMBINED,
                        help="synthetic paragraphs: real sentences recombined, or new Markov-chain text")
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
            result = run_size(n, work, browser, options, args.seed,
                              log=lambda m: print(m, file=sys.stderr, flush=True), text=args.text)
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
