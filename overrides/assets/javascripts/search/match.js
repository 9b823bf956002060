/*
 * Phrase matching shared by the search worker (worker.js) and the page
 * (landing.js), so the two can never disagree on what matches.
 *
 * Matching is substring search on normalised text: full-width ASCII forms
 * folded to half-width, ASCII case folded, whitespace removed; everything
 * else (Chinese punctuation included) must match as typed. Terms separated by
 * spaces must all occur in the same section. A term never matches across two
 * paragraphs, or across a title and its text: each is searched on its own.
 *
 * Loaded with importScripts() in the worker and a <script> tag in the page;
 * it only defines `self.PhraseMatch`.
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

  global.PhraseMatch = { normalise, originalOffsets, parseQuery, findRanges }
})(self)
