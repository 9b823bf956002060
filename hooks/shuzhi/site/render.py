"""HTML bodies of the generated pages that grow with the library: sample pages,
type indexes and the full example lists of the guides.

These pages skip Markdown. Their source file holds only front matter; the hook
swaps the rendered body for this HTML (on_page_content) and hands MkDocs the
table of contents and anchor ids from here. Rendering the same pages through
Python-Markdown (md_in_html, escaped text) was half of the build time at 1,000
samples (see BENCHMARKS.md), and nothing in them needs Markdown: the text must
be shown literally anyway. Links are relative directory URLs from
``urls.href``; the build tests check that every one of them resolves.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Sequence

from shuzhi.library.model import (
    KINDS_BY_NAME, NOTE_OPENING_MISSING, NOTE_TITLE_MISMATCH, NOTE_TRUNCATED, ReportType, Sample, Section,
    SectionKind, sample_length, section_length,
)
from shuzhi.site.markup import (
    COPY_ALL_LABEL, COPY_SECTION_LABEL, UI_CLASS, copy_button, guide_link, heading, line_div, literal_link,
    section_body, section_heading,
)
from shuzhi.search.extract import Section as SearchSection, clean_text
from shuzhi.site.related import Related
from shuzhi.site.urls import HOME_URI, guide_uri, href, sample_uri, section_anchor, type_uri
from shuzhi.site.escape import html_marked
from shuzhi.site.actions import draft_button, word_button

REPORT_TEXT_ID = "report-text"  # copy target for the whole report
TITLE_ID = "title"
AFTER_CLASS = "sz-after"  # related samples and provenance: read on screen, not printed with the report
CONTENTS_CLASS = "sz-contents"  # the sample's own contents list (reading.js also opens it from a button)
RELATED_ID = "related"
SOURCE_ID = "source"
RELATED_HEADING = "相关范文"
SOURCE_HEADING = "出处与整理说明"

# How a curator flag reads on the page: a short label, and what it means.
NOTE_EXPLAINED = {
    NOTE_TRUNCATED: ("后文缺失", "原网页只公开了前面一部分，后面的内容没有公开，所以这篇不完整。"),
    NOTE_OPENING_MISSING: ("缺开头", "原网页上这篇缺了开头部分。"),
    NOTE_TITLE_MISMATCH: ("标题", "原网页给这篇的标题与正文对不上，本站按正文重拟了标题。"),
}
# What the text lacks is a badge beside the title. A mismatched original
# title is not: beside the title we wrote it read as our own mistake, so it
# is told only under 出处与整理说明.
NOTE_BADGES = {note: NOTE_EXPLAINED[note] for note in (NOTE_TRUNCATED, NOTE_OPENING_MISSING)}
COMPLETE_BADGE = ("完整", "从称谓到结尾，是一篇完整的报告。")
ORIGINAL_BADGE = ("本站撰写", "本站按写作指南撰写的范文，不出自任何网页；人名、地名和数字都留作待填写处。")


@dataclass(frozen=True)
class TocItem:
    level: int
    id: str
    name: str  # HTML-escaped text, as Markdown's toc extension gives it
    children: tuple["TocItem", ...] = ()

    def as_token(self) -> dict:
        """The dict shape of Markdown's ``toc_tokens``, which MkDocs turns into ``page.toc``."""
        return {"level": self.level, "id": self.id, "name": self.name,
                "children": [c.as_token() for c in self.children]}


@dataclass(frozen=True)
class HtmlBody:
    title: str  # plain text, for the page's front matter
    html: str
    toc: tuple[TocItem, ...]
    anchors: frozenset[str]  # ids links may point at (MkDocs validates anchors against them)
    # What search.extract would find in ``html``, known from the data
    # (None: let the index parse the HTML). A test checks the two agree.
    search_sections: tuple[SearchSection, ...] | None = None


@dataclass(frozen=True)
class Example:
    sample: Sample
    index: int  # 1-based position of the section in its sample (its anchor is sec-<index>)
    section: Section


def badges(sample: Sample) -> str:
    """Whether the report is whole (or what it lacks), and whether we wrote it."""
    shown = [COMPLETE_BADGE] if sample.is_complete else []
    shown += [NOTE_BADGES[n] for n in sample.notes if n in NOTE_BADGES]
    if sample.source.is_original:
        shown.append(ORIGINAL_BADGE)
    return "".join(
        f'<span class="sz-badge{" sz-badge--ok" if (label, hint) == COMPLETE_BADGE else ""}" title="{hint}">{label}</span>'
        for label, hint in shown
    )


def sample_body(sample: Sample, related: tuple[Related, ...]) -> HtmlBody:
    here = sample_uri(sample)
    report_type = sample.report_type
    title = html.escape(sample.title, quote=False)
    lines = [
        f'<nav class="sz-crumbs" aria-label="位置" data-search-exclude="">'
        f'<a href="{href(here, HOME_URI)}">首页</a> › <a href="{href(here, type_uri(report_type))}">{report_type.name}</a></nav>',
        # The whole report is one copy target: title, then sections; the meta
        # block, contents list, buttons and supplied headings inside it are hidden while copying.
        f'<div class="sz-report" id="{REPORT_TEXT_ID}">',
        heading(1, TITLE_ID, html_marked(sample.title)),
        f'<div class="sz-meta {UI_CLASS}" data-search-exclude="">'
        f'{report_type.name} · {sample_length(sample)} 字 · {len(sample.sections)} 节{badges(sample)}'
        # The buttons in one group, so on a narrow screen they wrap together.
        f'<span class="sz-meta__actions">{copy_button(REPORT_TEXT_ID, COPY_ALL_LABEL, "复制整篇报告的纯文本")}'
        f'{word_button(REPORT_TEXT_ID)}</span></div>',
    ]
    toc_sections = [
        TocItem(2, section_anchor(i), html.escape(s.heading or KINDS_BY_NAME[s.kind].label, quote=False))
        for i, s in enumerate(sample.sections, start=1)
    ]
    extra_toc = ([TocItem(2, RELATED_ID, RELATED_HEADING)] if related else []) + [TocItem(2, SOURCE_ID, SOURCE_HEADING)]
    if len(sample.sections) > 1:
        lines.append(contents_html(toc_sections, extra_toc))
    for i, section in enumerate(sample.sections, start=1):
        anchor = section_anchor(i)
        guide = href(here, guide_uri(KINDS_BY_NAME[section.kind]))
        lines += [
            f'<div class="sz-section" id="{anchor}-text">',
            section_heading(section, anchor),
            f'<div class="sz-tools {UI_CLASS}" data-search-exclude="">{guide_link(section, guide)}'
            f'{copy_button(anchor + "-text", COPY_SECTION_LABEL, "复制这一节的纯文本")}'
            f'{draft_button(anchor + "-text", sample, i, "#" + anchor)}</div>',
            *section_body(section),
            "</div>",
        ]
    lines.append("</div>")
    if related:
        lines += related_html(here, related)
    lines += provenance_html(here, sample)
    toc = (TocItem(1, TITLE_ID, title, tuple(toc_sections + extra_toc)),)
    anchors = {TITLE_ID, REPORT_TEXT_ID} | {t.id for t in toc_sections + extra_toc} | {f"{t.id}-text" for t in toc_sections}
    search = (SearchSection(TITLE_ID, clean_text(sample.title), ()),) + tuple(
        SearchSection(section_anchor(i), clean_text(s.heading or KINDS_BY_NAME[s.kind].label),
                      tuple(clean_text(p) for p in s.paragraphs))
        for i, s in enumerate(sample.sections, start=1)
    )  # related samples and provenance are marked data-search-exclude
    return HtmlBody(sample.title, "\n".join(lines) + "\n", toc, frozenset(anchors), search)


def contents_html(sections: list[TocItem], extra: list[TocItem]) -> str:
    """The sample's contents, folded under the title.

    On a phone the sidebar table of contents is not shown and sample pages are
    not in the menu, so without this a long report has no way to its later
    sections. Plain HTML: it works without script and after instant navigation.
    """
    items = "".join(f'<li><a href="#{t.id}">{t.name}</a></li>' for t in sections)
    more = "".join(f'<li><a href="#{t.id}">{t.name}</a></li>' for t in extra)
    return (f'<nav class="{CONTENTS_CLASS} {UI_CLASS}" aria-label="目录" data-search-exclude="">'
            f'<details><summary>目录<span class="sz-contents__count">共 {len(sections)} 节</span></summary>'
            f'<ul class="sz-contents__sections">{items}</ul>'
            f'<ul class="sz-contents__more">{more}</ul></details></nav>')


def related_html(here: str, related: tuple[Related, ...]) -> list[str]:
    # Excluded from search (the whole section, heading included): other
    # samples' titles and shared tags are not this report's text.
    lines = [heading(2, RELATED_ID, RELATED_HEADING, AFTER_CLASS, ' data-search-exclude=""'), f'<ul class="{AFTER_CLASS}">']
    for r in related:
        why = [r.sample.type] + ([f"都涉及{'、'.join(r.shared_tags)}"] if r.shared_tags else [])
        lines.append(f'<li>{literal_link(r.sample.title, href(here, sample_uri(r.sample)))}'
                     f'<span class="sz-why">{html.escape("；".join(why), quote=False)}</span></li>')
    return lines + ["</ul>"]


def provenance_html(here: str, sample: Sample) -> list[str]:
    """Where the text came from, in readers' words, and what the curator changed."""
    src = sample.source
    esc = lambda text: html.escape(text, quote=False)  # noqa: E731
    lines = [heading(2, SOURCE_ID, SOURCE_HEADING, AFTER_CLASS, ' data-search-exclude=""'),  # not report text
             f'<ul class="{AFTER_CLASS}">']
    if src.is_original:
        lines.append(f"<li>出处：{ORIGINAL_BADGE[1]}</li>")
    else:
        origin = f"，原标题“{esc(src.title)}”" if src.title else ""
        lines.append(f"<li>出处：整理自文档分享网站上公开的一篇范文{origin}。"
                     "本站去掉了广告和网站附加的文字，订正了明显的错字。</li>")
    for note in sample.notes:
        known = NOTE_EXPLAINED.get(note)
        lines.append(f"<li>{known[0]}：{known[1]}</li>" if known else f"<li>整理说明：{esc(note)}</li>")
    return lines + ["</ul>"]


def type_index_body(report_type: ReportType, total: int, samples: Sequence[Sample],
                    uris: Sequence[str], current: int) -> HtmlBody:
    here = uris[current]
    title = f"{report_type.name}述职报告" + (f"（第 {current + 1} 页）" if current else "")
    nav = pager(uris, current)
    lines = [heading(1, TITLE_ID, title), f"<p>{report_type.summary}共 {total} 篇。</p>"]
    # What search.extract would find (the filter, pager, counts and tags are excluded):
    # parsing 200 listing pages of a 10,000-sample library took seconds.
    searched = [clean_text(f"{report_type.summary}共 {total} 篇。")]
    if not samples:
        lines.append("<p>这一类还没有范文。</p>")
        searched.append("这一类还没有范文。")
    elif any(not s.is_complete for s in samples):
        # A static filter: the stylesheet hides excerpts while the box is ticked.
        complete = sum(1 for s in samples if s.is_complete)
        lines.append(f'<p class="sz-filter" data-search-exclude=""><label><input type="checkbox" id="sz-only-complete"> '
                     f'只看完整的报告（本页 {complete} 篇；完整的排在前面）</label></p>')
    lines.append(nav)
    for sample in samples:
        page = sample_uri(sample)
        searched.append(clean_text(sample.title))
        lines += [
            f'<div class="sz-card" data-complete="{"yes" if sample.is_complete else "no"}">',
            f'<div class="sz-card__title">{literal_link(sample.title, href(here, page))}</div>',
            # Counts, badges and tag chips are interface, not text to search.
            f'<div class="sz-card__meta" data-search-exclude="">{sample_length(sample)} 字 · {len(sample.sections)} 节{badges(sample)}</div>',
            "<ol>",
        ]
        for i, section in enumerate(sample.sections, start=1):
            shown = section.heading or KINDS_BY_NAME[section.kind].label
            lines.append(f"<li>{literal_link(shown, href(here, page, section_anchor(i)))}</li>")
            searched.append(clean_text(shown))
        lines.append("</ol>")
        if sample.tags:
            tags = "".join(f'<span class="sz-tag">{html.escape(t, quote=False)}</span>' for t in sample.tags)
            lines.append(f'<div class="sz-card__tags" data-search-exclude="">{tags}</div>')
        lines.append("</div>")
    lines.append(nav)
    search = (SearchSection(TITLE_ID, clean_text(title), tuple(t for t in searched if t)),)
    return HtmlBody(title, "\n".join(lines) + "\n", (TocItem(1, TITLE_ID, title),), frozenset({TITLE_ID}), search)


def example_html(ex: Example, here: str) -> list[str]:
    """One guide example: its sample's title linked to the section, its length,
    a copy button and the text. Raw HTML without blank lines, so it can also sit
    in a Markdown page as one HTML block."""
    target_id = f"ex-{ex.sample.id}-{ex.index}"
    link = href(here, sample_uri(ex.sample), section_anchor(ex.index))
    return [
        # Not search content: the copy would double every hit; search
        # leads to the section on its sample page (see search/extract.py).
        '<div class="sz-example" data-search-exclude="">',
        f'<div class="sz-example__meta">{literal_link(ex.sample.title, link)}'
        f'<span class="sz-len">{section_length(ex.section)} 字</span>'
        f'{copy_button(target_id, COPY_SECTION_LABEL, "复制这一节的纯文本")}'
        f'{draft_button(target_id, ex.sample, ex.index, link)}</div>',
        f'<div class="sz-example__text" id="{target_id}">',
        *([line_div(ex.section.heading, "sz-hline")] if ex.section.heading else []),
        *section_body(ex.section),
        "</div>",
        "</div>",
    ]


def example_list_body(kind: SectionKind, report_type: ReportType, total: int, examples: Sequence[Example],
                      uris: Sequence[str], current: int) -> HtmlBody:
    here = uris[current]
    title = f"“{kind.label}”范文：{report_type.name}" + (f"（第 {current + 1} 页）" if current else "")
    nav = pager(uris, current)
    lines = [
        heading(1, TITLE_ID, title),
        f"<p>{report_type.name}报告里的“{kind.label}”共 {total} 节。"
        f'写法见<a href="{href(here, guide_uri(kind))}">怎样写“{kind.label}”</a>。</p>',
        nav,
    ]
    for ex in examples:
        lines += example_html(ex, here)
    lines.append(nav)
    anchors = {TITLE_ID} | {f"ex-{ex.sample.id}-{ex.index}" for ex in examples}
    return HtmlBody(title, "\n".join(lines) + "\n", (TocItem(1, TITLE_ID, html.escape(title, quote=False)),), frozenset(anchors))


def pager(uris: Sequence[str], current: int) -> str:
    """Links to every page of a listing, or "" for a one-page listing."""
    if len(uris) < 2:
        return ""
    here = uris[current]
    parts = []
    if current > 0:
        parts.append(f'<a href="{href(here, uris[current - 1])}">上一页</a>')
    for i, uri in enumerate(uris):
        parts.append(f"<strong>{i + 1}</strong>" if i == current else f'<a href="{href(here, uri)}">{i + 1}</a>')
    if current < len(uris) - 1:
        parts.append(f'<a href="{href(here, uris[current + 1])}">下一页</a>')
    return (f'<nav class="sz-pager" aria-label="分页" data-search-exclude="">'
            f'第 {current + 1}/{len(uris)} 页：' + " ".join(parts) + "</nav>")
