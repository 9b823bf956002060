/*
 * The phrase-search index and its results, for the search worker (worker.js).
 *
 * It reads the index layout that hooks/shuzhi/search/index.py writes and
 * answers a query with Material's result shape: items grouped by page, each
 * with location, title, text (HTML with <mark>), score and terms. Needs
 * match.js loaded first; only defines `self.PhraseIndex` and
 * `self.PhraseSnippet`.
 */
(function (global) {
  "use strict"

  const { normalise, parseQuery, findRanges } = global.PhraseMatch


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

  global.PhraseIndex = PhraseIndex
  global.PhraseSnippet = { markHTML, snippetHTML }
})(self)
