/*
 * The phrase-search index and its results, for the search worker (worker.js).
 *
 * It reads the index layout that hooks/shuzhi/search/index.py writes and
 * answers a query with Material's result shape: items grouped by page, each
 * with location, title, text (HTML with <mark>), score and terms; plus a
 * `note` for the reader when something needs saying (nothing found, terms
 * left out, characters that could not be read). Needs match.js loaded first;
 * only defines `self.PhraseIndex` and `self.PhraseSnippet`.
 */
(function (global) {
  "use strict"

  const { normalise, parseQuery, findRanges, sanitise } = global.PhraseMatch


  const INDEX_FORMAT = "phrase-search"
  const INDEX_VERSION = 2

  // Result order by page kind (hooks/shuzhi/search/index.py names them):
  // reports first, then the writing guides, then pages that list others.
  const KIND_RANK = { sample: 0, guide: 1, listing: 2 }

  // Each term is one scan of the whole site; past this many a query is
  // not a phrase list but pasted text. The reader is told which were left out.
  const MAX_TERMS = 30

  const SNIPPET_BEFORE = 24  // characters shown before the first hit
  const SNIPPET_LENGTH = 110 // characters shown in all
  const SPREAD_SNIPPET = 44  // per term, for a page whose terms sit in different sections

  // Scores order the list for Material's Enter key (it follows the highest
  // score) and split a page's sections into shown and "more" (those scoring
  // below the page's best). A group's base outranks anything inside a group.
  const TITLE_BONUS = 1000   // a title hit outranks any number of text hits
  const GROUP_STEP = 2 * TITLE_BONUS

  // Shorter phrases offered when nothing is found.
  const SUGGESTIONS = 4
  const SUGGEST_MIN = 2      // characters; one character finds everything
  const SUGGEST_SCAN = 40    // characters of a term tried
  const SUGGESTED_TERMS = 3  // missing terms of one query that get suggestions

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
  function snippetHTML(text, ranges, length = SNIPPET_LENGTH) {
    const first = ranges.length ? ranges[0] : [0, 0]
    const before = Math.min(SNIPPET_BEFORE, Math.floor(length / 3))
    let from = Math.max(0, first[0] - before)
    let to = Math.min(text.length, Math.max(from + length, first[1]))
    from = safeCut(text, from)
    to = safeCut(text, to)
    return (from > 0 ? "…" : "") + markHTML(text, ranges, from, to) + (to < text.length ? "…" : "")
  }

  class PhraseIndex {

    /** @param index - the index file: {config: {format, version}, docs: {strings, pages}} */
    constructor(index) {
      const { config, docs } = index || {}
      if (!config || config.format !== INDEX_FORMAT || config.version !== INDEX_VERSION)
        throw new TypeError(`search_index.json is not a ${INDEX_FORMAT} index, version ${INDEX_VERSION}`)
      if (!docs || !Array.isArray(docs.strings) || !Array.isArray(docs.pages))
        throw new TypeError("search_index.json has no strings and pages")
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

      // Pages and sections in index order; for each string, the sections that use it.
      this.sections = []
      this.pages = []
      const users = this.strings.map(() => [])
      docs.pages.forEach(([location, kind, ...sections], page) => {
        const own = this.sections.length
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
        const rank = KIND_RANK[kind] ?? KIND_RANK.listing
        this.pages.push({ location, kind, rank, own, end: this.sections.length })
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

    /** Occurrences on the whole site: a string counts once for every section that shows it. */
    total(perString) {
      let sum = 0
      for (let s = 0; s < perString.length; s++)
        if (perString[s])
          sum += perString[s] * this.users[s].length
      return sum
    }

    /**
     * Sections that contain every term, and pages that contain every term
     * only across sections. Sections are ordered best first: a hit in the
     * title, then more hits, then shorter text, then index order.
     */
    match(terms) {
      const n = this.sections.length
      const hits = new Int32Array(n)
      const seen = new Int32Array(n)        // how many of the terms occur in the section
      const last = new Int32Array(n).fill(-1)  // last term counted in `seen`
      const titleHit = new Uint8Array(n)
      const pageSeen = new Int32Array(this.pages.length)
      const pageLast = new Int32Array(this.pages.length).fill(-1)
      const pageHits = new Int32Array(this.pages.length)
      const counts = terms.map(({ norm }) => this.countHits(norm))
      counts.forEach((perString, t) => {
        for (let s = 0; s < perString.length; s++) {
          const c = perString[s]
          if (!c)
            continue
          for (const id of this.users[s]) {
            const { page } = this.sections[id]
            hits[id] += c
            pageHits[page] += c
            if (last[id] !== t) {
              last[id] = t
              seen[id]++
            }
            if (pageLast[page] !== t) {
              pageLast[page] = t
              pageSeen[page]++
            }
            if (this.sections[id].title === s)
              titleHit[id] = 1
          }
        }
      })
      const found = []
      const pagesWithSection = new Set()
      for (let id = 0; id < n; id++)
        if (seen[id] === terms.length) {
          found.push({ id, hits: hits[id], inTitle: titleHit[id] === 1 })
          pagesWithSection.add(this.sections[id].page)
        }
      found.sort((a, b) => (
        (b.inTitle - a.inTitle) ||
        (b.hits - a.hits) ||
        (this.sections[a.id].length - this.sections[b.id].length) ||
        (a.id - b.id)
      ))
      const spread = []
      if (terms.length > 1)
        for (let page = 0; page < this.pages.length; page++)
          if (pageSeen[page] === terms.length && !pagesWithSection.has(page))
            spread.push({ page, hits: pageHits[page] })
      return { found, spread, counts }
    }

    /**
     * One result item in the shape Material's result list renders. A page
     * itself (anchor "") heads its group; Material shows a page's own text
     * only when it outranks the sections, so a hit in the page's own section
     * is listed under its h1's anchor, where its snippet is always shown.
     */
    item(section, terms, counts, hits, score, query, anchor = section.anchor) {
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
      return {
        location: section.location + (query ? `?h=${query}` : "") + (anchor ? `#${anchor}` : ""),
        title: this.titleHTML(section, terms, hits && hasHit(section.title)),
        text,
        score,
        terms: Object.fromEntries(terms.map(({ raw }) => [raw, true]))
      }
    }

    titleHTML(section, terms, marked) {
      const title = this.strings[section.title]
      return marked
        ? markHTML(title, findRanges(title, terms, this.normalised(section.title)))
        : escapeHTML(title)
    }

    /**
     * The item for a page whose terms occur only in different sections: the
     * page itself, each term's count on it, and where each term first occurs.
     */
    spreadItem(page, terms, counts, hits, score, query) {
      const info = this.pages[page]
      const perTerm = terms.map(() => 0)
      const firsts = terms.map(() => -1)
      for (let id = info.own; id < info.end; id++) {
        const section = this.sections[id]
        for (const s of [section.title, ...section.paragraphs])
          counts.forEach((perString, t) => {
            if (perString[s]) {
              perTerm[t] += perString[s]
              if (firsts[t] < 0 && s !== section.title)
                firsts[t] = s
            }
          })
      }
      const own = this.sections[info.own]
      const parts = terms.map(({ raw }, t) => `<span class="pss-count">${escapeHTML(raw)} ${perTerm[t]} 处</span>`)
      const snippets = firsts
        .filter((s, t) => s >= 0 && firsts.indexOf(s) === t)
        .map(s => `<span class="pss-snippet">${snippetHTML(this.strings[s], this.snippetRanges(s, terms), SPREAD_SNIPPET)}</span>`)
      return {
        location: info.location + `?h=${query}`,
        title: this.titleHTML(own, terms, counts.some(c => c[own.title] > 0)),
        text: `<span class="pss-spread">不在同一节</span> ${parts.join(" ")} ${snippets.join("")}`,
        score,
        terms: Object.fromEntries(terms.map(({ raw }) => [raw, true]))
      }
    }

    /**
     * Longest parts of a term that do occur, longest first, each with its
     * count: what the reader may have meant. Dropping characters from either
     * end of the term gives its substrings; for each start, the longest one
     * that occurs is found with one scan per step (a part of a found
     * substring is found too), so a term costs about twice its length in scans.
     */
    suggestions(term) {
      const chars = Array.from(term.norm.slice(0, SUGGEST_SCAN))
      const at = [0]
      for (const ch of chars)
        at.push(at[at.length - 1] + ch.length)
      const windows = []
      let end = 0
      for (let start = 0; start < chars.length; start++) {
        end = Math.max(end, start)
        while (end < chars.length && this.haystack.includes(term.norm.slice(at[start], at[end + 1])))
          end++
        const previous = windows[windows.length - 1]
        const whole = at[end] - at[start] === term.norm.length
        if (end - start >= SUGGEST_MIN && !whole && !(previous && previous.end === end))
          windows.push({ start, end })
      }
      windows.sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start)
      return windows.slice(0, SUGGESTIONS).map(({ start, end }) => ({
        text: term.raw.slice(at[start], at[end]),
        count: this.total(this.countHits(term.norm.slice(at[start], at[end])))
      }))
    }

    /** What the reader should be told about a query, or null. */
    note(query, terms, ignored, counts, found) {
      const malformed = sanitise(query) !== String(query)
      if (found && !ignored.length && !malformed)
        return null
      const note = { found, malformed, ignored: ignored.map(t => t.raw), limit: MAX_TERMS, terms: [] }
      if (!found) {
        let suggested = 0
        note.terms = terms.map((term, t) => {
          const count = this.total(counts[t])
          // null: not looked for (only the first few missing terms are).
          const suggestions = count ? [] : suggested++ < SUGGESTED_TERMS ? this.suggestions(term) : null
          return { text: term.raw, count, suggestions }
        })
      }
      return note
    }

    /** Material's SearchResult for a query string, with our note. */
    search(query) {
      const all = parseQuery(query)
      const terms = all.slice(0, MAX_TERMS)
      const ignored = all.slice(MAX_TERMS)
      if (!terms.length)
        return { items: [], note: null }
      const { found, spread, counts } = this.match(terms)
      const h = encodeURIComponent(terms.map(t => t.raw).join(" "))

      // Pages with a section that holds every term, then pages that hold
      // them only across sections; by page kind, then title hits, then hits.
      const groups = new Map()  // page -> {sections, inTitle, hits}
      for (const hit of found) {
        const { page } = this.sections[hit.id]
        if (!groups.has(page))
          groups.set(page, { page, sections: [], inTitle: false, hits: 0 })
        const group = groups.get(page)
        group.sections.push(hit)
        group.inTitle = group.inTitle || hit.inTitle
        group.hits += hit.hits
      }
      const byRank = (a, b) => this.pages[a.page].rank - this.pages[b.page].rank
      const ordered = [...groups.values()].sort((a, b) => (
        byRank(a, b) || (b.inTitle - a.inTitle) || (b.hits - a.hits) || (a.page - b.page)))
      spread.sort((a, b) => byRank(a, b) || (b.hits - a.hits) || (a.page - b.page))

      const count = ordered.length + spread.length
      const items = ordered.map((group, rank) => {
        const base = (count - rank) * GROUP_STEP
        const list = group.sections.map(({ id, hits, inTitle }) => this.item(
          this.sections[id], terms, counts, hits,
          base + (inTitle ? TITLE_BONUS : 0) + Math.min(hits, TITLE_BONUS - 1), h))
        // Material shows each group under its page, so every group needs an
        // item for the page itself; add it (no hit, score 0) where it is missing.
        if (list.every(item => item.location.includes("#")))
          list.push(this.item(this.sections[this.pages[group.page].own], terms, counts, 0, 0, h, ""))
        return list
      })
      spread.forEach(({ page, hits }, i) => {
        const base = (count - ordered.length - i) * GROUP_STEP
        items.push([this.spreadItem(page, terms, counts, hits, base + Math.min(hits, TITLE_BONUS - 1), h)])
      })
      return { items, note: this.note(query, terms, ignored, counts, items.length > 0) }
    }
  }

  global.PhraseIndex = PhraseIndex
  global.PhraseSnippet = { markHTML, snippetHTML }
})(self)
