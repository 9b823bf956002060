"""Theme fragments rendered once and reused by every page that renders them alike.

Material renders the whole navigation, the tabs, the header (but for the
page title in it), the search box and the ``__config`` script for each page. On a page outside the navigation (every
sample page, every later listing page) none of them depends on the page
itself, only on where it sits, because their links are relative. MkDocs
writes the shortest relative link (``../`` from ``cunshuji/<id>/`` to
``cunshuji/``, ``../../diyishuji/`` to the next type), so one render serves
the pages of one folder: one per report type, not one per page. At 10,000
samples these renders were a fifth of the build. overrides/main.html wraps
them in::

    {% call shared_fragment(page, "nav") %}...{% endcall %}

Render afresh, always: pages in the navigation (their nav item is active and
holds their table of contents), templates without a page (404.html), and a
page with a directory URL that has a nav page inside it (``a/x/`` when
``a/x/y/`` is in the nav): its link to that page is ``y/``, where its
neighbour ``a/z/`` has ``../x/y/``.
"""

from __future__ import annotations

import posixpath
from typing import Any, Callable, Mapping


class SharedFragments:
    """A Jinja global for ``{% call %}``: the body's HTML, cached per name and page folder.

    ``nav``: source URI -> URL of every page in the navigation.
    """

    def __init__(self, nav: Mapping[str, str]) -> None:
        self._in_nav = frozenset(nav)
        self._nav_urls = tuple(nav.values())
        self._html: dict[tuple[str, str, bool], Any] = {}
        self.rendered = 0  # bodies rendered (for tests)

    def __call__(self, page: Any, name: str, *, caller: Callable[[], Any]) -> Any:
        place = self._place(page)
        if place is None:
            self.rendered += 1
            return caller()
        key = (name, *place)
        if key not in self._html:
            self.rendered += 1
            self._html[key] = caller()
        return self._html[key]

    def _place(self, page: Any) -> tuple[str, bool] | None:
        """(folder, directory URL?) shared by the pages that render alike, or None to render afresh."""
        uri = getattr(getattr(page, "file", None), "src_uri", None)
        if uri is None or uri in self._in_nav:
            return None
        url = str(getattr(page, "url", ""))
        if url.endswith("/") and any(nav_url.startswith(url) for nav_url in self._nav_urls):
            return None
        # A directory URL (a/x/) resolves links against itself, a file URL (a/x.html)
        # against its folder: either way the parent folder and the kind of URL fix
        # every link (and base_url) the fragments write.
        return posixpath.dirname(url.rstrip("/")), url.endswith("/")


class RememberedStrings:
    """A Jinja global: ``lookup(key)`` once per key, then the same string.

    For interface strings (overrides/partials/languages/custom.html), which
    depend on the key alone.
    """

    def __init__(self) -> None:
        self._strings: dict[str, Any] = {}

    def __call__(self, key: str, lookup: Callable[[str], Any]) -> Any:
        if key not in self._strings:
            self._strings[key] = lookup(key)
        return self._strings[key]
