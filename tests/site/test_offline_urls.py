"""Links of the offline build (mkdocs.offline.yml): hooks/shuzhi/site/urls.py
writes .html file links when Material's offline plugin turns directory URLs
off, and only for that build. The browser test (tests/browser/test_offline.py)
opens the zip from file://.
"""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from helpers import FIXTURE_LIBRARY, build_site
from shuzhi.site.urls import href, page_url, set_directory_urls

# (from, to, anchor) -> (directory URLs, file URLs)
CASES = {
    ("cunshuji/x.md", "index.md", ""): ("../../", "../index.html"),
    ("cunshuji/x.md", "cunshuji/index.md", ""): ("../", "index.html"),
    ("cunshuji/index.md", "cunshuji/x.md", ""): ("x/", "x.html"),
    ("cunshuji/index.md", "cunshuji/page-2.md", ""): ("page-2/", "page-2.html"),
    ("cunshuji/x.md", "cunshuji/x.md", "sec-2"): ("#sec-2", "#sec-2"),
    ("cunshuji/x.md", "guides/kaitou.md", ""): ("../../guides/kaitou/", "../guides/kaitou.html"),
    ("guides/gongzuo/diyishuji/page-2.md", "diyishuji/y.md", "sec-3"):
        ("../../../../diyishuji/y/#sec-3", "../../../diyishuji/y.html#sec-3"),
    ("guides/index.md", "guides/gongzuo.md", "examples-zhucun"): ("gongzuo/#examples-zhucun", "gongzuo.html#examples-zhucun"),
    ("index.md", "cunshuji/index.md", ""): ("cunshuji/", "cunshuji/index.html"),
}


@pytest.fixture
def file_urls():
    set_directory_urls(False)
    yield
    set_directory_urls(True)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}->{c[1]}{'#' + c[2] if c[2] else ''}")
def test_href_with_directory_urls(case):
    assert href(*case) == CASES[case][0]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}->{c[1]}{'#' + c[2] if c[2] else ''}")
def test_href_with_file_urls(file_urls, case):
    assert href(*case) == CASES[case][1]


def test_page_url_names_the_file_mkdocs_writes(file_urls):
    assert page_url("index.md") == "index.html"
    assert page_url("cunshuji/index.md") == "cunshuji/index.html"
    assert page_url("cunshuji/x.md") == "cunshuji/x.html"


def offline_build(tmp_path, library_dir):
    return build_site(tmp_path, library_dir, config_file="mkdocs.offline.yml")


def test_offline_build_writes_file_links_and_leaves_the_default(tmp_path):
    """A strict build (every link and anchor checked), whose mode ends with it."""
    site = offline_build(tmp_path, FIXTURE_LIBRARY)
    listing = (site / "cunshuji" / "index.html").read_text(encoding="utf-8")
    assert 'href="cunshuji-hostile-ceshi.html"' in listing
    sample = (site / "cunshuji" / "cunshuji-hostile-ceshi.html").read_text(encoding="utf-8")
    assert '<a href="../index.html">首页</a>' in sample
    assert href("cunshuji/index.md", "cunshuji/x.md") == "x/"


def test_failed_offline_build_leaves_the_default(tmp_path):
    broken = tmp_path / "library"
    broken.mkdir()
    (broken / "cunshuji-broken.yml").write_text("id: [\n", encoding="utf-8")
    with pytest.raises(Abort):
        offline_build(tmp_path, broken)
    assert href("cunshuji/index.md", "cunshuji/x.md") == "x/"


def test_relative_paths_agree_with_posixpath():
    """urls._relative is posixpath.relpath for the site's paths, without its cost."""
    import itertools
    import posixpath

    from shuzhi.site.urls import _relative

    paths = ["", "cunshuji/", "cunshuji/x/", "cunshuji/x", "guides/gongzuo/diyishuji/page-2/", "guides/",
             "index.html", "guides/gongzuo.html", "cunshuji/page-2"]
    for path, start in itertools.product(paths, repeat=2):
        assert _relative(path, start) == posixpath.relpath(path or ".", start or "."), (path, start)
