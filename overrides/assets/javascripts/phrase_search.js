/*
 * Exact phrase search for Material for MkDocs.
 *
 * One file, two roles, so the browser fetches and caches it once:
 *
 * - As a web worker (its URL is `__config.search`, see overrides/main.html)
 *   it speaks Material's search protocol: SETUP (index) -> READY, QUERY
 *   (string) -> RESULT ({items: SearchItem[][]}, grouped by page, with
 *   location, title, text (HTML with <mark>), score, terms).
 * - As a page script it marks every occurrence of the query (`?h=` in the
 *   URL, put there by the result links) in the article, after every page
 *   load and instant navigation (Material's `document$` and `location$`).
 *
 * Matching is substring search on normalised text: full-width ASCII forms
 * folded to half-width, ASCII case folded, whitespace removed; everything
 * else (Chinese punctuation included) must match as typed. Terms separated by
 * spaces must all occur in the same section. A term never matches across two
 * paragraphs, or across a title and its text: each is searched on its own.
 * The index layout is described in hooks/phrase_search_index.py.
 */
(function (global) {
  "use strict"

  /* ------------------------------------------------------------------------
   * Normalisation (shared by worker and page)
   * --------------------------------------------------------------------- */

  // One whitespace class for removing and for mapping offsets back, so the
  // two can never disagree. \s covers U+3000 (ideographic space) and NBSP.
  const SPACE_RUNS = /[\s\u200b]+/g
  const SPACE_CHAR = /^[\s\u200b]$/
  const WIDE_FORMS = /[\uff01-\uff5e]/g  // full-width ！ .. ～ -> ! .. ~ (as NFKC)
  const UPPER = /[A-Z]+/g

  function foldWide(ch) {
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0)
  }

  function lower(run) {
    return run.toLowerCase()
  }

  /** Normalised form of a text; only whitespace removal changes its length. */
  function normalise(text) {
    return text
      .replace(SPACE_RUNS, "")
      .replace(WIDE_FORMS, foldWide)
      .replace(UPPER, lower)
  }

  /** For each position in normalise(text), its position in text (+ one past the end). */
  function originalOffsets(text) {
    const map = []
    for (let i = 0; i < text.length; i++)
      if (!SPACE_CHAR.test(text[i]))
        map.push(i)
    map.push(text.length)
    return map
  }

  /** Query -> distinct terms, each {raw, norm}; at most 30 (they share a bit mask). */
  function parseQuery(query) {
    const terms = []
    const seen = new Set()
    for (const raw of String(query).split(SPACE_RUNS)) {
      const norm = normalise(raw)
      if (norm && !seen.has(norm) && terms.length < 30) {
        seen.add(norm)
        terms.push({ raw, norm })
      }
    }
    return terms
  }

  /**
   * Non-overlapping occurrences of the terms in text, as [start, end) ranges
   * of the original text, sorted. Where terms overlap ("集体" in "集体经济")
   * the earlier, then longer, occurrence wins, so marks never nest. `norm`
   * may be passed when known; hits starting at or after `limit` (a position
   * in it) are not needed.
   */
  function findRanges(text, terms, norm = normalise(text), limit = Infinity) {
    const hits = []
    for (const { norm: term } of terms)
      for (let at = norm.indexOf(term); at >= 0 && at < limit; at = norm.indexOf(term, at + term.length))
        hits.push([at, at + term.length])
    if (!hits.length)
      return []
    hits.sort((a, b) => a[0] - b[0] || b[1] - a[1])
    const map = norm.length === text.length ? null : originalOffsets(text)
    const ranges = []
    let end = 0
    for (const [s, e] of hits) {
      if (s < end)
        continue
      end = e
      ranges.push(map ? [map[s], map[e - 1] + 1] : [s, e])
    }
    return ranges
  }

  /* ------------------------------------------------------------------------
   * Search (worker side)
   * --------------------------------------------------------------------- */

  const SNIPPET_BEFORE = 24  // characters shown before the first hit
  const SNIPPET_LENGTH = 110 // characters shown in all
  const TITLE_BONUS = 1000   // score: a title hit outranks any number of text hits

  function escapeHTML(text) {
    return text.replace(/[&<>"]/g, ch => (
      ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : "&quot;"
    ))
  }

  /** text[from, to) as HTML, with the given ranges (inside it) marked. */
  function markHTML(text, ranges, from = 0, to = text.length) {
    let html = ""
    let at = from
    for (const [s, e] of ranges) {
      if (s < from || e > to)
        continue
      html += escapeHTML(text.slice(at, s)) + "<mark>" + escapeHTML(text.slice(s, e)) + "</mark>"
      at = e
    }
    return html + escapeHTML(text.slice(at, to))
  }

  /** Keep a cut between the two halves of a surrogate pair from splitting it. */
  function safeCut(text, at) {
    const code = text.charCodeAt(at)
    return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at
  }

  /** A window of text around its first range, that range and the others in it marked. */
  function snippetHTML(text, ranges) {
    const first = ranges.length ? ranges[0] : [0, 0]
    let from = Math.max(0, first[0] - SNIPPET_BEFORE)
    let to = Math.min(text.length, Math.max(from + SNIPPET_LENGTH, first[1]))
    from = safeCut(text, from)
    to = safeCut(text, to)
    return (from > 0 ? "…" : "") + markHTML(text, ranges, from, to) + (to < text.length ? "…" : "")
  }

  class PhraseIndex {

    /** @param docs - `docs` of the index file: {strings, pages} */
    constructor(docs) {
      if (!docs || !Array.isArray(docs.strings) || !Array.isArray(docs.pages))
        throw new TypeError("search_index.json is not a phrase-search index")
      this.strings = docs.strings

      // All normalised strings in one text, "\n"-separated. Normalised text
      // has no whitespace, so no term can match across a separator, and one
      // indexOf loop per term scans the whole site.
      const parts = this.strings.map(normalise)
      this.starts = new Int32Array(parts.length + 1)
      let offset = 0
      parts.forEach((part, i) => {
        this.starts[i] = offset
        offset += part.length + 1
      })
      this.starts[parts.length] = offset
      this.haystack = parts.join("\n")

      // Sections in index order; for each string, the sections that use it.
      this.sections = []
      this.pageOwn = []  // page number -> index of its own section
      const users = this.strings.map(() => [])
      docs.pages.forEach(([location, ...sections], page) => {
        this.pageOwn.push(this.sections.length)
        for (const [anchor, title, ...paragraphs] of sections) {
          const id = this.sections.length
          let length = this.strings[title].length
          users[title].push(id)
          for (const p of paragraphs) {
            length += this.strings[p].length
            users[p].push(id)
          }
          this.sections.push({ page, location, anchor, title, paragraphs, length })
        }
      })
      this.users = users
    }

    /** normalise(strings[id]), as already held in the haystack. */
    normalised(id) {
      return this.haystack.substring(this.starts[id], this.starts[id + 1] - 1)
    }

    /**
     * Ranges in strings[id] that a snippet can show: those up to a snippet's
     * length after the first hit. Long paragraphs full of hits ("的") would
     * otherwise cost most of a query. Without whitespace, normalised and
     * original positions are the same, so the bound is exact enough.
     */
    snippetRanges(id, terms) {
      const norm = this.normalised(id)
      if (norm.length !== this.strings[id].length)
        return findRanges(this.strings[id], terms, norm)
      let first = Infinity
      let longest = 0
      for (const { norm: term } of terms) {
        const at = norm.indexOf(term)
        if (at >= 0 && at < first)
          first = at
        longest = Math.max(longest, term.length)
      }
      return findRanges(this.strings[id], terms, norm, first + SNIPPET_LENGTH + longest)
    }

    /** Hits per string for one normalised term (non-overlapping). */
    countHits(term) {
      const counts = new Int32Array(this.strings.length)
      const { haystack, starts } = this
      let id = 0
      for (let at = haystack.indexOf(term); at >= 0; at = haystack.indexOf(term, at + term.length)) {
        while (starts[id + 1] <= at)
          id++
        counts[id]++
      }
      return counts
    }

    /**
     * Sections that contain every term, best first: a hit in the title, then
     * more hits, then shorter text, then page order.
     */
    match(terms) {
      const n = this.sections.length
      const hits = new Int32Array(n)
      const seen = new Int32Array(n)  // bit t set: term t occurs in the section
      const titleHit = new Uint8Array(n)
      const counts = terms.map(({ norm }) => this.countHits(norm))
      counts.forEach((perString, t) => {
        for (let s = 0; s < perString.length; s++) {
          const c = perString[s]
          if (!c)
            continue
          for (const id of this.users[s]) {
            hits[id] += c
            seen[id] |= 1 << t
            if (this.sections[id].title === s)
              titleHit[id] = 1
          }
        }
      })
      const all = (1 << terms.length) - 1
      const found = []
      for (let id = 0; id < n; id++)
        if (seen[id] === all)
          found.push({ id, hits: hits[id], inTitle: titleHit[id] === 1 })
      found.sort((a, b) => (
        (b.inTitle - a.inTitle) ||
        (b.hits - a.hits) ||
        (this.sections[a.id].length - this.sections[b.id].length) ||
        (a.id - b.id)
      ))
      return { found, counts }
    }

    /**
     * One result item in the shape Material's result list renders. A page
     * itself (anchor "") heads its group; Material shows a page's own text
     * only when it outranks the sections, so a hit in the page's own section
     * is listed under its h1's anchor, where its snippet is always shown.
     */
    item(section, terms, counts, hits, inTitle, query, anchor = section.anchor) {
      const hasHit = id => counts.some(c => c[id] > 0)
      let text = ""
      if (hits) {
        // Snippet from the first paragraph with a hit; if only the title has
        // one, from the start of the text.
        const first = section.paragraphs.find(hasHit)
        text = `<span class="pss-count">${hits} 处</span> ` + (first === undefined
          ? snippetHTML(this.strings[section.paragraphs[0]] ?? "", [])
          : snippetHTML(this.strings[first], this.snippetRanges(first, terms)))
      }
      const title = this.strings[section.title]
      return {
        location: section.location + (query ? `?h=${query}` : "") +
          (anchor ? `#${anchor}` : ""),
        title: hits && hasHit(section.title)
          ? markHTML(title, findRanges(title, terms, this.normalised(section.title)))
          : escapeHTML(title),
        text,
        score: hits ? hits + (inTitle ? TITLE_BONUS : 0) : 0,
        terms: Object.fromEntries(terms.map(({ raw }) => [raw, true]))
      }
    }

    /** Material's SearchResult for a query string. */
    search(query) {
      const terms = parseQuery(query)
      if (!terms.length)
        return { items: [] }
      const { found, counts } = this.match(terms)
      const h = encodeURIComponent(terms.map(t => t.raw).join(" "))
      const groups = new Map()  // page -> items, pages in order of their best section
      for (const { id, hits, inTitle } of found) {
        const section = this.sections[id]
        if (!groups.has(section.page))
          groups.set(section.page, [])
        groups.get(section.page).push(this.item(section, terms, counts, hits, inTitle, h))
      }
      // Material shows each group under its page, so every group needs an
      // item for the page itself; add it (no hit, score 0) where it is missing.
      for (const [page, items] of groups)
        if (items.every(item => item.location.includes("#")))
          items.push(this.item(this.sections[this.pageOwn[page]], terms, counts, 0, false, h, ""))
      return { items: [...groups.values()] }
    }
  }

  /* ------------------------------------------------------------------------
   * Worker: Material's search protocol
   * --------------------------------------------------------------------- */

  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3  // SearchMessageType

  function serveWorker() {
    let index = null
    addEventListener("message", ({ data: message }) => {
      switch (message.type) {
        case SETUP:
          try {
            index = new PhraseIndex(message.data.docs)
          } catch (err) {
            console.warn("phrase search: cannot load index", err)
            index = null
          }
          postMessage({ type: READY })
          break
        case QUERY:
          postMessage({ type: RESULT, data: index ? index.search(message.data) : { items: [] } })
          break
      }
    })
  }

  /* ------------------------------------------------------------------------
   * Page: mark the phrase after landing
   * --------------------------------------------------------------------- */

  const MARK_ATTRIBUTE = "data-pss-hit"
  // Interface whose text is not report text (as in hooks/phrase_search_extract.py).
  const SKIP_SELECTOR = [
    "button", "nav", "form", "select", "textarea", "script", "style",
    "noscript", "template", "svg", "math", "object", "iframe", ".headerlink"
  ].join(",")
  const BLOCK_SELECTOR = [
    "address", "article", "aside", "blockquote", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul"
  ].join(",")

  /** Remove marks left by an earlier query on the same page. */
  function unmark(root) {
    for (const mark of root.querySelectorAll(`mark[${MARK_ATTRIBUTE}]`)) {
      const parent = mark.parentNode
      mark.replaceWith(...mark.childNodes)
      parent.normalize()
    }
  }

  /** Runs of text nodes that belong to the same block (paragraph, heading, item). */
  function textBlocks(root) {
    const blocks = []
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    let current = null
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || parent.closest(SKIP_SELECTOR))
        continue
      const block = parent.closest(BLOCK_SELECTOR)
      // A <br> between two text nodes ends a paragraph, as in the index.
      const brBefore = node.previousSibling && node.previousSibling.nodeName === "BR"
      if (!current || current.block !== block || brBefore) {
        current = { block, nodes: [] }
        blocks.push(current)
      }
      current.nodes.push(node)
    }
    return blocks
  }

  /** Text node and offset for a position in the joined text of nodes. */
  function locate(nodes, position, isEnd) {
    let at = 0
    for (const node of nodes) {
      const length = node.data.length
      if (position < at + length || (isEnd && position === at + length))
        return [node, position - at]
      at += length
    }
    const last = nodes[nodes.length - 1]
    return [last, last.data.length]
  }

  /** Wrap every occurrence of the terms in root in one <mark> each; returns the marks. */
  function markTerms(root, terms) {
    const marks = []
    for (const { nodes } of textBlocks(root)) {
      const text = nodes.map(node => node.data).join("")
      const ranges = findRanges(text, terms)
      const inBlock = []
      // Last first: extracting a range splits nodes after it, never before.
      for (let i = ranges.length - 1; i >= 0; i--) {
        const [start, end] = ranges[i]
        const range = document.createRange()
        range.setStart(...locate(nodes, start, false))
        range.setEnd(...locate(nodes, end, true))
        const mark = document.createElement("mark")
        mark.setAttribute(MARK_ATTRIBUTE, "")
        mark.appendChild(range.extractContents())
        range.insertNode(mark)
        inBlock.unshift(mark)
      }
      marks.push(...inBlock)
    }
    return marks
  }

  /** Mark the `h` query of url in the article. */
  function highlightPage(url) {
    const root = document.querySelector("article.md-content__inner") ||
      document.querySelector("[data-md-component=content]")
    if (!root)
      return []
    unmark(root)
    const terms = parseQuery(url.searchParams.get("h") || "")
    return terms.length ? markTerms(root, terms) : []
  }

  function servePage() {
    let shown = null  // pathname of the document on screen
    const run = url => {
      shown = url.pathname
      highlightPage(url)
    }
    if (global.document$) {
      global.document$.subscribe(() => run(new URL(location.href)))
      // Following a result on the page already shown fetches nothing, so
      // document$ stays silent; location$ still reports the new URL.
      if (global.location$)
        global.location$.subscribe(url => {
          if (url.pathname === shown)
            run(url)
        })
    } else {
      run(new URL(location.href))
    }
  }

  /* ------------------------------------------------------------------------
   * Start
   * --------------------------------------------------------------------- */

  const api = { normalise, originalOffsets, parseQuery, findRanges, markHTML, snippetHTML,
    PhraseIndex, highlightPage, markTerms }
  if (typeof document === "undefined") {
    serveWorker()
  } else {
    global.PhraseSearch = api
    servePage()
  }
})(self)
