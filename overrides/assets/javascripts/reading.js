/*
 * Reading aids, after every page load and instant navigation (Material's
 * `document$`):
 *
 * - Contents on a phone. A sample page carries its own contents list under
 *   the title (nav.sz-contents, from hooks/shuzhi/site/render.py). Once that
 *   list has scrolled away, a floating 目录 button opens the same list in a
 *   dialog, so a reader deep in a long report can jump to another section.
 *   Wide screens show Material's sidebar contents instead (the stylesheet
 *   hides both there).
 *
 * - Pasting into Word or WPS. Material's copy buttons (ClipboardJS) put plain
 *   text on the clipboard. While one of them copies, we put the same plain
 *   text back unchanged and add an HTML version of it: paragraphs indented by
 *   two characters, bold headings, a blank line between sections. Editors
 *   that take formatting paste the HTML; plain-text boxes get today's text.
 *
 * - 搜索范文 on the 404 page opens search with the box focused.
 */
(function () {
  "use strict"

  /* ---- Contents button and dialog ---------------------------------------- */

  const CONTENTS = "nav.sz-contents"
  // Where a section starts, for marking the one being read.
  const SECTION_STARTS = ".sz-section > h2[id], h2#related, h2#source"

  let unmount = () => {}

  function el(tag, props, ...children) {
    const node = Object.assign(document.createElement(tag), props)
    node.append(...children)
    return node
  }

  /** The section the reader is in: the last whose heading is above a quarter of the screen. */
  function currentAnchor() {
    let current = null
    for (const heading of document.querySelectorAll(SECTION_STARTS))
      if (heading.getBoundingClientRect().top <= window.innerHeight / 4)
        current = heading.id
    return current
  }

  function mountContents() {
    const contents = document.querySelector(CONTENTS)
    if (!contents)
      return () => {}
    const lists = [...contents.querySelectorAll("ul")].map(list => list.cloneNode(true))
    const close = el("button", { type: "button", className: "sz-toc-dialog__close", textContent: "关闭" })
    // A nav, so the phrase highlighter leaves these copied headings alone.
    const body = el("nav", { className: "sz-toc-dialog__body" },
      el("div", { className: "sz-toc-dialog__head" }, el("strong", { textContent: "目录" }), close),
      ...lists)
    body.setAttribute("aria-label", "目录")
    const dialog = el("dialog", { className: "sz-toc-dialog" }, body)
    const button = el("button", { type: "button", className: "sz-toc-fab", hidden: true, textContent: "目录" })
    button.setAttribute("aria-haspopup", "dialog")
    button.title = "打开目录，跳到其他节"

    button.addEventListener("click", () => {
      const here = currentAnchor()
      for (const link of dialog.querySelectorAll("a"))
        link.toggleAttribute("aria-current", link.hash === `#${here}`)
      dialog.showModal()
      const active = dialog.querySelector("a[aria-current]")
      if (active)
        active.scrollIntoView({ block: "nearest" })
    })
    close.addEventListener("click", () => dialog.close())
    dialog.addEventListener("click", ev => {
      // A tap on the backdrop lands on the dialog itself; a chosen section
      // closes the dialog, and the link then scrolls the page as usual.
      if (ev.target === dialog || ev.target.closest("a"))
        dialog.close()
    })

    // Shown only once the list under the title has scrolled out of view above.
    const observer = new IntersectionObserver(([entry]) => {
      button.hidden = entry.isIntersecting || entry.boundingClientRect.top > 0
    })
    observer.observe(contents)
    contents.closest("article").append(button, dialog)
    return () => {
      observer.disconnect()
      if (dialog.open)
        dialog.close()
      button.remove()
      dialog.remove()
    }
  }

  /* ---- Copy as plain text and as HTML ------------------------------------ */

  // Lines of report text inside a copy target (hooks/shuzhi/site/markup.py);
  // .sz-section only marks where a section begins.
  const LINES = "h1, h2, .sz-hline, .sz-p, .sz-section"
  // Interface inside a copy target, never copied (as under [data-md-copying]).
  const UI = ".sz-ui, .headerlink"
  const STYLE = {
    title: "margin:0;text-align:center",
    heading: "margin:0;text-indent:2em;mso-char-indent-count:2",
    paragraph: "margin:0;text-indent:2em;mso-char-indent-count:2",
    blank: "margin:0"
  }

  let copyTarget = null  // element whose text a Material copy button is copying right now

  function escapeHtml(text) {
    return text
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      // pre-wrap on the page keeps repeated spaces; so must the document
      .replace(/ {2,}/g, spaces => "&nbsp;".repeat(spaces.length))
  }

  function lineText(line) {
    const copy = line.cloneNode(true)
    copy.querySelectorAll(UI).forEach(node => node.remove())
    return escapeHtml(copy.textContent)
  }

  /** The copy target as a small HTML document for word processors. */
  function reportHtml(target) {
    const out = []
    for (const line of target.querySelectorAll(LINES)) {
      if (line.closest(UI))
        continue  // a heading we supplied: not report text
      if (line.matches(".sz-section")) {
        if (out.length)
          out.push(`<p style="${STYLE.blank}">&nbsp;</p>`)
      } else if (line.matches("h1")) {
        out.push(`<p style="${STYLE.title}"><b>${lineText(line)}</b></p>`)
      } else if (line.matches("h2, .sz-hline")) {
        out.push(`<p style="${STYLE.heading}"><b>${lineText(line)}</b></p>`)
      } else {
        out.push(`<p style="${STYLE.paragraph}">${lineText(line)}</p>`)
      }
    }
    return `<meta charset="utf-8">${out.join("")}`
  }

  // Capture phase: runs before ClipboardJS, which listens on document.body.
  window.addEventListener("click", ev => {
    const button = ev.target instanceof Element ? ev.target.closest("[data-clipboard-target]") : null
    copyTarget = button ? document.querySelector(button.getAttribute("data-clipboard-target")) : null
  }, true)
  // Bubble phase on window: after ClipboardJS has copied.
  window.addEventListener("click", () => { copyTarget = null })

  document.addEventListener("copy", ev => {
    // ClipboardJS copies the text Material extracted from a hidden textarea.
    const source = ev.target
    if (!copyTarget || !ev.clipboardData || !(source instanceof HTMLTextAreaElement))
      return
    ev.clipboardData.setData("text/plain", source.value)
    ev.clipboardData.setData("text/html", reportHtml(copyTarget))
    ev.preventDefault()
  })

  /* ---- Search from the page ---------------------------------------------- */

  // 搜索范文 on the 404 page is a label for Material's search toggle, which
  // opens search without script. With script it presses the header's search
  // button instead: Material focuses the box only for that one, and a phone
  // shows its keyboard only for a focus within the tap.
  document.addEventListener("click", ev => {
    const opener = ev.target instanceof Element ? ev.target.closest("[data-sz-search]") : null
    const button = document.querySelector("header [for=__search]")
    if (!opener || !button)
      return
    ev.preventDefault()
    button.click()
  })

  /* ---- Every page ---------------------------------------------------------- */

  document$.subscribe(() => {
    unmount()
    unmount = mountContents()
  })
})()
