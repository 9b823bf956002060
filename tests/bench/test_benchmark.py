"""The scale benchmark (hooks/shuzhi/bench/, scripts/benchmark_scale.py): its
synthetic library is valid and deterministic, and a small run completes and
prints the table. Timings are never asserted."""

from __future__ import annotations

import os
import sys

import pytest

from helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import benchmark_scale  # noqa: E402
from shuzhi.bench.browser import percentile  # noqa: E402
from shuzhi.bench.chromium import CHROMIUM  # noqa: E402
from shuzhi.bench.synthetic import REAL_LIBRARY, generate_samples, write_library  # noqa: E402
from shuzhi.bench.truth import MISS_PHRASE, _ArticleText, normalise, phrase_set, truth  # noqa: E402
from shuzhi.library.load import load_library  # noqa: E402
from shuzhi.library.store import dump_body  # noqa: E402


def test_generated_library_passes_the_validator(tmp_path):
    samples = generate_samples(60)
    library = load_library(write_library(samples, tmp_path / "library"), tmp_path)
    assert len(library.samples) == 60
    assert sorted(s.id for s in library.samples) == sorted(s.id for s in samples)
    # What the validator read back is what was generated.
    by_id = {s.id: s for s in samples}
    assert all(s == by_id[s.id] for s in library.samples)


def test_types_and_kinds_stay_consistent():
    real = load_library(REAL_LIBRARY, ROOT)
    kinds_of_type: dict[str, set[str]] = {}
    for sample in real.samples:
        kinds_of_type.setdefault(sample.type, set()).update(s.kind for s in sample.sections)
    for sample in generate_samples(200):
        assert {s.kind for s in sample.sections} <= kinds_of_type[sample.type], sample.id
    real_titles = {s.title for s in real.samples}
    assert not real_titles & {s.title for s in generate_samples(200)}


def test_generator_is_deterministic_and_prefix_stable():
    first = generate_samples(40)
    again = generate_samples(40)
    assert [dump_body(s) for s in first] == [dump_body(s) for s in again]
    assert generate_samples(15) == first[:15]  # sample i does not depend on N
    assert generate_samples(15, seed="other") != first[:15]
    assert len({s.id for s in generate_samples(500)}) == 500


def test_never_writes_into_the_real_library():
    with pytest.raises(ValueError):
        write_library(generate_samples(1), REAL_LIBRARY)


def test_truth_reads_what_search_would_index():
    html = """<html><body><nav>导航里的集体经济</nav><article class="md-content__inner">
    <nav class="md-tags"><a class="md-tag">集体经济</a></nav>
    <h1>标题<a class="headerlink" href="#">¶</a></h1><p>壮大集体</p><p>经济实力</p>
    <div data-search-exclude><p>复制本节 集体经济</p></div>
    <h2 data-search-exclude id="related">相关范文</h2><ul><li>集体经济薄弱</li></ul>
    <h2 id="more">更多</h2><p>发展ＡＢ 村集体经济</p></article></body></html>"""
    parser = _ArticleText()
    parser.feed(html)
    blocks = [normalise(b) for b in "".join(parser.parts).split("\n") if b.strip()]
    assert blocks == ["标题", "壮大集体", "经济实力", "更多", "发展ab村集体经济"]
    pages = {"a/": "\n".join(blocks), "b/": "壮大集体\n经济"}
    assert truth("集体经济", pages) == {"a/"}
    assert truth("集体经济", {"b/": "壮大集体\n经济"}) == set()  # not across blocks
    assert truth("AB 村集体", pages) == {"a/"}


def test_phrase_set_is_fixed_and_has_a_miss():
    samples = generate_samples(120)
    phrases = phrase_set(samples)
    assert phrases == phrase_set(generate_samples(150))  # same set at every N
    assert len(phrases) >= 40 and len(set(phrases)) == len(phrases)
    assert phrases[-1] == MISS_PHRASE


def test_percentile_and_parse_ns():
    assert percentile([5, 1, 3, 2, 4], 95) == 5
    assert percentile(list(range(1, 101)), 95) == 95
    assert benchmark_scale.parse_ns(None) == [100, 1000]
    assert benchmark_scale.parse_ns(["100,1_000", "10000"]) == [100, 1000, 10000]


def test_small_run_prints_the_table(tmp_path, capsys):
    args = ["--n", "10", "--out", str(tmp_path / "results.md")]
    browser = CHROMIUM.exists()
    if not browser:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI must install chromium for the benchmark's browser part")
        args.append("--skip-browser")
    assert benchmark_scale.main(args) == 0
    out = capsys.readouterr().out
    assert "### N = 10" in out
    assert "| build wall time |" in out and "| search payload gzip |" in out
    assert "### Ratios ours / baseline" in out
    if browser:
        assert "| query latency p95 |" in out and "| precision (mean per query) |" in out
    else:
        pytest.skip(f"browser part not run: {CHROMIUM} is missing (tables without it were printed)")
    written = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "Command:" in written and "### N = 10" in written
