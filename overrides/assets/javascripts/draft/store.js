/*
 * The draft, kept in this browser's localStorage and nowhere else.
 *
 *   { v: 1, type: "村书记", title: "", fields: { 村名: "花桥村", … },
 *     parts: { "主要工作": [item, …], … }, next: 7 }
 *   item = { id: 3, t: "text, placeholders as written", h: true|false (a heading line),
 *            s: { title, url } (where it came from, if from the library), k: "key of the line taken" }
 *
 * Placeholders stay in the stored text; the fields are applied when the draft
 * is shown or exported (fill.js), so changing a field later changes every spot.
 * A stored value that does not parse is replaced by an empty draft.
 */
(function (global) {
  "use strict"

  const KEY = "sz-draft"
  const VERSION = 1

  function storageError(cause) {
    const err = new Error("localStorage is not available")
    err.name = "SzStorageError"
    err.cause = cause
    return err
  }

  function empty() {
    return { v: VERSION, type: "", title: "", fields: {}, parts: {}, next: 1 }
  }

  const isText = value => typeof value === "string"

  function validItem(item) {
    return item && Number.isInteger(item.id) && isText(item.t) && typeof item.h === "boolean" &&
      (item.s === undefined || (item.s && isText(item.s.title) && isText(item.s.url))) &&
      (item.k === undefined || isText(item.k))
  }

  function valid(draft) {
    return draft && draft.v === VERSION && isText(draft.type) && isText(draft.title) &&
      draft.fields && typeof draft.fields === "object" && Object.values(draft.fields).every(isText) &&
      draft.parts && typeof draft.parts === "object" &&
      Object.values(draft.parts).every(items => Array.isArray(items) && items.every(validItem)) &&
      Number.isInteger(draft.next)
  }

  function load() {
    let stored
    try {
      stored = global.localStorage.getItem(KEY)
    } catch (err) {
      throw storageError(err)
    }
    if (!stored)
      return empty()
    try {
      const draft = JSON.parse(stored)
      return valid(draft) ? draft : empty()
    } catch (err) {
      return empty()
    }
  }

  function save(draft) {
    try {
      global.localStorage.setItem(KEY, JSON.stringify(draft))
    } catch (err) {
      throw storageError(err)
    }
  }

  function clear() {
    try {
      global.localStorage.removeItem(KEY)
    } catch (err) {
      throw storageError(err)
    }
  }

  /** Append lines ({ text, heading, key? }) to the part ``kind``; a draft without a type takes ``type``. */
  function append(draft, kind, type, lines, source) {
    if (!draft.type)
      draft.type = type
    const items = draft.parts[kind] || (draft.parts[kind] = [])
    for (const line of lines) {
      const item = { id: draft.next++, t: line.text, h: !!line.heading }
      if (source)
        item.s = { title: source.title, url: source.url }
      if (line.key)
        item.k = line.key
      items.push(item)
    }
    return lines.length
  }

  /** Load, append, save: what a 加入草稿 button does. Returns the number of lines added. */
  function add(kind, type, lines, source) {
    const draft = load()
    const count = append(draft, kind, type, lines, source)
    save(draft)
    return count
  }

  global.SzDraftStore = { KEY, load, save, clear, add, append, empty }
})(window)
