"""Split long listings over several pages so no generated page grows with the library.

A listing's first page keeps its usual address (``cunshuji/index.md``); later
pages sit next to it as ``page-2.md``, ``page-3.md`` … Every page carries the
same pager (render.pager), so any page is two clicks from any other.
"""

from __future__ import annotations

import posixpath
import re
from typing import Sequence, TypeVar

T = TypeVar("T")


def chunk(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """Items in pages of ``size``; an empty listing still has one (empty) page."""
    return [items[i: i + size] for i in range(0, len(items), size)] or [items[:0]]


def page_uris(first_uri: str, count: int) -> list[str]:
    """Source paths of a listing's pages: the first one, then page-2.md … page-N.md beside it."""
    folder = posixpath.dirname(first_uri)
    return [first_uri] + [posixpath.join(folder, f"page-{n}.md") for n in range(2, count + 1)]
