"""The phrase set and its ground truth: which pages of a built site contain a
phrase, read from each page's article text the way search indexes it."""

from __future__ import annotations

import html.parser
import json
import random
import re
from pathlib import Path

from shuzhi.bench.builds import INDEX_PATH
from shuzhi.bench.synthetic import DEFAULT_SEED
from shuzhi.library.model import Sample
from shuzhi.search.index import read_page_records

# Phrases readers search for (DESIGN.md section 1); only those present in the
# generated text are used, plus phrases cut from the text and one miss.
DOMAIN_PHRASES = (
    "集体经济", "三会一课", "群众反映强烈", "软弱涣散", "第一书记", "精准扶贫", "民主集中制", "战斗堡垒",
    "班子建设", "基础设施", "财务管理", "矛盾纠纷", "宗族派性", "村村通", "先锋模范作用", "凝聚力和战斗力",
    "群众反映强烈的热点、难点问题", "“两委”", "20xx", "1-2个",
)
MISS_PHRASE = "量子计算机"
SAMPLED_LENGTHS = (2, 3, 4, 4, 5, 6, 8, 10, 12, 16)
SAMPLED_PHRASES = 25
PHRASE_SOURCE_SAMPLES = 100  # cut phrases from the first samples only, so every N uses the same set

_SPACE = re.compile(r"[\s\u200b]+")


def normalise(text: str) -> str:
    """The phrase search's matching form: no whitespace, full-width ASCII folded, ASCII lower case."""
    text = _SPACE.sub("", text)
    text = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
    return "".join(c.lower() if c.isascii() else c for c in text)


def phrase_set(samples: tuple[Sample, ...], seed: str = DEFAULT_SEED) -> list[str]:
    """Domain phrases found in the text, phrases cut from paragraphs, and one miss."""
    source = samples[:PHRASE_SOURCE_SAMPLES]
    paragraphs = [p for s in source for sec in s.sections for p in sec.paragraphs]
    text = "\n".join(normalise(p) for p in paragraphs)
    phrases = [p for p in DOMAIN_PHRASES if normalise(p) in text]
    rng = random.Random(f"{seed}:phrases")
    attempts = 0
    while len(phrases) < len(DOMAIN_PHRASES) + SAMPLED_PHRASES and attempts < 10_000:
        attempts += 1
        paragraph = rng.choice(paragraphs)
        length = rng.choice(SAMPLED_LENGTHS)
        if len(paragraph) < length:
            continue
        start = rng.randint(0, len(paragraph) - length)
        phrase = paragraph[start:start + length]
        if phrase.strip() != phrase or _SPACE.search(phrase) or phrase in phrases:
            continue
        phrases.append(phrase)
    return phrases + [MISS_PHRASE]


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section summary table td th tr ul".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _ArticleText(html.parser.HTMLParser):
    """Text blocks of the page's article, without what search excludes and without the tag chips.

    As in Material's search: an element with ``data-search-exclude`` is left
    out, and on a heading it leaves out its whole section, up to the next heading.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.article_depth: int | None = None
        self.skip_depth: int | None = None
        self.skip_section = False
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID_TAGS:
            self.handle_startendtag(tag, attrs)
            return
        self.depth += 1
        attributes = dict(attrs)
        if self.article_depth is None and tag == "article":
            self.article_depth = self.depth
        if tag in _HEADINGS and self.article_depth is not None and self.skip_depth is None:
            self.skip_section = "data-search-exclude" in attributes
        if self.skip_depth is None and self.article_depth is not None:
            classes = (attributes.get("class") or "").split()
            # Tag chips are links to the tags page, not the page's text.
            if ("data-search-exclude" in attributes or "headerlink" in classes or "md-tags" in classes
                    or tag in ("script", "style", "svg")):
                self.skip_depth = self.depth
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _VOID_TAGS:
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if self.skip_depth == self.depth:
            self.skip_depth = None
        if self.article_depth == self.depth:
            self.article_depth = -1  # done: only the first article counts
        self.depth -= 1

    def handle_data(self, data):
        if self.article_depth and self.article_depth > 0 and self.skip_depth is None and not self.skip_section:
            self.parts.append(data)


def page_texts(site_dir: Path) -> dict[str, str]:
    """Page URL (as search results give it) -> its searchable text, one normalised block per line."""
    pages = {}
    for path in sorted(site_dir.rglob("index.html")):
        parser = _ArticleText()
        parser.feed(path.read_text(encoding="utf-8"))
        blocks = (normalise(b) for b in "".join(parser.parts).split("\n"))
        url = path.parent.relative_to(site_dir).as_posix()
        pages["" if url == "." else url + "/"] = "\n".join(b for b in blocks if b)
    return pages


def indexed_pages(site_dir: Path) -> set[str]:
    """Page URLs the site's search index covers. A page can opt out of search
    (Material's ``search: exclude: true`` front matter, used for paged duplicate
    listings); that leaves no trace in its HTML, so the index says which pages count."""
    index = json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))
    docs = index["docs"]
    if index.get("config", {}).get("format") == "phrase-search":  # the manifest; a record per page
        return set(phrase_search_urls(site_dir).values())
    return {doc["location"].split("#")[0] for doc in docs}


def phrase_search_urls(site_dir: Path) -> dict[int, str]:
    """Page number -> URL, from the phrase-search index's page records."""
    return {number: record[0] for number, record in enumerate(read_page_records(site_dir))}


def truth(phrase: str, pages: dict[str, str]) -> set[str]:
    """Pages where one text block contains every term of the phrase (it has none, usually: one term)."""
    terms = [normalise(t) for t in phrase.split() if normalise(t)]
    hits = set()
    for url, text in pages.items():
        if not all(term in text for term in terms):  # cheap check on the whole page first
            continue
        if any(all(term in block for term in terms) for block in text.split("\n")):
            hits.add(url)
    return hits
