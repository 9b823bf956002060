/*
 * The page side of phrase search: mark every occurrence of the query (`?h=`
 * in the URL, put there by the result links) in the article, after every
 * page load and instant navigation (Material's `document$` and `location$`).
 * Needs match.js loaded first.
 */
(function (global) {
  "use strict"

  const { parseQuery, findRanges } = global.PhraseMatch


  const MARK_ATTRIBUTE = "data-pss-hit"
  // Interface whose text is not report text (as in hooks/shuzhi/search/extract.py).
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

  global.PhraseLanding = { highlightPage, markTerms }
  servePage()
})(self)
