/*
 * A report as a Word file laid out the way Chinese official documents
 * usually are (GB/T 9704-2012 as commonly applied to 述职报告), for both a
 * sample page's 下载 Word and the 起草 page's export. Needs window.docx (the
 * vendored docx library, loaded by draft/page.js on the first click).
 *
 * The model is plain data, so the two callers share every layout rule:
 *   { title: Run[], blocks: [{ heading: boolean, runs: Run[] }] }
 *   Run = { text: string, blank: boolean }   blank: a fill-in spot (___, XX …)
 * The file's text is exactly the runs' text: title, then one paragraph per
 * block, nothing added.
 */
(function (global) {
  "use strict"

  // Word cannot fall back from one font to another within a run, so the
  // fonts are a choice: the names 公文 templates use (installed on most
  // government PCs), or the ones every Windows since Vista ships.
  const FONT_SETS = {
    gongwen: { title: "方正小标宋简体", body: "仿宋_GB2312", level1: "黑体", level2: "楷体_GB2312", page: "宋体" },
    windows: { title: "宋体", body: "仿宋", level1: "黑体", level2: "楷体", page: "宋体", boldTitle: true }
  }
  const FONT_CHOICE_KEY = "sz-word-fonts"  // localStorage; set on the 起草 page

  const twips = mm => Math.round(mm * 1440 / 25.4)
  const PAGE = {
    width: twips(210), height: twips(297),
    top: twips(37), bottom: twips(35), left: twips(28), right: twips(26),
    header: twips(15),
    // The page number's top sits 7 mm below the text block (35 - 7 mm), and
    // Word measures the footer from the page edge to its bottom: minus one
    // 4号 (14 pt, about 5 mm) line.
    footer: twips(23)
  }
  const LINE = 579  // exact line pitch, twips: 28.95 pt, 22 lines in the 225 mm text block
  const SIZE = { title: 44, body: 32, page: 28 }  // half-points: 2号, 3号, 4号
  const INDENT = { firstLine: 640, firstLineChars: 200 }  // two 3号 characters
  const NUMERALS = "一二三四五六七八九十"
  const LEVEL1 = new RegExp(`^[${NUMERALS}]+、`)
  const LEVEL2 = new RegExp(`^[（(][${NUMERALS}]+[）)]`)
  const LEVEL3 = /^(?:\d+[.．、]|[（(]\d+[）)])/
  // A numbered point written into a paragraph (（一）校舍公开招租。校舍……):
  // its first short sentence is set like a heading of that level.
  const RUN_IN_MAX = 30

  function fontChoice() {
    try {
      return global.localStorage.getItem(FONT_CHOICE_KEY) === "windows" ? "windows" : "gongwen"
    } catch (err) {
      return "gongwen"
    }
  }

  function textOf(runs) {
    return runs.map(run => run.text).join("")
  }

  /** Which font a heading-like text gets: level 1 黑体, level 2 楷体, else the body's. */
  function levelFont(text, fonts) {
    if (LEVEL2.test(text))
      return fonts.level2
    if (LEVEL3.test(text))
      return fonts.body
    return fonts.level1
  }

  /** Runs split so that one run ends at ``offset`` (of the joined text). */
  function splitAt(runs, offset) {
    const head = [], tail = []
    let at = 0
    for (const run of runs) {
      const end = at + run.text.length
      if (end <= offset)
        head.push(run)
      else if (at >= offset)
        tail.push(run)
      else {
        head.push({ text: run.text.slice(0, offset - at), blank: run.blank })
        tail.push({ text: run.text.slice(offset - at), blank: run.blank })
      }
      at = end
    }
    return [head, tail]
  }

  /** A salutation or addressee line (各位领导、同志们：) starts at the margin. */
  function isSalutation(text) {
    return /：$/.test(text) && text.length <= RUN_IN_MAX && !/[。；！？]/.test(text)
  }

  function textRuns(docx, runs, font, size, bold) {
    return runs.filter(run => run.text).map(run => new docx.TextRun({
      text: run.text,
      // Every slot, East Asian included: without w:eastAsia Word sets Han
      // text in the Latin font's fallback, not in the font named here.
      font: { ascii: font, hAnsi: font, eastAsia: font, cs: font },
      size,
      bold: bold || undefined,
      highlight: run.blank ? "yellow" : undefined
    }))
  }

  function paragraph(docx, children, options) {
    return new docx.Paragraph(Object.assign({
      children,
      spacing: { line: LINE, lineRule: docx.LineRuleType.EXACT, before: 0, after: 0 }
    }, options))
  }

  function titleParagraph(docx, runs, fonts) {
    return paragraph(docx, textRuns(docx, runs, fonts.title, SIZE.title, fonts.boldTitle), {
      alignment: docx.AlignmentType.CENTER,
      // One empty line between the title and the text, as spacing rather
      // than an empty paragraph, so the file's text stays the report's.
      spacing: { line: LINE, lineRule: docx.LineRuleType.EXACT, before: 0, after: LINE }
    })
  }

  function blockParagraph(docx, block, fonts, first) {
    const text = textOf(block.runs)
    if (block.heading)
      return paragraph(docx, textRuns(docx, block.runs, levelFont(text, fonts), SIZE.body), { indent: INDENT })
    if (first && isSalutation(text))
      return paragraph(docx, textRuns(docx, block.runs, fonts.body, SIZE.body))
    let children = textRuns(docx, block.runs, fonts.body, SIZE.body)
    if (LEVEL1.test(text) || LEVEL2.test(text)) {
      const stop = text.indexOf("。")
      if (stop > 0 && stop < RUN_IN_MAX) {
        const [head, tail] = splitAt(block.runs, stop + 1)
        children = textRuns(docx, head, levelFont(text, fonts), SIZE.body)
          .concat(textRuns(docx, tail, fonts.body, SIZE.body))
      }
    }
    return paragraph(docx, children, { indent: INDENT })
  }

  /** The docx.Document for a report model. */
  function build(model, fontSet) {
    const docx = global.docx
    const fonts = FONT_SETS[fontSet || fontChoice()]
    const bodyFont = { ascii: fonts.body, hAnsi: fonts.body, eastAsia: fonts.body, cs: fonts.body }
    const pageFont = { ascii: fonts.page, hAnsi: fonts.page, eastAsia: fonts.page, cs: fonts.page }
    const footer = new docx.Footer({
      children: [new docx.Paragraph({
        alignment: docx.AlignmentType.CENTER,
        children: [new docx.TextRun({ children: ["— ", docx.PageNumber.CURRENT, " —"], font: pageFont, size: SIZE.page })]
      })]
    })
    const children = [titleParagraph(docx, model.title, fonts)]
    model.blocks.forEach((block, i) => children.push(blockParagraph(docx, block, fonts, i === 0)))
    return new docx.Document({
      creator: "村级述职报告范文参考",
      lastModifiedBy: "村级述职报告范文参考",
      title: textOf(model.title),
      styles: {
        default: {
          document: {
            run: { font: bodyFont, size: SIZE.body, language: { value: "zh-CN", eastAsia: "zh-CN" } },
            paragraph: { spacing: { line: LINE, lineRule: docx.LineRuleType.EXACT } }
          }
        }
      },
      sections: [{
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right,
                      header: PAGE.header, footer: PAGE.footer },
            pageNumbers: { start: 1 }
          }
        },
        footers: { default: footer },
        children
      }]
    })
  }

  /** A name Windows, macOS and phones all accept for the file. */
  function fileName(title) {
    const name = title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "").trim().slice(0, 80)
    return (name || "述职报告") + ".docx"
  }

  /** Build the file and hand it to the browser as a download. */
  function save(model, fontSet) {
    return global.docx.Packer.toBlob(build(model, fontSet)).then(blob => {
      const link = document.createElement("a")
      link.href = URL.createObjectURL(blob)
      link.download = fileName(textOf(model.title))
      link.hidden = true
      document.body.appendChild(link)
      link.click()
      link.remove()
      // The download has its own reference by now; a minute is ample.
      setTimeout(() => URL.revokeObjectURL(link.href), 60000)
    })
  }

  /** Runs of an element's text: inside .sz-fill is a fill-in spot. */
  function runsOf(el) {
    const runs = []
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (parent.closest(".headerlink, .sz-ui"))
        continue
      const blank = !!parent.closest(".sz-fill")
      const last = runs[runs.length - 1]
      if (last && last.blank === blank)
        last.text += node.data
      else
        runs.push({ text: node.data, blank })
    }
    return runs
  }

  /**
   * The model of a sample page's report, read from its copy target (see
   * hooks/shuzhi/site/markup.py): the h1, then per section the real heading
   * (a supplied one is interface) and the paragraph blocks.
   */
  function fromReport(root) {
    const blocks = []
    const lines = root.querySelectorAll(
      ".sz-section :is(h2, h3):not(.sz-supplied) .sz-h, .sz-section .sz-p")
    for (const line of lines)
      blocks.push({ heading: !line.classList.contains("sz-p"), runs: runsOf(line) })
    return { title: runsOf(root.querySelector("h1")), blocks }
  }

  global.SzWord = { build, save, fromReport, fileName, isSalutation, FONT_SETS, FONT_CHOICE_KEY }
})(window)
