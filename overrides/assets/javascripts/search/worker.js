/*
 * The search worker that Material's search box talks to: its URL is
 * `__config.search` (overrides/main.html). It speaks Material's protocol:
 * SETUP (index) -> READY, QUERY (string) -> RESULT ({items: SearchItem[][]}).
 * Paths are relative to this script, so the site works under any base URL.
 *
 * Material renders the items and nothing else, so what the reader must be
 * told besides (why nothing was found, shorter phrases that would be, terms
 * left out) goes to the page on a BroadcastChannel; box.js shows it under
 * the result count. It is also in RESULT's data, where Material ignores it.
 */
"use strict"

// Offline build on file://: iframe-worker runs this script in a hidden iframe
// whose URL is the page's, so resolve the names against this script's own URL.
importScripts(...["opencc-ts.js", "match.js", "index.js"].map(name =>
  new URL(name, self.document ? document.currentScript.src : location.href).href))

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3  // Material's SearchMessageType
const NOTES = "phrase-search-notes"  // BroadcastChannel name, as in box.js

let index = null
const notes = typeof BroadcastChannel === "function" ? new BroadcastChannel(NOTES) : null

/** A query's result; a failure costs this query its results, never the worker. */
function answer(query) {
  if (!index)
    return { items: [], note: null }
  try {
    return index.search(query)
  } catch (err) {
    console.warn("phrase search: query failed", err)
    return { items: [], note: null }
  }
}

addEventListener("message", ({ data: message }) => {
  switch (message.type) {
    case SETUP:
      try {
        index = new PhraseIndex(message.data)
      } catch (err) {
        console.warn("phrase search: cannot load index", err)
        index = null
      }
      postMessage({ type: READY })
      break
    case QUERY: {
      const result = answer(message.data)
      postMessage({ type: RESULT, data: result })
      if (notes)
        notes.postMessage({ query: String(message.data), note: result.note })
      break
    }
  }
})
