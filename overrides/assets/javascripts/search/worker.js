/*
 * The search worker that Material's search box talks to: its URL is
 * `__config.search` (overrides/main.html). It speaks Material's protocol,
 * QUERY (string) -> RESULT ({items: SearchItem[][]}), and says READY as
 * soon as it starts: Material never sends it an index (SETUP), because the
 * search form is not named "search" (overrides/partials/search.html), so a
 * page view loads none. The first query loads the manifest, and each query
 * the parts of the index it needs (store.js).
 *
 * Material renders the items and nothing else, so what the reader must be
 * told besides (why nothing was found, terms left out, how many results
 * there are in all) goes to the page on a BroadcastChannel; box.js shows it
 * under the result count, and asks here for more results when the reader
 * wants them. RESULT carries the same, where Material ignores it.
 */
"use strict"

// Offline build on file://: iframe-worker runs this script in a hidden iframe
// whose URL is the page's, so resolve names against this script's own URL.
const SCRIPT = self.document ? document.currentScript.src : location.href
const OFFLINE = new URL(SCRIPT).protocol === "file:"
const INDEX = new URL("../../../search/", SCRIPT)  // the site's search/ folder

const READY = 1, QUERY = 2, RESULT = 3  // Material's SearchMessageType
const NOTES = "phrase-search-notes"  // BroadcastChannel name, as in box.js

// Identifies this worker's messages to its own page (other tabs share the channel).
const TOKEN = Math.random().toString(36).slice(2)

// The code comes with the page view (it does not grow with the library),
// in this one script: the build puts opencc-ts.js, match.js, store.js and
// index.js in front of this file (hooks/shuzhi/search/worker.py), so this
// file alone does not run. The index comes with the first query.

let engine = null  // Promise of a PhraseSearch
let latest = 0     // number of the newest query: older answers are dropped

/** The engine, with the manifest of the index, loaded by the first query. */
function open() {
  if (!engine)
    engine = (async () => {
      if (!OFFLINE)
        return new PhraseSearch(await PhraseStore.fetch(INDEX))
      // No fetch from a folder: the offline build has the index in one
      // script (Material's offline plugin writes it), all of it at hand.
      await importScripts(new URL("search_index.js", INDEX).href)
      return new PhraseSearch(PhraseStore.whole(self.__index), { firstScreen: Infinity })
    })()
  // A manifest that failed to load is tried again by the next query; files
  // that fail later are the store's to retry, with what it holds kept.
  engine.catch(() => { engine = null })
  return engine
}

const notes = (() => {
  try {
    return new BroadcastChannel(NOTES)
  } catch {
    return null  // no channel (file:// in some browsers): results still come, without notes
  }
})()

/** A query's result; a failure costs this query its results, never the worker. */
async function answer(query) {
  // Material sends the empty box as soon as the worker is ready: that
  // loads nothing, or every page view would.
  if (/^[\s\u200b]*$/.test(query))
    return { items: [], note: null, total: 0 }
  try {
    return await (await open()).search(query)
  } catch (err) {
    console.warn("phrase search: query failed", err)
    return { items: [], note: null, total: 0 }
  }
}

addEventListener("message", async ({ data: message }) => {
  if (!message || message.type !== QUERY)
    return
  const number = ++latest
  const query = String(message.data)
  const result = await answer(query)
  if (number !== latest)
    return  // the reader has typed on; Material shows only the newest answer
  const shown = result.items.length
  postMessage({ type: RESULT, data: { ...result, shown, token: TOKEN } })
  if (notes)
    notes.postMessage({ query, note: result.note, total: result.total, shown, token: TOKEN })
})

if (notes)
  notes.addEventListener("message", async ({ data }) => {
    if (!data || data.type !== "more" || data.token !== TOKEN)
      return
    try {
      const count = Number.isInteger(data.count) && data.count > 0 ? data.count : undefined
      const { items, total } = await (await open()).more(String(data.query), data.from, count)
      notes.postMessage({ type: "items", token: TOKEN, query: data.query, from: data.from, items, total })
    } catch (err) {
      console.warn("phrase search: more results failed", err)
      notes.postMessage({ type: "items", token: TOKEN, query: data.query, from: data.from, items: [], failed: true })
    }
  })

postMessage({ type: READY })
