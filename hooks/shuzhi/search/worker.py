"""The search worker as the site serves it: one script, its parts in front of worker.js.

A classic worker's ``importScripts()`` fetches its scripts one after another,
a round trip each. On a phone link (150 ms) the four parts cost a reader who
searches while the page is still loading about half a second before the first
byte of the index is asked for; as one file they cost one round trip.
The parts stay in the site as they are: the page loads match.js and
opencc-ts.js itself (landing.js).
"""

from __future__ import annotations

from typing import Callable

FOLDER = "assets/javascripts/search"  # below the site (and overrides/)
WORKER_URI = f"{FOLDER}/worker.js"  # Material starts it: __config.search in overrides/main.html
# In load order: each uses what the ones before define (self.PhraseFold,
# PhraseMatch, PhraseStore, PhraseSearch), and worker.js uses them all.
PARTS = ("opencc-ts.js", "match.js", "store.js", "index.js", "worker.js")


def worker_script(read: Callable[[str], str]) -> str:
    """The parts, read by file name, joined into one classic script.

    Every part is strict code (an IIFE with its own directive, worker.js with
    a top-level one, opencc-ts.js a bare assignment), so one directive at the
    top keeps worker.js strict once it is no longer first. Parts are joined
    with a semicolon: opencc-ts.js ends in an expression, and the IIFE after
    it would otherwise call it.
    """
    header = ('"use strict";\n'
              f"// Built from {', '.join(PARTS)} (hooks/shuzhi/search/worker.py); edit those.\n")
    return header + ";\n".join(read(name).rstrip("\n") + "\n" for name in PARTS)
