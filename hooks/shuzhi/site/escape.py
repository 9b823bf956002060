"""Turn sample text into HTML that shows it literally.

Sample text is scraped prose: it may contain ``<script>``, ``**``, ``#``, ``|``,
``{{ }}``, ``[x](y)``, ``&amp;`` or a leading ``1.``. None of that may become
markup. Report text is only ever written as HTML (render.py), never into a
Markdown context: on guide pages it sits in a raw HTML block, which
Python-Markdown passes through untouched. So escaping for HTML is all it needs.

Placeholders (___, XX, 20xx, ××, 某 …) are wrapped in a span so the page can
mark them as fill-in spots; the characters inside stay the same, so copied
text is unchanged.
"""

from __future__ import annotations

import html

from shuzhi.library.model import PLACEHOLDER_PATTERN

PLACEHOLDER_CLASS = "sz-fill"
PLACEHOLDER_TITLE = "待填写"


def html_attr(text: str) -> str:
    """Text for a double-quoted HTML attribute value."""
    return html.escape(text, quote=True)


def placeholder_spans(text: str) -> list[tuple[str, bool]]:
    """Split ``text`` into (piece, is_placeholder) runs, in order; joined they equal ``text``."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for match in PLACEHOLDER_PATTERN.finditer(text):
        if match.start() > pos:
            pieces.append((text[pos:match.start()], False))
        pieces.append((match.group(), True))
        pos = match.end()
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces


# Python-Markdown expands tabs and ends raw HTML blocks at line breaks even
# inside a guide page's raw HTML; as character references they survive.
_WHITESPACE_REFS = str.maketrans({"\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})


def html_marked(text: str) -> str:
    """Text for an HTML text node, placeholders wrapped in a fill-in span;
    literal in a page of its own and in a raw HTML block of a Markdown page."""
    # Escaped first, marked after (one regex pass instead of a loop over
    # pieces): escaping turns & < > and tab, CR, LF into references like
    # "&lt;" and "&#10;", in which no placeholder can match (their digits are
    # followed by ";") and which the pattern's look-arounds see as they saw the
    # character replaced: neither a letter nor a digit. A test compares this
    # with marking the pieces of the raw text one by one.
    literal = html.escape(text, quote=False)
    if "\t" in literal or "\n" in literal or "\r" in literal:
        literal = literal.translate(_WHITESPACE_REFS)
    return PLACEHOLDER_PATTERN.sub(_FILL_SPAN, literal)


_FILL_SPAN = f'<span class="{PLACEHOLDER_CLASS}" title="{PLACEHOLDER_TITLE}">\\g<0></span>'
