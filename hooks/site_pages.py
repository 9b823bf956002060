"""Markdown for the generated pages: home, one index per report type, one page per sample.

Nothing here imports mkdocs: ``plan_site`` returns plain (src_uri, content)
records and the hook turns them into virtual files. Links are relative
Markdown links between source paths, so a strict build checks every one of
them, anchors included.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass

import yaml

from sample_library import Library, LibraryError, Problem
from sample_model import (
    KINDS_BY_NAME, NOTE_OPENING_MISSING, NOTE_TITLE_MISMATCH, NOTE_TRUNCATED, REPORT_TYPES,
    ReportType, Sample, sample_length,
)
from section_markup import (
    COPY_ALL_LABEL, COPY_SECTION_LABEL, UI_CLASS, copy_button, literal_link, section_body,
    section_heading,
)
from guide_examples import example_list_pages
from site_paging import PAGE_NAME, chunk, page_uris, pager
from site_related import Related, related_samples
from site_urls import (
    GUIDES_INDEX_URI, HOME_URI, TAGS_URI, guide_uri, link, sample_uri, section_anchor, source_uri,
    type_uri,
)
from text_escape import md_literal, md_marked

SITE_TITLE = "村级述职报告范文参考"
REPORT_TEXT_ID = "report-text"  # copy target for the whole report
TAGS_LISTING_MARKER = "<!-- material/tags -->"  # Material's tags plugin fills this in

# What a curator flag means, shown as the badge's tooltip.
NOTE_HINTS = {
    NOTE_TRUNCATED: "原网页只公开了前面一部分，后文缺失。",
    NOTE_TITLE_MISMATCH: "原网页的标题与正文内容对不上，请以正文为准。",
    NOTE_OPENING_MISSING: "原文的开头部分缺失。",
}


@dataclass(frozen=True)
class VirtualPage:
    src_uri: str  # path the page pretends to have inside docs/
    content: str
    in_nav: bool = True  # False: reached through links only (samples, later pages of a listing)


@dataclass(frozen=True)
class SourceCopy:
    src_uri: str  # where the sample's YAML is published
    abs_path: str  # the YAML file on disk


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[VirtualPage, ...]
    sources: tuple[SourceCopy, ...]
    sample_by_uri: dict[str, Sample]  # sample page src_uri -> sample


def front_matter(title: str, tags: tuple[str, ...] | None = None, searchable: bool = True) -> str:
    """YAML front matter. Material prints ``page.title`` into the HTML without
    escaping (<title>, header, tag listings), so the title goes in HTML-escaped."""
    fields: dict[str, object] = {"title": html.escape(title, quote=False)}
    if tags is not None:
        fields["tags"] = list(tags)
    # Generated pages are not in the nav (samples) or alone in their tab, so the
    # left sidebar would be empty: give the width to the text instead.
    fields["hide"] = ["navigation"]
    if not searchable:
        fields["search"] = {"exclude": True}  # Material's own per-page switch
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n\n"


def badge(note: str) -> str:
    hint = NOTE_HINTS.get(note)
    if hint is None:
        return ""
    return f'<span class="sz-badge" title="{hint}">{note}</span>'


def badges(sample: Sample) -> str:
    return "".join(badge(n) for n in sample.notes)


def plan_site(library: Library, root_dir: str) -> SitePlan:
    """Every generated page and published YAML copy, in a fixed order."""
    reserved = [s for s in library.samples if s.id == "index" or PAGE_NAME.match(s.id)]
    if reserved:
        raise LibraryError([
            Problem(s.path, "id", f"“{s.id}”是类型目录页（或其分页）的保留名，请换一个 id") for s in reserved
        ])
    related = related_samples(library.samples)
    pages = [VirtualPage(HOME_URI, render_home(library)), VirtualPage(TAGS_URI, render_tags_page())]
    for t in REPORT_TYPES:
        pages += render_type_pages(library, t)
    pages += [
        VirtualPage(p.src_uri, front_matter(p.title, searchable=False) + p.body, in_nav=False)
        for p in example_list_pages(library)
    ]
    by_uri = {}
    for sample in library.samples:
        uri = sample_uri(sample)
        by_uri[uri] = sample
        pages.append(VirtualPage(uri, render_sample(sample, related[sample.id]), in_nav=False))
    sources = tuple(SourceCopy(source_uri(s), posixpath.join(root_dir, s.path)) for s in library.samples)
    return SitePlan(tuple(pages), sources, by_uri)


def render_home(library: Library) -> str:
    total = len(library.samples)
    type_lines = []
    for t in REPORT_TYPES:
        count = len(library.by_type(t.name))
        type_lines.append(f"- [**{t.name}**]({link(HOME_URI, type_uri(t))})（{count} 篇）：{t.summary}")
    guides = link(HOME_URI, GUIDES_INDEX_URI)
    return front_matter(SITE_TITLE) + "\n".join([
        f"# {SITE_TITLE}",
        "",
        "这里收集村党组织书记、第一书记、驻村干部的述职报告，以及软弱涣散村党组织整顿报告的范文，"
        f"目前共 {total} 篇。每一篇都可以免费阅读、免费复制：不用登录，不限预览页数，没有广告。",
        "",
        "范文经过人工整理：去掉了转载网站的广告、水印字和重复标题，保留原文的结构和内容，并注明出处。"
        "网站是纯静态页面，不加载任何外部资源，网络差的时候也打得开，也可以放在内网里用。",
        "",
        "## 按类型浏览",
        "",
        *type_lines,
        "",
        "## 怎样使用",
        "",
        "1. **按类型找**：点上方的栏目，每个栏目列出全部范文，附字数和章节目录。",
        "2. **搜短语**：在搜索框里输入记得的词句，比如“集体经济”“四议两公开”“群众反映强烈”。",
        f"3. **复制**：范文每一节都有“{COPY_SECTION_LABEL}”按钮，篇首有“{COPY_ALL_LABEL}”按钮。"
        "复制下来的是干净的纯文本，可以直接粘贴到 Word 或 WPS，再改成本村的名称和数字。"
        '页面上<span class="sz-fill" title="待填写">带虚线底纹</span>的地方（如 &#95;&#95;&#95;、XX、20xx）是待填写处。',
        f"4. **看写法**：先读[怎样写一篇述职报告]({guides})，了解整篇的结构；"
        "每一部分都有单独的写作指南，后面附有库里所有同类段落，可以对照着写。",
        "",
    ])


def render_tags_page() -> str:
    return front_matter("话题") + "\n".join([
        "# 话题",
        "",
        "每篇范文都标注了它涉及的工作话题。下面按话题列出全部范文。",
        "",
        TAGS_LISTING_MARKER,
        "",
    ])


TYPE_PAGE_SIZE = 50  # samples per page of a type index


def render_type_pages(library: Library, report_type: ReportType) -> list[VirtualPage]:
    """The index of one report type, ``TYPE_PAGE_SIZE`` samples a page."""
    samples = library.by_type(report_type.name)
    parts = chunk(samples, TYPE_PAGE_SIZE)
    uris = page_uris(type_uri(report_type), len(parts))
    return [
        VirtualPage(uri, render_type_index(report_type, len(samples), part, uris, n), in_nav=n == 0)
        for n, (uri, part) in enumerate(zip(uris, parts))
    ]


def render_type_index(report_type: ReportType, total: int, samples, uris: list[str], current: int) -> str:
    here = uris[current]
    title = f"{report_type.name}述职报告" + (f"（第 {current + 1} 页）" if current else "")
    nav = pager(uris, current)
    lines = [
        front_matter(title).rstrip("\n"),
        "",
        f"# {md_literal(title)}",
        "",
        f"{report_type.summary}共 {total} 篇。",
        "",
        nav,
        "",
    ]
    if not samples:
        lines += ["这一类还没有范文。", ""]
    for sample in samples:
        page = sample_uri(sample)
        lines += [
            '<div class="sz-card" markdown>',
            f'<div class="sz-card__title" markdown="span">{literal_link(sample.title, link(here, page))}</div>',
            # Counts, badges and tag chips are interface, not text to search.
            f'<div class="sz-card__meta" data-search-exclude="">{sample_length(sample)} 字 · {len(sample.sections)} 节{badges(sample)}</div>',
            "",
        ]
        for i, section in enumerate(sample.sections, start=1):
            shown = section.heading or KINDS_BY_NAME[section.kind].label
            lines.append(f"{i}. {literal_link(shown, link(here, page, section_anchor(i)))}")
        lines.append("")
        if sample.tags:
            tags = "".join(f'<span class="sz-tag">{md_literal(t)}</span>' for t in sample.tags)
            lines.append(f'<div class="sz-card__tags" data-search-exclude="">{tags}</div>')
        lines += ["</div>", ""]
    lines += [nav, ""]
    return "\n".join(lines)


def render_sample(sample: Sample, related: tuple[Related, ...]) -> str:
    here = sample_uri(sample)
    report_type = sample.report_type
    lines = [
        front_matter(sample.title, sample.tags).rstrip("\n"),
        "",
        # data-search-exclude="" (with a value): md_in_html would write the bare
        # attribute as ="data-search-exclude", which Material's search plugin
        # strips from the page; the empty value survives into the built HTML.
        f'<nav class="sz-crumbs" aria-label="位置" data-search-exclude="" markdown="span">'
        f'[首页]({link(here, HOME_URI)}) › [{report_type.name}]({link(here, type_uri(report_type))})</nav>',
        "",
        # The whole report is one copy target: title, then sections; the meta
        # block, buttons and supplied headings inside it are hidden while copying.
        f'<div class="sz-report" id="{REPORT_TEXT_ID}" markdown>',
        "",
        f"# {md_marked(sample.title)}",
        "",
        f'<div class="sz-meta {UI_CLASS}" data-search-exclude="" markdown="span">'
        f'{report_type.name} · {sample_length(sample)} 字 · {len(sample.sections)} 节{badges(sample)}'
        f'{copy_button(REPORT_TEXT_ID, COPY_ALL_LABEL, "复制整篇报告的纯文本")}</div>',
        "",
    ]
    for i, section in enumerate(sample.sections, start=1):
        anchor = section_anchor(i)
        guide = link(here, guide_uri(KINDS_BY_NAME[section.kind]))
        lines += [
            f'<div class="sz-section" id="{anchor}-text" markdown>',
            "",
            section_heading(section, anchor, guide),
            "",
            f'<div class="sz-tools {UI_CLASS}" data-search-exclude="">{copy_button(anchor + "-text", COPY_SECTION_LABEL, "复制这一节的纯文本")}</div>',
            *section_body(section),
            "",
            "</div>",
            "",
        ]
    lines += ["</div>", ""]
    lines += render_related(here, related)
    lines += render_provenance(here, sample)
    return "\n".join(lines)


def render_related(here: str, related: tuple[Related, ...]) -> list[str]:
    if not related:
        return []
    # Excluded from search (the whole section, heading included): other
    # samples' titles and shared tags are not this report's text.
    lines = ['## 相关范文 { #related data-search-exclude="" }', ""]
    for r in related:
        why = [r.sample.type] + ([f"共同话题：{'、'.join(r.shared_tags)}"] if r.shared_tags else [])
        lines.append(f"- {literal_link(r.sample.title, link(here, sample_uri(r.sample)))}"
                     f'<span class="sz-why">{md_literal("；".join(why))}</span>')
    return lines + [""]


def render_provenance(here: str, sample: Sample) -> list[str]:
    src = sample.source
    lines = [
        '## 出处与整理说明 { #source data-search-exclude="" }',  # provenance, not report text
        "",
        f"- 原始网页存档：<code>{md_literal(src.file)}</code> 第 {md_literal(src.lines)} 行",
    ]
    if src.title:
        lines.append(f"- 原网页标题：“{md_literal(src.title)}”")
    for note in sample.notes:
        hint = NOTE_HINTS.get(note)
        lines.append(f"- 整理说明：{note}。{hint}" if hint else f"- 整理说明：{md_literal(note)}")
    lines += [
        f"- 本篇数据文件：[{md_literal(sample.id)}.yml]({link(here, source_uri(sample))})"
        "（发现错字、断句或分节问题，可以对照原始网页修改这个文件）",
        "",
    ]
    return lines
