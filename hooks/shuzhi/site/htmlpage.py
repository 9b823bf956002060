"""The MkDocs page of a generated page whose body is ready HTML.

Its source holds front matter only (see :func:`shuzhi.site.pages.html_page`),
read as the JSON it is, so the title, tags and search switch in the front matter
work as on any page; rendering skips Python-Markdown, whose set-up alone
(a new converter with every extension, per page) costs more than the page.
This module imports mkdocs: it subclasses its Page, as Material's blog plugin does.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from shuzhi.site.pages import read_front_matter
from shuzhi.site.render import HtmlBody


class HtmlPage(Page):
    """A page rendered from an :class:`HtmlBody`: its HTML, table of contents and anchors."""

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, body: HtmlBody):
        super().__init__(title, file, config)
        self.body = body

    def read_source(self, config: MkDocsConfig) -> None:
        # The front matter we wrote is JSON: read as such, not as YAML (far slower).
        # A source some plugin supplies (none of ours does) is left to MkDocs.
        read = None
        if config.plugins.on_page_read_source(page=self, config=config) is None:
            read = read_front_matter(self.file.content_string)
        if read is None:
            super().read_source(config)
        else:
            self.markdown, self.meta = read

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.body.html
        self.toc = get_toc([item.as_token() for item in self.body.toc])
        self._title_from_render = None  # the title is in the front matter
        self.present_anchor_ids = set(self.body.anchors)
        # Links in raw HTML are not Markdown links: MkDocs never validates them
        # (tests/site checks them instead), so there are none to report.
        self.links_to_anchors = {}


def nav_titles(nav: list | None) -> dict[str, str]:
    """Source path -> title of the pages the ``nav`` setting names with a title.

    MkDocs gives such a page that title, but only when it makes the Page
    itself: a page made beforehand must be given it.
    """
    titles: dict[str, str] = {}
    stack = list(nav or [])
    while stack:
        entry = stack.pop()
        if isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(value, str):
                    titles[value] = title
                elif isinstance(value, list):
                    stack.extend(value)
    return titles
