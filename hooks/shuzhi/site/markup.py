"""HTML for copyable report text, shared by sample pages, listings and guide examples.

Copying uses Material's clipboard integration: a button with
``data-clipboard-target="#id"`` copies ``innerText`` of that element while
Material sets ``data-md-copying`` on it, then trims the end. So the copy target
holds only report text, laid out so ``innerText`` equals ``Section.text``:

- every line (heading, paragraph) is a block ``<div>``: ``innerText`` puts one
  newline between blocks (a ``<p>`` would give two);
- everything else inside a target (links, buttons, headerlinks, a heading we
  supplied because the original had none) carries ``UI_CLASS``; the stylesheet
  hides it under ``[data-md-copying]``, so it never reaches the clipboard.

Text is escaped with :func:`escape.html_marked` / ``html.escape``: this
markup is never run through Markdown (see render.py).
"""

from __future__ import annotations

import html
from functools import lru_cache

from shuzhi.library.model import KINDS_BY_NAME, Section
from shuzhi.site.escape import html_attr, html_marked

UI_CLASS = "sz-ui"  # hidden while copying
SUPPLIED_CLASS = "sz-supplied"  # heading we show for an untitled section
COPY_SECTION_LABEL = "复制本节"
COPY_ALL_LABEL = "复制全文"
PERMALINK_TITLE = "本节链接"


def copy_button(target_id: str, label: str, hint: str) -> str:
    """A button Material's clipboard integration binds to; shows the "已复制" toast."""
    return (
        f'<button type="button" class="sz-copy {UI_CLASS}" data-search-exclude="" '
        f'data-clipboard-target="#{target_id}" title="{hint}">{label}</button>'
    )


def line_div(text: str, css_class: str) -> str:
    """One line of report text as a block element, placeholders marked."""
    return f'<div class="{css_class}">{html_marked(text)}</div>'


def heading(level: int, anchor: str, inner_html: str, classes: str = "", attrs: str = "") -> str:
    """A heading with the permalink Material's toc extension would add."""
    cls = f' class="{classes}"' if classes else ""
    return (
        f'<h{level}{cls} id="{anchor}"{attrs}>{inner_html}'
        f'<a class="headerlink" href="#{anchor}" title="{PERMALINK_TITLE}">¶</a></h{level}>'
    )


def section_heading(section: Section, anchor: str, level: int = 2) -> str:
    """A section heading with a stable anchor; a heading we supplied (the
    original had none) is interface, shown but never copied."""
    shown = section.heading or KINDS_BY_NAME[section.kind].label
    classes = "" if section.heading else f"{SUPPLIED_CLASS} {UI_CLASS}"
    return heading(level, anchor, f'<span class="sz-h">{html_marked(shown)}</span>', classes)


def guide_link(section: Section, guide_href: str) -> str:
    """The "写法" chip that leads to the writing guide for the section's kind.

    Its visible text comes from CSS, which keeps it out of the table of
    contents and out of copied text. It sits with the copy button rather than
    in the heading: in the heading it wrapped onto a line of its own on phones.
    """
    label = KINDS_BY_NAME[section.kind].label
    return f'<a class="sz-guide-link {UI_CLASS}" href="{html_attr(guide_href)}" title="怎样写：{label}"></a>'


@lru_cache(maxsize=None)
def section_body(section: Section) -> tuple[str, ...]:
    """The paragraphs of a section, one block line each.

    Remembered while :func:`shuzhi.site.pages.plan_site` runs (it clears the
    cache after): a section shows on its sample page and again in a full
    example list.
    """
    return tuple(line_div(p, "sz-p") for p in section.paragraphs)


def literal_link(text: str, target: str, css_class: str = "") -> str:
    """A link whose text is shown literally."""
    cls = f' class="{css_class}"' if css_class else ""
    return f'<a href="{html_attr(target)}"{cls}>{html.escape(text, quote=False)}</a>'
