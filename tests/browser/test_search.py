"""Phrase search on the built site, through Material's real search box, in Chromium.

The site is built once from the real library (library/samples) with
``site_url`` set to the local server, so Material's instant navigation is on,
and served from 127.0.0.1. For every phrase in tests/phrase_set.yml:

- the ground truth is computed from the built pages, independently of the
  index: each page's article is read back from the browser as rendered text
  (``innerText``, one line per block or table cell), split at headings with
  an id, without interface and ``data-search-exclude`` parts; text is
  compared after NFKC, lower case and whitespace removal;
- the phrase is typed into the search box (opened with its keyboard shortcut)
  and every result location is collected: precision and recall must be 1.0;
- every mark in the result list, and on the page reached by clicking the best
  result (instant navigation) and by opening it directly, must equal a term,
  and the page must mark every occurrence.
"""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from helpers import REAL_LIBRARY, ROOT, build_site, require_chromium
from shuzhi.bench.chromium import serve_directory

PHRASE_SET = yaml.safe_load((ROOT / "tests" / "phrase_set.yml").read_text(encoding="utf-8"))
PLACEHOLDER = "键入以开始搜索"  # Material's zh "search.result.placeholder"
NO_RESULTS = "没有找到符合条件的结果"  # "search.result.none"

require_chromium()

from playwright.sync_api import Page  # noqa: E402

# Reads one page back as sections of text lines (see the module docstring).
# Interface: what a reader cannot search for (buttons, navigation, icons, permalinks).
READ_SECTIONS_JS = """excludeMarked => {
  const article = document.querySelector("article.md-content__inner").cloneNode(true)
  const ui = "button, nav, svg, script, style, .headerlink"
  article.querySelectorAll(ui).forEach(el => el.remove())
  for (const heading of article.querySelectorAll("h2[id], h3[id], h4[id], h5[id], h6[id]")) {
    const excluded = heading.hasAttribute("data-search-exclude")
    heading.prepend(`\\u0001${excluded ? "-" : "+"}${heading.id}\\u0001`)
  }
  if (excludeMarked)
    article.querySelectorAll("[data-search-exclude]:not(h2, h3, h4, h5, h6)").forEach(el => el.remove())
  const box = document.createElement("div")
  box.style.cssText = "position: absolute; left: -100000px; top: 0; width: 800px"
  box.append(article)
  document.body.append(box)
  const text = article.innerText
  box.remove()
  // A page's own text (before the first such heading) is keyed by its h1's id.
  const h1 = article.querySelector("h1[id]")
  const sections = [{ anchor: h1 ? h1.id : "", excluded: false, lines: [] }]
  for (const line of text.split(/[\\n\\t]/)) {
    const head = /^\\u0001([+-])(.*?)\\u0001(.*)$/.exec(line)
    if (head)
      sections.push({ anchor: head[2], excluded: head[1] === "-", lines: [head[3]] })
    else
      sections[sections.length - 1].lines.push(line)
  }
  return sections
}"""


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def terms_of(query: str) -> list[str]:
    return list(dict.fromkeys(norm(t) for t in query.split() if norm(t)))


def occurrences(line: str, term: str) -> int:
    """Non-overlapping occurrences, as a reader counts them."""
    return line.count(term)


# -- fixtures -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Build the real library once for the address it is served from; yields (base URL, site dir)."""
    tmp = tmp_path_factory.mktemp("phrase-search")
    site_dir = tmp / "site"
    with serve_directory(site_dir) as base:
        build_site(tmp, REAL_LIBRARY, site_url=base, site=site_dir)
        yield base, site_dir


@pytest.fixture(scope="module")
def page(browser, site):
    base, _ = site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    local = urlsplit(base).netloc
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: problems.append(f"request to another host: {r.url}")
            if urlsplit(r.url).scheme not in ("data", "blob") and urlsplit(r.url).netloc != local else None)
    yield page
    context.close()
    assert problems == []


@pytest.fixture(scope="module")
def pages_text(page, site):
    """Page path -> sections [{anchor, excluded, lines}] of every built page."""
    base, site_dir = site
    result = {}
    for html in sorted(site_dir.rglob("index.html")):
        path = html.parent.relative_to(site_dir).as_posix()
        path = "" if path == "." else path + "/"
        page.goto(base + path)
        result[path] = page.evaluate(READ_SECTIONS_JS, True)
    return result


def truth(pages_text, query: str) -> set[tuple[str, str]]:
    terms = terms_of(query)
    found = set()
    for path, sections in pages_text.items():
        for section in sections:
            lines = [norm(line) for line in section["lines"]]
            if not section["excluded"] and all(any(t in line for line in lines) for t in terms):
                found.add((path, section["anchor"]))
    return found


# -- driving the search box ------------------------------------------------------------


def type_query(page: Page, query: str) -> None:
    """Open search with its keyboard shortcut and type the query, as a reader does."""
    page.locator("body").press("/")
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # Material listens on keyup; fill() fires none
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent.trim() === t",
                           arg=PLACEHOLDER)
    box.fill(query)
    box.press("End")


def wait_for_results(page: Page, h: str) -> None:
    page.wait_for_function("""([h, none]) => {
      const links = [...document.querySelectorAll(".md-search-result__link")]
      if (links.length)
        return links.every(a => new URL(a.href).searchParams.get("h") === h)
      return document.querySelector(".md-search-result__meta").textContent.trim() === none
    }""", arg=[h, NO_RESULTS])


def all_results(page: Page, base: str) -> list[dict]:
    """Every rendered result (scrolling the list until Material has rendered all groups)."""
    meta = page.locator(".md-search-result__meta").text_content().strip()
    total = 0 if meta == NO_RESULTS else int(re.search(r"\d+", meta).group())
    scroll = page.locator(".md-search__scrollwrap")
    while page.locator("li.md-search-result__item").count() < total:
        shown = page.locator("li.md-search-result__item").count()
        # Material renders 4 more groups each time the list *reaches* its end,
        # so leave the end first, as a reader scrolling on does.
        for to in ("0", "el.scrollHeight"):
            scroll.evaluate(f"""el => new Promise(done => {{
              el.scrollTo(0, {to})
              requestAnimationFrame(() => requestAnimationFrame(done))
            }})""")
        page.wait_for_function("n => document.querySelectorAll('li.md-search-result__item').length > n", arg=shown)
    items = page.eval_on_selector_all(".md-search-result__link", """links => links.map(a => ({
      href: a.href,
      score: parseFloat(a.firstElementChild.dataset.mdScore),
      marks: [...a.querySelectorAll("mark")].map(m => m.textContent),
      count: (a.querySelector(".pss-count") || {}).textContent || ""
    }))""")
    assert page.locator("li.md-search-result__item").count() == total
    for item in items:
        url = urlsplit(item["href"])
        item["key"] = (url.path[len(urlsplit(base).path):], unquote(url.fragment))
    return items


def page_occurrences(page: Page, terms: list[str]) -> int:
    """Occurrences of a single term in the article as shown (interface excluded)."""
    sections = page.evaluate(READ_SECTIONS_JS, False)
    return sum(occurrences(norm(line), terms[0]) for s in sections for line in s["lines"])


def check_landing(page: Page, terms: list[str], where: str) -> None:
    page.wait_for_function("() => document.querySelectorAll('article.md-content__inner mark[data-pss-hit]').length > 0")
    marks = page.eval_on_selector_all("article.md-content__inner mark", "ms => ms.map(m => m.textContent)")
    assert all(norm(m) in terms for m in marks), (where, marks)
    if len(terms) == 1:
        assert len(marks) == page_occurrences(page, terms), (where, "not every occurrence is marked")
    else:
        assert {norm(m) for m in marks} == set(terms), where


# -- tests ------------------------------------------------------------------------------


def test_phrase_set_is_big_and_varied_enough():
    kinds = {p["kind"] for p in PHRASE_SET}
    assert len(PHRASE_SET) >= 40
    assert {"name", "punctuation", "two-character", "number", "mixed", "and", "cross-paragraph", "miss"} <= kinds


@pytest.mark.parametrize("entry", PHRASE_SET, ids=[p["phrase"] for p in PHRASE_SET])
def test_phrase(page, site, pages_text, entry):
    base, _ = site
    query = entry["phrase"]
    terms = terms_of(query)
    expected = truth(pages_text, query)
    assert bool(expected) != bool(entry.get("absent")), "the phrase set entry does not fit the library"

    page.goto(base)
    type_query(page, query)
    wait_for_results(page, " ".join(query.split()))
    items = all_results(page, base)
    hits = [item for item in items if item["score"] > 0]
    found = {item["key"] for item in hits}
    assert found == expected  # precision and recall 1.0
    for item in hits:
        assert all(norm(m) in terms for m in item["marks"]), item
        assert re.fullmatch(r"\d+ 处", item["count"]), item
    if not hits:
        return

    # Best result: Enter follows the highest score, through instant navigation.
    best = max(hits, key=lambda i: i["score"])
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url(best["href"])
    check_landing(page, terms, "instant navigation")

    # The same link opened directly (a shared link, a static server without instant navigation).
    page.goto(best["href"])
    check_landing(page, terms, "page load")


def test_result_on_the_page_already_shown_remarks_it(page, site):
    """Instant navigation fetches nothing for the same page; location$ still triggers marking."""
    base, _ = site
    page.goto(base + "zhengdun/zhengdun-463af3/?h=" + "月亮村")
    check_landing(page, ["月亮村"], "first")
    type_query(page, "大柱山村")
    wait_for_results(page, "大柱山村")
    page.locator(".md-search-result__link[href*='zhengdun-463af3']").first.click()
    page.wait_for_url(re.compile(r"h=%E5%A4%A7%E6%9F%B1%E5%B1%B1%E6%9D%91"))
    check_landing(page, ["大柱山村"], "same page")


def test_shared_query_link_opens_results(page, site):
    base, _ = site
    page.goto(base + "?q=" + "“四议两公开”")
    wait_for_results(page, "“四议两公开”")
    assert page.locator(".md-search-result__link mark").first.text_content() == "“四议两公开”"


def test_first_results_come_quickly_on_a_fresh_page(page, site):
    """Within 1 s of the first keystroke (the scale benchmark measures this at 1,000 samples)."""
    base, _ = site
    page.goto(base + "guides/")
    page.locator("body").press("/")
    box = page.locator("input.md-search__input")
    box.fill("集体经济")
    started = page.evaluate("performance.now()")
    box.press("End")
    wait_for_results(page, "集体经济")
    assert page.evaluate("performance.now()") - started < 1000


def test_site_uses_our_worker_and_index(site):
    base, site_dir = site
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert config["search"].endswith("assets/javascripts/search/worker.js")
    assert "search.highlight" not in config["features"]  # it would mark single words
    assert "search.share" in config["features"]
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert json.loads(index)["config"]["format"] == "phrase-search"
    assert "\\u" not in index and "集体经济" in index
