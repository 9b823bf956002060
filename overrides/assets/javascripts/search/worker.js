/*
 * The search worker that Material's search box talks to: its URL is
 * `__config.search` (overrides/main.html). It speaks Material's protocol:
 * SETUP (index) -> READY, QUERY (string) -> RESULT ({items: SearchItem[][]}).
 * Paths are relative to this script, so the site works under any base URL.
 */
"use strict"

importScripts("match.js", "index.js")

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3  // Material's SearchMessageType

let index = null

addEventListener("message", ({ data: message }) => {
  switch (message.type) {
    case SETUP:
      try {
        index = new PhraseIndex(message.data.docs)
      } catch (err) {
        console.warn("phrase search: cannot load index", err)
        index = null
      }
      postMessage({ type: READY })
      break
    case QUERY:
      postMessage({ type: RESULT, data: index ? index.search(message.data) : { items: [] } })
      break
  }
})
