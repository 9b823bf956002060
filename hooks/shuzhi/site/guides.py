"""What the library adds to the hand-written guides: the examples block at
the end of each section guide, and the coverage table on the overview.

A guide page (docs/guides/<kind slug>.md, hand-written) ends with
``EXAMPLES_MARKER``; the hook replaces it with every section of that kind in
the library, grouped by report type. A new sample therefore shows up in the
guides without editing any guide. Past ``INLINE_EXAMPLES`` per type, the guide
links to a paged full list instead of growing without bound.

The overview (guides/index.md) carries ``COVERAGE_MARKER``: a type × section
table of example counts, so readers and curators see where the library is thin.
"""

from __future__ import annotations

from dataclasses import dataclass

from shuzhi.library.load import Library
from shuzhi.library.model import REPORT_TYPES, SECTION_KINDS, ReportType, SectionKind
from shuzhi.site.markup import COPY_SECTION_LABEL
from shuzhi.site.render import Example, HtmlBody, example_html, example_list_body
from shuzhi.site.paging import chunk, page_uris
from shuzhi.site.urls import GUIDES_DIR, GUIDES_INDEX_URI, guide_uri, href, link

EXAMPLES_MARKER = "<!-- shuzhi:examples -->"
COVERAGE_MARKER = "<!-- shuzhi:coverage -->"
THIN_BELOW = 3  # fewer examples than this in a cell is shown as thin
# The parts each report type is written in (DESIGN.md section 2); a 整顿 report
# has no 学习与思想, the others no 主要表现/原因分析/整顿措施.
KINDS_OF_TYPE = {
    "软弱涣散整顿": ("开头", "主要表现", "原因分析", "整顿措施", "成效", "存在问题", "下一步打算", "结尾"),
}
USUAL_KINDS = ("开头", "学习与思想", "主要工作", "成效", "存在问题", "下一步打算", "结尾")
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
    lines += [f"范文库里共有 {total} 节“{kind.label}”，按报告类型分组。点标题可以看整篇范文，点“{COPY_SECTION_LABEL}”复制这一节的纯文本。", ""]
    for report_type in REPORT_TYPES:
        examples = grouped.get(report_type.name, [])
        if not examples:
            continue
        lines += [f"### {report_type.name}（{len(examples)} 节） {{ #examples-{report_type.slug} }}", ""]
        for ex in examples[:INLINE_EXAMPLES]:
            lines += example_html(ex, here) + [""]
        if len(examples) > INLINE_EXAMPLES:
            full = link(here, example_list_uris(kind, report_type, len(examples))[0])
            lines += [f"这里只列出前 {INLINE_EXAMPLES} 节，[查看{report_type.name}的全部 {len(examples)} 节]({full})。", ""]
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


def kinds_of_type(type_name: str) -> tuple[str, ...]:
    """The section kinds a report of this type usually has, in reading order."""
    return KINDS_OF_TYPE.get(type_name, USUAL_KINDS)


def render_coverage(library: Library) -> str:
    """HTML table: for each section kind (rows) and report type (columns), how
    many examples the library has, each count linked to where they are listed."""
    counts: dict[tuple[str, str], int] = {}
    for sample in library.samples:
        for section in sample.sections:
            counts[sample.type, section.kind] = counts.get((sample.type, section.kind), 0) + 1
    here = GUIDES_INDEX_URI
    head = "".join(f'<th scope="col">{t.name}</th>' for t in REPORT_TYPES)
    rows = []
    for k in SECTION_KINDS:
        cells = []
        for t in REPORT_TYPES:
            n = counts.get((t.name, k.name), 0)
            if k.name not in kinds_of_type(t.name) and not n:
                cells.append('<td class="sz-cov-na" title="这类报告一般没有这一部分">—</td>')
                continue
            thin = ' class="sz-cov-thin" title="例子还少"' if n < THIN_BELOW else ""
            shown = f'<a href="{href(here, guide_uri(k), f"examples-{t.slug}")}">{n}</a>' if n else "0"
            cells.append(f"<td{thin}>{shown}</td>")
        rows.append(f'<tr><th scope="row"><a href="{href(here, guide_uri(k))}">{k.name}</a></th>{"".join(cells)}</tr>')
    totals = "".join(
        f"<td>{len(library.by_type(t.name))} 篇<span class=\"sz-cov-sub\">完整 "
        f"{sum(1 for s in library.by_type(t.name) if s.is_complete)} 篇</span></td>" for t in REPORT_TYPES)
    return ("\n".join([
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table sz-coverage" data-search-exclude="">',
        f'<table><thead><tr><th scope="col">部分</th>{head}</tr></thead>',
        "<tbody>", *rows, "</tbody>",
        f'<tfoot><tr><th scope="row">范文</th>{totals}</tr></tfoot></table></div></div>',
    ]) + "\n\n"
        f"表中数字是范文库里这类报告中属于这一部分的节数，点数字直接看；标黄的格子不到 {THIN_BELOW} 节，"
        "“—”表示这类报告一般不写这一部分。\n")


def fill_guide(markdown: str, src_uri: str, library: Library) -> str:
    """Replace the markers on guide pages; other pages are returned unchanged."""
    if src_uri == GUIDES_INDEX_URI and COVERAGE_MARKER in markdown:
        return markdown.replace(COVERAGE_MARKER, render_coverage(library))
    kind = GUIDES_BY_URI.get(src_uri)
    if kind is None or EXAMPLES_MARKER not in markdown:
        return markdown
    return markdown.replace(EXAMPLES_MARKER, render_examples(library, kind))
