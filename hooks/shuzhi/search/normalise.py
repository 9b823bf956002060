"""The matching form of a text, exactly as match.js computes it in the browser.

The index is built from normalised text and the worker normalises queries
with match.js, so the two must agree character for character; a unit test
runs both on the same strings. Whitespace is removed; full-width ASCII folds
to half-width, ASCII to lower case; quotes fold to one form; traditional
characters fold to simplified with the vendored OpenCC table.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from shuzhi.search.traditional import read_script

ROOT = Path(__file__).resolve().parents[3]  # hooks/shuzhi/search/ -> the repository
FOLD_SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "search" / "opencc-ts.js"

# JavaScript's \s (ECMAScript WhiteSpace and LineTerminator) plus U+200B, as in match.js.
_SPACES = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b]+")

# match.js MARKS: quotes in every form fold to " and ', half-width CJK marks to full width.
MARKS = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u300c": '"', "\u300d": '"',
    "\u301d": '"', "\u301e": '"', "\u301f": '"', "\uff62": '"', "\uff63": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u300e": "'", "\u300f": "'",
    "\uff61": "\u3002", "\uff64": "\u3001",
}


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """One str.translate table: wide forms, ASCII upper case, marks, traditional."""
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0).lower()
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    folds = dict(MARKS)
    folds.update(read_script(FOLD_SCRIPT.read_text(encoding="utf-8")))
    for source, target in folds.items():
        # match.js applies the marks and the table after the wide and case folds;
        # none of their keys is ASCII or a wide form, so one table gives the same.
        table[ord(source)] = target
    return table


def normalise(text: str) -> str:
    """``normalise()`` of match.js, for text the index is built from."""
    return _SPACES.sub("", text).translate(_table())
