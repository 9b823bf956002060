/*
 * The 起草 tool: pick a report type, fill its usual parts with paragraphs
 * taken from the library's examples or written by hand, edit them in place,
 * fill the common placeholders once, and export the draft as a Word file or
 * as text. Mounted by draft/page.js on the 起草 page (hooks/shuzhi/site/draft.py
 * writes the mount point, the config and the example data).
 *
 * The draft lives in localStorage (store.js) and is saved on every change;
 * nothing is sent anywhere. The examples are loaded per part when the writer
 * opens it, and kept for the rest of the visit.
 */
(function (global) {
  "use strict"

  const CHAR_UNIT = /[A-Za-z0-9]+|[^\sA-Za-z0-9]/g  // 字 as Word counts them (model.count_chars)

  // Example data, kept across instant navigation so a part opened once
  // still opens without a network.
  const cache = new Map()
  const waiting = new Map()

  /** Load one data file (qicao/data/<key>.js); each calls the config's callback with its key. */
  function dataLoader(config, base) {
    global[config.callback] = (key, value) => {
      cache.set(key, value)
      const wait = waiting.get(key)
      if (wait) {
        waiting.delete(key)
        wait.resolve(value)
      }
    }
    return function get(key) {
      if (cache.has(key))
        return Promise.resolve(cache.get(key))
      if (waiting.has(key))
        return waiting.get(key).promise
      const wait = {}
      wait.promise = new Promise((resolve, reject) => Object.assign(wait, { resolve, reject }))
      waiting.set(key, wait)
      const script = document.createElement("script")
      script.src = new URL(`${config.data}${key}.js`, base).href
      const fail = () => {
        if (waiting.get(key) === wait) {
          waiting.delete(key)
          wait.reject(new Error(key))
        }
      }
      script.onerror = fail
      script.onload = () => {
        script.remove()
        fail()  // loaded but never called back: not our data file
      }
      document.head.appendChild(script)
      return wait.promise
    }
  }

  /** A DOM element; ``props.text`` sets its text, ``on*`` are not supported on purpose. */
  function h(tag, props, children) {
    const el = document.createElement(tag)
    for (const [name, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false)
        continue
      if (name === "text")
        el.textContent = value
      else if (name === "value" || name === "checked" || name === "disabled" || name === "hidden")
        el[name] = value
      else
        el.setAttribute(name, value === true ? "" : value)
    }
    for (const child of [].concat(children || []))
      if (child !== null && child !== undefined && child !== false)
        el.append(child)
    return el
  }

  const charCount = text => (text.match(CHAR_UNIT) || []).length

  function mount(root, env) {
    // Looked up now: page.js loads these files in parallel, in no fixed order.
    const Store = global.SzDraftStore
    const Fill = global.SzFill
    const config = JSON.parse(root.dataset.config)
    const compiled = Fill.compile(config)
    const kindByName = new Map(config.kinds.map(kind => [kind.name, kind]))
    const typeByName = new Map(config.types.map(type => [type.name, type]))
    const typeBySlug = new Map(config.types.map(type => [type.slug, type]))
    const get = dataLoader(config, env.base)
    const browsing = new Map()  // kind name -> { type: slug, tag: "", page: 0 } while open
    let draft

    try {
      draft = Store.load()
    } catch (err) {
      root.replaceChildren(h("p", { class: "sz-qicao__error",
        text: "这个浏览器不允许网页保存数据（可能开着无痕模式），起草工具用不了。请换用普通窗口打开本页。" }))
      return
    }
    if (!typeByName.has(draft.type))
      draft.type = ""  // a type this site no longer has: pick again, the paragraphs stay

    // ---- the draft as text and as a Word model ------------------------------

    const fontKey = global.SzWord.FONT_CHOICE_KEY
    const defaultTitle = () => (typeByName.get(draft.type) || config.types[0]).title
    const titleText = () => draft.title.trim() || defaultTitle()

    /** The parts shown: the type's usual ones, and any other part that has content, in reading order. */
    function partKinds() {
      const usual = new Set((typeByName.get(draft.type) || { kinds: [] }).kinds)
      return config.kinds.filter(kind => usual.has(kind.slug) || (draft.parts[kind.name] || []).length)
    }

    function orderedItems() {
      return partKinds().flatMap(kind => draft.parts[kind.name] || [])
    }

    const filled = text => Fill.apply(text, draft.fields, compiled)
    const written = item => item.t.trim() !== ""

    function plainText() {
      return [filled(titleText())].concat(orderedItems().filter(written).map(item => filled(item.t))).join("\n")
    }

    function runs(text) {
      const out = []
      for (const piece of Fill.pieces(text, draft.fields, compiled)) {
        const blank = piece.kind === "blank"
        const last = out[out.length - 1]
        if (last && last.blank === blank)
          last.text += piece.text
        else
          out.push({ text: piece.text, blank })
      }
      return out
    }

    function wordModel() {
      return {
        title: runs(titleText()),
        blocks: orderedItems().filter(written).map(item => ({ heading: item.h, runs: runs(item.t) }))
      }
    }

    // ---- saving --------------------------------------------------------------

    function commit() {
      try {
        Store.save(draft)
      } catch (err) {
        env.tell("没能保存草稿：浏览器的存储空间不够或不允许保存")
      }
      updateSummary()
    }

    function updateSummary() {
      for (const section of root.querySelectorAll(".sz-part")) {
        const items = (draft.parts[section.dataset.kind] || []).filter(written)
        const chars = items.reduce((sum, item) => sum + charCount(filled(item.t)), 0)
        section.querySelector(".sz-part__count").textContent = items.length ? `${items.length} 段 · ${chars} 字` : ""
      }
      const total = root.querySelector(".sz-qicao__total")
      if (!total)
        return
      const items = orderedItems().filter(written)
      const chars = items.reduce((sum, item) => sum + charCount(filled(item.t)), 0)
      total.textContent = items.length ? `共 ${items.length} 段，${chars} 字` : "草稿还是空的"
      const copy = root.querySelector("[data-act=copy]")
      copy.dataset.clipboardText = plainText()
      copy.disabled = !items.length
      root.querySelector("[data-act=word]").disabled = !items.length
    }

    // ---- rendering -----------------------------------------------------------

    /** An item's text: filled spots and blanks marked; a filled spot remembers what it replaced. */
    function fillText(el, text) {
      el.replaceChildren(...Fill.pieces(text, draft.fields, compiled).map(piece => {
        if (piece.kind === "filled")
          return h("span", { class: "sz-filled", "data-raw": piece.raw, "data-val": piece.text,
                             title: `已填写（原文为“${piece.raw}”）`, text: piece.text })
        if (piece.kind === "blank")
          return h("span", { class: "sz-fill", title: "待填写", text: piece.text })
        return piece.text
      }))
    }

    /** The stored text of an edited item: a filled spot left as it was goes back to its placeholder. */
    function rawText(el) {
      let text = ""
      for (const node of el.childNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && node.classList.contains("sz-filled") &&
            node.textContent === node.dataset.val)
          text += node.dataset.raw
        else
          text += node.textContent
      }
      return text.replace(/[\r\n]+/g, "")
    }

    function itemView(item, index, count) {
      const text = h("div", { class: "sz-item__text", "data-id": item.id, role: "textbox",
                              "aria-label": item.h ? "小标题" : "段落", spellcheck: "false" })
      text.contentEditable = "plaintext-only"
      if (text.contentEditable !== "plaintext-only")
        text.contentEditable = "true"  // paste is made plain by the handler below
      fillText(text, item.t)
      const tools = h("span", { class: "sz-item__tools" }, [
        h("button", { type: "button", class: "sz-mini", "data-act": "up", "data-id": item.id, text: "上移",
                      disabled: index === 0, title: "上移一段" }),
        h("button", { type: "button", class: "sz-mini", "data-act": "down", "data-id": item.id, text: "下移",
                      disabled: index === count - 1, title: "下移一段" }),
        h("button", { type: "button", class: "sz-mini sz-mini--danger", "data-act": "delete", "data-id": item.id,
                      text: "删除", title: "删除这一段" })
      ])
      const source = item.s
        ? h("a", { class: "sz-item__src", href: item.s.url, title: "看这一段在范文里的原处", text: `出自：${item.s.title}` })
        : h("span", { class: "sz-item__src", text: item.t ? "自己写的" : "" })
      return h("li", { class: item.h ? "sz-item sz-item--heading" : "sz-item", "data-id": item.id },
        [text, h("div", { class: "sz-item__foot" }, [source, tools])])
    }

    function renderItems(section) {
      const kind = section.dataset.kind
      const items = draft.parts[kind] || []
      const list = section.querySelector(".sz-part__items")
      list.replaceChildren(...items.map((item, i) => itemView(item, i, items.length)))
      section.querySelector(".sz-part__empty").hidden = items.length > 0
      markFlush()
    }

    /** As in the Word file: a salutation opening the report starts at the margin. */
    function markFlush() {
      const first = orderedItems().find(written)
      for (const el of root.querySelectorAll(".sz-item--flush"))
        el.classList.remove("sz-item--flush")
      if (first && !first.h && global.SzWord.isSalutation(filled(first.t))) {
        const li = root.querySelector(`.sz-item[data-id="${first.id}"]`)
        if (li)
          li.classList.add("sz-item--flush")
      }
    }

    function partView(kind) {
      const section = h("section", { class: "sz-part", "data-kind": kind.name }, [
        h("h2", { class: "sz-part__title" }, [kind.label, h("span", { class: "sz-part__count" })]),
        h("ol", { class: "sz-part__items" }),
        h("p", { class: "sz-part__empty", text: "这一部分还是空的：从范文里挑几段，或者自己写。" }),
        h("div", { class: "sz-part__actions" }, [
          h("button", { type: "button", class: "sz-copy", "data-act": "browse", "data-kind": kind.name,
                        "aria-expanded": browsing.has(kind.name) ? "true" : "false",
                        text: browsing.has(kind.name) ? "收起范文" : "从范文里挑选" }),
          h("button", { type: "button", class: "sz-copy", "data-act": "write", "data-kind": kind.name, text: "自己写一段" })
        ]),
        h("div", { class: "sz-browse", hidden: !browsing.has(kind.name) })
      ])
      renderItems(section)
      if (browsing.has(kind.name))
        renderBrowser(section)
      return section
    }

    function select(role, options, value, label) {
      return h("label", { class: "sz-qicao__field" }, [
        h("span", { text: label }),
        h("select", { "data-role": role },
          options.map(([val, text]) => h("option", { value: val, text, selected: val === value })))
      ])
    }

    function fieldsView() {
      const inputs = config.fields.map(field => h("label", { class: "sz-qicao__field" }, [
        h("span", { text: field.name }),
        h("input", { type: "text", "data-field": field.name, value: draft.fields[field.name] || "",
                     placeholder: `如：${field.example}`, autocomplete: "off" }),
        h("small", { text: `替换${field.fills.map(spot => `“${spot}”`).join("")}` })
      ]))
      const filledCount = config.fields.filter(field => (draft.fields[field.name] || "").trim()).length
      return h("details", { class: "sz-qicao__fields", open: !filledCount }, [
        h("summary", { text: "常用信息：填一次，全文一起替换" + (filledCount ? `（已填 ${filledCount} 项）` : "") }),
        h("p", { class: "sz-qicao__hint",
                 text: "没填的地方仍标为待填写。户数、金额等其他待填写处，直接在段落里改。" }),
        h("div", { class: "sz-qicao__grid" }, inputs)
      ])
    }

    function exportView() {
      const fonts = (() => {
        try {
          return global.localStorage.getItem(fontKey) === "windows"
        } catch (err) {
          return false
        }
      })()
      return h("div", { class: "sz-qicao__export" }, [
        h("div", { class: "sz-qicao__bar" }, [
          h("span", { class: "sz-qicao__total" }),
          h("span", { class: "sz-qicao__buttons" }, [
            h("button", { type: "button", class: "sz-copy", "data-act": "word", text: "下载 Word" }),
            h("button", { type: "button", class: "sz-copy", "data-act": "copy", text: "复制全文" }),
            h("button", { type: "button", class: "sz-copy sz-copy--quiet", "data-act": "clear", text: "清空草稿" })
          ])
        ]),
        h("label", { class: "sz-qicao__fonts" }, [
          h("input", { type: "checkbox", "data-role": "fonts", checked: fonts }),
          " 电脑上没有方正小标宋、仿宋_GB2312、楷体_GB2312 时勾选：Word 文件改用 Windows 自带的宋体、仿宋、楷体、黑体"
        ])
      ])
    }

    function startView() {
      return h("div", { class: "sz-qicao__start" }, [
        h("p", { text: "先选要写哪一类报告：" }),
        h("div", { class: "sz-qicao__types" }, config.types.map(type =>
          h("button", { type: "button", class: "sz-qicao__type", "data-act": "start", "data-type": type.name }, [
            h("strong", { text: type.name }), h("span", { text: type.summary })
          ])))
      ])
    }

    function render() {
      if (!draft.type) {
        root.replaceChildren(startView())
        return
      }
      root.replaceChildren(
        h("div", { class: "sz-qicao__head" }, [
          select("type", config.types.map(type => [type.name, type.name]), draft.type, "报告类型"),
          h("label", { class: "sz-qicao__field sz-qicao__field--wide" }, [
            h("span", { text: "标题" }),
            h("input", { type: "text", "data-role": "title", value: draft.title, placeholder: defaultTitle() })
          ])
        ]),
        fieldsView(),
        h("div", { class: "sz-qicao__parts" }, partKinds().map(partView)),
        exportView()
      )
      markFlush()
      updateSummary()
    }

    function refreshTexts() {
      for (const el of root.querySelectorAll(".sz-item__text"))
        if (el !== document.activeElement)
          fillText(el, findItem(Number(el.dataset.id)).item.t)
      updateSummary()
    }

    // ---- the example browser -------------------------------------------------

    function takenKeys() {
      return new Set(Object.values(draft.parts).flat().map(item => item.k).filter(Boolean))
    }

    function markedText(text) {
      return Fill.pieces(text, {}, compiled).map(piece =>
        piece.kind === "blank" ? h("span", { class: "sz-fill", title: "待填写", text: piece.text }) : piece.text)
    }

    function exampleView(example, taken) {
      const url = new URL(example.u, env.base).href
      const lines = (example.h ? [{ text: example.h, heading: true, key: `${example.u}|h` }] : [])
        .concat(example.p.map((text, i) => ({ text, heading: false, key: `${example.u}|${i}` })))
      const left = lines.filter(line => !taken.has(line.key)).length
      return h("article", { class: "sz-ex", "data-u": example.u }, [
        h("div", { class: "sz-ex__meta" }, [
          h("a", { href: url, text: example.t }),
          h("span", { class: "sz-len", text: `${example.n} 字` }),
          h("button", { type: "button", class: "sz-mini", "data-act": "take-all", disabled: !left,
                        text: left ? "整节选用" : "已全部选用" })
        ]),
        ...lines.map(line => h("div", { class: line.heading ? "sz-ex__line sz-ex__line--heading" : "sz-ex__line" }, [
          h("div", { class: "sz-ex__text" }, markedText(line.text)),
          h("button", { type: "button", class: "sz-mini", "data-act": "take", "data-key": line.key,
                        disabled: taken.has(line.key), text: taken.has(line.key) ? "已选用" : "选用" })
        ]))
      ])
    }

    /** Draw the browser of a part from its state; loads what the current page needs. */
    function renderBrowser(section) {
      const kind = kindByName.get(section.dataset.kind)
      const state = browsing.get(kind.name)
      const panel = section.querySelector(".sz-browse")
      const status = h("p", { class: "sz-browse__status", role: "status", text: "正在载入范文……" })
      const list = h("div", { class: "sz-browse__list" })
      const pager = h("nav", { class: "sz-browse__pager", "aria-label": "范文分页", hidden: true })
      panel.replaceChildren(
        h("div", { class: "sz-browse__filters" }, [
          select("btype", config.types.map(type => [type.slug, type.name]), state.type, "类型"),
          select("btag", [["", "全部专题"]].concat(config.tags.map(tag => [tag, tag])), state.tag, "专题")
        ]),
        status, list, pager)
      const type = typeBySlug.get(state.type)
      if (!(config.counts[state.type] || {})[kind.slug]) {
        status.textContent = `范文库里还没有${type.name}报告的“${kind.label}”，换一个类型看看。`
        return
      }
      const base = `${state.type}/${kind.slug}`
      const token = (panel.dataset.token = String(Number(panel.dataset.token || 0) + 1))
      get(`${base}/meta`)
        .then(meta => {
          const bit = state.tag ? 1 << config.tags.indexOf(state.tag) : 0
          const chosen = meta.tags.map((mask, i) => [mask, i]).filter(([mask]) => !bit || mask & bit).map(([, i]) => i)
          const pages = Math.max(1, Math.ceil(chosen.length / config.chunk))
          state.page = Math.min(state.page, pages - 1)
          const shown = chosen.slice(state.page * config.chunk, (state.page + 1) * config.chunk)
          const chunks = [...new Set(shown.map(i => Math.floor(i / config.chunk) + 1))]
          return Promise.all(chunks.map(n => get(`${base}/${n}`))).then(() => ({ chosen, pages, shown }))
        })
        .then(({ chosen, pages, shown }) => {
          if (panel.dataset.token !== token)
            return  // a newer filter or page is being drawn
          if (!chosen.length) {
            status.textContent = `没有${state.tag}方面的“${kind.label}”范文，换一个专题或类型看看。`
            return
          }
          status.textContent = `${type.name}报告的“${kind.label}”${state.tag ? `（${state.tag}）` : ""}共 ${chosen.length} 节` +
            (pages > 1 ? `，第 ${state.page + 1}/${pages} 页` : "")
          const taken = takenKeys()
          list.replaceChildren(...shown.map(i =>
            exampleView(cache.get(`${base}/${Math.floor(i / config.chunk) + 1}`)[i % config.chunk], taken)))
          pager.hidden = pages < 2
          pager.replaceChildren(
            h("button", { type: "button", class: "sz-mini", "data-act": "prev", disabled: state.page === 0, text: "上一页" }),
            h("span", { text: `${state.page + 1}/${pages}` }),
            h("button", { type: "button", class: "sz-mini", "data-act": "next", disabled: state.page >= pages - 1, text: "下一页" }))
        })
        .catch(() => {
          if (panel.dataset.token === token)
            status.textContent = "没能载入范文，请检查网络后再点一次“从范文里挑选”。"
        })
    }

    function exampleOf(article) {
      const section = article.closest(".sz-part")
      const state = browsing.get(section.dataset.kind)
      const base = `${state.type}/${kindByName.get(section.dataset.kind).slug}`
      for (const [key, chunk] of cache)
        if (key.startsWith(base + "/") && Array.isArray(chunk))
          for (const example of chunk)
            if (example.u === article.dataset.u)
              return example
      return null
    }

    function take(article, keys) {
      const example = exampleOf(article)
      const section = article.closest(".sz-part")
      const lines = (example.h ? [{ text: example.h, heading: true, key: `${example.u}|h` }] : [])
        .concat(example.p.map((text, i) => ({ text, heading: false, key: `${example.u}|${i}` })))
        .filter(line => keys.has(line.key))
      const typeName = typeBySlug.get(browsing.get(section.dataset.kind).type).name
      Store.append(draft, section.dataset.kind, typeName, lines,
        { title: example.t, url: new URL(example.u, env.base).href })
      commit()
      renderItems(section)
      renderBrowser(section)
      updateSummary()
    }

    // ---- events ----------------------------------------------------------------

    function findItem(id) {
      for (const [kind, items] of Object.entries(draft.parts)) {
        const index = items.findIndex(item => item.id === id)
        if (index >= 0)
          return { kind, items, index, item: items[index] }
      }
      return null
    }

    function sectionOf(kind) {
      return Array.from(root.querySelectorAll(".sz-part")).find(section => section.dataset.kind === kind)
    }

    function onClick(ev) {
      const button = ev.target instanceof Element && ev.target.closest("button[data-act]")
      if (!button || !root.contains(button))
        return
      const act = button.dataset.act
      if (act === "start") {
        draft.type = button.dataset.type
        commit()
        render()
      } else if (act === "up" || act === "down") {
        const found = findItem(Number(button.dataset.id))
        const to = found.index + (act === "up" ? -1 : 1)
        found.items.splice(to, 0, found.items.splice(found.index, 1)[0])
        commit()
        const section = sectionOf(found.kind)
        renderItems(section)
        const again = section.querySelector(`button[data-act="${act}"][data-id="${found.item.id}"]`)
        ;(again && !again.disabled ? again : section.querySelector(`.sz-item__text[data-id="${found.item.id}"]`)).focus()
      } else if (act === "delete") {
        const found = findItem(Number(button.dataset.id))
        found.items.splice(found.index, 1)
        commit()
        const section = sectionOf(found.kind)
        renderItems(section)
        if (browsing.has(found.kind))
          renderBrowser(section)
        env.tell("已删除一段")
      } else if (act === "write") {
        Store.append(draft, button.dataset.kind, draft.type, [{ text: "", heading: false }])
        commit()
        const section = sectionOf(button.dataset.kind)
        renderItems(section)
        const items = section.querySelectorAll(".sz-item__text")
        items[items.length - 1].focus()
      } else if (act === "browse") {
        const kind = button.dataset.kind
        const section = sectionOf(kind)
        if (browsing.has(kind))
          browsing.delete(kind)
        else
          browsing.set(kind, { type: typeByName.get(draft.type).slug, tag: "", page: 0 })
        const open = browsing.has(kind)
        button.textContent = open ? "收起范文" : "从范文里挑选"
        button.setAttribute("aria-expanded", String(open))
        section.querySelector(".sz-browse").hidden = !open
        if (open)
          renderBrowser(section)
      } else if (act === "prev" || act === "next") {
        const section = button.closest(".sz-part")
        browsing.get(section.dataset.kind).page += act === "next" ? 1 : -1
        renderBrowser(section)
        section.querySelector(".sz-browse").scrollIntoView({ block: "start" })
      } else if (act === "take") {
        take(button.closest(".sz-ex"), new Set([button.dataset.key]))
      } else if (act === "take-all") {
        const article = button.closest(".sz-ex")
        take(article, new Set(Array.from(article.querySelectorAll("button[data-act=take]:not(:disabled)"),
          el => el.dataset.key)))
      } else if (act === "word") {
        const label = button.textContent
        button.disabled = true
        button.textContent = "正在生成……"
        env.loadWord()
          .then(() => global.SzWord.save(wordModel()))
          .catch(() => env.tell("没能生成 Word 文件，请检查网络后再试"))
          .finally(() => {
            button.textContent = label
            updateSummary()
          })
      } else if (act === "clear") {
        if (!global.confirm("清空后无法恢复。确定要清空整个草稿吗？"))
          return
        try {
          Store.clear()
        } catch (err) {
          // nothing stored, nothing to clear
        }
        draft = Store.empty()
        browsing.clear()
        render()
        env.tell("草稿已清空")
      }
      // "copy" is Material's: the button carries data-clipboard-text.
    }

    function onInput(ev) {
      const el = ev.target
      if (el.classList.contains("sz-item__text")) {
        findItem(Number(el.dataset.id)).item.t = rawText(el)
        commit()
      } else if (el.dataset.role === "title") {
        draft.title = el.value
        commit()
      } else if (el.dataset.field) {
        draft.fields[el.dataset.field] = el.value
        commit()
        refreshTexts()
      }
    }

    function onChange(ev) {
      const el = ev.target
      if (el.dataset.role === "type") {
        draft.type = el.value
        commit()
        render()
      } else if (el.dataset.role === "btype" || el.dataset.role === "btag") {
        const section = el.closest(".sz-part")
        const state = browsing.get(section.dataset.kind)
        state[el.dataset.role === "btype" ? "type" : "tag"] = el.value
        state.page = 0
        renderBrowser(section)
      } else if (el.dataset.role === "fonts") {
        try {
          if (el.checked)
            global.localStorage.setItem(fontKey, "windows")
          else
            global.localStorage.removeItem(fontKey)
        } catch (err) {
          env.tell("浏览器不允许保存这项设置")
        }
      }
    }

    function onFocusOut(ev) {
      const el = ev.target
      if (el.classList && el.classList.contains("sz-item__text")) {
        const found = findItem(Number(el.dataset.id))
        if (found)
          fillText(el, found.item.t)
      }
    }

    function onKeyDown(ev) {
      // A paragraph is one line: Enter leaves it instead of breaking it.
      if (ev.key === "Enter" && ev.target.classList && ev.target.classList.contains("sz-item__text")) {
        ev.preventDefault()
        ev.target.blur()
      }
    }

    function onPaste(ev) {
      if (!(ev.target instanceof Element) || !ev.target.closest(".sz-item__text"))
        return
      ev.preventDefault()
      const text = (ev.clipboardData.getData("text/plain") || "").replace(/[\r\n]+/g, "")
      document.execCommand("insertText", false, text)
    }

    function onStorage(ev) {
      if (!root.isConnected) {
        global.removeEventListener("storage", onStorage)
        return
      }
      if (ev.key === null || ev.key === Store.KEY) {
        draft = Store.load()  // a 加入草稿 in another tab
        render()
      }
    }

    root.addEventListener("click", onClick)
    root.addEventListener("input", onInput)
    root.addEventListener("change", onChange)
    root.addEventListener("focusout", onFocusOut)
    root.addEventListener("keydown", onKeyDown)
    root.addEventListener("paste", onPaste)
    global.addEventListener("storage", onStorage)
    render()
  }

  global.SzDraftApp = { mount }
})(window)
