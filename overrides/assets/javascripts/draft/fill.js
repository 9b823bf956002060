/*
 * Fill-in spots of a draft: which ones the writer's fields fill (村名 fills
 * XX村 …) and which stay blank. The rules and the placeholder pattern come
 * from the 起草 page's config, written from hooks/shuzhi/site/fields.py and
 * PLACEHOLDER_PATTERN in hooks/shuzhi/library/model.py; each rule has two
 * groups, the first kept and the second the spot its field fills.
 */
(function (global) {
  "use strict"

  /** Rules and the placeholder pattern, compiled once per page. */
  function compile(config) {
    const rules = []
    for (const field of config.fields)
      for (const source of field.rules)
        rules.push({ field: field.name, strip: field.strip, re: new RegExp(source, "g") })
    return { rules, blank: new RegExp(config.placeholder, "g") }
  }

  function valueOf(values, rule) {
    let value = (values[rule.field] || "").trim()
    if (rule.strip && value.endsWith(rule.strip))
      value = value.slice(0, -rule.strip.length).trim()
    return value
  }

  /**
   * ``text`` as pieces { kind: "plain" | "filled" | "blank", text, raw }:
   * joined, ``text`` gives the filled text and ``raw`` the text as stored.
   * Every rule claims its spots, earliest first and on a tie the rule listed
   * first, whether its field is filled or not: an empty 任职时间 keeps its
   * 20XX年X月 from being taken by 年份. Fill-in spots outside the filled
   * ones are blanks, found in the whole text (the pattern looks behind).
   */
  function pieces(text, values, compiled) {
    const claims = []
    compiled.rules.forEach((rule, order) => {
      for (const match of text.matchAll(rule.re)) {
        const start = match.index + (match[1] || "").length
        const end = start + (match[2] || "").length
        if (end > start)
          claims.push({ start, end, rule, order })
      }
    })
    claims.sort((a, b) => a.start - b.start || a.order - b.order)
    const marks = []
    let claimed = 0
    for (const claim of claims) {
      if (claim.start < claimed)
        continue
      claimed = claim.end
      const value = valueOf(values, claim.rule)
      if (value)
        marks.push({ kind: "filled", start: claim.start, end: claim.end, value })
    }
    for (const match of text.matchAll(compiled.blank)) {
      const start = match.index, end = start + match[0].length
      if (end > start && !marks.some(mark => mark.kind === "filled" && mark.start < end && start < mark.end))
        marks.push({ kind: "blank", start, end })
    }
    marks.sort((a, b) => a.start - b.start)
    const out = []
    let at = 0
    for (const mark of marks) {
      if (mark.start > at)
        out.push({ kind: "plain", text: text.slice(at, mark.start), raw: text.slice(at, mark.start) })
      const raw = text.slice(mark.start, mark.end)
      out.push({ kind: mark.kind, text: mark.kind === "filled" ? mark.value : raw, raw })
      at = mark.end
    }
    if (at < text.length)
      out.push({ kind: "plain", text: text.slice(at), raw: text.slice(at) })
    return out
  }

  /** The text with the fields filled in. */
  function apply(text, values, compiled) {
    return pieces(text, values, compiled).map(piece => piece.text).join("")
  }

  global.SzFill = { compile, pieces, apply }
})(window)
