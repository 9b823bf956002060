"""Markup for copyable report text, shared by sample pages and guide examples.

Copying uses Material's clipboard integration: a button with
``data-clipboard-target="#id"`` copies ``innerText`` of that element while
Material sets ``data-md-copying`` on it, then trims the end. So the copy target
holds only report text, laid out so ``innerText`` equals ``Section.text``:

- every line (heading, paragraph) is a block ``<div>``: ``innerText`` puts one
  newline between blocks (a ``<p>`` would give two);
- everything else inside a target (links, buttons, headerlinks, a heading we
  supplied because the original had none) carries ``UI_CLASS``; the stylesheet
  hides it under ``[data-md-copying]``, so it never reaches the clipboard.
"""

from __future__ import annotations

from sample_model import KINDS_BY_NAME, Section
from text_escape import md_literal, md_marked

UI_CLASS = "sz-ui"  # hidden while copying
SUPPLIED_CLASS = "sz-supplied"  # heading we show for an untitled section
COPY_SECTION_LABEL = "复制本节"
COPY_ALL_LABEL = "复制全文"


def copy_button(target_id: str, label: str, hint: str) -> str:
    """A button Material's clipboard integration binds to; shows the "已复制" toast."""
    return (
        f'<button type="button" class="sz-copy {UI_CLASS}" data-search-exclude="" '
        f'data-clipboard-target="#{target_id}" title="{hint}">{label}</button>'
    )


def line_div(text: str, css_class: str) -> str:
    """One line of report text as a block element, placeholders marked.

    ``markdown="span"`` lets md_in_html keep the inline placeholder spans
    while the escaped text itself contains no Markdown syntax.
    """
    return f'<div class="{css_class}" markdown="span">{md_marked(text)}</div>'


def section_heading(section: Section, anchor: str, guide_link: str, level: int = 2) -> str:
    """A Markdown heading (so the table of contents lists it) with a stable anchor.

    The guide link is an empty Markdown link, so strict builds validate it;
    its visible chip text ("写法") comes from CSS, which keeps it out of the
    table of contents and out of copied text.
    """
    kind = KINDS_BY_NAME[section.kind]
    shown = section.heading or kind.label
    classes = "" if section.heading else f" .{SUPPLIED_CLASS} .{UI_CLASS}"
    link = f'[]({guide_link} "怎样写：{kind.label}"){{ .sz-guide-link .{UI_CLASS} }}'
    return f'{"#" * level} <span class="sz-h">{md_marked(shown)}</span>{link} {{ #{anchor}{classes} }}'


def section_body(section: Section) -> list[str]:
    """The paragraphs of a section, one block line each."""
    return [line_div(p, "sz-p") for p in section.paragraphs]


def literal_link(text: str, target: str, css_class: str = "") -> str:
    """A Markdown link whose text is shown literally."""
    attrs = f"{{ .{css_class} }}" if css_class else ""
    return f"[{md_literal(text)}]({target}){attrs}"
