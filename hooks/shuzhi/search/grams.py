"""Positional n-gram postings: where every gram of the normalised text occurs.

The text is cut into *units*: each section's title and its body (paragraphs
joined by a line break, which normalised text never contains, so no gram
spans two paragraphs). Units are numbered so that unit ``2s`` is section
``s``'s title and ``2s + 1`` its body, sections in page order.

Every bigram is indexed with its positions. A bigram occurring more often
than the *frequent* threshold would cost a query too many bytes, so the
trigrams around each of its occurrences are indexed as well: a phrase can
then be covered by rarer grams (集体经 and 体经济 instead of 集体 and 经济).
For a frequent gram the per-unit counts are also written, so a query that
is just that gram never needs its positions.

A gram's postings are one varint stream, a group per unit it occurs in::

    header = (unit - previous unit - 1) << 1 | (count > 1)
    [count - 1]                      only when count > 1
    first offset, then the gaps to each next offset

Counts streams use the same groups without the offsets, and count
non-overlapping occurrences (the number a reader sees). The stream is
decoded by store.js in the worker.

numpy does the counting and encoding: an index of 10,000 reports has some
17 million positions, which a Python loop would take a minute to encode.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SEPARATOR = "\n"  # between paragraphs and units; normalised text has no whitespace
FREQUENT_SHARE = 1 / 1000  # a gram in more than this share of all positions is frequent
FREQUENT_MIN = 2_000  # ... and never below this many occurrences (small sites: no trigrams)
MAX_GRAM = 8  # longest gram indexed (runs of blanks, ________, get this far)
UNIT_SPAN = 1 << 22  # store.js numbers a position unit * UNIT_SPAN + offset: units must be shorter


class IndexTooLarge(ValueError):
    """A unit (one section's text) longer than the worker can address."""


@dataclass(frozen=True)
class Postings:
    grams: dict[str, bytes]  # gram -> positions stream, every indexed gram
    counts: dict[str, bytes]  # gram -> counts stream, frequent grams only
    occurrences: dict[str, int]  # frequent gram -> positions
    positions: int  # bigram positions in the text
    threshold: int  # occurrences above which a gram is frequent


def frequent_threshold(positions: int) -> int:
    return max(FREQUENT_MIN, int(positions * FREQUENT_SHARE))


def build_postings(units: list[str]) -> Postings:
    """Postings of every bigram, and of longer grams around frequent ones, of the units."""
    longest = max((len(u) for u in units), default=0)
    if longest >= UNIT_SPAN - MAX_GRAM:
        raise IndexTooLarge(f"一节正文有 {longest} 个字符，搜索索引最多支持 {UNIT_SPAN - MAX_GRAM - 1} 个")
    text = SEPARATOR.join(units) + SEPARATOR
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    chars = _char_ids(codes)  # small dense ids: sorting by them is a radix sort
    lengths = np.fromiter((len(u) for u in units), dtype=np.int32, count=len(units))
    unit_of = np.repeat(np.arange(len(units), dtype=np.int32), lengths + 1)
    offset_of = np.arange(len(codes), dtype=np.int32)
    offset_of -= np.repeat(np.cumsum(lengths + 1, dtype=np.int32) - lengths - 1, lengths + 1)
    is_char = codes != ord(SEPARATOR)
    fits = is_char[:-1] & is_char[1:]  # fits[i]: a bigram starts at i

    positions = np.flatnonzero(fits).astype(np.int32)
    threshold = frequent_threshold(len(positions))
    grams: dict[str, bytes] = {}
    counts: dict[str, bytes] = {}
    occurrences: dict[str, int] = {}
    total = len(positions)
    n = 2
    while positions.size:
        frequent_at = _encode_level(text, chars, positions, n, unit_of, offset_of, threshold,
                                    grams, counts, occurrences)
        if not frequent_at.size or n == MAX_GRAM:
            break
        # Next level: grams one longer, at i where the gram at i or at i + 1 is frequent.
        is_frequent = np.zeros(len(codes) + 1, dtype=bool)
        is_frequent[frequent_at] = True
        fits = fits[:-1] & is_char[n:]
        wanted = fits & (is_frequent[:len(fits)] | is_frequent[1:len(fits) + 1])
        positions = np.flatnonzero(wanted).astype(np.int32)
        n += 1
    return Postings(grams, counts, occurrences, total, threshold)


def _char_ids(codes):
    """Each character's rank among the characters that occur (uint16 when they fit)."""
    present = np.flatnonzero(np.bincount(codes, minlength=1))
    table = np.zeros(int(codes.max(initial=0)) + 1, dtype=np.int32)
    table[present] = np.arange(len(present), dtype=np.int32)
    ids = table[codes]
    return ids.astype(np.uint16) if len(present) <= 1 << 16 else ids


def _gram_order(chars, positions, n):
    """Order of ``positions`` by the gram of length ``n`` there, stable (LSD radix sort)."""
    order = np.arange(len(positions), dtype=np.int64)
    for k in range(n - 1, -1, -1):
        column = chars[positions[order] + k]
        order = order[np.argsort(column, kind="stable")]
    return order


def _encode_level(text, chars, positions, n, unit_of, offset_of, threshold, grams, counts, occurrences):
    """Encode every gram of length ``n``; returns the positions of the frequent ones."""
    positions = positions[_gram_order(chars, positions, n)]  # each gram's positions stay in text order
    units = unit_of[positions]
    offsets = offset_of[positions]
    first = np.zeros(len(positions), dtype=bool)
    first[0] = True
    for k in range(n):
        column = chars[positions + k]
        first[1:] |= column[1:] != column[:-1]
    gram_starts = np.flatnonzero(first)
    gram_ends = np.append(gram_starts[1:], len(positions))
    sizes = gram_ends - gram_starts

    streams, bounds = _positions_streams(units, offsets, first)
    names = [text[p:p + n] for p in positions[gram_starts].tolist()]
    for name, start, end in zip(names, bounds[gram_starts].tolist(), bounds[gram_ends].tolist()):
        grams[name] = streams[start:end].tobytes()
    frequent = np.flatnonzero(sizes > threshold)
    at = []
    for g in frequent.tolist():
        start, end = gram_starts[g], gram_ends[g]
        name = names[g]
        occurrences[name] = int(end - start)
        counts[name] = _counts_stream(units[start:end], offsets[start:end], name)
        at.append(positions[start:end])
    return np.concatenate(at) if at else np.zeros(0, dtype=np.int32)


def _positions_streams(units, offsets, gram_first):
    """All grams' position streams as one byte array, and each position's first byte there.

    ``bounds[i]`` is where position ``i``'s values start (``bounds[len]`` the end),
    so a gram's stream is the slice from its first position to the next gram's.
    """
    total = len(units)
    group_first = gram_first.copy()
    group_first[1:] |= units[1:] != units[:-1]
    group_id = np.cumsum(group_first) - 1
    group_size = np.bincount(group_id)
    starts = np.flatnonzero(group_first)
    multi = group_size > 1
    previous_unit = np.full(len(starts), -1, dtype=np.int32)
    continuing = ~gram_first[starts]
    previous_unit[continuing] = units[starts[continuing] - 1]
    header = ((units[starts] - previous_unit - 1) << 1) | multi

    gap = offsets.copy()
    gap[1:] -= offsets[:-1]
    gap[group_first] = offsets[group_first]

    # Values per position: [header, [count - 1]] before a group's first offset.
    per_position = np.ones(total, dtype=np.int32)
    per_position[starts] += 1 + multi
    last = np.cumsum(per_position, dtype=np.int64) - 1  # index of each position's offset value
    values = np.empty(int(last[-1]) + 1 if total else 0, dtype=np.int32)
    values[last] = gap
    head_at = last[starts] - 1 - multi
    values[head_at] = header
    values[head_at[multi] + 1] = group_size[multi] - 1

    data, value_bytes = varints(values)
    # Byte index where each position's values begin (its first value).
    first_value = last - per_position + 1
    byte_start = np.concatenate(([0], np.cumsum(value_bytes, dtype=np.int64)))
    bounds = np.append(byte_start[first_value], len(data))
    return data, bounds


def _counts_stream(units, offsets, gram: str) -> bytes:
    """Per unit, non-overlapping occurrences of ``gram`` (greedy from the left, as match.js counts)."""
    first = np.ones(len(units), dtype=bool)
    first[1:] = units[1:] != units[:-1]
    if len(set(gram)) == 1:
        # 一一 or ___: occurrences come in runs of consecutive offsets, and
        # greedy counting takes every len(gram)-th one of a run.
        run_first = first.copy()
        run_first[1:] |= offsets[1:] != offsets[:-1] + 1
        run_id = np.cumsum(run_first) - 1
        step = np.arange(len(units)) - np.flatnonzero(run_first)[run_id]
        taken = step % len(gram) == 0
    elif any(gram[:k] == gram[-k:] for k in range(1, len(gram))):
        taken = np.zeros(len(units), dtype=bool)  # rare (对对对); walk it
        end = -1
        for i, (unit_first, offset) in enumerate(zip(first.tolist(), offsets.tolist())):
            if unit_first or offset >= end:
                taken[i] = True
                end = offset + len(gram)
    else:
        taken = np.ones(len(units), dtype=bool)
    group_id = np.cumsum(first) - 1
    count = np.bincount(group_id, weights=taken).astype(np.int64)
    group_units = units[first]
    previous = np.concatenate(([-1], group_units[:-1]))
    header = ((group_units - previous - 1) << 1) | (count > 1)
    multi = count > 1
    per_group = 1 + multi
    values = np.empty(int(per_group.sum()), dtype=np.int64)
    head_at = np.cumsum(per_group) - per_group
    values[head_at] = header
    values[head_at[multi] + 1] = count[multi] - 1
    return varints(values)[0].tobytes()


def varints(values):
    """LEB128 bytes of non-negative integers (below 2**31), and how many bytes each took."""
    values = np.asarray(values)
    size = (values >= 1 << 7).astype(np.uint8)
    for bits in (14, 21, 28):
        size += values >= 1 << bits
    size += 1
    ends = np.cumsum(size, dtype=np.int64)
    out = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    at = ends - size
    out[at] = (values & 0x7F) | ((size > 1) << 7)
    for k in range(1, int(size.max(initial=1))):
        has = np.flatnonzero(size > k)
        out[at[has] + k] = ((values[has] >> (7 * k)) & 0x7F) | ((size[has] > k + 1) << 7)
    return out, size


def varint(value: int) -> bytes:
    """LEB128 bytes of one non-negative integer (numpy's overhead dwarfs a single value)."""
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def read_varints(data: bytes) -> list[int]:
    """Decode a stream back to integers (for tests and the benchmark)."""
    values, value, shift = [], 0, 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
        else:
            values.append(value)
            value, shift = 0, 0
    return values


def _groups(data: bytes, with_offsets: bool):
    """(unit, count, offsets) of each group of a stream (offsets empty for counts streams)."""
    values = read_varints(data)
    unit, i = -1, 0
    while i < len(values):
        header = values[i]
        unit += (header >> 1) + 1
        count = 1 + (values[i + 1] if header & 1 else 0)
        i += 1 + (header & 1)
        offsets = []
        if with_offsets:
            for k in range(count):
                offsets.append(values[i] if k == 0 else offsets[-1] + values[i])
                i += 1
        yield unit, count, offsets


def read_positions(data: bytes) -> list[tuple[int, int]]:
    """(unit, offset) pairs of a positions stream (for tests)."""
    return [(unit, offset) for unit, _, offsets in _groups(data, True) for offset in offsets]


def read_counts(data: bytes) -> dict[int, int]:
    """unit -> count of a counts stream (for tests)."""
    return {unit: count for unit, count, _ in _groups(data, False)}
