"""Theme fragments rendered once and reused by every page that renders them alike.

Material renders the whole navigation, the tabs, the search box and the
``__config`` script for each page. On a page outside the navigation (every
sample page, every later listing page) none of them depends on the page
itself, only on where it sits, because their links are relative. MkDocs
writes the shortest relative link (``../`` from ``cunshuji/<id>/`` to
``cunshuji/``, ``../../diyishuji/`` to the next type), so one render serves
the pages of one folder: one per report type, not one per page. At 10,000
samples these renders were a fifth of the build. overrides/main.html wraps
them in::

    {% call shared_fragment(page, base_url, "nav") %}...{% endcall %}

Pages in the navigation always render afresh: their nav item is active and
holds their table of contents. So do templates without a page (404.html).
"""

from __future__ import annotations

import posixpath
from typing import Any, Callable


class SharedFragments:
    """A Jinja global for ``{% call %}``: the body's HTML, cached per name and page folder.

    ``in_nav``: source URIs of the pages in the navigation, which always render afresh.
    """

    def __init__(self, in_nav: frozenset[str]) -> None:
        self._in_nav = in_nav
        self._html: dict[tuple, Any] = {}
        self.rendered = 0  # bodies rendered (for tests)

    def __call__(self, page: Any, base_url: str, name: str, *key: Any, caller: Callable[[], Any]) -> Any:
        uri = getattr(getattr(page, "file", None), "src_uri", None)
        if uri is None or uri in self._in_nav:
            self.rendered += 1
            return caller()
        folder = posixpath.dirname(str(getattr(page, "url", "")).rstrip("/"))
        full_key = (name, base_url, folder, *key)
        if full_key not in self._html:
            self.rendered += 1
            self._html[full_key] = caller()
        return self._html[full_key]
