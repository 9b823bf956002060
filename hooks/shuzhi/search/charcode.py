"""Page records as character ranks: a site-wide table in place of UTF-8.

gzip codes bytes, and a Chinese character is three UTF-8 bytes whose first
two vary little: about 14 bits a character where the character itself
carries far fewer. So each page record is written as the ranks of its
characters in one table of every character the records use, most frequent
first (ties by code point, so the output is deterministic)::

    rank < 192                  one byte: the rank
    rank < 192 + 63 * 256       two bytes: 192 + high, low    (rank - 192 = high * 256 + low)
    any rank                    four bytes: 255, then the rank in three bytes, big-endian

The table travels in the manifest (``chars``); gzip then compresses the ranks.
On Markov text this makes page files about 30 % smaller than gzip of UTF-8.
store.js decodes the same format.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ONE_BYTE = 192  # ranks below this take one byte
TWO_BYTES = ONE_BYTE + 63 * 256  # ... below this, two
ESCAPE = 255  # lead byte of a four-byte rank


@dataclass(frozen=True)
class CharTable:
    chars: str  # every character of the texts, most frequent first

    def encode(self, texts: list[str]) -> list[bytes]:
        """Each text as ranks (see the module docstring)."""
        if not texts:
            return []
        codes = _codes("".join(texts))
        table = _codes(self.chars)
        rank_of = np.full(max(int(codes.max(initial=0)), int(table.max(initial=0))) + 1, -1, dtype=np.int64)
        rank_of[table] = np.arange(len(table))
        ranks = rank_of[codes]
        if (ranks < 0).any():
            raise ValueError("a text has a character the table lacks")
        size = 1 + (ranks >= ONE_BYTE) + 2 * (ranks >= TWO_BYTES)
        ends = np.cumsum(size)
        at = ends - size
        out = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
        one = size == 1
        out[at[one]] = ranks[one]
        two = np.flatnonzero(size == 2)
        rest = ranks[two] - ONE_BYTE
        out[at[two]] = ONE_BYTE + (rest >> 8)
        out[at[two] + 1] = rest & 0xFF
        four = np.flatnonzero(size == 4)
        out[at[four]] = ESCAPE
        for k in range(3):
            out[at[four] + 1 + k] = (ranks[four] >> (8 * (2 - k))) & 0xFF
        # Byte bounds of each text: where its first character starts.
        char_bounds = np.cumsum([0] + [len(t) for t in texts])
        byte_bounds = np.append(at, len(out))[char_bounds]
        data = out.tobytes()
        return [data[a:b] for a, b in zip(byte_bounds[:-1].tolist(), byte_bounds[1:].tolist())]

    def decode(self, data: bytes) -> str:
        """Ranks back to text (the worker does this in store.js; this is for tests and the benchmark)."""
        out, i = [], 0
        while i < len(data):
            lead = data[i]
            if lead < ONE_BYTE:
                rank, i = lead, i + 1
            elif lead < ESCAPE:
                rank, i = ONE_BYTE + ((lead - ONE_BYTE) << 8) + data[i + 1], i + 2
            else:
                rank, i = int.from_bytes(data[i + 1:i + 4], "big"), i + 4
            out.append(self.chars[rank])
        return "".join(out)


def char_table(texts: list[str]) -> CharTable:
    """The table of every character in ``texts``, most frequent first, then by code point."""
    codes = _codes("".join(texts))
    counts = np.bincount(codes) if len(codes) else np.zeros(0, dtype=np.int64)
    present = np.flatnonzero(counts)
    order = np.lexsort((present, -counts[present]))
    return CharTable("".join(map(chr, present[order].tolist())))


def _codes(text: str):
    return np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.int64)
