/*
 * The page side of phrase search: on a page opened from a search result
 * (`?h=` in the URL, put there by the result links), mark every occurrence
 * of the query in the article, bring the first one in view, and offer a
 * small stepper (上一处 / 第 2/9 处 / 下一处 / 清除) through them.
 *
 * Runs after every page load and instant navigation (Material's `document$`
 * and `location$`). With instant navigation Material does not scroll to the
 * result's #anchor after swapping the page, and on a phone it restores the
 * old scroll position when the search overlay lets go of the page, so the
 * scroll waits for that. Needs match.js loaded first.
 */
(function (global) {
  "use strict"

  const { parseQuery, findRanges, hasTraditionalTable } = global.PhraseMatch


  const MARK_ATTRIBUTE = "data-pss-hit"
  const CURRENT_CLASS = "pss-current"
  const STEPPING_CLASS = "pss-stepping"  // on <html> while the stepper shows
  // Interface whose text is not report text (as in hooks/shuzhi/search/extract.py).
  const SKIP_SELECTOR = [
    "button", "nav", "form", "select", "textarea", "script", "style",
    "noscript", "template", "svg", "math", "object", "iframe", ".headerlink",
    ".pss-stepper"
  ].join(",")
  const BLOCK_SELECTOR = [
    "address", "article", "aside", "blockquote", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul"
  ].join(",")

  // The traditional -> simplified table maps ideographs to ideographs only,
  // so a query without any cannot match differently with it: the page
  // fetches the table (18 KB) only for a query with Chinese characters.
  const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/
  // Frames a landing scroll is watched for at most (about 1.5 s), and how
  // many frames in a row the mark must stay in view to stop early.
  const SETTLE_FRAMES = 90
  const SETTLE_STEADY = 3

  const TABLE_URL = document.currentScript
    ? new URL("opencc-ts.js", document.currentScript.src).href
    : null

  /* ------------------------------------------------------------------------
   * Marking
   * --------------------------------------------------------------------- */

  function article() {
    return document.querySelector("article.md-content__inner") ||
      document.querySelector("[data-md-component=content]")
  }

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

  /** Mark the `h` query of url in the article; returns the marks in page order. */
  function highlightPage(url) {
    const root = article()
    if (!root)
      return []
    unmark(root)
    const terms = parseQuery(url.searchParams.get("h") || "")
    return terms.length ? markTerms(root, terms) : []
  }

  /** Loads opencc-ts.js once; resolves when it is there (or could not be had). */
  let tableLoading = null
  function loadTable() {
    if (hasTraditionalTable() || !TABLE_URL)
      return Promise.resolve()
    if (!tableLoading)
      tableLoading = new Promise(resolve => {
        const script = document.createElement("script")
        script.src = TABLE_URL
        script.onload = () => resolve()
        script.onerror = () => {
          console.warn("phrase search: traditional characters table not loaded", TABLE_URL)
          tableLoading = null
          resolve()
        }
        document.head.appendChild(script)
      })
    return tableLoading
  }

  /** Index of the first mark at or after the element the URL's #anchor names (0 without one). */
  function firstAfterAnchor(marks, hash) {
    let target = null
    try {
      target = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null
    } catch (err) {
      target = null  // a malformed %-escape in a hand-typed URL
    }
    if (!target)
      return 0
    const at = marks.findIndex(mark => (
      target.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING))
    return at < 0 ? 0 : at
  }

  /* ------------------------------------------------------------------------
   * Scrolling
   * --------------------------------------------------------------------- */

  /**
   * Run fn once the page may scroll: while the search overlay is open on a
   * phone, Material locks the body, and when it closes it scrolls back to
   * where the reader was before searching. Waiting for the lock to go keeps
   * that from undoing our scroll.
   */
  function whenScrollable(fn) {
    const toggle = document.getElementById("__search")
    const busy = () => document.body.hasAttribute("data-md-scrolllock") || (toggle && toggle.checked)
    if (!busy())
      return fn()
    let done = false
    const finish = () => {
      if (done || busy())
        return
      done = true
      observer.disconnect()
      if (toggle)
        toggle.removeEventListener("change", finish)
      fn()
    }
    const observer = new MutationObserver(finish)
    observer.observe(document.body, { attributes: true, attributeFilter: ["data-md-scrolllock"] })
    if (toggle)
      toggle.addEventListener("change", finish)
  }

  function reveal(mark, smooth) {
    mark.scrollIntoView({ block: "center", inline: "nearest", behavior: smooth ? "smooth" : "instant" })
  }

  /**
   * Whether a mark is on screen, clear of the header and the stepper. What
   * the reader sees is the visual viewport, which for a moment after the
   * search overlay closes on a phone can sit inside a taller layout viewport.
   */
  function inView(mark) {
    const view = global.visualViewport
    const top = view ? view.offsetTop : 0
    const height = view ? view.height : innerHeight
    const header = document.querySelector(".md-header")
    const below = header ? header.offsetHeight : 0
    const above = stepper.el && stepper.el.isConnected ? stepper.el.offsetHeight + 12 : 0
    const { top: markTop, bottom: markBottom } = mark.getBoundingClientRect()
    return markTop >= top + below && markBottom <= top + height - above
  }

  /** Layout and visual viewport agree (not the moment after the overlay closes, not pinch-zoomed). */
  function viewportSettled() {
    const view = global.visualViewport
    return !view || (Math.abs(view.offsetTop) < 1 && Math.abs(innerHeight - view.height) < 1)
  }

  /**
   * Scroll to a mark on landing, and keep it in view while the page
   * settles: right after instant navigation on a phone the search overlay
   * is still shrinking away, Chromium's layout viewport is taller than the
   * screen for a few frames, and a scroll made then lands elsewhere. So the
   * mark is watched for a moment and brought back until it stays in view,
   * or the reader scrolls, taps or types.
   */
  function revealSettled(mark, current) {
    let frames = 0
    let steady = 0
    const events = ["wheel", "touchstart", "keydown", "mousedown"]
    const stop = () => { frames = SETTLE_FRAMES }
    events.forEach(type => addEventListener(type, stop, { passive: true, capture: true }))
    const check = () => {
      if (frames++ >= SETTLE_FRAMES || steady >= SETTLE_STEADY || !current()) {
        events.forEach(type => removeEventListener(type, stop, { capture: true }))
        return
      }
      if (!inView(mark)) {
        steady = 0
        reveal(mark, false)
      } else if (viewportSettled()) {
        steady++
      }
      requestAnimationFrame(check)
    }
    reveal(mark, false)
    requestAnimationFrame(check)
  }

  /* ------------------------------------------------------------------------
   * The stepper
   * --------------------------------------------------------------------- */

  const stepper = { el: null, marks: [], at: 0 }

  function button(className, label, text, onClick) {
    const el = document.createElement("button")
    el.type = "button"
    el.className = className
    el.setAttribute("aria-label", label)
    el.textContent = text
    el.addEventListener("click", onClick)
    return el
  }

  function stepperElement() {
    if (stepper.el)
      return stepper.el
    const el = document.createElement("div")
    el.className = "pss-stepper"
    el.setAttribute("role", "group")
    el.setAttribute("aria-label", "搜索词在本页出现的位置")
    const position = document.createElement("span")
    position.className = "pss-position"
    position.setAttribute("aria-live", "polite")
    el.append(
      button("pss-prev", "上一处", "上一处", () => step(-1)),
      position,
      button("pss-next", "下一处", "下一处", () => step(+1)),
      button("pss-clear", "清除高亮", "清除 ×", clear)
    )
    stepper.el = el
    return el
  }

  /** Make marks[at] the current one; scroll to it unless told not to. */
  function select(at, scroll, smooth) {
    const { marks } = stepper
    if (!marks.length)
      return
    stepper.at = (at + marks.length) % marks.length
    marks.forEach((mark, i) => mark.classList.toggle(CURRENT_CLASS, i === stepper.at))
    stepper.el.querySelector(".pss-position").textContent = `第 ${stepper.at + 1}/${marks.length} 处`
    if (scroll)
      reveal(marks[stepper.at], smooth)
  }

  function step(by) {
    select(stepper.at + by, true, true)
  }

  function showStepper(marks, at, query) {
    const el = stepperElement()
    el.title = `“${query}”在本页出现 ${marks.length} 处`
    stepper.marks = marks
    if (!el.isConnected)
      document.body.appendChild(el)
    document.documentElement.classList.add(STEPPING_CLASS)
    select(at, false)
  }

  function hideStepper() {
    stepper.marks = []
    if (stepper.el)
      stepper.el.remove()
    document.documentElement.classList.remove(STEPPING_CLASS)
  }

  /** 清除: remove the marks and the stepper, and `h` from the address (a reload keeps them off). */
  function clear() {
    const root = article()
    if (root)
      unmark(root)
    hideStepper()
    const url = new URL(location.href)
    url.searchParams.delete("h")
    history.replaceState(history.state, "", `${url}`)
    shownQuery = ""
  }

  /* ------------------------------------------------------------------------
   * Landing
   * --------------------------------------------------------------------- */

  let landings = 0       // the latest landing wins when the table loads late
  let shownPath = null   // pathname of the document on screen
  let shownQuery = ""    // its `h`
  let followed = null    // href of the search result the reader just followed

  /** Mark url's query on the page on screen; scroll to the first mark after its #anchor if asked. */
  function land(url, scroll) {
    const token = ++landings
    const query = url.searchParams.get("h") || ""
    shownQuery = query
    const ready = IDEOGRAPH.test(query) ? loadTable() : Promise.resolve()
    return ready.then(() => {
      if (token !== landings)
        return
      const marks = highlightPage(url)
      if (!marks.length) {
        hideStepper()
        return
      }
      const at = firstAfterAnchor(marks, url.hash)
      showStepper(marks, at, query)
      if (scroll)
        whenScrollable(() => {
          const current = () => token === landings && stepper.marks === marks && stepper.at === at
          if (current())
            revealSettled(marks[at], current)
        })
    })
  }

  /** A full page load scrolls, unless the browser is restoring a position (back, forward, reload). */
  function loadScrolls() {
    const [entry] = performance.getEntriesByType ? performance.getEntriesByType("navigation") : []
    return !entry || entry.type === "navigate"
  }

  /**
   * When to scroll: on a full page load, unless the browser restores a
   * position (back, forward, reload); after instant navigation, when the
   * reader followed a search result (back and forward restore a position,
   * Material does that). A fragment navigation fires popstate too, so
   * popstate cannot tell the two apart; the click can.
   */
  function servePage() {
    // A result link the reader follows (Material's Enter key clicks it too).
    // Other clicks do not count: Material closes the search overlay by
    // clicking its toggle, right after the result is clicked.
    document.addEventListener("click", ev => {
      const link = ev.target instanceof Element && ev.target.closest("a[href]")
      if (link)
        followed = link.matches(".md-search-result__link") ? link.href : null
    }, true)
    const takeFollowed = href => {
      const hit = followed === href
      if (hit)
        followed = null
      return hit
    }

    let firstLoad = true
    const onDocument = () => {
      const url = new URL(location.href)
      shownPath = url.pathname
      const scroll = firstLoad ? loadScrolls() : takeFollowed(url.href)
      firstLoad = false
      land(url, scroll)
    }
    if (global.document$) {
      global.document$.subscribe(onDocument)
      // Following a result on the page already shown fetches nothing, so
      // document$ stays silent; location$ still reports the new URL. A link
      // within the page (contents, section links) keeps `h` and is left alone.
      if (global.location$)
        global.location$.subscribe(url => {
          if (url.pathname !== shownPath)
            return
          const result = takeFollowed(url.href)
          if (result || (url.searchParams.get("h") || "") !== shownQuery)
            land(url, result)
        })
    } else {
      onDocument()
    }
    // Without instant navigation a result for another section of the page
    // on screen (same query) only changes the #anchor.
    addEventListener("hashchange", () => {
      if (stepper.marks.length && takeFollowed(location.href))
        whenScrollable(() => select(firstAfterAnchor(stepper.marks, location.hash), true, false))
    })
  }

  global.PhraseLanding = { highlightPage, markTerms, firstAfterAnchor, land, clear }
  servePage()
})(self)
