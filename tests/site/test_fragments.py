"""Theme fragments shared by the pages outside the navigation (shuzhi.site.fragments)."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from shuzhi.site.fragments import SharedFragments


@dataclass
class File:
    src_uri: str


@dataclass
class Page:
    file: File
    url: str = ""


TEMPLATE = '{% call shared_fragment(page, base_url, "nav") %}<nav>{{ base_url }} {{ renders() }}</nav>{% endcall %}'


def render_all(shared: SharedFragments, pages: list[tuple[Page | None, str]]) -> list[str]:
    count = iter(range(1, 100))
    env = jinja2.Environment()
    env.globals.update(shared_fragment=shared, renders=lambda: next(count))
    template = env.from_string(TEMPLATE)
    return [template.render(page=page, base_url=base) for page, base in pages]


def test_pages_outside_the_nav_share_one_render_per_folder():
    shared = SharedFragments(in_nav=frozenset())
    out = render_all(shared, [(Page(File("a/x.md"), "a/x/"), "../.."), (Page(File("a/y.md"), "a/y/"), "../.."),
                              (Page(File("b/y.md"), "b/y/"), "../.."), (Page(File("c.md"), "c/"), "..")])
    # Same depth, other folder: links differ ("../" within a/, "../../a/" from b/).
    assert out == ["<nav>../.. 1</nav>", "<nav>../.. 1</nav>", "<nav>../.. 2</nav>", "<nav>.. 3</nav>"]
    assert shared.rendered == 3


def test_pages_in_the_nav_and_pages_without_a_page_render_afresh():
    shared = SharedFragments(in_nav=frozenset({"index.md"}))
    out = render_all(shared, [(Page(File("index.md")), "."), (Page(File("index.md")), "."), (None, "/")])
    assert out == ["<nav>. 1</nav>", "<nav>. 2</nav>", "<nav>/ 3</nav>"]
    assert shared.rendered == 3
