"""Phrase search on the built site, through Material's real search box, in Chromium.

The real library (library/samples) is built twice and served from 127.0.0.1:
with ``site_url`` set to the server, so Material's instant navigation is on,
and without it, so every link loads a whole page.

Precision and recall, for every phrase in tests/phrase_set.yml (desktop,
instant navigation):

- the ground truth is computed from the built pages, independently of the
  index: each page's article is read back from the browser as rendered text
  (``innerText``, one line per block or table cell), split at headings with
  an id, without interface and ``data-search-exclude`` parts; text is
  compared after NFKC, lower case, whitespace removal and the site's folds
  (quotes, traditional characters through the vendored OpenCC table);
- the phrase is typed into the search box and every result location is
  collected: sections holding every term, and for several terms the pages
  holding them only across sections; precision and recall must be 1.0;
- every mark in the result list, and on the page reached by clicking the best
  result (instant navigation) and by opening it directly, must equal a term,
  and the page must mark every occurrence.

What a reader does (issue 12's search landing, issue 11's search box) runs as
a phone (390×844, touch) and as a desktop, on both builds: landing on the
first occurrence, the occurrence stepper, ranking, sharing, help when nothing
is found, variants, terms across sections, and bad input. Every such page
fails its test on a console error, an uncaught exception, or a request to
another host.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
import yaml

from helpers import DESKTOP, DEVICES, READERS, REAL_LIBRARY, ROOT, require_chromium, search_script
from sites import Site, served_site, watched_page
from shuzhi.bench.truth import phrase_search_urls
from shuzhi.search.index import GUIDE, LISTING, SAMPLE, page_kind, read_page_records
from shuzhi.search.traditional import read_script

PHRASE_SET = yaml.safe_load((ROOT / "tests" / "phrase_set.yml").read_text(encoding="utf-8"))
TRADITIONAL = str.maketrans(read_script(search_script("opencc-ts.js")))
QUOTES = str.maketrans({c: '"' for c in "“”„‟「」〝〞〟"} | {c: "'" for c in "‘’‚‛『』"})


require_chromium()

from playwright.sync_api import Page, TimeoutError as PlaywrightTimeout  # noqa: E402

# Reads one page back as sections of text lines (see the module docstring).
# Interface: what a reader cannot search for (buttons, navigation, icons, permalinks).
READ_SECTIONS_JS = """excludeMarked => {
  const article = document.querySelector("article.md-content__inner").cloneNode(true)
  const ui = "button, nav, svg, script, style, dialog, .headerlink"
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

# The site's interface strings (Material's translations, as this build sets them).
TRANSLATION_JS = "key => JSON.parse(document.getElementById('__config').textContent).translations[key]"

# The current mark is on screen for a while: clear of the header and the
# stepper, inside what the reader sees (the visual viewport), for 10 frames
# in a row. Resolves false if that does not happen within 4 s.
CURRENT_STAYS_IN_VIEW_JS = """() => new Promise(resolve => {
  const started = performance.now()
  let steady = 0
  const check = () => {
    const mark = document.querySelector("article mark[data-pss-hit].pss-current")
    const stepper = document.querySelector(".pss-stepper")
    let ok = false
    if (mark && stepper) {
      const view = visualViewport
      const header = document.querySelector(".md-header").getBoundingClientRect()
      const r = mark.getBoundingClientRect()
      const s = stepper.getBoundingClientRect()
      ok = r.height > 0 && r.top >= Math.max(view.offsetTop, header.bottom) &&
        r.bottom <= Math.min(view.offsetTop + view.height, s.top)
    }
    steady = ok ? steady + 1 : 0
    if (steady >= 10) return resolve(true)
    if (performance.now() - started > 4000) return resolve(false)
    requestAnimationFrame(check)
  }
  check()
})"""

# Where the stepper stands: the current mark, the first mark after the
# element the URL's #anchor names, all marks, and the stepper's label.
STEPPER_STATE_JS = """() => {
  const marks = [...document.querySelectorAll("article mark[data-pss-hit]")]
  const id = decodeURIComponent(location.hash.slice(1))
  const target = id ? document.getElementById(id) : null
  const after = target ? marks.findIndex(m => target.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING) : 0
  const stepper = document.querySelector(".pss-stepper")
  return {
    count: marks.length,
    current: marks.findIndex(m => m.classList.contains("pss-current")),
    first: Math.max(after, 0),
    label: stepper ? stepper.querySelector(".pss-position").textContent : null,
    texts: marks.map(m => m.textContent)
  }
}"""


# Other visible fixed-position elements that overlap the stepper.
OVERLAPPING_FIXED_JS = """() => {
  const stepper = document.querySelector(".pss-stepper")
  const s = stepper.getBoundingClientRect()
  const found = []
  for (const el of document.querySelectorAll("body *")) {
    if (stepper.contains(el) || el.contains(stepper))
      continue
    // A closed search overlay may still be sliding away on a phone (a CSS
    // transition); once its toggle is off it no longer covers anything.
    if (el.closest(".md-search") && !document.getElementById("__search").checked)
      continue
    const style = getComputedStyle(el)
    if (style.position !== "fixed" || style.visibility === "hidden" || parseFloat(style.opacity) === 0)
      continue
    const r = el.getBoundingClientRect()
    if (r.width && r.height && r.left < s.right && r.right > s.left && r.top < s.bottom && r.bottom > s.top)
      found.push(el.tagName + "." + el.className)
  }
  return found
}"""


def norm(text: str) -> str:
    """The site's matching form (match.js), from Python's own NFKC and the vendored table."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()
    return text.translate(QUOTES).translate(TRADITIONAL)


def terms_of(query: str) -> list[str]:
    return list(dict.fromkeys(norm(t) for t in query.split() if norm(t)))


def occurrences(line: str, term: str) -> int:
    """Non-overlapping occurrences, as a reader counts them."""
    return line.count(term)


# -- sites and readers ------------------------------------------------------------------


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory):
    with served_site(tmp_path_factory.mktemp("phrase-search"), REAL_LIBRARY, instant=True) as site:
        yield site


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    with served_site(tmp_path_factory.mktemp("phrase-search-plain"), REAL_LIBRARY, instant=False) as site:
        yield site


@pytest.fixture(scope="module")
def page(browser, instant_site):
    """Desktop, instant navigation: the phrase set's reader."""
    yield from watched_page(browser, instant_site.url, DESKTOP, warnings_fail=True, timeout_ms=10_000)


@dataclass
class Reader:
    page: Page
    site: Site
    device: str

    @property
    def base(self) -> str:
        return self.site.base

    @property
    def phone(self) -> bool:
        return self.device == "phone"

    def tap(self, locator) -> None:
        """A finger on a phone, a mouse on a desktop."""
        locator.tap() if self.phone else locator.click()

    def open_search(self) -> None:
        """The search icon on a phone, the search field in a desktop's header."""
        if self.phone:
            self.tap(self.page.locator("label.md-header__button[for=__search]").first)
        else:
            self.page.locator("input.md-search__input").click()
        self.page.wait_for_function("() => document.getElementById('__search').checked")

    def search(self, query: str) -> None:
        self.open_search()
        type_query(self.page, query)
        wait_for_results(self.page, " ".join(query.split()))

    def follow(self, link) -> None:
        """Follow a link; the page is swapped in place with instant navigation, loaded whole without."""
        href = link.evaluate("a => a.href")
        self.page.evaluate("window.__sameWindow = true")
        self.tap(link)
        self.page.wait_for_url(href)
        assert self.page.evaluate("window.__sameWindow === true") == self.site.instant


@pytest.fixture(params=READERS, ids=[f"{d}-{n}" for d, n in READERS])
def reader(request, browser):
    device, nav = request.param
    site = request.getfixturevalue(f"{nav}_site")
    for page in watched_page(browser, site.url, DEVICES[device], warnings_fail=True, timeout_ms=10_000):
        yield Reader(page, site, device)


@pytest.fixture(scope="module")
def pages_text(page, instant_site):
    """Page path -> sections [{anchor, excluded, lines}] of every built page."""
    result = {}
    for html in sorted(instant_site.root.rglob("index.html")):
        path = html.parent.relative_to(instant_site.root).as_posix()
        path = "" if path == "." else path + "/"
        page.goto(instant_site.base + path)
        result[path] = page.evaluate(READ_SECTIONS_JS, True)
    return result


def indexed(pages_text, site: Site) -> dict:
    """pages_text restricted to the pages the search index holds (listing pages 2, 3 … opt out)."""
    held = set(phrase_search_urls(site.root).values())
    return {path: sections for path, sections in pages_text.items() if path in held}


def truth(pages_text, query: str) -> tuple[set[tuple[str, str]], set[str]]:
    """Sections holding every term; pages holding every term only across sections."""
    terms = terms_of(query)
    sections, spread = set(), set()
    for path, page_sections in pages_text.items():
        kept = [s for s in page_sections if not s["excluded"]]
        found = {(path, s["anchor"]) for s in kept
                 if all(any(t in norm(line) for line in s["lines"]) for t in terms)}
        sections |= found
        if not found and len(terms) > 1 and all(any(t in norm(line) for s in kept for line in s["lines"]) for t in terms):
            spread.add(path)
    return sections, spread


def site_count(pages_text, term: str) -> int:
    """Occurrences of a term in every indexed section, as the search counts them."""
    return sum(occurrences(norm(line), norm(term)) for sections in pages_text.values()
               for s in sections if not s["excluded"] for line in s["lines"])


# -- driving the search box ------------------------------------------------------------


def type_query(page: Page, query: str) -> None:
    """Type a query into the open search box, as a reader does."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # Material listens on keyup; fill() fires none
    page.wait_for_function(f"t => document.querySelector('.md-search-result__meta').textContent.trim() === ({TRANSLATION_JS})(t)",
                           arg="search.result.placeholder")
    box.fill(query)
    box.press("End")


def wait_for_results(page: Page, h: str, found: bool = False) -> None:
    """Results for ``h`` on screen; ``found``: some must be (the previous query's
    "nothing found" may still be showing while the worker fetches the index)."""
    page.wait_for_function(f"""([h, found]) => {{
      const links = [...document.querySelectorAll(".md-search-result__link")]
      if (links.length)
        return links.every(a => new URL(a.href).searchParams.get("h") === h)
      return !found && document.querySelector(".md-search-result__meta").textContent.trim() === ({TRANSLATION_JS})("search.result.none")
    }}""", arg=[h, found])


def open_search_for(page: Page, query: str) -> None:
    """Keyboard shortcut, then type (the phrase set's desktop reader)."""
    page.locator("body").press("/")
    type_query(page, query)
    wait_for_results(page, " ".join(query.split()))


def all_results(page: Page, base: str) -> list[dict]:
    """Every result: Material renders the first screen (scrolling for its later groups);
    the rest come with the 再显示 button under the list (box.js), clicked until all are in."""
    meta = page.locator(".md-search-result__meta").text_content().strip()
    none = page.evaluate(TRANSLATION_JS, "search.result.none")
    total = 0 if meta == none else int(re.search(r"\d+", meta.replace(",", "")).group())
    scroll = page.locator(".md-search__scrollwrap")
    more = page.locator("button.pss-more")
    stalled = 0
    while page.locator("li.md-search-result__item").count() < total:
        shown = page.locator("li.md-search-result__item").count()
        if more.is_visible() and more.is_enabled():
            more.click()
        else:
            # Material renders 4 more groups each time the list *reaches* its end
            # (an intersection observer), so leave the end first, as a reader
            # scrolling on does; a scroll it missed is tried again.
            for to in ("0", "el.scrollHeight"):
                scroll.evaluate(f"""el => new Promise(done => {{
                  el.scrollTo(0, {to})
                  requestAnimationFrame(() => requestAnimationFrame(done))
                }})""")
        try:
            page.wait_for_function("n => document.querySelectorAll('li.md-search-result__item').length > n",
                                   arg=shown, timeout=2_000)
        except PlaywrightTimeout:
            stalled += 1
            assert stalled < 5, f"results stopped coming at {shown} of {total}"
    items = page.eval_on_selector_all(".md-search-result__link", """links => links.map(a => ({
      href: a.href,
      group: [...document.querySelectorAll("li.md-search-result__item")].indexOf(a.closest("li")),
      score: parseFloat(a.firstElementChild.dataset.mdScore),
      marks: [...a.querySelectorAll("mark")].map(m => m.textContent),
      titleMarks: a.querySelectorAll("h1 mark, h2 mark").length,
      counts: [...a.querySelectorAll(".pss-count")].map(c => c.textContent),
      spread: a.querySelector(".pss-spread") !== null
    }))""")
    assert page.locator("li.md-search-result__item").count() == total
    for item in items:
        url = urlsplit(item["href"])
        item["path"] = url.path[len(urlsplit(base).path):]
        item["key"] = (item["path"], unquote(url.fragment))
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


# -- precision and recall over the phrase set ---------------------------------------------


def test_phrase_set_is_big_and_varied_enough():
    kinds = {p["kind"] for p in PHRASE_SET}
    assert len(PHRASE_SET) >= 40
    assert {"name", "punctuation", "two-character", "number", "mixed", "and", "cross-paragraph", "miss"} <= kinds


@pytest.mark.parametrize("entry", PHRASE_SET, ids=[p["phrase"] for p in PHRASE_SET])
def test_phrase(page, instant_site, pages_text, entry):
    base = instant_site.base
    query = entry["phrase"]
    terms = terms_of(query)
    expected, expected_spread = truth(indexed(pages_text, instant_site), query)
    assert bool(expected) != bool(entry.get("absent")), "the phrase set entry does not fit the library"

    page.goto(base)
    open_search_for(page, query)
    items = all_results(page, base)
    hits = [item for item in items if item["score"] > 0 and not item["spread"]]
    spread = [item for item in items if item["spread"]]
    assert {item["key"] for item in hits} == expected  # precision and recall 1.0
    assert {item["path"] for item in spread} == expected_spread
    if hits and spread:
        assert min(i["group"] for i in spread) > max(h["group"] for h in hits)  # after every section hit
    for item in hits + spread:
        assert all(norm(m) in terms for m in item["marks"]), item
    for item in hits:
        assert re.fullmatch(r"\d+ 处", item["counts"][0]), item
    if not hits:
        return

    # Best result: Enter follows the highest score, through instant navigation.
    best = max(hits, key=lambda i: i["score"])
    assert best["group"] == 0
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url(best["href"])
    check_landing(page, terms, "instant navigation")

    # The same link opened directly (a shared link, a static server without instant navigation).
    page.goto(best["href"])
    check_landing(page, terms, "page load")


def test_result_on_the_page_already_shown_remarks_it(page, instant_site):
    """Instant navigation fetches nothing for the same page; location$ still triggers marking."""
    base = instant_site.base
    page.goto(base + "zhengdun/zhengdun-463af3/?h=" + "月亮村")
    check_landing(page, ["月亮村"], "first")
    open_search_for(page, "大柱山村")
    page.locator(".md-search-result__link[href*='zhengdun-463af3']").first.click()
    page.wait_for_url(re.compile(r"h=%E5%A4%A7%E6%9F%B1%E5%B1%B1%E6%9D%91"))
    check_landing(page, ["大柱山村"], "same page")


def test_shared_query_link_opens_results(page, instant_site):
    base = instant_site.base
    page.goto(base + "?q=" + "“四议两公开”")
    wait_for_results(page, "“四议两公开”")
    assert page.locator(".md-search-result__link mark").first.text_content() == "“四议两公开”"


def test_first_results_come_quickly_on_a_fresh_page(page, instant_site):
    """Within 1 s of the first keystroke (the scale benchmark measures this at 1,000 samples)."""
    page.goto(instant_site.base + "guides/")
    page.locator("body").press("/")
    box = page.locator("input.md-search__input")
    box.fill("集体经济")
    started = page.evaluate("performance.now()")
    box.press("End")
    wait_for_results(page, "集体经济")
    assert page.evaluate("performance.now()") - started < 1000


def test_site_uses_our_worker_and_index(instant_site):
    site_dir = instant_site.root
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert config["search"].endswith("assets/javascripts/search/worker.js")
    assert "search.highlight" not in config["features"]  # it would mark single words
    assert "search.share" in config["features"]
    data = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert data["config"] == {"format": "phrase-search", "version": 4}
    records = read_page_records(site_dir)
    assert any("集体经济" in paragraph for r in records for s in r[2] for paragraph in s[2])
    kinds = {record[0]: record[1] for record in records}
    assert kinds[""] == LISTING and kinds["tags/"] == LISTING and kinds["guides/wenti/"] == GUIDE
    assert kinds["zhucun/zhucun-4372ff/"] == SAMPLE
    assert all(kind == page_kind(path) for path, kind in kinds.items())
    for name in ("opencc-ts.js", "opencc-ts.LICENSE.txt", "box.js"):
        assert (site_dir / "assets" / "javascripts" / "search" / name).is_file()


# -- landing on the first occurrence -------------------------------------------------------


def section_link(reader: Reader):
    """A result for a later section of a sample (its first mark is far down the page)."""
    links = reader.page.locator(".md-search-result__link[href*='#sec-']:not([href$='#sec-1'])").filter(visible=True)
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        if page_kind(urlsplit(href).path[len(urlsplit(reader.base).path):]) == SAMPLE:
            return links.nth(i)
    raise AssertionError("no later section of a sample among the results")


def check_stepper_at_first_after_anchor(page: Page) -> dict:
    assert page.evaluate(CURRENT_STAYS_IN_VIEW_JS), "the first occurrence is not in view"
    state = page.evaluate(STEPPER_STATE_JS)
    assert state["count"] > 0 and state["current"] == state["first"]
    assert state["label"] == f"第 {state['current'] + 1}/{state['count']} 处"
    return state


def test_landing_shows_the_first_occurrence_of_the_section(reader):
    page = reader.page
    page.goto(reader.base + "cunshuji/")
    reader.search("集体经济")
    link = section_link(reader)
    href = link.get_attribute("href")
    reader.follow(link)
    state = check_stepper_at_first_after_anchor(page)
    assert state["first"] > 0, "the section's first occurrence is not the page's first"
    assert set(state["texts"]) == {"集体经济"}

    # Printed, it is just the report: no stepper, no highlighting.
    page.emulate_media(media="print")
    assert page.locator(".pss-stepper").is_hidden()
    assert page.locator("mark.pss-current").evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.emulate_media(media="screen")

    # The same link opened directly: a shared link, or a reload.
    page.goto(reader.base)
    page.goto(href)
    check_stepper_at_first_after_anchor(page)


def test_landing_on_a_page_result_shows_the_first_occurrence_on_the_page(reader):
    page = reader.page
    page.goto(reader.base)
    reader.search("花桥村")
    parents = page.locator(".md-search-result__link:not([href*='#'])").filter(visible=True)
    reader.follow(parents.first)
    state = check_stepper_at_first_after_anchor(page)
    assert state["current"] == 0


# -- the stepper ------------------------------------------------------------------------------


def stepper_state(page: Page) -> dict:
    return page.evaluate(STEPPER_STATE_JS)


def test_stepper_steps_through_every_occurrence_and_clears(reader):
    page = reader.page
    page.goto(reader.base + "cunshuji/")
    reader.search("集体经济")
    reader.follow(section_link(reader))
    start = check_stepper_at_first_after_anchor(page)
    count = start["count"]
    assert count >= 3

    # Small, near the bottom, every button a finger's size, clear of the other
    # floating controls (the report's 目录 button on a phone); centred on a desktop.
    box = page.locator(".pss-stepper").bounding_box()
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    assert height - 70 <= box["y"] + box["height"] <= height and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["height"] <= 56 and box["width"] <= (width * 0.75 if reader.phone else 400)
    if not reader.phone:
        assert abs(box["x"] + box["width"] / 2 - width / 2) <= 2
    assert page.evaluate(OVERLAPPING_FIXED_JS) == []
    for name in ("上一处", "下一处", "清除高亮"):
        button = page.get_by_role("button", name=name, exact=True)
        size = button.bounding_box()
        assert size["height"] >= 40 and size["width"] >= 40, name

    next_, previous = page.locator(".pss-stepper .pss-next"), page.locator(".pss-stepper .pss-prev")
    for expected in range(start["current"] + 1, start["current"] + 3):
        reader.tap(next_)
        page.wait_for_function("n => document.querySelector('.pss-position').textContent === n",
                               arg=f"第 {expected % count + 1}/{count} 处")
        assert page.evaluate(CURRENT_STAYS_IN_VIEW_JS)
        assert stepper_state(page)["current"] == expected % count
    reader.tap(previous)
    page.wait_for_function("n => document.querySelector('.pss-position').textContent === n",
                           arg=f"第 {(start['current'] + 1) % count + 1}/{count} 处")
    # Before the first comes the last.
    for _ in range(stepper_state(page)["current"] + 1):
        reader.tap(previous)
    page.wait_for_function("n => document.querySelector('.pss-position').textContent === n", arg=f"第 {count}/{count} 处")
    assert page.evaluate(CURRENT_STAYS_IN_VIEW_JS)

    # 清除: no marks, no stepper, no `h` in the address (the anchor stays).
    hash_before = urlsplit(page.url).fragment
    reader.tap(page.locator(".pss-stepper .pss-clear"))
    page.wait_for_function("() => !document.querySelector('.pss-stepper') && !document.querySelector('mark[data-pss-hit]')")
    url = urlsplit(page.url)
    assert "h" not in parse_qs(url.query) and url.fragment == hash_before
    assert not page.evaluate("document.documentElement.classList.contains('pss-stepping')")


def test_stepper_goes_away_on_a_page_without_a_query(reader):
    page = reader.page
    page.goto(reader.base)
    reader.search("集体经济")
    reader.follow(section_link(reader))
    check_stepper_at_first_after_anchor(page)
    # Back to the report type's list, through the report's own link to it.
    type_url = reader.base + urlsplit(page.url).path[len(urlsplit(reader.base).path):].split("/")[0] + "/"
    at = page.locator("article a[href]").evaluate_all("(links, url) => links.findIndex(a => a.href === url)", type_url)
    assert at >= 0, "the report links back to its type page"
    reader.follow(page.locator("article a[href]").nth(at))
    page.wait_for_function("() => !document.querySelector('.pss-stepper') && !document.querySelector('mark[data-pss-hit]')")
    page.go_back()
    page.wait_for_function("() => document.querySelector('.pss-stepper') && document.querySelectorAll('mark[data-pss-hit]').length > 0")


# -- ranking -------------------------------------------------------------------------------


def test_samples_first_then_guides_then_listings(reader):
    page = reader.page
    page.goto(reader.base)
    reader.search("集体经济")
    items = all_results(page, reader.base)
    groups: list[dict] = []
    for item in items:
        if item["group"] == len(groups):
            groups.append({"path": item["path"], "inTitle": False, "hits": 0})
        group = groups[item["group"]]
        group["inTitle"] |= item["titleMarks"] > 0 and item["score"] > 0
        group["hits"] += sum(int(c.split()[0]) for c in item["counts"] if re.fullmatch(r"\d+ 处", c))
    rank = {SAMPLE: 0, GUIDE: 1, LISTING: 2}
    kinds = [rank[page_kind(g["path"])] for g in groups]
    assert kinds == sorted(kinds) and kinds[0] == 0 and set(kinds) == {0, 1, 2}
    assert page_kind(groups[-1]["path"]) == LISTING and "tags/" in [g["path"] for g in groups if kinds[groups.index(g)] == 2]
    samples = [(g["inTitle"], g["hits"]) for g, k in zip(groups, kinds) if k == 0]
    assert samples == sorted(samples, key=lambda s: (not s[0], -s[1])), samples
    assert samples[0][0], "a sample with the phrase in a title comes first"


# -- share -------------------------------------------------------------------------------------


def test_share_copies_the_query_on_screen(reader):
    page = reader.page
    page.goto(reader.base + "guides/")
    reader.search("集体经济")
    type_query(page, "三会一课")
    share = page.locator("[data-md-component=search-share]")
    page.evaluate("navigator.clipboard.writeText('（剪贴板尚未更新）')")
    reader.tap(share)
    page.wait_for_function("async () => (await navigator.clipboard.readText()) !== '（剪贴板尚未更新）'")
    copied = urlsplit(page.evaluate("navigator.clipboard.readText()"))
    assert parse_qs(copied.query) == {"q": ["三会一课"]}
    assert copied.path == urlsplit(page.url).path and not copied.fragment

    # The copied link opens the same search.
    page.goto(copied.geturl())
    wait_for_results(page, "三会一课")


# -- nothing found ------------------------------------------------------------------------------


def note_text(page: Page) -> str:
    return page.locator(".md-search-result > .pss-note").inner_text()


def test_no_result_says_why_and_offers_shorter_phrases(reader, pages_text, instant_site):
    page = reader.page
    page.goto(reader.base)
    reader.search("集体经济薄弱环节")
    page.wait_for_selector(".md-search-result > .pss-note")
    # Wraps at the screen's width, even while the phone's search overlay still grows.
    assert page.locator(".md-search-result > .pss-note").bounding_box()["width"] <= page.viewport_size["width"] + 0.5
    text = note_text(page)
    assert "“集体经济薄弱环节”" in text and "逐字相同" in text and "短一些的说法" in text
    buttons = page.locator(".pss-note .pss-try")
    offered = [(buttons.nth(i).locator(".pss-try__text").inner_text(), buttons.nth(i).locator(".pss-try__count").inner_text())
               for i in range(buttons.count())]
    assert offered and offered[0][0] in ("集体经济薄弱", "集体经济")
    texts = indexed(pages_text, instant_site)
    for phrase, count in offered:
        assert phrase in "集体经济薄弱环节" and len(phrase) >= 2
        assert count == f"{site_count(texts, phrase)} 处", phrase
        assert buttons.first.bounding_box()["height"] >= 40

    # A suggestion searches itself.
    reader.tap(buttons.first)
    wait_for_results(page, offered[0][0], found=True)
    assert page.locator("input.md-search__input").input_value() == offered[0][0]
    assert page.locator(".md-search-result__link").count() > 0
    assert page.locator(".md-search-result > .pss-note").count() == 0


def test_no_result_for_several_terms_gives_each_terms_count(reader, pages_text, instant_site):
    page = reader.page
    page.goto(reader.base)
    reader.search("三会一课 人工智能大模型")
    page.wait_for_selector(".md-search-result > .pss-note")
    assert "没有哪一页同时含有这 2 个词" in note_text(page)
    texts = indexed(pages_text, instant_site)
    found = page.locator(".pss-note .pss-try-list").first
    assert found.locator(".pss-try .pss-try__text").inner_text() == "三会一课"
    assert found.locator(".pss-try .pss-try__count").inner_text() == f"{site_count(texts, '三会一课')} 处"
    assert found.locator(".pss-miss").inner_text() == "人工智能大模型 0 处"


# -- variants ---------------------------------------------------------------------------------


def result_places(page: Page, base: str) -> list[tuple[str, str]]:
    return [item["key"] for item in all_results(page, base)]


def test_quotes_and_widths_match_each_other(reader):
    page = reader.page
    page.goto(reader.base)
    reader.search("“四议两公开”")
    curly = result_places(page, reader.base)
    assert curly
    for query in ('"四议两公开"', "＂四议两公开＂", "「四议两公开」"):
        type_query(page, query)
        wait_for_results(page, query)
        assert result_places(page, reader.base) == curly, query


def test_traditional_characters_find_and_mark_the_simplified_text(reader):
    page = reader.page
    page.goto(reader.base)
    reader.search("集体经济")
    simplified = result_places(page, reader.base)
    type_query(page, "集體經濟")
    wait_for_results(page, "集體經濟")
    assert result_places(page, reader.base) == simplified

    reader.follow(section_link(reader))
    state = check_stepper_at_first_after_anchor(page)
    assert set(state["texts"]) == {"集体经济"}  # every mark is the page's own text
    assert state["count"] == page_occurrences(page, ["集体经济"])
    assert page.evaluate("Boolean(self.PhraseFold)")  # the page fetched the table for this query


def test_pages_without_chinese_in_the_query_do_not_load_the_table(reader):
    """The page fetches the table only for a query with Chinese characters (the worker always has it)."""
    page = reader.page
    table = "() => Boolean(self.PhraseFold) || document.querySelector('script[src$=\"opencc-ts.js\"]') !== null"
    page.goto(reader.base + "cunshuji/cunshuji-2023-maodun-renju/")
    page.wait_for_load_state()
    assert not page.evaluate(table)
    page.goto(reader.base + "cunshuji/cunshuji-2023-maodun-renju/?h=20xx")
    page.wait_for_selector("mark[data-pss-hit]")
    assert not page.evaluate(table)


# -- terms in different sections ---------------------------------------------------------------


def test_terms_across_sections_are_listed_after_section_hits(reader, pages_text, instant_site):
    page = reader.page
    page.goto(reader.base)
    reader.search("党员 致富")
    items = all_results(page, reader.base)
    sections, spread = truth(indexed(pages_text, instant_site), "党员 致富")
    assert sections and spread
    hits = [i for i in items if i["score"] > 0 and not i["spread"]]
    spread_items = [i for i in items if i["spread"]]
    assert {i["key"] for i in hits} == sections and {i["path"] for i in spread_items} == spread
    assert min(i["group"] for i in spread_items) > max(i["group"] for i in hits)
    assert all(len(i["counts"]) == 2 for i in spread_items)  # each term's count on the page

    link = page.locator(".md-search-result__link").filter(has=page.locator(".pss-spread")).first
    link.scroll_into_view_if_needed()
    reader.follow(link)
    state = check_stepper_at_first_after_anchor(page)
    assert {norm(t) for t in state["texts"]} == {"党员", "致富"} and state["current"] == 0


# -- bad input in the search box (issue 11) -------------------------------------------------------


def set_query(page: Page, query: str) -> None:
    """Put text into the box as a paste would (no keyboard: lone surrogates survive), then a keyup."""
    page.evaluate("""q => {
      const box = document.querySelector("input.md-search__input")
      box.value = q
      box.dispatchEvent(new Event("input", { bubbles: true }))
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "v" }))
    }""", query)


def test_too_many_terms_are_named_not_dropped(reader):
    page = reader.page
    page.goto(reader.base)
    reader.open_search()
    words = ["党员", "群众"] + [f"第{i}条" for i in range(33)]
    set_query(page, " ".join(words))
    page.wait_for_selector(".md-search-result > .pss-note")
    text = note_text(page)
    left_out = words[30:]
    assert f"只搜索了前 30 个词" in text and f"这 {len(left_out)} 个" in text
    assert "".join(f"“{w}”" for w in left_out) in text


def test_lone_surrogates_do_not_break_the_search(reader):
    page = reader.page
    page.goto(reader.base)
    reader.open_search()
    set_query(page, "集体经济\ud800")
    page.wait_for_selector(".md-search-result > .pss-note")
    assert "无法识别的字符" in note_text(page)
    # and the box still works
    type_query(page, "集体经济")
    wait_for_results(page, "集体经济")
    assert page.locator(".md-search-result__link").count() > 0
