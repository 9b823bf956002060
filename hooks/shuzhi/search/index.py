"""The phrase-search index: every page's sections, written where Material reads it.

Material's search UI fetches ``search/search_index.json`` and hands its
``config`` and ``docs`` keys, untouched, to the search worker named in
``__config.search``. Our worker (overrides/assets/javascripts/search/worker.js)
reads this layout::

    {"config": {"format": "phrase-search", "version": 2},
     "docs": {"strings": ["<title or paragraph>", ...],
              "pages": [["<page url>", "<kind>", ["<anchor>", <title id>, <paragraph id>, ...], ...], ...]}}

- Text is stored as is (no segmentation, no normalisation: the worker
  normalises once when it loads), as plain UTF-8, not ``\\uXXXX`` escapes.
- Every distinct title or paragraph is stored once and referred to by its
  position in ``strings``. Report text repeats a lot (section titles, set
  phrases, samples that reuse sections), so this keeps the download small.
- A page's first section is its own text, titled with the page title and
  keyed by the ``h1``'s id ("" if it has none); the worker lists the page
  itself at the bare URL.
- A page's kind (``sample``, ``guide`` or ``listing``) orders the results:
  reports first, then guides, then pages that list other pages. It follows
  from the URL (:func:`page_kind`).
- Output is deterministic: pages sorted by URL, strings in first-use order.

Version 2 added the kind; the worker refuses any other version, so a cached
old index can never be misread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from shuzhi.library.model import REPORT_TYPES
from shuzhi.library.rules import reserved_id_problem
from shuzhi.search.extract import Section, extract_sections
from shuzhi.site.urls import GUIDES_DIR

INDEX_PATH = "search/search_index.json"  # fixed by Material's search UI
INDEX_FORMAT = {"format": "phrase-search", "version": 2}

SAMPLE, GUIDE, LISTING = "sample", "guide", "listing"
_TYPE_SLUGS = frozenset(t.slug for t in REPORT_TYPES)


@dataclass(frozen=True)
class IndexedPage:
    location: str  # page URL relative to the site root, as MkDocs gives it ("" for the home page)
    sections: tuple[Section, ...]  # first one: the page's own text, titled with the page title
    kind: str = LISTING  # SAMPLE, GUIDE or LISTING


def page_kind(location: str) -> str:
    """What a page is, from its URL (directory URLs or, offline, ``.html`` files).

    ``<type slug>/<id>/`` is a sample; anything under ``guides/`` is a guide;
    the home page, the type pages and their later pages (``page-2``), the
    topics page and anything else list other pages.
    """
    path = location.split("?", 1)[0].split("#", 1)[0]
    if path.endswith(".html"):
        path = path[: -len(".html")]
    parts = [p for p in path.split("/") if p]
    if parts and parts[-1] == "index":
        parts.pop()
    if parts and parts[0] == GUIDES_DIR:
        return GUIDE
    if len(parts) == 2 and parts[0] in _TYPE_SLUGS and not reserved_id_problem(parts[1]):
        return SAMPLE
    return LISTING


def index_page(location: str, title: str, html: str) -> IndexedPage:
    """Sections of one rendered page, empty ones dropped (the page's own section always stays)."""
    return index_sections(location, title, extract_sections(html))


def index_sections(location: str, title: str, sections: tuple[Section, ...]) -> IndexedPage:
    """Like :func:`index_page`, for sections already known (pages written as HTML from data)."""
    own = sections[0]
    if not own.title:
        own = Section(own.anchor, title, own.paragraphs)
    rest = tuple(s for s in sections[1:] if s.title or s.paragraphs)
    return IndexedPage(location, (own,) + rest, page_kind(location))


class PhraseIndex:
    """Collects pages during one build and writes the index after it."""

    def __init__(self) -> None:
        self._pages: dict[str, IndexedPage] = {}

    def add_page(self, location: str, title: str, html: str, meta: dict | None = None,
                 sections: tuple[Section, ...] | None = None) -> None:
        """Index one page, unless its front matter says ``search: {exclude: true}`` (as in Material).

        ``sections``, when given, are the page's sections as :func:`extract_sections`
        would find them, known from data: parsing the HTML again is then skipped.
        """
        search = (meta or {}).get("search")
        if isinstance(search, dict) and search.get("exclude"):
            self._pages.pop(location, None)
            return
        if sections is not None:
            self._pages[location] = index_sections(location, title, sections)
        else:
            self._pages[location] = index_page(location, title, html)

    @property
    def pages(self) -> tuple[IndexedPage, ...]:
        return tuple(self._pages[k] for k in sorted(self._pages))

    def to_json(self) -> str:
        return serialise(self.pages)

    def write(self, site_dir: str | Path) -> Path:
        """Write the index into the built site, replacing Material's own file."""
        path = Path(site_dir) / INDEX_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_json(), encoding="utf-8")
        return path


def serialise(pages: tuple[IndexedPage, ...]) -> str:
    """The index as compact UTF-8 JSON (see the module docstring for the layout)."""
    ids: dict[str, int] = {}

    def string_id(text: str) -> int:
        if text not in ids:
            ids[text] = len(ids)
        return ids[text]

    rows = []
    for page in pages:
        row: list = [page.location, page.kind]
        for section in page.sections:
            row.append([section.anchor, string_id(section.title), *map(string_id, section.paragraphs)])
        rows.append(row)
    data = {"config": INDEX_FORMAT, "docs": {"strings": list(ids), "pages": rows}}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def disable_stock_indexing(meta: dict) -> None:
    """Mark a page ``search: {exclude: true}`` for Material's search plugin.

    The plugin must stay enabled (it renders the search box), but its own
    index would only be overwritten by ours; excluding every page saves its
    parsing time. This is the documented front-matter switch, set from code.
    """
    search = meta.get("search")
    meta["search"] = {**search, "exclude": True} if isinstance(search, dict) else {"exclude": True}
