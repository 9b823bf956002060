/*
 * The phrase-search index as the worker reads it: the manifest, then gram
 * postings and page records fetched (or, offline, decoded) when a query
 * needs them, each once. The layout is hooks/shuzhi/search/index.py's and
 * the postings format hooks/shuzhi/search/grams.py's; their docstrings
 * describe both. Only defines `self.PhraseStore`.
 */
(function (global) {
  "use strict"

  const FORMAT = "phrase-search"
  const VERSION = 4
  const FILES = "phrase/"  // below search/, as FILES_DIR in index.py

  // A position is one number: unit * UNIT_SPAN + offset. Units are far
  // shorter than this, so a position shifted back by a few characters can
  // never land on a real position of the unit before.
  const UNIT_SPAN = 4194304

  const utf8 = new TextEncoder()
  const text = new TextDecoder()

  /** 32-bit FNV-1a of a string's UTF-8 bytes, as fnv1a() in index.py. */
  function fnv1a(value) {
    let hash = 0x811c9dc5
    for (const byte of utf8.encode(value)) {
      hash ^= byte
      hash = Math.imul(hash, 0x01000193) >>> 0
    }
    return hash
  }

  /** gzip bytes inflated; bytes a server already inflated are returned as they are. */
  async function inflate(bytes) {
    if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b)
      return bytes
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))
    return new Uint8Array(await new Response(stream).arrayBuffer())
  }

  /** A cursor over LEB128 varints. */
  class Varints {
    constructor(bytes, at = 0, end = bytes.length) {
      this.bytes = bytes
      this.at = at
      this.end = end
    }
    get done() {
      return this.at >= this.end
    }
    next() {
      let value = 0
      let scale = 1
      for (;;) {
        const byte = this.bytes[this.at++]
        value += (byte & 0x7f) * scale
        if (byte < 0x80)
          return value
        scale *= 128
      }
    }
  }

  /** Groups of a stream: visit(unit, count, cursor) reads a group's offsets, if any. */
  function readGroups(bytes, visit) {
    const cursor = new Varints(bytes)
    let unit = -1
    while (!cursor.done) {
      const header = cursor.next()
      unit += Math.floor(header / 2) + 1
      visit(unit, header % 2 ? cursor.next() + 1 : 1, cursor)
    }
  }

  /** Sorted positions (unit * UNIT_SPAN + offset) of a positions stream. */
  function decodePositions(bytes) {
    const out = []
    readGroups(bytes, (unit, count, cursor) => {
      let offset = 0
      for (let k = 0; k < count; k++) {
        offset = k ? offset + cursor.next() : cursor.next()
        out.push(unit * UNIT_SPAN + offset)
      }
    })
    return Float64Array.from(out)
  }

  /** unit -> count of a counts stream. */
  function decodeCounts(bytes) {
    const counts = new Map()
    readGroups(bytes, (unit, count) => counts.set(unit, count))
    return counts
  }

  /** gram -> its stream, of one shard file. */
  function readShard(bytes) {
    const grams = new Map()
    const cursor = new Varints(bytes)
    while (!cursor.done) {
      const nameLength = cursor.next()
      const name = text.decode(bytes.subarray(cursor.at, cursor.at + nameLength))
      cursor.at += nameLength
      const size = cursor.next()
      grams.set(name, bytes.subarray(cursor.at, cursor.at + size))
      cursor.at += size
    }
    return grams
  }

  // Page files hold character ranks in the manifest's table (charcode.py).
  const ONE_BYTE = 192
  const ESCAPE = 255

  /** Text of a page file: each rank looked up in the table (an array of characters). */
  function decodeRanks(bytes, table) {
    const out = new Array(bytes.length)
    let n = 0
    for (let i = 0; i < bytes.length;) {
      const lead = bytes[i]
      let rank
      if (lead < ONE_BYTE) {
        rank = lead
        i += 1
      } else if (lead < ESCAPE) {
        rank = ONE_BYTE + (lead - ONE_BYTE) * 256 + bytes[i + 1]
        i += 2
      } else {
        rank = bytes[i + 1] * 65536 + bytes[i + 2] * 256 + bytes[i + 3]
        i += 4
      }
      const char = table[rank]
      if (char === undefined)
        throw new RangeError(`character rank ${rank} is not in the table`)
      out[n++] = char
    }
    out.length = n
    return out.join("")
  }

  /**
   * `map`'s promise for `key`, made by `load()` the first time. A promise that
   * fails is forgotten, so a failed download (a dropped connection) is tried
   * again by the next query instead of failing every query after it.
   */
  function remember(map, key, load) {
    if (!map.has(key)) {
      const loaded = load()
      loaded.catch(() => map.delete(key))
      map.set(key, loaded)
    }
    return map.get(key)
  }

  function hex(value) {
    return Array.from(utf8.encode(value), b => b.toString(16).padStart(2, "0")).join("")
  }

  class PhraseStore {

    /**
     * @param index - the manifest: {config: {format, version}, docs}
     * @param read - path below search/phrase/ -> Promise of its bytes, or null if missing
     */
    constructor(index, read) {
      const { config, docs } = index || {}
      if (!config || config.format !== FORMAT || config.version !== VERSION)
        throw new TypeError(`search_index.json is not a ${FORMAT} index, version ${VERSION}`)
      if (!docs || !Array.isArray(docs.sections) || !Array.isArray(docs.kinds) || !(docs.shards > 0)
          || typeof docs.chars !== "string")
        throw new TypeError("search_index.json has no pages, shards or character table")
      this.chars = Array.from(docs.chars)  // by code point, as Python indexes the table
      this.read = read
      this.shards = docs.shards
      this.threshold = docs.threshold
      this.frequent = new Map(Object.entries(docs.frequent || {}))
      this.pageCount = docs.pages
      this.kindEnds = []
      let end = 0
      for (const count of docs.kinds)
        this.kindEnds.push(end += count)
      this.sectionStart = new Int32Array(docs.sections.length + 1)
      docs.sections.forEach((count, page) => {
        this.sectionStart[page + 1] = this.sectionStart[page] + count
      })
      this.pageOf = new Int32Array(this.sectionStart[docs.sections.length])
      for (let page = 0; page < docs.sections.length; page++)
        this.pageOf.fill(page, this.sectionStart[page], this.sectionStart[page + 1])
      this.files = new Map()  // path -> Promise of inflated bytes (or null)
      this.shardMaps = new Map()  // shard number -> Promise of Map(gram -> stream)
      this.decoded = new Map()  // gram -> Promise of positions
    }

    /** The store of a site: fetches the manifest from `base` (search/, with a slash). */
    static async fetch(base) {
      const response = await fetch(new URL("search_index.json", base))
      if (!response.ok)
        throw new Error(`search_index.json: HTTP ${response.status}`)
      const files = new URL(FILES, base)
      return new PhraseStore(await response.json(), async path => {
        const file = await fetch(new URL(path, files))
        if (file.status === 404)
          return null
        if (!file.ok)
          throw new Error(`${path}: HTTP ${file.status}`)
        return new Uint8Array(await file.arrayBuffer())
      })
    }

    /** The store of the offline build: every file is in the index, base64. */
    static whole(index) {
      const files = (index && index.docs && index.docs.files) || {}
      return new PhraseStore(index, async path => {
        const data = files[path]
        return typeof data === "string" ? Uint8Array.from(atob(data), ch => ch.charCodeAt(0)) : null
      })
    }

    file(path) {
      return remember(this.files, path, () => this.read(path).then(bytes => bytes && inflate(bytes)))
    }

    /** 0 for a sample, 1 for a guide, 2 for a page listing others. */
    rank(page) {
      let rank = 0
      while (rank < this.kindEnds.length - 1 && page >= this.kindEnds[rank])
        rank++
      return rank
    }

    isFrequent(gram) {
      return this.frequent.has(gram)
    }

    /** Whether a gram can be in the index: bigrams always, longer ones around frequent ones. */
    indexable(chars) {
      if (chars.length === 2)
        return true
      return this.isFrequent(chars.slice(0, -1).join("")) || this.isFrequent(chars.slice(1).join(""))
    }

    /** The stream of a gram, or null when the text has no such gram. */
    async stream(gram) {
      if (this.isFrequent(gram))
        return this.file(`f/${hex(gram)}.bin`)
      const shard = fnv1a(gram) % this.shards
      const map = remember(this.shardMaps, shard,
        () => this.file(`s/${shard}.bin`).then(bytes => bytes ? readShard(bytes) : new Map()))
      return (await map).get(gram) || null
    }

    /** Sorted positions of a gram (empty when it never occurs). */
    positions(gram) {
      return remember(this.decoded, gram,
        () => this.stream(gram).then(bytes => bytes ? decodePositions(bytes) : new Float64Array(0)))
    }

    /** unit -> non-overlapping count, for a frequent gram. */
    async counts(gram) {
      const bytes = await this.file(`c/${hex(gram)}.bin`)
      return bytes ? decodeCounts(bytes) : new Map()
    }

    /** A page's record: [url, kind, [[anchor, title, [paragraph, ...]], ...]]. */
    async page(page) {
      const bytes = await this.file(`p/${page}.bin`)
      if (!bytes)
        throw new Error(`page ${page} is missing from the index`)
      return JSON.parse(decodeRanks(bytes, this.chars))
    }
  }

  PhraseStore.UNIT_SPAN = UNIT_SPAN
  PhraseStore.fnv1a = fnv1a
  PhraseStore.remember = remember
  global.PhraseStore = PhraseStore
})(self)
