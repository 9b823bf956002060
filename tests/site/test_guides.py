"""Unit tests of hooks/shuzhi/site/guides.py: guide examples are every section of
a kind, grouped by type, linked and copyable."""

import re

import pytest

from helpers import FIXTURE_LIBRARY, library_of
from shuzhi.site.guides import EXAMPLES_MARKER, examples_of_kind, fill_guide, render_coverage, render_examples
from shuzhi.library.load import Library
from shuzhi.library.model import KINDS_BY_NAME, REPORT_TYPES, SECTION_KINDS
from shuzhi.site.urls import guide_uri


@pytest.fixture(scope="module")
def library():
    return library_of(FIXTURE_LIBRARY)


def test_every_section_is_an_example_of_exactly_its_kind(library):
    seen = []
    for kind in SECTION_KINDS:
        for examples in examples_of_kind(library, kind).values():
            seen += [(ex.sample.id, ex.index) for ex in examples if ex.section.kind == kind.name]
    expected = [(s.id, i) for s in library.samples for i in range(1, len(s.sections) + 1)]
    assert sorted(seen) == sorted(expected)


def test_examples_grouped_in_report_type_order_with_anchor_links_and_copy_buttons(library):
    kind = KINDS_BY_NAME["主要工作"]
    page = render_examples(library, kind)
    headings = re.findall(r"^### (\S+)（", page, flags=re.M)
    assert headings == [t.name for t in REPORT_TYPES if library_has(library, t.name, kind.name)]
    for sample in library.samples:
        for i, section in enumerate(sample.sections, start=1):
            if section.kind == kind.name:
                link = f'href="../../{sample.report_type.slug}/{sample.id}/#sec-{i}"'
                assert link in page
                assert f'data-clipboard-target="#ex-{sample.id}-{i}"' in page
                assert f'id="ex-{sample.id}-{i}"' in page


def library_has(library, type_name, kind_name):
    return any(s.kind == kind_name for x in library.by_type(type_name) for s in x.sections)


def test_fill_guide_only_touches_guide_pages_with_the_marker(library):
    page = f"# 怎样写\n\n正文\n\n{EXAMPLES_MARKER}\n"
    filled = fill_guide(page, guide_uri(KINDS_BY_NAME["存在问题"]), library)
    assert EXAMPLES_MARKER not in filled and filled.startswith("# 怎样写\n\n正文\n\n## ")
    assert fill_guide(page, "guides/index.md", library) == page
    assert fill_guide(page, "cunshuji/index.md", library) == page


def test_kind_without_examples_says_so():
    assert "暂时还没有" in render_examples(Library(()), KINDS_BY_NAME["原因分析"])


def test_a_section_is_called_jie_everywhere_in_the_examples(library):
    """One word for one thing: a sample's section is a 节, as on the sample page (“复制本节”)."""
    kind = KINDS_BY_NAME["主要工作"]
    page = render_examples(library, kind)
    total = sum(len(v) for v in examples_of_kind(library, kind).values())
    assert f"范文库里共有 {total} 节“{kind.label}”" in page
    assert re.findall(r"^### \S+（\d+ 节）", page, flags=re.M)
    ours = "\n".join(line for line in page.splitlines() if not line.startswith('<div class="sz-'))  # not sample text
    assert not re.search(r"\d+ 段|片段|这一段", ours)
    coverage = render_coverage(library)
    assert "节数" in coverage and not re.search(r"几段|\d+ 段|片段", coverage)
