/*
 * The page side of the search box, next to Material's own:
 *
 * - Share. Material's share button copies `data-clipboard-text`, which it
 *   sets to the link's previous href before updating the href, so right
 *   after typing it copies the previous query. We set both to the link for
 *   the query on screen, on every input and just before a click is handled.
 * - Notes. What the worker has to tell the reader besides the results (why
 *   nothing was found, shorter phrases that would be found, each term's own
 *   count, terms left out) arrives on a BroadcastChannel (worker.js) and is
 *   shown under the result count while its query is the one in the box.
 *   A suggested phrase is a button that searches it.
 */
(function (global) {
  "use strict"

  const NOTES = "phrase-search-notes"  // BroadcastChannel name, as in worker.js

  const input = document.querySelector("[data-md-component=search-query]")
  const result = document.querySelector("[data-md-component=search-result]")
  if (!input || !result)
    return

  /* ------------------------------------------------------------------------
   * Share
   * --------------------------------------------------------------------- */

  /** The deep link Material builds for a query (components/search/share). */
  function shareLink(value) {
    const url = new URL(location.href)
    url.hash = ""
    url.search = "q=" + value
      .replace(/\s+/g, "+")
      .replace(/&/g, "%26")
      .replace(/=/g, "%3D")
    return `${url}`
  }

  function updateShare() {
    const link = shareLink(input.value)
    for (const share of document.querySelectorAll("[data-md-component=search-share]")) {
      share.href = link
      share.setAttribute("data-clipboard-text", link)
    }
  }

  input.addEventListener("input", updateShare)
  input.addEventListener("keyup", updateShare)  // after Material's own keyup handler
  // Capture phase: before Material's clipboard handler reads the attribute.
  document.addEventListener("click", ev => {
    if (ev.target instanceof Element && ev.target.closest("[data-md-component=search-share]"))
      updateShare()
  }, true)

  /* ------------------------------------------------------------------------
   * Notes
   * --------------------------------------------------------------------- */

  let latest = null  // {query, note} last heard from the worker

  function element(tag, className, text) {
    const el = document.createElement(tag)
    if (className)
      el.className = className
    if (text !== undefined)
      el.textContent = text
    return el
  }

  /** Search a phrase as if typed: Material reads the box on keyup. */
  function search(text) {
    input.value = text
    input.focus()
    input.dispatchEvent(new Event("input", { bubbles: true }))
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  }

  /** A button that searches `text`, labelled with how often it occurs. */
  function phraseButton(text, count) {
    const el = element("button", "pss-try")
    el.type = "button"
    el.append(element("span", "pss-try__text", text), element("span", "pss-try__count", `${count} 处`))
    el.setAttribute("aria-label", `搜索“${text}”，共 ${count} 处`)
    el.addEventListener("click", () => search(text))
    return el
  }

  function quoted(texts) {
    return texts.map(t => `“${t}”`).join("")
  }

  /** The note as DOM (all text through textContent: queries are the reader's input). */
  function renderNote(note) {
    const box = element("div", "pss-note")
    box.setAttribute("role", "status")
    if (note.malformed)
      box.append(element("p", "", "查询里有无法识别的字符，已换成“\ufffd”。"))
    if (note.ignored.length)
      box.append(element("p", "",
        `词太多了：只搜索了前 ${note.limit} 个词，` +
        `没有搜索${quoted(note.ignored)}这 ${note.ignored.length} 个。`))
    if (note.found)
      return box
    const single = note.terms.length === 1
    if (single) {
      box.append(element("p", "", `范文库里没有与“${note.terms[0].text}”逐字相同的文字（标点也要一致）。`))
    } else {
      box.append(element("p", "", `没有哪一页同时含有这 ${note.terms.length} 个词。各词单独搜索：`))
      const counts = element("p", "pss-try-list")
      for (const term of note.terms)
        counts.append(term.count ? phraseButton(term.text, term.count) : element("span", "pss-miss", `${term.text} 0 处`))
      box.append(counts)
    }
    const hopeless = []  // missing terms of which not even two characters in a row occur
    for (const term of note.terms) {
      if (term.count || term.suggestions === null)
        continue
      if (!term.suggestions.length) {
        hopeless.push(term.text)
        continue
      }
      box.append(element("p", "", single ? "可以试试短一些的说法：" : `“${term.text}”可以试试短一些的说法：`))
      const list = element("p", "pss-try-list")
      for (const { text, count } of term.suggestions)
        list.append(phraseButton(text, count))
      box.append(list)
    }
    if (hopeless.length)
      box.append(element("p", "", single
        ? "其中任意相连的两个字也都找不到，请换个说法。"
        : `${quoted(hopeless)}中任意相连的两个字也都找不到。`))
    return box
  }

  /** Show the latest note if it belongs to the query in the box; drop a stale one. */
  function showNote() {
    const old = result.querySelector(":scope > .pss-note")
    const current = latest && latest.query === input.value && latest.note ? latest.note : null
    if (old && old.dataset.query === input.value && current === old.note)
      return
    if (old)
      old.remove()
    if (!current)
      return
    const box = renderNote(current)
    box.dataset.query = input.value
    box.note = current
    // After Material's count line, which it looks up once as the first child.
    result.firstElementChild.after(box)
  }

  if (typeof BroadcastChannel === "function") {
    const channel = new BroadcastChannel(NOTES)
    channel.addEventListener("message", ({ data }) => {
      if (data && typeof data.query === "string") {
        latest = data
        showNote()
      }
    })
  }
  input.addEventListener("input", showNote)

  global.PhraseSearchBox = { shareLink, renderNote }
})(self)
