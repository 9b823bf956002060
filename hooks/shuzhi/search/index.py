"""The phrase-search index: postings and page text in small files, fetched per query.

A page view fetches none of it: Material's search box never loads an index
(overrides/partials/search.html), and the worker (assets/javascripts/search/)
fetches what a query needs when the reader searches. Everything lives under
``search/``::

    search/search_index.json    the manifest (below), fetched once per page, by the first query
    search/phrase/s/<n>.bin     shard n: the postings of the grams that hash to n (FNV-1a)
    search/phrase/f/<hex>.bin   the postings of one frequent gram (hex: its UTF-8)
    search/phrase/c/<hex>.bin   ... and its count per unit
    search/phrase/p/<n>.bin     page n: its URL, kind and sections, as the reader sees them

Manifest (``docs``): ``pages`` (how many), ``kinds`` (how many samples, guides,
listings, in that order: pages are numbered by kind, then URL, which is the
order results are listed in), ``sections`` (each page's section count;
section ``s`` has units ``2s`` and ``2s + 1``, see :mod:`shuzhi.search.grams`),
``shards``, ``threshold``, ``frequent`` (gram -> occurrences) and ``chars``
(the character table of the page files, :mod:`shuzhi.search.charcode`).

The ``.bin`` files are gzip, written compressed so that the site on disk
stays small; the worker inflates them (DecompressionStream) unless the server
already did. Page files are JSON, ``[url, kind, [[anchor, title, [paragraph, ...]], ...]]``,
written as character ranks in the manifest's table instead of UTF-8.

The offline build (file://, no fetch) gets everything in one file instead:
the manifest with a ``files`` map of the same paths to base64, which
Material's offline plugin turns into ``search_index.js``.

Output is deterministic. Version 3 replaced the single-file index, version 4
coded the page files by character rank; the worker refuses any other version.
"""

from __future__ import annotations

import base64
import gzip
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from shuzhi.child import Child
from shuzhi.library.model import REPORT_TYPES
from shuzhi.library.rules import reserved_id_problem
from shuzhi.search.charcode import CharTable, char_table
from shuzhi.search.extract import Section, extract_sections
from shuzhi.search.grams import SEPARATOR, IndexTooLarge, build_postings, varint
from shuzhi.search.normalise import normalise
from shuzhi.site.urls import GUIDES_DIR

INDEX_PATH = "search/search_index.json"  # the manifest; Material's own index used this path
FILES_DIR = "search/phrase"  # everything else, relative paths below it in the manifest
INDEX_FORMAT = {"format": "phrase-search", "version": 4}
SHARD_BYTES = 8 * 1024  # aim for shards of about this many bytes of postings (before gzip)
GZIP_LEVEL = 6
# Below this much text the index is written in the build's own process: starting
# a child costs about half a second, which only pays off on a large site.
BACKGROUND_MIN_CHARS = 2_000_000

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

    def add_pages(self, pages: Iterable[Any], bodies: Mapping[str, Any]) -> None:
        """Index MkDocs pages (``url``, ``title``, ``content``, ``meta``, ``file.src_uri``);
        those with a body in ``bodies`` (src_uri -> :class:`shuzhi.site.render.HtmlBody`)
        give their sections from it. Pages never rendered (drafts) are skipped."""
        for page in pages:
            if page is None or page.content is None:
                continue
            body = bodies.get(page.file.src_uri)
            sections = body.search_sections if body is not None else None
            self.add_page(page.url, page.title, page.content, page.meta, sections)

    @property
    def pages(self) -> tuple[IndexedPage, ...]:
        """Pages in index order: samples, guides, listings, each by URL."""
        return tuple(sorted(self._pages.values(), key=lambda p: (KIND_ORDER.index(p.kind), p.location)))

    def layout(self) -> "IndexLayout":
        return build_layout(self.pages)

    def write(self, site_dir: str | Path, whole: bool = False) -> Path:
        """Write the index into the built site, replacing Material's own file.

        ``whole``: one file for the offline build instead of many small ones.
        """
        return self.start(site_dir, whole, background=False).finish()

    def start(self, site_dir: str | Path, whole: bool = False, background: bool | None = None) -> "PendingIndex":
        """Begin writing the index; :meth:`PendingIndex.finish` completes it.

        With ``background`` (by default: when the site has much text) the work
        runs in a child process, so that it overlaps the rendering of the pages
        on a second core. Only ``search/phrase/`` is written before ``finish``,
        which writes the manifest.
        """
        pages = self.pages
        if background is None:
            background = _text_size(pages) >= BACKGROUND_MIN_CHARS
        site = Path(site_dir)
        if not background:
            return PendingIndex(site, write_files(pages, site, whole))
        return PendingIndex(site, Child.start(write_files, pages, site, whole))


class PendingIndex:
    """An index being written; ``finish`` waits for it and writes the manifest."""

    def __init__(self, site: Path, writer: Child | str):
        self._site = site
        self._writer = writer  # the child process, or the manifest already made

    def finish(self) -> Path:
        """Wait for the index files; write the manifest. Raises IndexTooLarge or IndexNotWritten."""
        writer, self._writer = self._writer, ""
        try:
            manifest = writer.result() if isinstance(writer, Child) else writer
        except IndexTooLarge:
            raise
        except Exception as err:  # from the child: its one line, e.g. a full disk
            raise IndexNotWritten(f"{type(err).__name__}: {err}") from None
        path = self._site / INDEX_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(manifest, encoding="utf-8")
        return path

    def cancel(self) -> None:
        """Stop the child, if any (the build failed)."""
        if isinstance(self._writer, Child):
            self._writer.kill()
        self._writer = ""


class IndexNotWritten(RuntimeError):
    """Writing the index in the child process failed."""


def write_files(pages: tuple[IndexedPage, ...], site: Path, whole: bool) -> str:
    """Write the index files below ``site`` and return the manifest's text (not yet written).

    ``whole``: write nothing; the manifest returned holds every file.
    """
    layout = build_layout(pages)
    if whole:
        return layout.whole_json()
    files = site / FILES_DIR
    for folder in sorted({name.rsplit("/", 1)[0] for name in layout.files}):
        (files / folder).mkdir(parents=True, exist_ok=True)
    for name, data in layout.files.items():
        (files / name).write_bytes(data)
    return layout.manifest_json()


def _text_size(pages: tuple[IndexedPage, ...]) -> int:
    return sum(len(p) for page in pages for s in page.sections for p in s.paragraphs)


KIND_ORDER = (SAMPLE, GUIDE, LISTING)


@dataclass(frozen=True)
class IndexLayout:
    manifest: dict  # the manifest's docs
    files: dict[str, bytes]  # path below FILES_DIR -> gzip bytes

    def manifest_json(self) -> str:
        return _json({"config": INDEX_FORMAT, "docs": self.manifest})

    def whole_json(self) -> str:
        files = {name: base64.b64encode(data).decode("ascii") for name, data in sorted(self.files.items())}
        return _json({"config": INDEX_FORMAT, "docs": {**self.manifest, "files": files}})


def build_layout(pages: tuple[IndexedPage, ...]) -> IndexLayout:
    """The manifest and files for pages given in index order."""
    units: list[str] = []
    for page in pages:
        for section in page.sections:
            units.append(normalise(section.title))
            units.append(SEPARATOR.join(normalise(p) for p in section.paragraphs))
    postings = build_postings(units)
    small = {g: data for g, data in postings.grams.items() if g not in postings.counts}
    shard_count = _shard_count(sum(len(g.encode()) + len(d) + 4 for g, d in small.items()))
    shards: list[list[str]] = [[] for _ in range(shard_count)]
    for gram in small:
        shards[fnv1a(gram) % shard_count].append(gram)

    raw: dict[str, bytes] = {}
    for number, grams in enumerate(shards):
        if grams:
            raw[f"s/{number}.bin"] = b"".join(_shard_entry(g, small[g]) for g in sorted(grams))
    for gram in postings.counts:
        name = gram.encode().hex()
        raw[f"f/{name}.bin"] = postings.grams[gram]
        raw[f"c/{name}.bin"] = postings.counts[gram]
    records = [_json([page.location, page.kind,
                      [[s.anchor, s.title, list(s.paragraphs)] for s in page.sections]]) for page in pages]
    # store.js treats a file starting 1f 8b as gzip still to inflate. A record starts
    # with '["', and '"' (two in every string) is among the most frequent characters,
    # ranked far below 0x8b: a page file a server has already inflated never looks like gzip.
    table = char_table(records)
    for number, data in enumerate(table.encode(records)):
        raw[f"p/{number}.bin"] = data

    manifest = {
        "pages": len(pages),
        "kinds": [sum(p.kind == kind for p in pages) for kind in KIND_ORDER],
        "sections": [len(p.sections) for p in pages],
        "shards": shard_count,
        "threshold": postings.threshold,
        "frequent": dict(sorted(postings.occurrences.items())),
        "chars": table.chars,
    }
    return IndexLayout(manifest, _compress_all(raw))


def read_page_records(site_dir: str | Path) -> list[list]:
    """Every page record of a built site, in page order (for tests and the benchmark)."""
    root = Path(site_dir)
    manifest = json.loads((root / INDEX_PATH).read_text(encoding="utf-8"))["docs"]
    table = CharTable(manifest["chars"])
    files = root / FILES_DIR / "p"
    return [json.loads(table.decode(gzip.decompress((files / f"{n}.bin").read_bytes())))
            for n in range(manifest["pages"])]


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes (store.js computes the same)."""
    value = 0x811C9DC5
    for byte in text.encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def _shard_count(total: int) -> int:
    count = 1
    while count * SHARD_BYTES < total:
        count *= 2
    return count


def _shard_entry(gram: str, data: bytes) -> bytes:
    name = gram.encode()
    return varint(len(name)) + name + varint(len(data)) + data


def _compress_all(raw: dict[str, bytes]) -> dict[str, bytes]:
    """gzip every file, deterministically (no name, no time); zlib frees the GIL, so two threads help."""
    names = sorted(raw)
    with ThreadPoolExecutor(max_workers=2) as pool:
        packed = pool.map(lambda name: gzip.compress(raw[name], GZIP_LEVEL, mtime=0), names, chunksize=256)
        return dict(zip(names, packed))


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
