"""The search benchmark's tools (hooks/shuzhi/bench/network.py, scripts/benchmark_search.py):
the gzip server sends and logs what a host would, and a small run prints every table.
Timings are never asserted."""

from __future__ import annotations

import gzip
import sys
import time
import urllib.request

import pytest

from helpers import ROOT
from shuzhi.bench.chromium import CHROMIUM
from shuzhi.bench.network import serve_gzip

sys.path.insert(0, str(ROOT / "scripts"))

import benchmark_search  # noqa: E402


def fetch(url: str, accept_gzip: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if accept_gzip else {})
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read()


def test_server_gzips_text_and_logs_bytes_sent(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>" + "集体经济" * 500 + "</p>", encoding="utf-8")
    (tmp_path / "x.bin").write_bytes(gzip.compress(b"stored gzip", mtime=0))
    with serve_gzip(tmp_path) as base:
        headers, body = fetch(base + "a/")
        assert headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body).decode() == "<p>" + "集体经济" * 500 + "</p>"
        headers, plain = fetch(base + "a/index.html", accept_gzip=False)
        assert headers["Content-Encoding"] is None and len(plain) > len(body)
        headers, stored = fetch(base + "x.bin")  # binary: sent as it is (already gzip inside)
        assert headers["Content-Encoding"] is None and gzip.decompress(stored) == b"stored gzip"
        # The server logs a body once it has left, which may be just after the client has it.
        deadline = time.monotonic() + 10
        while len(base.sent) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert sorted((path, size) for _, path, size in base.sent) == sorted([
            ("/a/", len(body)), ("/a/index.html", len(plain)), ("/x.bin", len(stored))])
        assert base.since(0) == (len(body) + len(plain) + len(stored), 3)
        assert base.since(0, "x") == (len(stored), 1)
        assert base.in_flight == [0]


def test_small_run_prints_every_table(tmp_path, capsys):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing")
    out = tmp_path / "results.md"
    args = ["--n", "30", "--small", "20", "--phrases", "2", "--baseline-fresh", "1", "--out", str(out),
            "--work-dir", str(tmp_path / "work")]
    assert benchmark_search.main(args) == 0
    text = out.read_text(encoding="utf-8")
    for heading in ("### A page view", "### A query on a fresh page, N = 30", "### Once the parts are loaded",
                    "### Build and index on disk", "### Targets (issue 14)"):
        assert heading in text
    assert "| 20 |" in text and "| 30 |" in text
    assert "| ours | settled | 集体经济 |" in text and "| baseline | at load | 集体经济 |" in text
    # The page view of ours loads no index at either size; the baseline loads its whole index.
    assert "a page view fetches no search-index bytes, at every N | 0.0 KiB, 0.0 KiB | yes" in text
    assert "precision and recall 1.0 | P 1.000, R 1.000 | yes" in text
