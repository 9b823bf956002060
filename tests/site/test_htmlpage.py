"""Unit tests of hooks/shuzhi/site/htmlpage.py: generated pages skip Markdown."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from shuzhi.site.htmlpage import HtmlPage, nav_titles
from shuzhi.site.render import HtmlBody, TocItem


def test_nav_titles_finds_titled_pages_at_any_depth():
    nav = [
        {"首页": "index.md"},
        "about.md",  # untitled: MkDocs takes the page's own title
        {"写作指南": ["guides/index.md", {"开头": "guides/kaitou.md"}, {"外链": "https://example.org/"}]},
    ]
    assert nav_titles(nav) == {"index.md": "首页", "guides/kaitou.md": "开头", "https://example.org/": "外链"}
    assert nav_titles(None) == {}


def test_html_page_renders_its_body_without_markdown():
    config = MkDocsConfig()
    config.load_dict({"site_name": "站", "docs_dir": "."})
    config.validate()
    config.plugins._current_plugin = None  # as during a build
    file = File.generated(config, "a/b.md", content="---\ntitle: 甲\n---\n\n<!-- note -->\n")
    body = HtmlBody("甲", '<h1 id="t">甲 *不是强调*</h1>\n', (TocItem(1, "t", "甲"),), frozenset({"t", "s"}))
    page = HtmlPage("导航名", file, config, body)
    assert file.page is page
    page.read_source(config)
    page.render(config, Files([file]))
    assert page.content == body.html  # literally: no Markdown ran over it
    assert [(item.id, item.title, item.level) for item in page.toc] == [("t", "甲", 1)]
    assert page.present_anchor_ids == {"t", "s"}
    assert page.title == "导航名"
