"""The examples block at the end of each section guide.

A guide page (docs/guides/<kind slug>.md, hand-written) ends with
``EXAMPLES_MARKER``; the hook replaces it with every section of that kind in
the library, grouped by report type. A new sample therefore shows up in the
guides without editing any guide. Past ``INLINE_EXAMPLES`` per type, the guide
links to a paged full list instead of growing without bound.
"""

from __future__ import annotations

from dataclasses import dataclass

from shuzhi.library.load import Library
from shuzhi.library.model import REPORT_TYPES, SECTION_KINDS, ReportType, SectionKind
from shuzhi.site.markup import COPY_SECTION_LABEL
from shuzhi.site.render import Example, HtmlBody, example_html, example_list_body
from shuzhi.site.paging import chunk, page_uris
from shuzhi.site.urls import GUIDES_DIR, guide_uri, link

EXAMPLES_MARKER = "<!-- shuzhi:examples -->"
INLINE_EXAMPLES = 10  # examples per report type shown on the guide page itself
LIST_PAGE_SIZE = 30  # examples per page of a full list
GUIDES_BY_URI = {guide_uri(k): k for k in SECTION_KINDS}


@dataclass(frozen=True)
class ExampleListPage:
    src_uri: str
    body: HtmlBody


def examples_of_kind(library: Library, kind: SectionKind) -> dict[str, list[Example]]:
    """Report type name -> examples of this kind, in library order; only types that have some."""
    grouped: dict[str, list[Example]] = {}
    for sample in library.samples:
        for i, section in enumerate(sample.sections, start=1):
            if section.kind == kind.name:
                grouped.setdefault(sample.type, []).append(Example(sample, i, section))
    return grouped


def render_examples(library: Library, kind: SectionKind) -> str:
    """Markdown replacing the marker on the guide page of ``kind``: per report
    type the first ``INLINE_EXAMPLES`` examples, and a link to the full list
    when there are more (so the guide page stays small as the library grows)."""
    here = guide_uri(kind)
    grouped = examples_of_kind(library, kind)
    total = sum(len(v) for v in grouped.values())
    lines = [f"## 范文里的“{kind.label}” {{ #examples }}", ""]
    if not total:
        return "\n".join(lines + ["范文库里暂时还没有这一部分的例子。", ""])
    lines += [f"范文库里共有 {total} 段，按报告类型分组。点标题可以看整篇范文，点“{COPY_SECTION_LABEL}”复制这一段的纯文本。", ""]
    for report_type in REPORT_TYPES:
        examples = grouped.get(report_type.name, [])
        if not examples:
            continue
        lines += [f"### {report_type.name}（{len(examples)} 段） {{ #examples-{report_type.slug} }}", ""]
        for ex in examples[:INLINE_EXAMPLES]:
            lines += example_html(ex, here) + [""]
        if len(examples) > INLINE_EXAMPLES:
            full = link(here, example_list_uris(kind, report_type, len(examples))[0])
            lines += [f"这里只列出前 {INLINE_EXAMPLES} 段，[查看{report_type.name}的全部 {len(examples)} 段]({full})。", ""]
    return "\n".join(lines)


def example_list_uris(kind: SectionKind, report_type: ReportType, count: int) -> list[str]:
    """Pages of the full example list of one kind and type: guides/<kind>/<type>/index.md, page-2.md …"""
    first = f"{GUIDES_DIR}/{kind.slug}/{report_type.slug}/index.md"
    return page_uris(first, -(-count // LIST_PAGE_SIZE))


def example_list_pages(library: Library) -> list[ExampleListPage]:
    """The full example lists, for every kind and type with more examples than the guide shows."""
    pages = []
    for kind in SECTION_KINDS:
        grouped = examples_of_kind(library, kind)
        for report_type in REPORT_TYPES:
            examples = grouped.get(report_type.name, [])
            if len(examples) <= INLINE_EXAMPLES:
                continue
            uris = example_list_uris(kind, report_type, len(examples))
            for n, (uri, part) in enumerate(zip(uris, chunk(examples, LIST_PAGE_SIZE))):
                body = example_list_body(kind, report_type, len(examples), part, uris, n)
                pages.append(ExampleListPage(uri, body))
    return pages


def fill_guide(markdown: str, src_uri: str, library: Library) -> str:
    """Replace the examples marker on a guide page; other pages are returned unchanged."""
    kind = GUIDES_BY_URI.get(src_uri)
    if kind is None or EXAMPLES_MARKER not in markdown:
        return markdown
    return markdown.replace(EXAMPLES_MARKER, render_examples(library, kind))
