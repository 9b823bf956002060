"""Tests of hooks/shuzhi/site/paging.py and its use in pages.py, render.py and
guides.py: long listings are paged, so no generated page grows with the library."""

import dataclasses
import re

import pytest
from mkdocs.utils.meta import get_data

from helpers import FIXTURE_LIBRARY, ROOT, library_of
from shuzhi.site.guides import INLINE_EXAMPLES, LIST_PAGE_SIZE, render_examples
from shuzhi.library.load import Library, LibraryError
from shuzhi.library.model import REPORT_TYPES, SECTION_KINDS
from shuzhi.site.pages import TYPE_PAGE_SIZE, plan_site
from shuzhi.site.render import pager
from shuzhi.site.paging import chunk, page_uris

COPIES = 40  # fixture samples x 40: every type and kind overflows its first page


@pytest.fixture(scope="module")
def big_library():
    base = library_of(FIXTURE_LIBRARY).samples
    samples = [dataclasses.replace(s, id=f"{s.id}-{n}") for n in range(COPIES) for s in base]
    return Library(tuple(sorted(samples, key=lambda s: ([t.name for t in REPORT_TYPES].index(s.type), s.id))))


@pytest.fixture(scope="module")
def plan(big_library):
    return plan_site(big_library)


def test_chunk_and_uris():
    assert chunk([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    assert chunk([], 3) == [[]]
    assert page_uris("zhucun/index.md", 3) == ["zhucun/index.md", "zhucun/page-2.md", "zhucun/page-3.md"]


def test_pager_links_every_page_relative_to_the_current_one():
    uris = page_uris("guides/wenti/cunshuji/index.md", 3)
    line = pager(uris, 1)
    assert '<a href="../">上一页</a>' in line and "<strong>2</strong>" in line
    assert '<a href="../page-3/">3</a>' in line and '<a href="../page-3/">下一页</a>' in line
    assert pager(uris[:1], 0) == ""


def test_every_sample_is_listed_once_across_its_type_pages(plan, big_library):
    for report_type in REPORT_TYPES:
        pages = [p for p in plan.pages if p.src_uri.startswith(f"{report_type.slug}/")
                 and (p.src_uri.endswith("index.md") or "/page-" in p.src_uri)]
        listed = []
        for page in pages:
            cards = re.findall(r'<div class="sz-card__title"><a href="(?:\.\./)?([^"#]+)/">', page.body.html)
            assert len(cards) <= TYPE_PAGE_SIZE
            listed += cards
        expected = [s.id for s in big_library.by_type(report_type.name)]
        assert sorted(listed) == sorted(expected)
        assert [p.in_nav for p in pages] == [True] + [False] * (len(pages) - 1)


def test_guides_show_a_bounded_number_and_link_the_full_lists(plan, big_library):
    for kind in SECTION_KINDS:
        guide = render_examples(big_library, kind)
        assert guide.count('class="sz-example"') <= INLINE_EXAMPLES * len(REPORT_TYPES)
        lists = [p for p in plan.pages if p.src_uri.startswith(f"guides/{kind.slug}/")]
        seen = []
        for page in lists:
            found = re.findall(r'data-clipboard-target="#(ex-[^"]+)"', page.body.html)
            assert len(found) <= LIST_PAGE_SIZE
            assert get_data(page.content)[1]["search"] == {"exclude": True}
            assert not page.in_nav
            seen += found
        expected = [f"ex-{s.id}-{i}" for s in big_library.samples
                    for i, sec in enumerate(s.sections, start=1) if sec.kind == kind.name]
        # Every section of the kind sits on exactly one page of its full list
        # when the guide cannot show them all.
        overflowing = {s.type for s in big_library.samples for sec in s.sections if sec.kind == kind.name}
        if overflowing:
            assert sorted(seen) == sorted(expected)
            for report_type in REPORT_TYPES:
                if report_type.name in overflowing:
                    assert f"({kind.slug}/{report_type.slug}/index.md)" in guide


