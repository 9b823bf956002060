"""One library size end to end: generate, build both sites, measure in the browser."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shuzhi.bench.browser import BrowserOptions, BrowserStats, measure_browser
from shuzhi.bench.builds import BuildStats, build_baseline, build_ours
from shuzhi.bench.synthetic import TEXT_RECOMBINED, distinct_paragraph_share, generate_samples, write_library
from shuzhi.bench.truth import indexed_pages, page_texts, phrase_set


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


def run_size(n: int, work: Path, browser, options: BrowserOptions, seed: str, log=print,
             text: str = TEXT_RECOMBINED) -> SizeResult:
    samples = generate_samples(n, seed, text=text)
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
