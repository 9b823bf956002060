/*
 * Phrase search over the sharded index (store.js), for the search worker.
 *
 * A query's terms are found from gram postings: each term is covered by
 * indexed grams (the cheapest cover the manifest allows), whose positions
 * intersect exactly where the term occurs. Counts per section are exact;
 * only the first screen of results is turned into Material's items (with
 * titles and snippets from page records), later ones when the reader asks
 * for more. Needs match.js and store.js loaded first; defines
 * `self.PhraseSearch` and `self.PhraseSnippet`.
 */
(function (global) {
  "use strict"

  const { normalise, parseQuery, findRanges, sanitise } = global.PhraseMatch
  const SPAN = global.PhraseStore.UNIT_SPAN
  const remember = global.PhraseStore.remember

  // Each term is one lookup; past this many a query is not a phrase list
  // but pasted text. The reader is told which were left out.
  const MAX_TERMS = 30
  const MAX_GRAM = 8  // longest gram the index holds (grams.py)

  // Groups turned into items at once: what Material shows before scrolling.
  const FIRST_SCREEN = 10
  const DOWNLOADS = 12  // page files fetched at a time

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
  const SUGGEST_MIN = 2      // characters; the index has no single characters
  const SUGGEST_SCAN = 16    // characters of a term tried
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

  /** fn over a list, at most `limit` at a time (a browser refuses thousands of downloads at once). */
  async function mapLimited(list, limit, fn) {
    const out = new Array(list.length)
    let next = 0
    const run = async () => {
      while (next < list.length) {
        const i = next++
        out[i] = await fn(list[i], i)
      }
    }
    await Promise.all(Array.from({ length: Math.min(limit, list.length) }, run))
    return out
  }

  /** The first text holding any of the terms, with its normalised form; null if none does. */
  function firstHit(texts, terms) {
    for (const text of texts) {
      const norm = normalise(text)
      if (terms.some(({ norm: term }) => norm.includes(term)))
        return { text, norm }
    }
    return null
  }

  /** Sorted a ∩ (b - shift): positions of a that b has `shift` characters later. */
  function intersect(a, b, shift) {
    const out = new Float64Array(Math.min(a.length, b.length))
    let n = 0
    let j = 0
    for (let i = 0; i < a.length && j < b.length; i++) {
      const want = a[i] + shift
      while (j < b.length && b[j] < want)
        j++
      if (j < b.length && b[j] === want)
        out[n++] = a[i]
    }
    return out.subarray(0, n)
  }

  /** unit -> non-overlapping occurrences, from sorted start positions of a term `length` long. */
  function countByUnit(starts, length) {
    const counts = new Map()
    let unit = -1
    let end = 0
    for (const position of starts) {
      const u = Math.floor(position / SPAN)
      const offset = position - u * SPAN
      if (u !== unit) {
        unit = u
        end = 0
      }
      if (offset >= end) {
        counts.set(u, (counts.get(u) || 0) + 1)
        end = offset + length
      }
    }
    return counts
  }

  function sum(counts) {
    let total = 0
    for (const c of counts.values())
      total += c
    return total
  }

  class PhraseSearch {

    /** @param store - a PhraseStore; firstScreen - groups with items in a first answer */
    constructor(store, { firstScreen = FIRST_SCREEN } = {}) {
      this.store = store
      this.firstScreen = firstScreen
      this.found = new Map()  // normalised term -> Promise of unit -> count
      this.last = null  // the latest query's matches, for more()
    }

    /**
     * The cheapest set of indexed grams that covers every character of a
     * term, as [{gram, at}]. A frequent gram costs its occurrences; any
     * other at most the threshold; each file is a request, so fewer is better.
     */
    cover(chars) {
      const { store } = this
      const request = store.threshold / 8
      const best = new Array(chars.length + 1).fill(Infinity)
      const from = new Array(chars.length + 1).fill(null)
      best[0] = 0
      for (let end = 2; end <= chars.length; end++)
        for (let n = 2; n <= Math.min(MAX_GRAM, end); n++) {
          const start = end - n
          const gram = chars.slice(start, end)
          if (!store.indexable(gram))
            continue
          const name = gram.join("")
          const cost = request + (store.isFrequent(name) ? store.frequent.get(name) : store.threshold / 4)
          // The part before must be covered up to somewhere inside this gram.
          for (let covered = start; covered < end; covered++)
            if (best[covered] + cost < best[end]) {
              best[end] = best[covered] + cost
              from[end] = { covered, gram: name, at: start }
            }
        }
      const grams = []
      for (let end = chars.length; end > 0; end = from[end].covered)
        grams.push({ gram: from[end].gram, at: from[end].at })
      return grams.reverse()
    }

    /** unit -> non-overlapping occurrences of a normalised term (two characters or more). */
    occurrences(norm) {
      return remember(this.found, norm, () => this.lookUp(norm))
    }

    async lookUp(norm) {
      const { store } = this
      const chars = Array.from(norm)
      if (store.isFrequent(norm))
        return store.counts(norm)
      const grams = this.cover(chars)
      const lists = await Promise.all(grams.map(({ gram }) => store.positions(gram)))
      // Start from the rarest gram, moved back to where the term starts.
      const order = grams.map((_, k) => k).sort((a, b) => lists[a].length - lists[b].length)
      let starts = lists[order[0]].map(p => p - grams[order[0]].at)
      for (const k of order.slice(1)) {
        if (!starts.length)
          break
        starts = intersect(starts, lists[k], grams[k].at)
      }
      // Positions of different grams may come back out of order only if
      // shifted across units, which UNIT_SPAN rules out; keep them sorted anyway.
      return countByUnit(starts, norm.length)
    }

    /**
     * Sections that contain every term, grouped by page, and pages that hold
     * them only across sections, in result order: by page kind, then title
     * hits, then hits, then page order.
     */
    match(perTerm) {
      const { store } = this
      const sections = new Map()  // section -> {hits, seen, inTitle, last}
      const pages = new Map()     // page -> {hits, seen, last}
      perTerm.forEach((counts, t) => {
        for (const [unit, c] of counts) {
          const section = unit >> 1
          const page = store.pageOf[section]
          let s = sections.get(section)
          if (!s)
            sections.set(section, s = { section, page, hits: 0, seen: 0, inTitle: false, last: -1 })
          let p = pages.get(page)
          if (!p)
            pages.set(page, p = { page, hits: 0, seen: 0, last: -1 })
          s.hits += c
          p.hits += c
          if (s.last !== t) {
            s.last = t
            s.seen++
          }
          if (p.last !== t) {
            p.last = t
            p.seen++
          }
          if (unit % 2 === 0)
            s.inTitle = true
        }
      })
      const groups = new Map()
      for (const s of sections.values()) {
        if (s.seen !== perTerm.length)
          continue
        let group = groups.get(s.page)
        if (!group)
          groups.set(s.page, group = { page: s.page, sections: [], inTitle: false, hits: 0 })
        group.sections.push(s)
        group.inTitle = group.inTitle || s.inTitle
        group.hits += s.hits
      }
      const byRank = (a, b) => store.rank(a.page) - store.rank(b.page)
      const ordered = [...groups.values()].sort((a, b) => (
        byRank(a, b) || (b.inTitle - a.inTitle) || (b.hits - a.hits) || (a.page - b.page)))
      for (const group of ordered)
        group.sections.sort((a, b) => (b.inTitle - a.inTitle) || (b.hits - a.hits) || (a.section - b.section))
      const spread = perTerm.length < 2 ? [] : [...pages.values()]
        .filter(p => p.seen === perTerm.length && !groups.has(p.page))
        .sort((a, b) => byRank(a, b) || (b.hits - a.hits) || (a.page - b.page))
        .map(p => ({ ...p, spread: true }))
      return ordered.concat(spread)
    }

    /** Material's items for results [from, to) of a matched query. */
    async items(state, from, to) {
      const slice = state.results.slice(from, to)
      const records = await mapLimited(slice, DOWNLOADS, r => this.store.page(r.page))
      return slice.map((result, i) => {
        const base = (state.results.length - from - i) * GROUP_STEP
        return result.spread
          ? [this.spreadItem(state, result, records[i], base)]
          : this.groupItems(state, result, records[i], base)
      })
    }

    groupItems(state, group, record, base) {
      const [url, , sections] = record
      const first = this.store.sectionStart[group.page]
      const list = group.sections.map(({ section, hits, inTitle }) => this.item(
        state, url, sections[section - first], hits,
        base + (inTitle ? TITLE_BONUS : 0) + Math.min(hits, TITLE_BONUS - 1)))
      // Material shows each group under its page, so every group needs an
      // item for the page itself; add it (no hit, score 0) where it is missing.
      // A hit in the page's own section is listed under its h1's anchor,
      // where its snippet is always shown.
      if (list.every(item => item.location.includes("#")))
        list.push(this.item(state, url, sections[0], 0, 0, ""))
      return list
    }

    /** One item: a section of a page, with its hit count and a snippet. */
    item(state, url, [anchor, title, paragraphs], hits, score, at = anchor) {
      const { terms, h } = state
      let text = ""
      if (hits) {
        // Snippet from the first paragraph with a hit; if only the title has
        // one, from the start of the text.
        const first = firstHit(paragraphs, terms)
        text = `<span class="pss-count">${hits} 处</span> ` + (first === null
          ? snippetHTML(paragraphs[0] ?? "", [])
          : snippetHTML(first.text, this.snippetRanges(first.text, terms, first.norm)))
      }
      return {
        location: url + `?h=${h}` + (at ? `#${at}` : ""),
        title: this.titleHTML(title, terms, hits > 0),
        text,
        score,
        terms: Object.fromEntries(terms.map(({ raw }) => [raw, true]))
      }
    }

    titleHTML(title, terms, marked) {
      return marked ? markHTML(title, findRanges(title, terms)) : escapeHTML(title)
    }

    /**
     * Ranges in a paragraph that a snippet can show: those up to a
     * snippet's length after the first hit (long paragraphs full of hits
     * would otherwise cost most of a query).
     */
    snippetRanges(text, terms, norm = normalise(text)) {
      if (norm.length !== text.length)
        return findRanges(text, terms, norm)
      let first = Infinity
      let longest = 0
      for (const { norm: term } of terms) {
        const at = norm.indexOf(term)
        if (at >= 0 && at < first)
          first = at
        longest = Math.max(longest, term.length)
      }
      return findRanges(text, terms, norm, first + SNIPPET_LENGTH + longest)
    }

    /**
     * The item for a page whose terms occur only in different sections: the
     * page itself, each term's count on it, and where each term first occurs.
     */
    spreadItem(state, result, [url, , sections], base) {
      const { terms, perTerm, h } = state
      const first = this.store.sectionStart[result.page]
      const units = [2 * first, 2 * (first + sections.length)]
      const perTermCount = perTerm.map(counts => {
        let n = 0
        for (const [unit, c] of counts)
          if (unit >= units[0] && unit < units[1])
            n += c
        return n
      })
      const parts = terms.map(({ raw }, t) => `<span class="pss-count">${escapeHTML(raw)} ${perTermCount[t]} 处</span>`)
      const snippets = []
      const seen = new Set()
      const paragraphs = sections.flatMap(s => s[2])
      for (const term of terms) {
        const first = firstHit(paragraphs, [term])
        if (first !== null && !seen.has(first.text)) {
          seen.add(first.text)
          const ranges = this.snippetRanges(first.text, terms, first.norm)
          snippets.push(`<span class="pss-snippet">${snippetHTML(first.text, ranges, SPREAD_SNIPPET)}</span>`)
        }
      }
      const ownTitle = sections[0][1]
      return {
        location: url + `?h=${h}`,
        title: this.titleHTML(ownTitle, terms, firstHit([ownTitle], terms) !== null),
        text: `<span class="pss-spread">不在同一节</span> ${parts.join(" ")} ${snippets.join("")}`,
        score: base + Math.min(result.hits, TITLE_BONUS - 1),
        terms: Object.fromEntries(terms.map(({ raw }) => [raw, true]))
      }
    }

    /** Whether a normalised phrase occurs anywhere. */
    async occurs(norm) {
      if (this.store.isFrequent(norm))
        return true
      return (await this.occurrences(norm)).size > 0
    }

    /**
     * Longest parts of a term that do occur, longest first, each with its
     * count: what the reader may have meant. For each start, the longest
     * part that occurs is found by growing it one character at a time (a
     * part of a found part is found too).
     */
    async suggestions(term) {
      const chars = Array.from(term.norm).slice(0, SUGGEST_SCAN)
      // Terms hold no whitespace and every fold keeps one character one, so
      // the typed term has the same characters, as typed.
      const typed = Array.from(term.raw)
      const windows = []
      let end = 0
      for (let start = 0; start < chars.length; start++) {
        end = Math.max(end, start)
        // One character always counts as found: the index starts at two.
        while (end < chars.length && (end === start || await this.occurs(chars.slice(start, end + 1).join(""))))
          end++
        const previous = windows[windows.length - 1]
        const whole = end - start === Array.from(term.norm).length
        if (end - start >= SUGGEST_MIN && !whole && !(previous && previous.end === end))
          windows.push({ start, end })
      }
      windows.sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start)
      return Promise.all(windows.slice(0, SUGGESTIONS).map(async ({ start, end }) => ({
        text: typed.slice(start, end).join(""),
        count: sum(await this.occurrences(chars.slice(start, end).join("")))
      })))
    }

    /** What the reader should be told about a query, or null. */
    async note(query, terms, ignored, short, perTerm, found) {
      const malformed = sanitise(query) !== String(query)
      if (found && !ignored.length && !short.length && !malformed)
        return null
      const note = {
        found, malformed, ignored: ignored.map(t => t.raw), limit: MAX_TERMS,
        short: short.map(t => t.raw), terms: []
      }
      if (!found) {
        let suggested = 0
        note.terms = await Promise.all(terms.map(async (term, t) => {
          const count = sum(perTerm[t])
          // null: not looked for (only the first few missing terms are).
          const suggestions = count ? [] : suggested++ < SUGGESTED_TERMS ? await this.suggestions(term) : null
          return { text: term.raw, count, suggestions }
        }))
      }
      return note
    }

    /** Material's SearchResult for a query string, with our note and the result count. */
    async search(query, shown = this.firstScreen) {
      const all = parseQuery(query)
      const short = all.filter(t => Array.from(t.norm).length < 2)
      const long = all.filter(t => Array.from(t.norm).length >= 2)
      const terms = long.slice(0, MAX_TERMS)
      const ignored = long.slice(MAX_TERMS)
      if (!terms.length)
        return { items: [], note: short.length ? await this.note(query, [], [], short, [], false) : null, total: 0 }
      const perTerm = await Promise.all(terms.map(t => this.occurrences(t.norm)))
      const state = {
        query, terms, perTerm, results: this.match(perTerm),
        h: encodeURIComponent(terms.map(t => t.raw).join(" "))
      }
      this.last = state
      const items = await this.items(state, 0, shown)
      const note = await this.note(query, terms, ignored, short, perTerm, items.length > 0)
      return { items, note, total: state.results.length }
    }

    /** Items for results [from, from + count) of a query (searched again if it is not the latest). */
    async more(query, from, count = FIRST_SCREEN) {
      if (!this.last || this.last.query !== query)
        await this.search(query, 0)
      const state = this.last
      return { items: await this.items(state, from, from + count), total: state.results.length }
    }
  }

  global.PhraseSearch = PhraseSearch
  global.PhraseSnippet = { markHTML, snippetHTML }
})(self)
