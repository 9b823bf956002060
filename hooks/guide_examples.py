"""The examples block at the end of each section guide.

A guide page (docs/guides/<kind slug>.md, hand-written) ends with
``EXAMPLES_MARKER``; the hook replaces it with every section of that kind in
the library, grouped by report type. A new sample therefore shows up in the
guides without editing any guide. Past ``INLINE_EXAMPLES`` per type, the guide
links to a paged full list instead of growing without bound.
"""

from __future__ import annotations

from dataclasses import dataclass

from sample_library import Library
from sample_model import REPORT_TYPES, SECTION_KINDS, ReportType, Sample, Section, SectionKind, section_length
from section_markup import COPY_SECTION_LABEL, copy_button, line_div, literal_link
from site_paging import chunk, page_uris, pager
from site_urls import GUIDES_DIR, guide_uri, link, sample_uri, section_anchor

EXAMPLES_MARKER = "<!-- shuzhi:examples -->"
INLINE_EXAMPLES = 10  # examples per report type shown on the guide page itself
LIST_PAGE_SIZE = 30  # examples per page of a full list
GUIDES_BY_URI = {guide_uri(k): k for k in SECTION_KINDS}


@dataclass(frozen=True)
class ExampleListPage:
    src_uri: str
    title: str
    body: str  # Markdown without front matter


@dataclass(frozen=True)
class Example:
    sample: Sample
    index: int  # 1-based position of the section in its sample (its anchor is sec-<index>)
    section: Section


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
            lines += example_block(ex, here)
        if len(examples) > INLINE_EXAMPLES:
            full = link(here, example_list_uris(kind, report_type, len(examples))[0])
            lines += [f"这里只列出前 {INLINE_EXAMPLES} 段，[查看{report_type.name}的全部 {len(examples)} 段]({full})。", ""]
    return "\n".join(lines)


def example_block(ex: Example, here: str) -> list[str]:
    """One example: its sample's title linked to the section, its length, a copy button and the text."""
    target_id = f"ex-{ex.sample.id}-{ex.index}"
    href = link(here, sample_uri(ex.sample), section_anchor(ex.index))
    return [
        # Not search content: the copy would double every hit; search
        # leads to the section on its sample page (see phrase_search_extract).
        '<div class="sz-example" data-search-exclude="" markdown>',
        f'<div class="sz-example__meta" markdown="span">{literal_link(ex.sample.title, href)}'
        f'<span class="sz-len">{section_length(ex.section)} 字</span>'
        f'{copy_button(target_id, COPY_SECTION_LABEL, "复制这一段的纯文本")}</div>',
        f'<div class="sz-example__text" id="{target_id}" markdown>',
        *([line_div(ex.section.heading, "sz-hline")] if ex.section.heading else []),
        *[line_div(p, "sz-p") for p in ex.section.paragraphs],
        "</div>",
        "</div>",
        "",
    ]


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
                title = f"“{kind.label}”范文：{report_type.name}"
                nav = pager(uris, n)
                lines = [
                    f"# {title}",
                    "",
                    f"{report_type.name}报告里的“{kind.label}”共 {len(examples)} 段。"
                    f"写法见[怎样写“{kind.label}”]({link(uri, guide_uri(kind))})。",
                    "",
                    nav,
                    "",
                ]
                for ex in part:
                    lines += example_block(ex, uri)
                lines += [nav, ""]
                pages.append(ExampleListPage(uri, title if n == 0 else f"{title}（第 {n + 1} 页）", "\n".join(lines)))
    return pages


def fill_guide(markdown: str, src_uri: str, library: Library) -> str:
    """Replace the examples marker on a guide page; other pages are returned unchanged."""
    kind = GUIDES_BY_URI.get(src_uri)
    if kind is None or EXAMPLES_MARKER not in markdown:
        return markdown
    return markdown.replace(EXAMPLES_MARKER, render_examples(library, kind))
