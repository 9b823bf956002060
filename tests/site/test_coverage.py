"""Unit tests of the coverage table that hooks/shuzhi/site/guides.py puts on
the guides overview: counts per type and section kind, thin cells marked."""

import re

import pytest

from helpers import FIXTURE_LIBRARY, library_of
from shuzhi.library.model import REPORT_TYPES, SECTION_KINDS
from shuzhi.site.guides import COVERAGE_MARKER, THIN_BELOW, fill_guide, kinds_of_type, render_coverage
from shuzhi.site.urls import GUIDES_INDEX_URI


@pytest.fixture(scope="module")
def library():
    return library_of(FIXTURE_LIBRARY)


def cells(html: str) -> dict[str, list[str]]:
    """Row label -> the text of its four type cells."""
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html):
        label = re.search(r'<th scope="row">(?:<a [^>]*>)?([^<]+)', row)
        if label:
            rows[label.group(1)] = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    return rows


def test_counts_match_the_library(library):
    rows = cells(render_coverage(library))
    for kind in SECTION_KINDS:
        for t, shown in zip(REPORT_TYPES, rows[kind.name]):
            n = sum(1 for s in library.by_type(t.name) for sec in s.sections if sec.kind == kind.name)
            assert shown == (str(n) if n or kind.name in kinds_of_type(t.name) else "—"), (kind.name, t.name)
    assert rows["范文"][0].startswith(f"{len(library.by_type('村书记'))} 篇")


def test_thin_cells_are_marked_and_counts_link_to_the_examples(library):
    html = render_coverage(library)
    for cell in re.findall(r"<td[^>]*>.*?</td>", html):
        count = re.sub(r"<[^>]+>", "", cell)
        if count.isdigit():
            assert ("sz-cov-thin" in cell) == (int(count) < THIN_BELOW)
            assert (int(count) > 0) == ('href="' in cell)
    assert 'href="gongzuo/#examples-cunshuji"' in html


def test_marker_is_filled_on_the_overview_only(library):
    page = f"# 总览\n\n{COVERAGE_MARKER}\n"
    assert "sz-coverage" in fill_guide(page, GUIDES_INDEX_URI, library)
    assert fill_guide(page, "guides/kaitou.md", library) == page
