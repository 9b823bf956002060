"""hooks/shuzhi/site/draft.py and actions.py: the 起草 page, its example data,
the buttons that feed it, and what they cost a page that does not use them.
The browser side is tests/browser/test_word_draft.py."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from helpers import FIXTURE_LIBRARY, REAL_LIBRARY, ROOT, build_site, library_of
from shuzhi.library.model import KINDS_BY_NAME, PLACEHOLDER_PATTERN, REPORT_TYPES, TAGS, section_length
from shuzhi.site.draft import CHUNK, DATA_CALLBACK, DATA_DIR, draft_config, draft_data_files, draft_page_body
from shuzhi.site.fields import FIELDS
from shuzhi.site.guides import kinds_of_type
from shuzhi.site.render import example_html, sample_body, Example
from shuzhi.site.urls import guide_uri, sample_uri

ASSETS = ROOT / "overrides" / "assets"
DATA_LINE = re.compile(rf"^{DATA_CALLBACK}\((\"[^\"]+\"),(.*)\);\n$", re.S)
# What every page pays for 下载 Word and 加入草稿 (issue 13: "a few KB at most"):
# the page script, raw and as a server gzips it.
PAGE_SCRIPT_BUDGET = 6 * 1024
PAGE_SCRIPT_GZIP_BUDGET = 2560


@pytest.fixture(scope="module", params=["fixture", "real"])
def library(request):
    return library_of(FIXTURE_LIBRARY if request.param == "fixture" else REAL_LIBRARY)


def parse(data_file) -> tuple[str, object]:
    match = DATA_LINE.match(data_file.content)
    assert match, data_file.content[:80]
    return json.loads(match.group(1)), json.loads(match.group(2))


def test_every_section_is_in_the_data_once_in_library_order_with_its_text(library):
    files = {f.path: f for f in draft_data_files(library)}
    for report_type in REPORT_TYPES:
        for kind_name in {s.kind for x in library.by_type(report_type.name) for s in x.sections}:
            kind = KINDS_BY_NAME[kind_name]
            base = f"{DATA_DIR}/{report_type.slug}/{kind.slug}"
            expected = [(sample, i) for sample in library.by_type(report_type.name)
                        for i, s in enumerate(sample.sections, start=1) if s.kind == kind_name]
            key, meta = parse(files[f"{base}/meta.js"])
            assert key == f"{report_type.slug}/{kind.slug}/meta"
            assert meta["count"] == len(expected)
            shown = []
            for n in range(1, -(-len(expected) // CHUNK) + 1):
                key, chunk = parse(files[f"{base}/{n}.js"])
                assert key == f"{report_type.slug}/{kind.slug}/{n}" and 0 < len(chunk) <= CHUNK
                shown += chunk
            assert len(shown) == len(expected) == len(meta["tags"])
            for example, mask, (sample, i) in zip(shown, meta["tags"], expected):
                section = sample.sections[i - 1]
                assert example == {"t": sample.title, "u": f"{report_type.slug}/{sample.id}/#sec-{i}",
                                   "n": section_length(section), "h": section.heading, "p": list(section.paragraphs)}
                assert [t.name for n, t in enumerate(TAGS) if mask >> n & 1] == [t.name for t in TAGS if t.name in sample.tags]
    # nothing else is written
    count = sum(1 + -(-m["count"] // CHUNK) for f in files.values() if f.path.endswith("/meta.js") for m in [parse(f)[1]])
    assert len(files) == count


def test_the_data_is_the_same_for_the_same_library(library):
    assert draft_data_files(library) == draft_data_files(library)


def test_config_comes_from_the_python_definitions(library):
    config = draft_config(library)
    assert [t["name"] for t in config["types"]] == [t.name for t in REPORT_TYPES]
    for entry in config["types"]:
        assert entry["kinds"] == [KINDS_BY_NAME[k].slug for k in kinds_of_type(entry["name"])]
    assert config["placeholder"] == PLACEHOLDER_PATTERN.pattern
    assert [f["name"] for f in config["fields"]] == [f.name for f in FIELDS]
    assert config["tags"] == [t.name for t in TAGS]
    total = sum(len(s.sections) for s in library.samples)
    assert sum(n for per_kind in config["counts"].values() for n in per_kind.values()) == total
    assert config["chunk"] == CHUNK and config["callback"] == DATA_CALLBACK


def test_page_carries_the_config_as_json_and_a_mount_point(library):
    body = draft_page_body(library)
    match = re.search(r'<div id="sz-qicao" [^>]*data-config="([^"]*)"', body.html)
    assert json.loads(unescape(match.group(1))) == draft_config(library)
    assert "<script" not in body.html  # Material's instant navigation would run it as JavaScript
    assert 'id="sz-qicao"' in body.html and body.title == "起草"


def test_every_sample_section_and_guide_example_offers_draft_and_the_report_offers_word(library):
    for sample in library.samples:
        page = sample_body(sample, ()).html
        assert page.count('data-sz-word="#report-text"') == 1
        for i, section in enumerate(sample.sections, start=1):
            button = re.search(rf'<button [^>]*data-sz-draft="#sec-{i}-text"[^>]*>加入草稿</button>', page).group(0)
            assert f'data-kind="{section.kind}"' in button and f'data-type="{sample.type}"' in button
            assert f'data-src="#sec-{i}"' in button and "sz-ui" in button
            assert unescape(re.search(r'data-title="([^"]*)"', button).group(1)) == sample.title
            here = guide_uri(KINDS_BY_NAME[section.kind])
            example = "\n".join(example_html(Example(sample, i, section), here))
            link = f"../../{sample.report_type.slug}/{sample.id}/#sec-{i}"
            assert f'data-sz-draft="#ex-{sample.id}-{i}"' in example and f'data-src="{link}"' in example


def test_a_hostile_title_stays_an_attribute():
    library = library_of(FIXTURE_LIBRARY)
    hostile = next(s for s in library.samples if "<script>" in s.title)
    page = sample_body(hostile, ()).html
    for button in re.findall(r"<button [^>]*data-sz-draft[^>]*>", page):
        assert "<script>" not in button and unescape(re.search(r'data-title="([^"]*)"', button).group(1)) == hostile.title


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("draft-build"), FIXTURE_LIBRARY)


def test_the_built_site_links_the_draft_page_from_every_page_and_keeps_it_out_of_search(built):
    pages = [p for p in built.rglob("*.html") if p.name != "404.html"]
    assert pages
    draft = (built / "qicao" / "index.html").resolve()
    for page in pages:
        links = re.findall(r'<a href="([^"]*)"[^>]*>\s*起草\s*</a>', page.read_text(encoding="utf-8"))
        assert links, page
        for link in links:
            assert (page.parent / link / "index.html").resolve() == draft, (page, link)
    assert (built / "qicao" / "index.html").exists()
    index = (built / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"qicao/"' not in index
    library = library_of(FIXTURE_LIBRARY)
    written = {str(p.relative_to(built)) for p in (built / DATA_DIR).rglob("*.js")}
    assert written == {f.path for f in draft_data_files(library)}


def test_pages_pay_only_for_the_small_page_script(built):
    """Issue 13's cost rule: the docx library, the Word layout and the draft tool
    load on first use; every page loads one small script and no stylesheet."""
    script = ASSETS / "javascripts" / "draft" / "page.js"
    assert script.stat().st_size <= PAGE_SCRIPT_BUDGET
    assert len(gzip.compress(script.read_bytes(), 6)) <= PAGE_SCRIPT_GZIP_BUDGET
    sample = library_of(FIXTURE_LIBRARY).samples[0]
    html = (built / sample_uri(sample).replace(".md", "/index.html")).read_text(encoding="utf-8")
    loaded = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert [u for u in loaded if "draft/" in u or "word/" in u or "vendor/docx" in u] == ["../../assets/javascripts/draft/page.js"]


def test_vendored_docx_is_the_pinned_build_with_its_licence():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "refresh_vendor.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    vendor = ASSETS / "javascripts" / "vendor" / "docx"
    assert "MIT" in (vendor / "LICENSE").read_text(encoding="utf-8")
    readme = (vendor / "README.md").read_text(encoding="utf-8")
    from refresh_vendor import DOCX_INTEGRITY, DOCX_VERSION, MINIFIED_SHA256
    assert f"docx {DOCX_VERSION}" in readme and DOCX_INTEGRITY in readme and MINIFIED_SHA256 in readme
    assert (vendor / "docx.min.js").read_text(encoding="utf-8").startswith(f"/*! docx {DOCX_VERSION} ")
