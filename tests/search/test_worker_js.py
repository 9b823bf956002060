"""Unit tests of the phrase-search scripts (overrides/assets/javascripts/search/), run in Chromium.

The scripts are served from a routed fake origin (no server, no network).
opencc-ts.js, match.js, store.js, index.js and landing.js load as page
scripts, so their functions are tested directly, on indexes the Python side
builds (hooks/shuzhi/search/index.py); worker.js runs as a real web worker,
as Material starts it and as the build joins it with its parts
(hooks/shuzhi/search/worker.py), and fetches its index from the fake origin.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from helpers import joined_worker, require_chromium, search_script
from shuzhi.search.extract import Section
from shuzhi.search.index import KIND_ORDER, IndexedPage, build_layout
from shuzhi.search.normalise import normalise as python_normalise

ORIGIN = "http://phrase-search.test"

require_chromium()


# A tiny site: strings, and pages as [url, kind, [anchor, title, paragraph...], ...] of them.
STRINGS = [
    "甲页", "一、发展集体经济", "壮大集体经济，集体经济收入增加。", "群众反映强烈的热点、难点问题",
    "乙页", "二、其他", "发展集体", "经济薄弱", "集体经济",
    "丙页", "三、Ａ&Ｂ <测试>", "20XX年争取１－２个项目，办 事 公 开。",
]
PAGES = [
    ["a/", "sample", ["", 0], ["sec-1", 1, 2, 3]],
    ["b/", "sample", ["", 4, 8], ["sec-1", 5, 6, 7]],
    ["c/", "sample", ["", 9], ["sec-1", 10, 11]],
]


def layout_of(strings, pages):
    indexed = [IndexedPage(location, tuple(Section(anchor, strings[title], tuple(strings[p] for p in paragraphs))
                                           for anchor, title, *paragraphs in sections), kind)
               for location, kind, *sections in pages]
    indexed.sort(key=lambda p: (KIND_ORDER.index(p.kind), p.location))
    return build_layout(tuple(indexed))


def index_of(strings, pages):
    """The offline (whole) form of the index, which PhraseStore.whole() reads."""
    return json.loads(layout_of(strings, pages).whole_json())


INDEX = index_of(STRINGS, PAGES)
SERVED = layout_of(STRINGS, PAGES)  # what the worker fetches: /search/search_index.json and /search/phrase/...
FOREIGN = {"config": {"format": "phrase-search", "version": 2}, "docs": {"strings": [], "pages": []}}
DROP: set[str] = set()  # paths whose next request fails


@pytest.fixture(scope="module")
def page(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def serve(route):
        url = route.request.url
        name = url.rsplit("/", 1)[-1]
        path = url[len(ORIGIN):]
        if path == "/search/search_index.json":
            route.fulfill(body=SERVED.manifest_json(), content_type="application/json")
        elif path == "/old/search/search_index.json":
            route.fulfill(body=json.dumps(FOREIGN), content_type="application/json")
        elif path.startswith("/search/phrase/"):
            data = SERVED.files.get(path[len("/search/phrase/"):])
            if path in DROP:
                DROP.discard(path)
                route.abort()  # a dropped connection, once
            elif data is None:
                route.fulfill(status=404, body="")
            else:
                route.fulfill(body=data, content_type="application/octet-stream")
        elif name == "worker.js":  # as the site serves it: one script with its parts
            route.fulfill(body=joined_worker(), content_type="text/javascript")
        elif name.endswith(".js"):
            route.fulfill(body=search_script(name), content_type="text/javascript")
        else:
            route.fulfill(body="<!doctype html><meta charset=utf-8><body></body>", content_type="text/html")

    page.route(f"{ORIGIN}/**", serve)
    page.goto(f"{ORIGIN}/index.html")
    for name in ("opencc-ts.js", "match.js", "store.js", "index.js", "landing.js"):
        page.add_script_tag(url=f"{ORIGIN}/{name}")
    yield page
    assert errors == []
    page.close()


def js(page, expression: str, arg=None):
    return page.evaluate(
        f"arg => {{ const P = {{...PhraseMatch, ...PhraseSnippet, ...PhraseLanding, PhraseSearch, PhraseStore,"
        f" run: (index, query) => new PhraseSearch(PhraseStore.whole(index), {{ firstScreen: Infinity }}).search(query)"
        f"}}; return {expression} }}", arg)


def search(page, query: str, index=None):
    return js(page, "P.run(arg.index, arg.query)", {"index": index or INDEX, "query": query})


def locations(result) -> list[list[str]]:
    return [[item["location"] for item in group] for group in result["items"]]


# -- normalisation ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("ＡＢＣ１２３ａｂｃ", "abc123abc"),      # full-width letters and digits
    ("Word WPS", "wordwps"),                  # case; whitespace removed
    ("集体\u3000经济\n收入\u00a0", "集体经济收入"),  # ideographic space, line break, NBSP
    ("热点、难点，“三会一课”。", '热点、难点,"三会一课"。'),  # 、。 kept; ，folds like NFKC; quotes fold
    ("（1）１－２个", "(1)1-2个"),
])
def test_normalise(page, text, expected):
    assert js(page, "P.normalise(arg)", text) == expected


def test_original_offsets_skip_whitespace(page):
    assert js(page, "P.originalOffsets(arg)", "a b\u3000c") == [0, 2, 4, 5]


def test_query_terms_split_on_any_space_and_deduplicate(page):
    terms = js(page, "P.parseQuery(arg)", " 集体经济\u3000群众  ＡＢ ab ")
    assert terms == [{"raw": "集体经济", "norm": "集体经济"}, {"raw": "群众", "norm": "群众"},
                     {"raw": "ＡＢ", "norm": "ab"}]


# -- finding and marking --------------------------------------------------------

def test_ranges_map_back_to_the_original_text(page):
    text = "办 事 公 开，Ｗｏｒｄ 文档"
    ranges = js(page, "P.findRanges(arg, P.parseQuery('办事公开 word'))", text)
    assert [text[s:e] for s, e in ranges] == ["办 事 公 开", "Ｗｏｒｄ"]


def test_every_occurrence_counted_without_overlap(page):
    assert js(page, "P.findRanges('哈哈哈哈哈', P.parseQuery('哈哈'))") == [[0, 2], [2, 4]]
    # a shorter term inside a longer one is not marked twice
    text = "集体经济和集体"
    ranges = js(page, "P.findRanges(arg, P.parseQuery('集体 集体经济'))", text)
    assert [text[s:e] for s, e in ranges] == ["集体经济", "集体"]


def test_mark_html_escapes_text(page):
    html = js(page, "P.markHTML(arg, P.findRanges(arg, P.parseQuery('<b>')))", "a<b>&c")
    assert html == "a<mark>&lt;b&gt;</mark>&amp;c"


def test_snippet_is_a_window_around_the_first_hit(page):
    text = "前" * 100 + "集体经济" + "后" * 200
    html = js(page, "P.snippetHTML(arg, P.findRanges(arg, P.parseQuery('集体经济')))", text)
    assert html.startswith("…前") and html.endswith("后…")
    assert "<mark>集体经济</mark>" in html
    assert len(html) < 140


# -- search ---------------------------------------------------------------------

def test_phrase_matches_sections_grouped_by_page_with_page_item(page):
    result = search(page, "集体经济")
    # a/#sec-1 has the phrase in its title; b/ has it in its own section only
    assert locations(result) == [
        ["a/?h=%E9%9B%86%E4%BD%93%E7%BB%8F%E6%B5%8E#sec-1", "a/?h=%E9%9B%86%E4%BD%93%E7%BB%8F%E6%B5%8E"],
        ["b/?h=%E9%9B%86%E4%BD%93%E7%BB%8F%E6%B5%8E"],
    ]


def test_phrase_never_matches_across_paragraphs(page):
    # b/#sec-1 has "发展集体" and "经济薄弱" as two paragraphs
    assert locations(search(page, "集体经济薄弱")) == []
    assert [g[0].split("#")[0] for g in locations(search(page, "发展集体"))] == ["a/?h=%E5%8F%91%E5%B1%95%E9%9B%86%E4%BD%93", "b/?h=%E5%8F%91%E5%B1%95%E9%9B%86%E4%BD%93"]


def test_phrase_never_matches_across_title_and_text(page):
    # title "二、其他" is followed by paragraph "发展集体"
    assert locations(search(page, "其他发展")) == []


def test_terms_are_anded_within_a_section(page):
    assert [[loc.split("?")[0] + "#" + loc.partition("#")[2] for loc in g] for g in locations(search(page, "集体经济 热点、难点"))] == [["a/#sec-1", "a/#"]]
    assert locations(search(page, "集体经济 不存在")) == []


def test_result_item_shape_and_hit_count(page):
    group = search(page, "集体经济")["items"][0]
    section, own = group
    assert section["title"] == "一、发展<mark>集体经济</mark>"
    assert section["text"] == '<span class="pss-count">3 处</span> 壮大<mark>集体经济</mark>，<mark>集体经济</mark>收入增加。'
    assert section["score"] == 2 * 2000 + 1000 + 3  # first of 2 groups; title hit bonus; 3 hits
    assert section["terms"] == {"集体经济": True}
    assert own == {"location": own["location"], "title": "甲页", "text": "", "score": 0, "terms": {"集体经济": True}}


def test_hit_in_a_pages_own_section_is_listed_under_its_h1_anchor(page):
    index = index_of(["甲页标题", "导语：集体", "一、节", "正文集体集体"], [["p/", "sample", ["h1-id", 0, 1], ["s", 2, 3]]])
    group = js(page, "P.run(arg, '集体')", index)["items"][0]
    # the page itself heads the group at its bare URL, score 0
    assert [(i["location"], i["score"]) for i in group] == [
        ("p/?h=%E9%9B%86%E4%BD%93#s", 2002), ("p/?h=%E9%9B%86%E4%BD%93#h1-id", 2001), ("p/?h=%E9%9B%86%E4%BD%93", 0)]
    assert group[1]["text"] == '<span class="pss-count">1 处</span> 导语：<mark>集体</mark>'


def test_ranking_title_then_hits_then_page_order(page):
    index = index_of(["页", "标题", "短文，集体", "长一些的文本，集体", "集体集体", "有集体的标题"],
                     [["p/", "sample", ["", 0], ["long", 1, 3], ["short", 1, 2], ["more", 1, 4], ["title", 5]]])
    result = js(page, "P.run(arg, '集体')", index)
    assert [i["location"].split("#")[1] if "#" in i["location"] else "" for i in result["items"][0]] == \
        ["title", "more", "long", "short", ""]


def test_full_width_case_space_and_mixed_queries(page):
    for query in ("a&b", "Ａ＆Ｂ", "20xx年", "１-２个", "1－2个项目", "办事公开", "<测试>"):
        assert [g[0].split("?")[0] for g in locations(search(page, query))] == ["c/"], query
    item = search(page, "办事公开")["items"][0][0]
    assert "<mark>办 事 公 开</mark>" in item["text"]
    assert search(page, "<测试>")["items"][0][0]["title"] == "三、Ａ&amp;Ｂ <mark>&lt;测试&gt;</mark>"


def test_chinese_punctuation_must_match(page):
    assert locations(search(page, "热点、难点")) != []
    assert locations(search(page, "热点难点")) == []
    assert locations(search(page, "热点，难点")) == []


def test_empty_query_and_rejected_index(page):
    assert search(page, "  \u3000") == {"items": [], "note": None, "total": 0}
    rejected = "(() => { try { P.PhraseStore.whole(arg); return 'ok' } catch (e) { return e.name } })()"
    assert js(page, rejected, []) == "TypeError"
    assert js(page, rejected, FOREIGN) == "TypeError"
    assert js(page, rejected, {"config": {"format": "phrase-search", "version": 2}, "docs": INDEX["docs"]}) == "TypeError"


def test_one_character_terms_are_left_out_and_said_so(page):
    result = search(page, "村")
    assert result["items"] == [] and result["note"]["short"] == ["村"] and result["note"]["found"] is False
    result = search(page, "集体经济 甲")
    assert len(result["items"]) == 2 and result["note"]["short"] == ["甲"]


# -- the worker protocol --------------------------------------------------------

def test_worker_speaks_materials_protocol(page):
    """READY unasked (no SETUP: Material loads no index); the index is fetched by the first query."""
    messages = page.evaluate("""() => new Promise(resolve => {
        const worker = new Worker("/worker.js")
        const seen = []
        worker.onmessage = ({ data }) => {
          seen.push(data)
          if (data.type === 1) {
            worker.postMessage({ type: 2, data: "" })  // Material sends the empty box at once
            worker.postMessage({ type: 2, data: "集体经济 热点、难点" })
          } else if (seen.length === 3) { worker.terminate(); resolve(seen) }
        }
    })""")
    assert messages[0] == {"type": 1}
    assert messages[1]["type"] == 3 and messages[1]["data"]["items"] == []
    data = messages[2]["data"]
    assert [item["location"].split("?")[0] for item in data["items"][0]] == ["a/", "a/"]
    assert data["total"] == 1 and data["shown"] == 1 and data["token"]


def test_worker_answers_with_no_results_for_a_foreign_index(page):
    result = page.evaluate("""() => new Promise(resolve => {
        const worker = new Worker("/old/a/b/c/worker.js")  // its index: /old/search/, an old format
        worker.onmessage = ({ data }) => {
          if (data.type === 1) worker.postMessage({ type: 2, data: "集体" })
          else { worker.terminate(); resolve(data) }
        }
    })""")
    assert result["type"] == 3 and result["data"]["items"] == [] and result["data"]["total"] == 0


def test_worker_gives_the_first_screen_and_more_on_request(page):
    """Twelve pages match: ten come as items, the next two when the page asks on the channel."""
    global SERVED
    saved = SERVED
    pages = [[f"zhucun/p{i:02d}/", "sample", ["", 2 * i, 2 * i + 1]] for i in range(12)]
    strings = [s for i in range(12) for s in (f"第{i}页", "集体经济" * (12 - i))]
    SERVED = layout_of(strings, pages)
    try:
        got = page.evaluate("""() => new Promise(resolve => {
            const channel = new BroadcastChannel("phrase-search-notes")
            const worker = new Worker("/worker.js")
            let first = null
            channel.onmessage = ({ data }) => {
              if (data.type === "items") { channel.close(); worker.terminate(); resolve([first, data]) }
              else channel.postMessage({ type: "more", token: data.token, query: data.query, from: 10 })
            }
            worker.onmessage = ({ data }) => {
              if (data.type === 1) worker.postMessage({ type: 2, data: "集体经济" })
              else first = data.data
            }
        })""")
    finally:
        SERVED = saved
    first, more = got
    assert first["total"] == 12 and first["shown"] == 10
    assert [g[0]["location"].split("?")[0] for g in first["items"]] == [f"zhucun/p{i:02d}/" for i in range(10)]
    assert more["from"] == 10 and more["total"] == 12
    assert [g[0]["location"].split("?")[0] for g in more["items"]] == ["zhucun/p10/", "zhucun/p11/"]
    assert more["items"][0][0]["text"].startswith('<span class="pss-count">2 处</span>')
    # Scores keep falling across the screens, for Material's Enter key.
    assert first["items"][-1][0]["score"] > more["items"][0][0]["score"] > more["items"][1][0]["score"]


# -- marking on the page ----------------------------------------------------------

ARTICLE = """<article class="md-content__inner">
<h2 id="s">一、发展<em>集体</em>经济<a class="headerlink" href="#s">¶</a></h2>
<p>甲<strong>集体</strong>经济乙，集体经济。</p>
<p>发展集体</p><p>经济薄弱</p>
<div>前<span class="sz-fill">集体</span><br>经济</div>
<button>集体经济</button>
</article>"""


def test_page_marks_every_occurrence_as_one_mark_each(page):
    page.evaluate("html => { document.body.innerHTML = html }", ARTICLE)
    marks = js(page, "P.highlightPage(new URL('http://x/?h=' + encodeURIComponent('集体经济'))).map(m => m.textContent)")
    assert marks == ["集体经济", "集体经济", "集体经济"]  # title, across <strong>, plain; not across <p>, <br>, or in a button
    assert page.inner_text("article p") == "甲集体经济乙，集体经济。"
    assert page.eval_on_selector_all("button mark, .headerlink mark", "els => els.length") == 0


def test_page_marks_are_replaced_on_a_new_query(page):
    page.evaluate("html => { document.body.innerHTML = html }", ARTICLE)
    js(page, "P.highlightPage(new URL('http://x/?h=' + encodeURIComponent('集体经济')))")
    marks = js(page, "P.highlightPage(new URL('http://x/?h=' + encodeURIComponent('经济薄弱 甲'))).map(m => m.textContent)")
    assert marks == ["甲", "经济薄弱"]
    assert page.eval_on_selector_all("mark", "els => els.length") == 2
    js(page, "P.highlightPage(new URL('http://x/'))")
    assert page.eval_on_selector_all("mark", "els => els.length") == 0
    assert page.inner_text("article p") == "甲集体经济乙，集体经济。"


def test_index_round_trip_from_python(page, tmp_path):
    """The index the Python side writes for a page loads in the worker's classes."""
    from shuzhi.search.index import PhraseIndex

    index = PhraseIndex()
    index.add_page("x/", "X", "<h1>样本</h1><h2 id='sec-1'>一、问题</h2><p>群众反映强烈。</p>")
    result = js(page, "P.run(arg, '反映强烈')", json.loads(index.layout().whole_json()))
    assert [i["location"] for i in result["items"][0]] == [
        "x/?h=%E5%8F%8D%E6%98%A0%E5%BC%BA%E7%83%88#sec-1", "x/?h=%E5%8F%8D%E6%98%A0%E5%BC%BA%E7%83%88"]


def test_page_records_decode_every_rank_length(page):
    """Page files are character ranks (charcode.py): one, two and four bytes decode in store.js."""
    from shuzhi.search.charcode import TWO_BYTES

    rare = "".join(chr(0x4E00 + i) for i in range(TWO_BYTES + 10))  # more characters than two bytes reach
    layout = layout_of(["首页", "常用常用常用", rare], [["r/", "sample", ["", 0, 1, 2]]])
    assert len(layout.manifest["chars"]) > TWO_BYTES
    index = json.loads(layout.whole_json())
    record = js(page, "PhraseStore.whole(arg).page(0)", index)
    assert record == ["r/", "sample", [["", "首页", ["常用常用常用", rare]]]]
    found = js(page, "P.run(arg.index, arg.query)", {"index": index, "query": rare[-3:]})
    assert found["total"] == 1 and found["items"][0][0]["location"].startswith("r/?h=")


# -- variants: quotes, full and half width, traditional characters -------------------

@pytest.mark.parametrize("a, b", [
    ('"五好"', "“五好”"),            # straight and curly double quotes
    ("「五好」", "“五好”"),           # corner brackets, as traditional texts quote
    ("＂五好＂", '"五好"'),           # full-width straight quotes
    ("'两委'", "‘两委’"),             # single quotes
    ("『两委』", "‘两委’"),
    ("ＡＢ１２", "ab12"),
    ("｡､", "。、"),                   # half-width CJK punctuation
    ("集體經濟", "集体经济"),          # traditional folds to simplified
    ("軟弱渙散", "软弱涣散"),
])
def test_variants_normalise_alike(page, a, b):
    assert js(page, "P.normalise(arg[0]) === P.normalise(arg[1])", [a, b])


def test_folding_keeps_every_length(page):
    """Positions in normalised text map straight back: no fold changes a length."""
    text = "“集體經濟”「五好」＂ＡＢ＂｡"
    assert js(page, "P.normalise(arg).length", text) == len(text)


def test_without_the_table_quotes_still_fold_but_characters_do_not(page):
    folded = js(page, """(() => {
        const saved = self.PhraseFold
        self.PhraseFold = undefined
        try { return [P.hasTraditionalTable(), P.normalise(arg)] } finally { self.PhraseFold = saved }
    })()""", "“集體”")
    assert folded == [False, '"集體"']
    assert js(page, "[P.hasTraditionalTable(), P.normalise(arg)]", "“集體”") == [True, '"集体"']


def test_traditional_query_finds_and_marks_simplified_text_exactly(page):
    text = "壮大集体经济，“集体经济”收入增加。"
    ranges = js(page, "P.findRanges(arg, P.parseQuery('集體經濟'))", text)
    assert [text[s:e] for s, e in ranges] == ["集体经济", "集体经济"]
    ranges = js(page, "P.findRanges(arg, P.parseQuery('\"集体经济\"'))", text)
    assert [text[s:e] for s, e in ranges] == ["“集体经济”"]


def test_search_with_variants_finds_what_the_simplified_query_finds(page):
    simplified = locations(search(page, "集体经济"))
    for query in ("集體經濟", "集体經濟"):
        found = locations(search(page, query))
        assert [[loc.split("?")[0] + loc.partition("#")[1] + loc.partition("#")[2] for loc in g] for g in found] == \
            [[loc.split("?")[0] + loc.partition("#")[1] + loc.partition("#")[2] for loc in g] for g in simplified]
    # the link keeps what the reader typed; the page folds it the same way
    assert "?h=" + quote("集體經濟") in search(page, "集體經濟")["items"][0][0]["location"]


# -- the search box's bad input (issue 11) ---------------------------------------------

def test_lone_surrogates_never_throw_and_are_reported(page):
    for query in ("\ud800", "集体\udc00经济", "\udfff\ud800 集体经济", "集体经济\ud83d"):
        result = js(page, "P.run(arg.index, arg.query)", {"index": INDEX, "query": query})
        assert result["note"]["malformed"] is True, query
        for group in result["items"]:
            for item in group:
                assert "\ufffd" not in item["location"] or "%EF%BF%BD" in item["location"]
    # a well-formed pair (an emoji) is not malformed
    assert js(page, "P.sanitise(arg)", "集😀体") == "集😀体"
    assert js(page, "P.sanitise(arg)", "集\ud83d体\ude00") == "集\ufffd体\ufffd"
    result = js(page, "P.run(arg.index, arg.query)", {"index": INDEX, "query": "集体经济 \ud800"})
    # "\ufffd" is a one-character term: left out, and said so
    assert result["note"]["malformed"] and result["note"]["found"] is True and result["note"]["short"] == ["\ufffd"]


def test_terms_beyond_the_limit_are_reported_not_dropped_silently(page):
    words = [f"词{i}" for i in range(33)]
    query = " ".join(["集体经济"] + words)
    result = js(page, "P.run(arg.index, arg.query)", {"index": INDEX, "query": query})
    note = result["note"]
    assert note["limit"] == 30
    assert note["ignored"] == words[29:]  # the 31st term on
    assert len(note["terms"]) == 30 and note["found"] is False
    # a query of 30 terms that do occur is searched whole, and 31+ still never throws
    many = " ".join(["集体"] * 40 + ["集体经济"])
    assert js(page, "P.run(arg.index, arg.query).then(r => r.items.length)", {"index": INDEX, "query": many}) == 2


def test_page_marks_every_term_of_a_long_query(page):
    page.evaluate("html => { document.body.innerHTML = html }", "<article class='md-content__inner'><p>"
                  + "".join(f"词{i}，" for i in range(40)) + "</p></article>")
    h = " ".join(f"词{i}，" for i in range(40))
    marks = js(page, "P.highlightPage(new URL('http://x/?h=' + encodeURIComponent(arg))).length", h)
    assert marks == 40


# -- ranking by page kind ------------------------------------------------------------

KINDS_INDEX = index_of(
    ["专题", "集体经济集体经济集体经济集体经济", "指南", "写集体经济", "范文甲", "集体经济", "范文乙", "一、发展集体经济", "集体经济集体经济"],
    [
        ["tags/", "listing", ["", 0, 1]],
        ["guides/gongzuo/", "guide", ["", 2, 3]],
        ["zhucun/a/", "sample", ["", 4, 5]],
        ["zhucun/b/", "sample", ["", 6], ["sec-1", 7, 8]],
    ])


def test_samples_first_then_guides_then_listings(page):
    result = js(page, "P.run(arg, '集体经济')", KINDS_INDEX)
    pages = [g[0]["location"].split("?")[0] for g in result["items"]]
    # b has a title hit, a more hits than nothing; the guide; the topics page despite its 4 hits
    assert pages == ["zhucun/b/", "zhucun/a/", "guides/gongzuo/", "tags/"]
    # Material's Enter key follows the highest score: it must be the first group's best
    best = [max(item["score"] for item in g) for g in result["items"]]
    assert best == sorted(best, reverse=True) and len(set(best)) == len(best)


# -- terms across sections -------------------------------------------------------------

SPREAD_INDEX = index_of(
    ["甲", "一、党建", "党员带头", "二、产业", "致富增收", "乙", "党员致富带头人", "丙", "只有党员"],
    [
        ["zhucun/a/", "sample", ["", 0], ["sec-1", 1, 2], ["sec-2", 3, 4]],  # 党员 and 致富 in different sections
        ["zhucun/b/", "sample", ["", 5, 6]],                                  # both in one section
        ["zhucun/c/", "sample", ["", 7, 8]],                                  # 党员 only
    ])


def test_pages_with_terms_in_different_sections_follow_the_section_hits(page):
    result = js(page, "P.run(arg, '党员 致富')", SPREAD_INDEX)
    groups = result["items"]
    assert [[i["location"] for i in g] for g in groups] == [
        ["zhucun/b/?h=%E5%85%9A%E5%91%98%20%E8%87%B4%E5%AF%8C"],
        ["zhucun/a/?h=%E5%85%9A%E5%91%98%20%E8%87%B4%E5%AF%8C"],  # the page itself: no one section has both
    ]
    spread = groups[1][0]
    assert 'class="pss-spread"' in spread["text"]
    assert '<span class="pss-count">党员 1 处</span>' in spread["text"] and '<span class="pss-count">致富 1 处</span>' in spread["text"]
    assert "<mark>党员</mark>带头" in spread["text"] and "<mark>致富</mark>增收" in spread["text"]
    assert 0 < spread["score"] < groups[0][0]["score"]
    assert result["note"] is None


# -- no results: why, and what would be found ------------------------------------------

def test_no_result_offers_the_longest_parts_that_occur(page):
    result = js(page, "P.run(arg.index, arg.query)", {"index": INDEX, "query": "集体经济薄弱环节"})
    assert result["items"] == []
    note = result["note"]
    assert note["found"] is False and note["ignored"] == [] and not note["malformed"]
    [term] = note["terms"]
    assert term["text"] == "集体经济薄弱环节" and term["count"] == 0
    # 集体经济 occurs 1 + 2 + 1 times (a/ sec-1: title and text, b/: own text); 经济薄弱 once
    assert term["suggestions"] == [{"text": "集体经济", "count": 4}, {"text": "经济薄弱", "count": 1}]
    # each suggestion does find something
    for s in term["suggestions"]:
        assert locations(search(page, s["text"]))


def test_suggestions_keep_the_readers_characters(page):
    note = js(page, "P.run(arg.index, arg.query).then(r => r.note)", {"index": INDEX, "query": "集體經濟發展"})
    assert note["terms"][0]["suggestions"][0] == {"text": "集體經濟", "count": 4}


def test_no_result_for_several_terms_gives_each_terms_count(page):
    note = js(page, "P.run(arg.index, arg.query).then(r => r.note)", {"index": INDEX, "query": "集体经济 Ａ&Ｂ 人工智能大模型"})
    assert [(t["text"], t["count"]) for t in note["terms"]] == [("集体经济", 4), ("Ａ&Ｂ", 1), ("人工智能大模型", 0)]
    assert note["terms"][0]["suggestions"] == [] and note["terms"][2]["suggestions"] == []


def test_found_queries_have_no_note(page):
    assert search(page, "集体经济")["note"] is None


# -- the worker tells the page -----------------------------------------------------------

def test_worker_broadcasts_the_note_for_each_query(page):
    heard = page.evaluate("""index => new Promise(resolve => {
        const channel = new BroadcastChannel("phrase-search-notes")
        const heard = []
        channel.onmessage = ({ data }) => {
          heard.push(data)
          if (heard.length === 2) { channel.close(); worker.terminate(); resolve(heard) }
        }
        const worker = new Worker("/worker.js")
        worker.onmessage = ({ data }) => {
          if (data.type === 1)
            worker.postMessage({ type: 2, data: "集体经济" })
          else if (data.data.items.length)
            worker.postMessage({ type: 2, data: "集体经济薄弱环节" })
        }
    })""")
    assert heard[0]["query"] == "集体经济" and heard[0]["note"] is None
    assert heard[0]["total"] == 2 and heard[0]["shown"] == 2 and heard[0]["token"]
    assert heard[1]["query"] == "集体经济薄弱环节" and heard[1]["note"]["terms"][0]["suggestions"][0]["text"] == "集体经济"


def test_worker_answers_bad_queries_and_keeps_answering(page):
    """Issue 11: lone surrogates and too many terms reach the worker as typed; it answers each."""
    queries = ["\ud800", "集体\udfff", " ".join(f"词{i}" for i in range(100)), 42, "集体经济"]
    answers = page.evaluate("""(queries) => new Promise(resolve => {
        const worker = new Worker("/worker.js")
        const seen = []
        worker.onerror = e => resolve(["error", String(e.message)])
        worker.onmessage = ({ data }) => {
          if (data.type === 3) {
            seen.push([data.data.items.length, data.data.note && {
              malformed: data.data.note.malformed, ignored: data.data.note.ignored.length }])
            if (seen.length === queries.length) { worker.terminate(); resolve(seen); return }
          }
          worker.postMessage({ type: 2, data: queries[seen.length] })  // one at a time: see below
        }
    })""", queries)
    assert answers == [
        [0, {"malformed": True, "ignored": 0}],
        [0, {"malformed": True, "ignored": 0}],
        [0, {"malformed": False, "ignored": 70}],
        [0, {"malformed": False, "ignored": 0}],
        [2, None],
    ]


# -- where the landing starts ---------------------------------------------------------------

def test_first_mark_after_the_anchor(page):
    page.evaluate("html => { document.body.innerHTML = html }", """<article class="md-content__inner">
      <h1 id="t">集体经济</h1><p>集体经济</p>
      <h2 id="sec-1">一、其他</h2><p>无</p>
      <h2 id="sec-2">二、集体经济</h2><p>集体经济</p></article>""")
    at = js(page, """(() => {
        const marks = P.highlightPage(new URL('http://x/?h=' + encodeURIComponent('集体经济')))
        return ['', '#t', '#sec-1', '#sec-2', '#nowhere', '#%E0%A4%A'].map(h => P.firstAfterAnchor(marks, h))
    })()""")
    assert at == [0, 0, 2, 2, 0, 0]


def test_only_the_first_missing_terms_get_suggestions(page):
    """Each suggestion costs scans of the whole site; a pasted list of misses must stay quick."""
    query = "集体经济 " + " ".join(f"集体经济{i}号" for i in range(6))
    terms = js(page, "P.run(arg.index, arg.query).then(r => r.note.terms)", {"index": INDEX, "query": query})
    assert [t["suggestions"] is None for t in terms] == [False, False, False, False, True, True, True]
    assert terms[0]["suggestions"] == [] and terms[1]["suggestions"][0]["text"] == "集体经济"


# -- the index is built from the same normalised text the worker searches --------------

def test_python_and_javascript_normalise_alike(page):
    texts = ["ＡＢＣ１２３ａｂｃ Word\u3000WPS", "集體經濟“五好”「两委」＂ＡＢ＂｡､", "热点、难点，（1）１－２个\u00a0\u200b",
             "軟弱渙散\t村級組織\ufeff", "𠀀𠀁 emoji 😀 ＿＿＿"]
    assert js(page, "arg.map(t => P.normalise(t))", texts) == [python_normalise(t) for t in texts]


def test_worker_answers_only_the_newest_of_queries_typed_in_a_row(page):
    """Material shows whatever answer comes last, so an older query's answer must never follow a newer one."""
    answers = page.evaluate("""() => new Promise(resolve => {
        const worker = new Worker("/worker.js")
        const seen = []
        worker.onmessage = ({ data }) => {
          if (data.type === 1) {
            for (const q of ["集", "集体", "集体经", "集体经济"]) worker.postMessage({ type: 2, data: q })
            setTimeout(() => { worker.terminate(); resolve(seen) }, 1500)
          } else seen.push(data.data.items.length)
        }
    })""")
    assert answers[-1] == 2 and len(answers) <= 4


def test_a_failed_download_is_tried_again_by_the_next_query(page):
    """A dropped connection costs one answer, never the rest of the session."""
    DROP.add("/search/phrase/p/0.bin")  # the first result's page file
    answers = page.evaluate("""() => new Promise(resolve => {
        const worker = new Worker("/worker.js")
        const queries = ["集体经济", "乙丙", "集体经济"]  // Material sends only changes
        const seen = []
        worker.onmessage = ({ data }) => {
          if (data.type === 3)
            seen.push(data.data.items.length)
          if (seen.length === queries.length) { worker.terminate(); resolve(seen); return }
          worker.postMessage({ type: 2, data: queries[seen.length] })
        }
    })""")
    assert not DROP
    assert answers == [0, 0, 2]
