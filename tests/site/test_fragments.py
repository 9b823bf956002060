"""Theme fragments shared by the pages outside the navigation (shuzhi.site.fragments)."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from shuzhi.site.fragments import RememberedStrings, SharedFragments


@dataclass
class File:
    src_uri: str


@dataclass
class Page:
    file: File
    url: str = ""


TEMPLATE = '{% call shared_fragment(page, "nav") %}<nav>{{ renders() }}</nav>{% endcall %}'


def render_all(shared: SharedFragments, pages: list[Page | None]) -> list[str]:
    count = iter(range(1, 100))
    env = jinja2.Environment()
    env.globals.update(shared_fragment=shared, renders=lambda: next(count))
    template = env.from_string(TEMPLATE)
    return [template.render(page=page) for page in pages]


def test_pages_outside_the_nav_share_one_render_per_folder():
    shared = SharedFragments(nav={})
    out = render_all(shared, [Page(File("a/x.md"), "a/x/"), Page(File("a/y.md"), "a/y/"),
                              Page(File("b/y.md"), "b/y/"), Page(File("c.md"), "c/"),
                              Page(File("a/z.md"), "a/z.html"), Page(File("a/w.md"), "a/w.html")])
    # Same depth, other folder: links differ ("../" within a/, "../../a/" from b/);
    # a file URL resolves against its folder, one level up from a directory URL's.
    assert out == ["<nav>1</nav>", "<nav>1</nav>", "<nav>2</nav>", "<nav>3</nav>", "<nav>4</nav>", "<nav>4</nav>"]
    assert shared.rendered == 4


def test_pages_in_the_nav_and_pages_without_a_page_render_afresh():
    shared = SharedFragments(nav={"index.md": ""})
    out = render_all(shared, [Page(File("index.md")), Page(File("index.md")), None])
    assert out == ["<nav>1</nav>", "<nav>2</nav>", "<nav>3</nav>"]
    assert shared.rendered == 3


def test_a_page_with_a_nav_page_inside_it_renders_afresh():
    """From a/x/ the link to a/x/y/ is y/, from its neighbour a/z/ it is ../x/y/."""
    shared = SharedFragments(nav={"a/x/y.md": "a/x/y/"})
    out = render_all(shared, [Page(File("a/x.md"), "a/x/"), Page(File("a/z.md"), "a/z/"),
                              Page(File("a/v.md"), "a/v/"), Page(File("a/x.md"), "a/x/")])
    assert out == ["<nav>1</nav>", "<nav>2</nav>", "<nav>2</nav>", "<nav>3</nav>"]


def test_remembered_strings_look_each_key_up_once():
    looked_up = []

    def lookup(key):
        looked_up.append(key)
        return f"<{key}>"

    strings = RememberedStrings()
    assert [strings(k, lookup) for k in ("top", "nav", "top", "top")] == ["<top>", "<nav>", "<top>", "<top>"]
    assert looked_up == ["top", "nav"]
