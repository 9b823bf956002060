"""Unit tests of hooks/shuzhi/search/index.py: the pages it keeps and the index file it writes."""

from __future__ import annotations

import base64
import gzip
import json
import sys
from pathlib import Path

import pytest

from helpers import SAMPLE_PAGE
from shuzhi.search import grams as grams_module
from shuzhi.search import index as index_module
from shuzhi.search.charcode import CharTable
from shuzhi.search.extract import Section
from shuzhi.search.grams import IndexTooLarge, read_counts, read_positions, read_varints, varints
from shuzhi.search.index import (GUIDE, LISTING, SAMPLE, PhraseIndex, fnv1a,
                                 index_page, page_kind)


def test_index_page_uses_page_title_when_there_is_no_h1_and_drops_empty_sections():
    page = index_page("guides/", "写作指南", "<p>导语</p><h2 id='e'></h2><h2 id='f'>空节</h2>")  # no h1: anchor ""
    assert page.sections == (Section("", "写作指南", ("导语",)), Section("f", "空节", ()))


def _inflate(data: bytes) -> bytes:
    assert data[:2] == b"\x1f\x8b"  # stored gzip: the worker inflates it
    return gzip.decompress(data)


def _shard_grams(layout) -> dict[str, bytes]:
    """gram -> positions stream, over every shard file."""
    grams = {}
    for name, data in layout.files.items():
        if name.startswith("s/"):
            raw = _inflate(data)
            at = 0
            while at < len(raw):
                values = read_varints(raw[at:at + 5])
                size_name = values[0]
                at += len(bytes(varints([size_name])[0]))
                gram = raw[at:at + size_name].decode()
                at += size_name
                size = read_varints(raw[at:at + 5])[0]
                at += len(bytes(varints([size])[0]))
                grams[gram] = raw[at:at + size]
                assert fnv1a(gram) % layout.manifest["shards"] == int(name[2:-4])
                at += size
    return grams


def test_layout_numbers_pages_by_kind_then_url_and_keeps_their_text_as_shown():
    index = PhraseIndex()
    index.add_page("tags/", "专题", "<h1>专题</h1><p>列表</p>")
    index.add_page("zhucun/zhucun-4372ff/", "乙", "<h1 id='t'>乙</h1><h2 id='sec-1'>一、问题</h2><p>同 一句。</p>")
    index.add_page("guides/wenti/", "写法", "<h1>写法</h1><p>写“问题”</p>")
    layout = index.layout()
    assert layout.manifest["pages"] == 3
    assert layout.manifest["kinds"] == [1, 1, 1]
    assert layout.manifest["sections"] == [2, 1, 1]
    # Page files keep the text as the reader sees it (not normalised), with URL and kind.
    table = CharTable(layout.manifest["chars"])
    records = [json.loads(table.decode(_inflate(layout.files[f"p/{n}.bin"]))) for n in range(3)]
    assert records == [
        ["zhucun/zhucun-4372ff/", SAMPLE, [["t", "乙", []], ["sec-1", "一、问题", ["同 一句。"]]]],
        ["guides/wenti/", GUIDE, [["", "写法", ["写“问题”"]]]],
        ["tags/", LISTING, [["", "专题", ["列表"]]]],
    ]


def test_postings_address_units_of_normalised_text():
    index = PhraseIndex()
    index.add_page("a/", "甲", "<h1>甲</h1><h2 id='s'>一、问题</h2><p>同 一句。</p><p>一句话</p>")
    grams = _shard_grams(index.layout())
    # Units: 0 page title, 1 page text, 2 section title, 3 section text ("同一句。\n一句话").
    assert read_positions(grams["一句"]) == [(3, 1), (3, 5)]
    assert read_positions(grams["问题"]) == [(2, 2)]
    assert "。一" not in grams  # no gram across two paragraphs
    assert "甲一" not in grams  # ... or across a title and its text


def test_frequent_grams_get_their_own_files_with_counts(monkeypatch):
    monkeypatch.setattr(grams_module, "FREQUENT_MIN", 3)
    index = PhraseIndex()
    index.add_page("a/", "甲", "<h1>甲</h1><p>" + "发展集体经济，" * 4 + "</p>")
    layout = index.layout()
    assert layout.manifest["threshold"] == 3
    assert layout.manifest["frequent"]["集体"] == 4
    name = "集体".encode().hex()
    assert read_positions(_inflate(layout.files[f"f/{name}.bin"]))[0] == (1, 2)
    assert read_counts(_inflate(layout.files[f"c/{name}.bin"])) == {1: 4}
    # Trigrams around a frequent bigram are indexed too; frequent ones are not in shards.
    grams = _shard_grams(layout)
    assert "集体" not in grams and "展集体" in grams or "展集体" in layout.manifest["frequent"]


def test_layout_is_deterministic():
    def build():
        index = PhraseIndex()
        index.add_page("x/", "X", SAMPLE_PAGE)
        index.add_page("cunshuji/c-1/", "Y", SAMPLE_PAGE)
        return index.layout()
    first, second = build(), build()
    assert first.manifest == second.manifest and first.files == second.files


def test_write_replaces_material_index_with_the_manifest(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text('{"config":{},"docs":[]}')
    index = PhraseIndex()
    index.add_page("", "首页", "<h1>首页</h1><p>欢迎</p>")
    path = index.write(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["config"] == {"format": "phrase-search", "version": 4}
    assert data["docs"]["pages"] == 1 and "files" not in data["docs"]
    assert (tmp_path / "search" / "phrase" / "p" / "0.bin").is_file()


def test_whole_index_for_the_offline_build_holds_every_file(tmp_path):
    index = PhraseIndex()
    index.add_page("", "首页", "<h1>首页</h1><p>欢迎光临</p>")
    path = index.write(tmp_path, whole=True)
    data = json.loads(path.read_text(encoding="utf-8"))
    files = data["docs"]["files"]
    assert set(files) == set(index.layout().files)
    table = CharTable(data["docs"]["chars"])
    assert json.loads(table.decode(_inflate(base64.b64decode(files["p/0.bin"]))))[0] == ""
    assert not (tmp_path / "search" / "phrase").exists()


def test_front_matter_search_exclude_keeps_a_page_out():
    index = PhraseIndex()
    index.add_page("a/", "甲", "<p>甲</p>", {"search": {"exclude": True}})
    index.add_page("b/", "乙", "<p>乙</p>", {"search": {"boost": 2}})
    index.add_page("c/", "丙", "<p>丙</p>", {})
    assert [p.location for p in index.pages] == ["b/", "c/"]


@pytest.mark.parametrize("location, kind", [
    ("cunshuji/cunshuji-30ab16/", SAMPLE),
    ("zhengdun/zhengdun-463af3/", SAMPLE),
    ("diyishuji/zhucun-e9959c/", SAMPLE),       # the id keeps its first folder's name
    ("cunshuji/cunshuji-30ab16.html", SAMPLE),  # offline build: file URLs
    ("guides/", GUIDE),
    ("guides/kaitou/", GUIDE),
    ("guides/gongzuo/diyishuji/", GUIDE),
    ("guides/kaitou.html", GUIDE),
    ("", LISTING),                              # home page
    ("index.html", LISTING),
    ("cunshuji/", LISTING),                     # type page
    ("cunshuji/index.html", LISTING),
    ("cunshuji/page-2/", LISTING),              # its later pages
    ("zhucun/page-12.html", LISTING),
    ("tags/", LISTING),                         # topics
    ("404.html", LISTING),
    ("elsewhere/x/", LISTING),
])
def test_page_kind_follows_the_url(location, kind):
    assert page_kind(location) == kind


def _tree(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_index_written_in_a_child_process_is_the_same_and_needs_no_path_set_up(tmp_path, monkeypatch):
    index = PhraseIndex()
    index.add_page("", "首页", "<h1>首页</h1><p>欢迎光临</p>")
    index.add_page("cunshuji/c-1/", "甲", SAMPLE_PAGE)
    inline = index.start(tmp_path / "inline", background=False).finish()
    # The child must find this package by itself, as under MkDocs, which takes
    # hooks/ off sys.path once the hook module is loaded.
    hooks_dir = str(Path(grams_module.__file__).resolve().parents[2])
    monkeypatch.setattr(sys, "path", [p for p in sys.path if Path(p).resolve() != Path(hooks_dir)])
    child = index.start(tmp_path / "child", background=True).finish()
    assert inline.read_text(encoding="utf-8") == child.read_text(encoding="utf-8")
    assert _tree(tmp_path / "inline") == _tree(tmp_path / "child")
    assert len(_tree(tmp_path / "child")) > 3


def test_an_error_in_the_child_process_reaches_the_build(tmp_path):
    index = PhraseIndex()
    index.add_page("a/", "甲", "<h1>甲</h1><p>" + "字" * grams_module.UNIT_SPAN + "</p>")
    pending = index.start(tmp_path, background=True)
    with pytest.raises(IndexTooLarge, match="一节正文有"):
        pending.finish()
    assert not (tmp_path / "search" / "search_index.json").exists()


def test_large_sites_are_indexed_in_the_background_small_ones_inline(tmp_path, monkeypatch):
    started = []

    def no_child(*args):
        started.append(args)
        raise RuntimeError("child")

    monkeypatch.setattr(index_module.Child, "start", no_child)
    small = PhraseIndex()
    small.add_page("a/", "甲", "<p>" + "字" * 100 + "</p>")
    small.start(tmp_path).finish()
    assert started == []
    big = PhraseIndex()
    big.add_page("a/", "甲", "<p>" + "字" * index_module.BACKGROUND_MIN_CHARS + "</p>")
    with pytest.raises(RuntimeError, match="child"):
        big.start(tmp_path)
    assert len(started) == 1


def test_a_child_that_cannot_write_says_why_in_one_line(tmp_path):
    (tmp_path / "search").write_text("not a folder")  # search/phrase/ cannot be made
    index = PhraseIndex()
    index.add_page("a/", "甲", "<h1>甲</h1><p>乙丙</p>")
    with pytest.raises(index_module.IndexNotWritten, match="FileExistsError|NotADirectoryError") as caught:
        index.start(tmp_path, background=True).finish()
    assert "\n" not in str(caught.value)


def test_add_pages_takes_sections_from_bodies_and_skips_pages_never_rendered():
    from types import SimpleNamespace as Obj
    known = (Section("t", "", ("来自数据",)),)

    def page(uri, url, content):
        return Obj(file=Obj(src_uri=uri), url=url, title="题", content=content, meta={})

    index = PhraseIndex()
    index.add_pages([page("a.md", "a/", "<h1>题</h1><p>来自网页</p>"), page("b.md", "b/", "<p>不用</p>"),
                     page("c.md", "c/", None), None], {"b.md": Obj(search_sections=known)})
    assert [(p.location, p.sections[0].paragraphs) for p in index.pages] == [("a/", ("来自网页",)), ("b/", ("来自数据",))]
