"""Split a rendered page into searchable sections of paragraphs.

Input is the HTML MkDocs renders for a page body (``on_page_content``), so
every kind of page (samples, guides, lists) is indexed the same way. The
rules follow Material's own search parser, so a result links where Material
would link:

- a heading ``h2``-``h6`` with an ``id`` starts a new section, keyed by that
  id; text before it is the page's own section, keyed by the ``h1``'s id
  (or "" when there is none);
- a heading's text (without its permalink) is the section title;
- every block element (and ``<br>``) ends a paragraph, so a phrase can never
  match across two paragraphs, or across a title and its text;
- interface is skipped: buttons, navigation (tag chips, breadcrumbs), forms,
  scripts, icons, permalinks, and any element with ``data-search-exclude``
  (Material's convention for "not search content"); on a heading, that
  attribute drops the heading's whole section, as Material does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Subtrees whose text is interface or code, never report text.
SKIPPED_TAGS = frozenset({
    "button", "nav", "form", "select", "textarea", "script", "style",
    "noscript", "template", "svg", "math", "object", "iframe",
})
EXCLUDE_ATTRIBUTE = "data-search-exclude"
PERMALINK_CLASS = "headerlink"

# Elements that start and end a paragraph; everything else is inline.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "br",
})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
    "meta", "param", "source", "track", "wbr",
})

_SPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True)
class Section:
    anchor: str  # heading id ("" only for a page's own section without an identified h1)
    title: str
    paragraphs: tuple[str, ...]


@dataclass
class _OpenSection:
    anchor: str
    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    excluded: bool = False


class _SectionParser(HTMLParser):
    """Collects sections; see the module docstring for the rules."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[_OpenSection] = [_OpenSection("")]
        self.stack: list[str] = []  # open (non-void) tags
        self.skip_depth = 0  # > 0 while inside a skipped subtree
        self.skip_at: list[int] = []  # stack sizes where skipped subtrees started
        self.heading_at: int | None = None  # stack size of the open heading
        self.heading_text: list[str] = []
        self.buffer: list[str] = []  # text of the paragraph being read

    # -- events ---------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            if tag == "br" and not self.skip_at:
                self._flush()
            return
        if not self.skip_at and tag in BLOCK_TAGS:
            self._flush()
        self.stack.append(tag)
        if self.skip_at:
            return
        attr = dict(attrs)
        classes = (attr.get("class") or "").split()
        if tag in HEADINGS and tag != "h1" and attr.get("id") and EXCLUDE_ATTRIBUTE in attr:
            # As in Material: an excluded heading excludes its whole section.
            self.sections.append(_OpenSection(attr["id"] or "", excluded=True))
        if tag in SKIPPED_TAGS or EXCLUDE_ATTRIBUTE in attr or (tag == "a" and PERMALINK_CLASS in classes):
            self.skip_at.append(len(self.stack))
            return
        if tag in HEADINGS and self.heading_at is None:
            self.heading_at = len(self.stack)
            self.heading_text = []
            if tag == "h1" and len(self.sections) == 1 and not self.sections[0].title:
                # The page title: titles the page's own section, and its id
                # lets a result point at that section like at any other.
                self.sections[0].anchor = attr.get("id") or ""
            elif tag != "h1" and attr.get("id"):
                self.sections.append(_OpenSection(attr["id"] or ""))
            else:
                # A heading without an anchor cannot be linked to: keep it as text.
                self.heading_at = -len(self.stack)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return  # stray end tag
        # Close everything up to the matching start tag (forgives unclosed inline tags).
        while self.stack:
            open_tag = self.stack.pop()
            depth = len(self.stack) + 1
            if self.skip_at and self.skip_at[-1] == depth:
                self.skip_at.pop()
            elif not self.skip_at:
                self._close(open_tag, depth)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skip_at:
            return
        if self.heading_at is not None and self.heading_at > 0:
            self.heading_text.append(data)
        else:
            self.buffer.append(data)

    # -- helpers --------------------------------------------------------------

    def _close(self, tag: str, depth: int) -> None:
        if self.heading_at is not None and abs(self.heading_at) == depth:
            if self.heading_at > 0:
                # Joined without spaces: a placeholder span inside a heading
                # (自<span>____</span>年) must not split the title's text.
                self.sections[-1].title = clean_text("".join(self.heading_text))
            else:
                self._flush()  # h1 or heading without id: its own paragraph
            self.heading_at = None
            return
        if tag in BLOCK_TAGS:
            self._flush()

    def _flush(self) -> None:
        text = clean_text("".join(self.buffer))
        self.buffer = []
        if text and not self.sections[-1].excluded:
            self.sections[-1].paragraphs.append(text)

    def result(self) -> tuple[Section, ...]:
        self._flush()
        return tuple(Section(s.anchor, s.title, tuple(s.paragraphs)) for s in self.sections if not s.excluded)


def clean_text(text: str) -> str:
    """Collapse whitespace runs (HTML source line breaks) to one space."""
    return _SPACE_RUN.sub(" ", text).strip()


def extract_sections(html: str) -> tuple[Section, ...]:
    """Sections of a rendered page body, in page order.

    The page's own section is always first; its title is the page's ``h1``,
    or "" when there is none (the index then uses the page title).
    """
    parser = _SectionParser()
    parser.feed(html)
    parser.close()
    return parser.result()
