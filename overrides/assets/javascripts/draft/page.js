/*
 * On every page, and small on purpose: the 下载 Word and 加入草稿 buttons, and
 * the 起草 tool's mount point. Clicks are caught on the document, so buttons
 * swapped in by Material's instant navigation need nothing; the 起草 page is
 * mounted on Material's document$ (or once, without Material's bundle).
 * Everything heavy (the docx library, the tool itself) loads on first use
 * and stays loaded for the rest of the visit.
 */
(function (global) {
  "use strict"

  const here = document.currentScript.src  // …/assets/javascripts/draft/page.js
  const pending = {}

  /** Run a script of ours once; resolves when it has run. */
  function load(path) {
    if (!pending[path])
      pending[path] = new Promise((resolve, reject) => {
        const script = document.createElement("script")
        script.src = new URL(path, here).href
        script.onload = resolve
        script.onerror = () => {
          delete pending[path]  // let a later click try again
          reject(new Error(path))
        }
        document.head.appendChild(script)
      })
    return pending[path]
  }

  /** Our stylesheet for the 起草 tool, only on its page. */
  function loadStyle(name) {
    const href = new URL(`../../stylesheets/${name}`, here).href
    // Material's instant navigation drops head elements the next page lacks,
    // so this is asked again on every visit to the page.
    if (document.querySelector(`link[href="${href}"]`))
      return Promise.resolve()
    return new Promise(resolve => {
      const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href })
      link.onload = link.onerror = resolve  // unstyled beats not at all
      document.head.appendChild(link)
    })
  }

  /** Material's own toast (the one "已复制" uses). */
  function tell(message) {
    if (global.alert$)
      global.alert$.next(message)
  }

  function loadWord() {
    return Promise.all([load("../vendor/docx/docx.min.js"), load("../word/gongwen.js")])
  }

  /** Run ``work`` with the button showing that it is busy. */
  function busy(button, label, work) {
    const shown = button.textContent
    button.disabled = true
    button.textContent = label
    return work().finally(() => {
      button.disabled = false
      button.textContent = shown
    })
  }

  function downloadReport(button) {
    const root = document.querySelector(button.dataset.szWord)
    busy(button, "正在生成……", () => loadWord().then(() => global.SzWord.save(global.SzWord.fromReport(root))))
      .catch(() => tell("没能生成 Word 文件，请检查网络后再试"))
  }

  /** The section's lines: its real heading (a supplied one is interface) and its paragraphs. */
  function sectionLines(root) {
    const lines = root.querySelectorAll(":is(h2, h3):not(.sz-supplied) .sz-h, .sz-hline, .sz-p")
    return Array.from(lines, line => ({ text: line.textContent, heading: !line.classList.contains("sz-p") }))
  }

  function addToDraft(button) {
    const data = button.dataset
    const source = { title: data.title, url: new URL(data.src, location.href).href }
    load("store.js")
      .then(() => {
        const lines = sectionLines(document.querySelector(data.szDraft))
        global.SzDraftStore.add(data.kind, data.type, lines, source)
        const paragraphs = lines.filter(line => !line.heading).length
        tell(`已加入草稿“${data.kind}”：${paragraphs < lines.length ? "小标题和 " : ""}${paragraphs} 段`)
      })
      .catch(err => tell(err && err.name === "SzStorageError"
        ? "浏览器不允许保存草稿，请关闭无痕模式后再试"
        : "没能加入草稿，请检查网络后再试"))
  }

  document.addEventListener("click", ev => {
    const button = ev.target instanceof Element && ev.target.closest("button[data-sz-word], button[data-sz-draft]")
    if (!button)
      return
    if (button.dataset.szWord)
      downloadReport(button)
    else
      addToDraft(button)
  })

  function mount() {
    const root = document.getElementById("sz-qicao")
    if (!root || root.dataset.mounted)
      return
    root.dataset.mounted = "yes"
    Promise.all([load("store.js"), load("fill.js"), load("../word/gongwen.js"), load("app.js"), loadStyle("draft.css")])
      .then(() => global.SzDraftApp.mount(root, { load, loadWord, tell, base: new URL("../../../", here).href }))
      .catch(() => {
        root.dataset.mounted = ""
        root.textContent = "起草工具没能载入，请检查网络后刷新页面。"
      })
  }

  global.SzDraftPage = { load, loadWord, tell }
  if (global.document$)
    global.document$.subscribe(mount)
  else if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", mount)
  else
    mount()
})(window)
