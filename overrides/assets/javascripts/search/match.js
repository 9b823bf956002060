/*
 * Phrase matching shared by the search worker (worker.js) and the page
 * (landing.js), so the two can never disagree on what matches.
 *
 * Matching is substring search on normalised text: whitespace removed,
 * full-width ASCII forms folded to half-width, ASCII case folded, straight,
 * curly and corner quotes folded to one form, traditional characters folded
 * to simplified (OpenCC's table, opencc-ts.js, when it is loaded); everything
 * else (Chinese punctuation included) must match as typed. Terms separated by
 * spaces must all occur in the same section. A term never matches across two
 * paragraphs, or across a title and its text: each is searched on its own.
 *
 * Only whitespace removal changes the length of a text: every fold maps one
 * UTF-16 unit to one, so positions in normalised text map straight back to
 * the text on the page.
 *
 * Part of the worker's one script (hooks/shuzhi/search/worker.py) and a <script> tag in the page;
 * it only defines `self.PhraseMatch`.
 */
(function (global) {
  "use strict"


  // One whitespace class for removing and for mapping offsets back, so the
  // two can never disagree. \s covers U+3000 (ideographic space) and NBSP.
  const SPACE_RUNS = /[\s\u200b]+/g
  const SPACE_CHAR = /^[\s\u200b]$/
  const WIDE_FORMS = /[\uff01-\uff5e]/g  // full-width ！ .. ～ -> ! .. ~ (as NFKC)
  const UPPER = /[A-Z]+/g
  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

  // Marks written in several forms for the same thing. Quotes: a reader
  // types "五好" on a phone keyboard, the report prints “五好” (or 「五好」
  // in traditional style), so all double quotes fold to ", all single ones
  // to '. Half-width CJK punctuation (U+FF61..FF64) folds to full width.
  const MARKS = {
    "\u201c": "\"", "\u201d": "\"", "\u201e": "\"", "\u201f": "\"", "\u300c": "\"", "\u300d": "\"",
    "\u301d": "\"", "\u301e": "\"", "\u301f": "\"", "\uff62": "\"", "\uff63": "\"",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u300e": "'", "\u300f": "'",
    "\uff61": "\u3002", "\uff64": "\u3001"
  }

  function foldWide(ch) {
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0)
  }

  function lower(run) {
    return run.toLowerCase()
  }

  function escapeClass(chars) {
    return chars.replace(/[\\\]^-]/g, "\\$&")
  }

  // The fold table, rebuilt when opencc-ts.js has (re)defined self.PhraseFold:
  // the page loads it only when a query needs it (landing.js).
  let fold = { data: undefined, map: null, pattern: null }

  function currentFold() {
    const data = global.PhraseFold
    if (fold.data !== data) {
      const map = Object.assign(Object.create(null), MARKS)
      if (data && typeof data.from === "string" && typeof data.to === "string" &&
          data.from.length === data.to.length)
        for (let i = 0; i < data.from.length; i++)
          map[data.from[i]] = data.to[i]
      fold = { data, map, pattern: new RegExp(`[${escapeClass(Object.keys(map).join(""))}]`, "g") }
    }
    return fold
  }

  /** Whether self.PhraseFold (traditional -> simplified) is loaded. */
  function hasTraditionalTable() {
    return Boolean(global.PhraseFold)
  }

  /** Text with every unpaired UTF-16 surrogate replaced by U+FFFD (same length). */
  function sanitise(text) {
    return String(text).replace(LONE_SURROGATE, "\ufffd")
  }

  /** Normalised form of a text; only whitespace removal changes its length. */
  function normalise(text) {
    const { map, pattern } = currentFold()
    return text
      .replace(SPACE_RUNS, "")
      .replace(WIDE_FORMS, foldWide)
      .replace(UPPER, lower)
      .replace(pattern, ch => map[ch])
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

  /**
   * Query -> distinct terms, each {raw, norm}, in the order typed. The query
   * is sanitised first, so a lone surrogate can never reach encodeURIComponent.
   * Every term is kept: the caller decides how many to search, and says so.
   */
  function parseQuery(query) {
    const terms = []
    const seen = new Set()
    for (const raw of sanitise(query).split(SPACE_RUNS)) {
      const norm = normalise(raw)
      if (norm && !seen.has(norm)) {
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

  global.PhraseMatch = { normalise, originalOffsets, parseQuery, findRanges, sanitise, hasTraditionalTable }
})(self)
