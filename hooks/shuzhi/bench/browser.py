"""Search in headless Chromium: time from a keystroke to the results shown, on
fresh pages and per query, and precision and recall against the ground truth."""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from shuzhi.bench.chromium import serve_directory
from shuzhi.bench.truth import truth

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
