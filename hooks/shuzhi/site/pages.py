"""The plan of every generated page: home, topics, type indexes, sample pages
and the guides' full example lists.

Nothing here imports mkdocs: ``plan_site`` returns plain records and the hook
turns them into virtual files. The two small fixed pages (home, topics) are
Markdown, with Markdown links a strict build checks; the pages that grow with
the library carry ready HTML from site.render instead.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from shuzhi.child import Child, ChildFailed
from shuzhi.library.load import Library
from shuzhi.site.guides import example_list_pages
from shuzhi.site.draft import DRAFT_URI, draft_page_body
from shuzhi.library.model import REPORT_TYPES, ReportType, Sample
from shuzhi.site.markup import COPY_ALL_LABEL, COPY_SECTION_LABEL, section_body
from shuzhi.site.render import HtmlBody, sample_body, type_index_body
from shuzhi.site.paging import chunk, page_uris
from shuzhi.site.related import Related, related_samples
from shuzhi.site.urls import (GUIDES_INDEX_URI, HOME_URI, TAGS_URI, directory_urls, link, sample_uri,
                              set_directory_urls, type_uri)

SITE_TITLE = "村级述职报告范文参考"
TAGS_TITLE = "专题"  # what the tags are called everywhere a reader sees them (nav: mkdocs.yml)
TAGS_LISTING_MARKER = "<!-- material/tags -->"  # Material's tags plugin fills this in

# Source of a page whose body comes from render.py (swapped in by the hook).
GENERATED_NOTE = "<!-- 正文由 hooks/shuzhi/site/render.py 生成 -->\n"


@dataclass(frozen=True)
class VirtualPage:
    src_uri: str  # path the page pretends to have inside docs/
    content: str  # Markdown source (front matter only when ``body`` is set)
    in_nav: bool = True  # False: reached through links only (samples, later pages of a listing)
    body: HtmlBody | None = None  # ready HTML that replaces the rendered Markdown


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[VirtualPage, ...]
    body_by_uri: dict[str, HtmlBody]  # page src_uri -> ready HTML body


def front_matter(title: str | None, tags: tuple[str, ...] | None = None, searchable: bool = True) -> str:
    """YAML front matter. Material prints ``page.title`` and tag names into the
    HTML without escaping (<title>, header, tag listings), so both go in HTML-escaped.

    ``title=None`` leaves the title to the page's first heading (the home page:
    Material then puts the site name alone in <title>, not twice)."""
    fields: dict[str, object] = {} if title is None else {"title": html.escape(title, quote=False)}
    if tags is not None:
        # Material's tags plugin prints tag names unescaped too.
        fields["tags"] = [html.escape(t, quote=True) for t in tags]
    # Generated pages are not in the nav (samples) or alone in their tab, so the
    # left sidebar would be empty: give the width to the text instead.
    fields["hide"] = ["navigation"]
    if not searchable:
        fields["search"] = {"exclude": True}  # Material's own per-page switch
    # JSON is YAML (flow style), and json.dumps is far quicker than yaml.safe_dump
    # for the 10,000 pages of a large library. What YAML reads as a line break or
    # refuses (C1 controls, U+2028/9, lone surrogates) goes in as a \u escape.
    text = json.dumps(fields, ensure_ascii=False)
    return "---\n" + _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n---\n\n"


_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def read_front_matter(source: str) -> tuple[str, dict] | None:
    """The Markdown and fields of a source :func:`front_matter` wrote, read as
    JSON (what it is, and far quicker than YAML); None for any other source."""
    if not source.startswith("---\n"):
        return None
    end = source.find("\n---\n", 4)
    if end < 0:
        return None
    try:
        fields = json.loads(source[4:end])
    except ValueError:
        return None
    return (source[end + 5:].lstrip("\n"), fields) if isinstance(fields, dict) else None


def plan_site(library: Library) -> SitePlan:
    """Every generated page, in a fixed order."""
    try:
        return _plan_site(library)
    finally:
        section_body.cache_clear()  # its lines are in the pages now


def _plan_site(library: Library) -> SitePlan:
    # Sample ids never collide with a type index or its pages: the library's
    # loader refuses the reserved names (shuzhi.library.rules).
    related = related_samples(library.samples)
    samples = library.samples
    # On a large library a child process renders the later sample pages
    # while this one renders everything else.
    split = len(samples) * 2 // 5 if len(samples) >= PARALLEL_MIN_SAMPLES else len(samples)
    child = None
    if split < len(samples):
        later = samples[split:]
        child = Child.start(sample_pages_with_links, later, {s.id: related[s.id] for s in later}, directory_urls())
    pages = [VirtualPage(HOME_URI, render_home(library)), VirtualPage(TAGS_URI, render_tags_page())]
    for t in REPORT_TYPES:
        pages += type_pages(library, t)
    # The draft builder: an interface, nothing to search.
    pages.append(html_page(DRAFT_URI, draft_page_body(library), in_nav=True, searchable=False))
    # Full example lists repeat sample text: kept out of search, like the guides' examples.
    pages += [html_page(p.src_uri, p.body, in_nav=False, searchable=False) for p in example_list_pages(library)]
    pages += sample_pages(samples[:split], related)
    if child is not None:
        try:
            pages += child.result()
        except ChildFailed:  # it died (out of memory?): render them here instead
            pages += sample_pages(samples[split:], related)
    bodies = {p.src_uri: p.body for p in pages if p.body is not None}
    return SitePlan(tuple(pages), bodies)


# From this many samples on, a child process renders three fifths of the sample pages.
PARALLEL_MIN_SAMPLES = 1_000


def sample_pages(samples: Sequence[Sample], related: Mapping[str, tuple[Related, ...]]) -> list[VirtualPage]:
    """One page per sample, in the order given."""
    return [html_page(sample_uri(s), sample_body(s, related[s.id]), in_nav=False, tags=s.tags) for s in samples]


def sample_pages_with_links(samples: Sequence[Sample], related: Mapping[str, tuple[Related, ...]],
                            directory_urls: bool) -> list[VirtualPage]:
    """:func:`sample_pages` in a child process, which must be told the build's kind of links."""
    set_directory_urls(directory_urls)
    return sample_pages(samples, related)


def render_home(library: Library) -> str:
    """The home page: what is here, the four types at once, then how to use it.

    Written for a phone first: the type list comes before any explanation, and
    nothing refers to tabs or a sidebar a phone does not show.
    """
    total = len(library.samples)
    type_lines = []
    for t in REPORT_TYPES:
        count = len(library.by_type(t.name))
        type_lines.append(f"- [**{t.name}**]({link(HOME_URI, type_uri(t))})（{count} 篇）：{t.summary}")
    guides = link(HOME_URI, GUIDES_INDEX_URI)
    return front_matter(None) + "\n".join([
        f"# {SITE_TITLE}",
        "",
        f"村党组织书记、第一书记、驻村干部的述职报告和软弱涣散村党组织整顿报告范文，共 {total} 篇。"
        "免费阅读、免费复制，不用登录，没有广告。",
        "",
        "## 按类型找",
        "",
        *type_lines,
        "",
        "## 怎样用",
        "",
        "1. **找范文**：点上面的类型，每类列出全部范文，附字数和各节的小标题。"
        "范文标题下的“目录”可以直接跳到任何一节。",
        "2. **搜词句**：在页面顶端的搜索框里（手机上先点放大镜）输入记得的词句，"
        "比如“集体经济”“四议两公开”“群众反映强烈”。",
        f"3. **复制**：每一节都有“{COPY_SECTION_LABEL}”按钮，标题下有“{COPY_ALL_LABEL}”按钮。"
        "粘贴到 Word 或 WPS 里，段落首行缩进两字，小标题加粗；粘贴到只收文字的地方，就是干净的纯文本。"
        '页面上<span class="sz-fill" title="待填写">带虚线底纹</span>的地方（如 &#95;&#95;&#95;、XX、20xx）是待填写处，'
        "换成本村的名称和数字即可。",
        f"4. **看写法**：先读[怎样写一篇述职报告]({guides})，了解整篇的结构；"
        "每一部分还有单独的写作指南，后面附有范文库里这一部分的全部例子，可以对照着写。",
        "",
        "## 关于范文",
        "",
        "整理自网页的范文去掉了转载网站的广告、水印字和重复标题，保留原文的结构和内容，并注明出处；"
        "原网页只公开了前面一部分的，标有“后文缺失”。标有“本站撰写”的是本站按写作指南写的完整范文。"
        "网站不加载任何外部资源，网络差的时候也打得开。",
        "",
    ])


def render_tags_page() -> str:
    return front_matter(TAGS_TITLE) + "\n".join([
        f"# {TAGS_TITLE}",
        "",
        "每篇范文都按它写到的主要工作标了专题，比如集体经济、矛盾调解。下面按专题列出全部范文。",
        "",
        TAGS_LISTING_MARKER,
        "",
    ])


TYPE_PAGE_SIZE = 50  # samples per page of a type index


def type_pages(library: Library, report_type: ReportType) -> list[VirtualPage]:
    """The index of one report type, ``TYPE_PAGE_SIZE`` samples a page."""
    samples = library.by_type(report_type.name)
    parts = chunk(samples, TYPE_PAGE_SIZE)
    uris = page_uris(type_uri(report_type), len(parts))
    return [
        html_page(uri, type_index_body(report_type, len(samples), part, uris, n), in_nav=n == 0)
        for n, (uri, part) in enumerate(zip(uris, parts))
    ]


def html_page(uri: str, body: HtmlBody, in_nav: bool, tags: tuple[str, ...] | None = None,
              searchable: bool = True) -> VirtualPage:
    """A page whose body is ready HTML: its source is front matter only (see site.render)."""
    return VirtualPage(uri, front_matter(body.title, tags, searchable) + GENERATED_NOTE, in_nav, body)
