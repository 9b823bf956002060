"""Unit tests of the phrase-search scripts (overrides/assets/javascripts/search/), run in Chromium.

The scripts are served from a routed fake origin (no server, no network).
match.js, index.js and landing.js load as page scripts, so their functions are
tested directly; worker.js runs as a real web worker, as Material starts it.
"""

from __future__ import annotations

import json

import pytest

from helpers import ROOT, require_chromium

SCRIPTS = ROOT / "overrides" / "assets" / "javascripts" / "search"
ORIGIN = "http://phrase-search.test"

require_chromium()


# A tiny index in the layout hooks/shuzhi/search/index.py writes.
STRINGS = [
    "甲页", "一、发展集体经济", "壮大集体经济，集体经济收入增加。", "群众反映强烈的热点、难点问题",
    "乙页", "二、其他", "发展集体", "经济薄弱", "集体经济",
    "丙页", "三、Ａ&Ｂ <测试>", "20XX年争取１－２个项目，办 事 公 开。",
]
PAGES = [
    ["a/", ["", 0], ["sec-1", 1, 2, 3]],
    ["b/", ["", 4, 8], ["sec-1", 5, 6, 7]],
    ["c/", ["", 9], ["sec-1", 10, 11]],
]
INDEX = {"strings": STRINGS, "pages": PAGES}


@pytest.fixture(scope="module")
def page(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def serve(route):
        url = route.request.url
        name = url.rsplit("/", 1)[-1]
        if name.endswith(".js"):
            route.fulfill(body=(SCRIPTS / name).read_text(encoding="utf-8"), content_type="text/javascript")
        else:
            route.fulfill(body="<!doctype html><meta charset=utf-8><body></body>", content_type="text/html")

    page.route(f"{ORIGIN}/**", serve)
    page.goto(f"{ORIGIN}/index.html")
    for name in ("match.js", "index.js", "landing.js"):
        page.add_script_tag(url=f"{ORIGIN}/{name}")
    yield page
    assert errors == []
    page.close()


def js(page, expression: str, arg=None):
    return page.evaluate(
        f"arg => {{ const P = {{...PhraseMatch, ...PhraseSnippet, ...PhraseLanding, PhraseIndex}}; return {expression} }}", arg)


def search(page, query: str):
    return js(page, "new P.PhraseIndex(arg.index).search(arg.query)", {"index": INDEX, "query": query})


def locations(result) -> list[list[str]]:
    return [[item["location"] for item in group] for group in result["items"]]


# -- normalisation ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("ＡＢＣ１２３ａｂｃ", "abc123abc"),      # full-width letters and digits
    ("Word WPS", "wordwps"),                  # case; whitespace removed
    ("集体\u3000经济\n收入\u00a0", "集体经济收入"),  # ideographic space, line break, NBSP
    ("热点、难点，“三会一课”。", "热点、难点,“三会一课”。"),  # 、“”。 kept; full-width ，folds like NFKC
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
    assert section["score"] == 1003  # title hit bonus + 3 hits
    assert section["terms"] == {"集体经济": True}
    assert own == {"location": own["location"], "title": "甲页", "text": "", "score": 0, "terms": {"集体经济": True}}


def test_hit_in_a_pages_own_section_is_listed_under_its_h1_anchor(page):
    index = {"strings": ["甲页标题", "导语：集体", "一、节", "正文集体集体"],
             "pages": [["p/", ["h1-id", 0, 1], ["s", 2, 3]]]}
    group = js(page, "new P.PhraseIndex(arg).search('集体')", index)["items"][0]
    # the page itself heads the group at its bare URL, score 0
    assert [(i["location"], i["score"]) for i in group] == [
        ("p/?h=%E9%9B%86%E4%BD%93#s", 2), ("p/?h=%E9%9B%86%E4%BD%93#h1-id", 1), ("p/?h=%E9%9B%86%E4%BD%93", 0)]
    assert group[1]["text"] == '<span class="pss-count">1 处</span> 导语：<mark>集体</mark>'


def test_ranking_title_then_hits_then_shorter_text(page):
    index = {"strings": ["页", "标题", "短文，集体", "长一些的文本，集体", "集体集体", "有集体的标题"],
             "pages": [["p/", ["", 0], ["long", 1, 3], ["short", 1, 2], ["more", 1, 4], ["title", 5]]]}
    result = js(page, "new P.PhraseIndex(arg).search('集体')", index)
    assert [i["location"].split("#")[1] if "#" in i["location"] else "" for i in result["items"][0]] == \
        ["title", "more", "short", "long", ""]


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
    assert search(page, "  \u3000") == {"items": []}
    assert js(page, "(() => { try { new P.PhraseIndex([]); return 'ok' } catch (e) { return e.name } })()") == "TypeError"


# -- the worker protocol --------------------------------------------------------

def test_worker_speaks_materials_protocol(page):
    messages = page.evaluate("""index => new Promise(resolve => {
        const worker = new Worker("/worker.js")
        const seen = []
        worker.onmessage = ({ data }) => {
          seen.push(data)
          if (data.type === 1) worker.postMessage({ type: 2, data: "集体经济 热点、难点" })
          else { worker.terminate(); resolve(seen) }
        }
        worker.postMessage({ type: 0, data: { config: {}, docs: index, options: { suggest: false } } })
    })""", INDEX)
    assert messages[0] == {"type": 1}
    assert messages[1]["type"] == 3
    assert [item["location"].split("?")[0] for item in messages[1]["data"]["items"][0]] == ["a/", "a/"]


def test_worker_answers_with_no_results_for_a_foreign_index(page):
    result = page.evaluate("""() => new Promise(resolve => {
        const worker = new Worker("/worker.js")
        worker.onmessage = ({ data }) => {
          if (data.type === 1) worker.postMessage({ type: 2, data: "x" })
          else { worker.terminate(); resolve(data) }
        }
        worker.postMessage({ type: 0, data: { config: {}, docs: [{ location: "", title: "x", text: "x" }] } })
    })""")
    assert result == {"type": 3, "data": {"items": []}}


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
    """The JSON the Python side writes loads in the worker's index class."""
    from shuzhi.search.index import PhraseIndex

    index = PhraseIndex()
    index.add_page("x/", "X", "<h1>样本</h1><h2 id='sec-1'>一、问题</h2><p>群众反映强烈。</p>")
    docs = json.loads(index.to_json())["docs"]
    result = js(page, "new P.PhraseIndex(arg).search('反映强烈')", docs)
    assert [i["location"] for i in result["items"][0]] == [
        "x/?h=%E5%8F%8D%E6%98%A0%E5%BC%BA%E7%83%88#sec-1", "x/?h=%E5%8F%8D%E6%98%A0%E5%BC%BA%E7%83%88"]
