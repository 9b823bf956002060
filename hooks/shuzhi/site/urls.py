"""Where each generated page lives, and relative links between pages.

Paths are source paths inside docs/ (``cunshuji/<id>.md``), the form Markdown
links use, so a strict build validates every link and anchor we write.

HTML links (``href``) follow MkDocs' ``use_directory_urls`` of the build in
progress: on (``cunshuji/<id>/``) for the published site, off
(``cunshuji/<id>.html``) in the offline build, which is opened from file://
where a folder URL shows a folder listing instead of its index.html.
"""

from __future__ import annotations

import posixpath

from shuzhi.library.model import ReportType, Sample, SectionKind

HOME_URI = "index.md"
TAGS_URI = "tags.md"
GUIDES_DIR = "guides"
GUIDES_INDEX_URI = f"{GUIDES_DIR}/index.md"

_directory_urls = True  # MkDocs' default, and the published site's


def set_directory_urls(enabled: bool) -> None:
    """Write HTML links for ``use_directory_urls: enabled``.

    The hook sets it when a build starts and puts the default back when it
    ends, so code outside a build (tests, scripts) always sees directory URLs.
    """
    global _directory_urls
    _directory_urls = enabled


def directory_urls() -> bool:
    """Whether HTML links are written for directory URLs (see :func:`set_directory_urls`)."""
    return _directory_urls


def type_uri(report_type: ReportType) -> str:
    return f"{report_type.slug}/index.md"


def sample_uri(sample: Sample) -> str:
    return f"{sample.report_type.slug}/{sample.id}.md"


def guide_uri(kind: SectionKind) -> str:
    return f"{GUIDES_DIR}/{kind.slug}.md"


def section_anchor(index: int) -> str:
    """Anchor of the n-th section (1-based) on a sample page; guides link to it."""
    return f"sec-{index}"


def link(from_uri: str, to_uri: str, anchor: str = "") -> str:
    """Relative Markdown link target from one source page to another."""
    target = posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    return f"{target}#{anchor}" if anchor else target


def page_url(uri: str) -> str:
    """Site path of a source path, as MkDocs gives it: cunshuji/x.md -> cunshuji/x/ and
    cunshuji/index.md -> cunshuji/ with directory URLs, cunshuji/x.html and cunshuji/index.html without."""
    if not uri.endswith(".md"):
        return uri
    stem = uri[:-3]
    if not _directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_uri: str, to_uri: str, anchor: str = "") -> str:
    """Relative URL for an HTML link from one page to another, as MkDocs writes them."""
    here, there = page_url(from_uri), page_url(to_uri)
    if here == there and anchor:
        return f"#{anchor}"
    # A directory URL is the folder links resolve against; a file URL's is its parent.
    base = here if _directory_urls else posixpath.dirname(here)
    rel = _relative(there, base)
    if there == "" or there.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return f"{rel}#{anchor}" if anchor else rel


def _relative(path: str, start: str) -> str:
    """posixpath.relpath for the site's own paths (relative, normalised, no ``..``),
    without its two abspath calls: a large build makes half a million links."""
    to = [p for p in path.split("/") if p]
    here = [p for p in start.split("/") if p]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    parts = [".."] * (len(here) - common) + to[common:]
    return "/".join(parts) or "."
