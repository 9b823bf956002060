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
 * - More results. The worker turns only the first screen of results into
 *   items (each page's title and snippets come from a file of their own);
 *   the count line shows how many there are in all, and a button under the
 *   list asks the worker for the next ones, which are drawn here the way
 *   Material draws its own.
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
    if (note.short && note.short.length)
      box.append(element("p", "", `单个字太常见，没有单独搜索${quoted(note.short)}；请至少输入两个字。`))
    if (note.found || !note.terms.length)
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

  /* ------------------------------------------------------------------------
   * Count and more results
   * --------------------------------------------------------------------- */

  const MORE = 10  // results asked for per click, as FIRST_SCREEN in index.js
  const meta = result.querySelector(".md-search-result__meta")
  const list = result.querySelector(".md-search-result__list")
  const config = JSON.parse(document.getElementById("__config").textContent)
  const base = new URL(config.base, location.href)
  const more = element("button", "pss-more md-button")
  more.type = "button"
  more.hidden = true
  list.after(more)
  let channel = null
  let waiting = false  // a request for more is out

  /** Material's translation of a count string (the # is the number). */
  function translated(key, n) {
    return (config.translations[key] || "").replace("#", String(n))
  }

  function current() {
    return latest && latest.query === input.value && typeof latest.total === "number" ? latest : null
  }

  /** The exact count in the count line (Material counts only the items it was given, and rounds). */
  function showCount() {
    const state = current()
    if (!state || state.total <= 1)
      return
    const text = translated("search.result.other", state.total.toLocaleString("zh-CN"))
    if (meta.textContent !== text)
      meta.textContent = text
  }

  function updateMore() {
    const state = current()
    const shown = list.children.length
    more.hidden = !state || !channel || state.total <= shown
    const label = more.hidden ? "" : waiting ? "正在加载……"
      : `再显示 ${Math.min(MORE, state.total - shown)} 个（已显示 ${shown} 个，共 ${state.total.toLocaleString("zh-CN")} 个）`
    if (more.textContent !== label)  // only on change: the observer below sees every write
      more.textContent = label
    more.disabled = waiting
  }

  /** One result link, as Material's search result item draws it. */
  function resultLink(doc, flags) {
    const link = element("a", "md-search-result__link")
    link.href = `${new URL(doc.location, base)}`
    link.tabIndex = -1
    const article = element("article", "md-search-result__article md-typeset")
    article.setAttribute("data-md-score", doc.score.toFixed(2))
    if (flags & 2)
      article.append(element("div", "md-search-result__icon md-icon"))
    const heading = element(flags & 2 ? "h1" : "h2")
    heading.innerHTML = doc.title  // the worker's HTML: escaped text and <mark>
    article.append(heading)
    if (flags & 1 && doc.text.length)
      article.insertAdjacentHTML("beforeend", doc.text)
    link.append(article)
    return link
  }

  /** A page's group of results, as Material's search result list draws it. */
  function resultItem(group) {
    const threshold = group[0].score
    const docs = [...group]
    const at = docs.findIndex(doc => !`${new URL(doc.location, base)}`.includes("#"))
    const [page] = docs.splice(at, 1)
    let split = docs.findIndex(doc => doc.score < threshold)
    if (split === -1)
      split = docs.length
    const item = element("li", "md-search-result__item")
    item.append(resultLink(page, 2 | +(!at && split === 0)), ...docs.slice(0, split).map(doc => resultLink(doc, 1)))
    const rest = docs.slice(split)
    if (rest.length) {
      const details = element("details", "md-search-result__more")
      const summary = element("summary")
      summary.tabIndex = -1
      summary.append(element("div", "", rest.length === 1
        ? translated("search.result.more.one")
        : translated("search.result.more.other", rest.length)))
      details.append(summary, ...rest.map(doc => resultLink(doc, 1)))
      item.append(details)
    }
    return item
  }

  more.addEventListener("click", () => {
    const state = current()
    if (!state || !channel || waiting)
      return
    waiting = true
    updateMore()
    channel.postMessage({ type: "more", token: state.token, query: state.query, from: list.children.length })
  })

  function receiveItems(data) {
    const state = current()
    if (!state || data.query !== state.query || data.from !== list.children.length)
      return  // for another query, or already drawn
    waiting = false
    for (const group of data.items)
      list.append(resultItem(group))
    updateMore()
  }

  try {
    channel = new BroadcastChannel(NOTES)
  } catch {
    channel = null  // no channel: the first screen of results and Material's count only
  }
  if (channel)
    channel.addEventListener("message", ({ data }) => {
      if (!data)
        return
      if (data.type === "items") {
        receiveItems(data)
      } else if (typeof data.query === "string") {
        if (!latest || latest.query !== data.query)
          waiting = false
        latest = data
        showNote()
        showCount()
        updateMore()
      }
    })
  input.addEventListener("input", () => {
    showNote()
    updateMore()
  })
  // Material rewrites the count line and empties the list on every result.
  new MutationObserver(() => {
    showCount()
    updateMore()
  }).observe(result, { childList: true, subtree: true, characterData: true })

  global.PhraseSearchBox = { shareLink, renderNote, resultItem }
})(self)
