"""Character-level Markov text for the scale benchmark.

Recombining real sentences gives text that compresses unrealistically well
(every sentence occurs hundreds of times at N = 10,000), which flatters any
index. A Markov chain over characters, trained per section kind on the real
library, writes new sentences with the library's vocabulary and phrase
frequencies: 集体经济 stays common, 量子计算机 stays absent, and hardly any
sentence repeats.
"""

from __future__ import annotations

import bisect
import random
from collections import Counter, defaultdict
from dataclasses import dataclass

ORDER = 3  # characters of context: at 4 the small library is copied back verbatim, at 2 words break
_ENDS = "。！？；"


@dataclass(frozen=True)
class Chain:
    """Next-character tables: context -> (characters, cumulative weights)."""

    order: int
    table: dict[str, tuple[str, tuple[int, ...]]]
    starts: tuple[str, ...]  # paragraph openings (first ``order`` characters), with repeats

    def paragraph(self, rng: random.Random, target: int) -> str:
        """About ``target`` characters, ending at a sentence end when one comes in time."""
        text = rng.choice(self.starts)
        while True:
            options = self.table.get(text[-self.order:])
            if options is None:
                break
            chars, cumulative = options
            text += chars[bisect.bisect_right(cumulative, rng.randrange(cumulative[-1]))]
            if len(text) >= target and text[-1] in _ENDS:
                break
            if len(text) >= target * 2:  # no sentence end in reach: stop at a clean end
                text += "。"
                break
        return text


def train(paragraphs: list[str], order: int = ORDER) -> Chain:
    counts: dict[str, Counter] = defaultdict(Counter)
    starts = []
    for p in paragraphs:
        if len(p) <= order:
            continue
        starts.append(p[:order])
        for i in range(len(p) - order):
            counts[p[i:i + order]][p[i + order]] += 1
    table = {}
    for context in sorted(counts):  # sorted: the same library gives the same chain
        chars, weights = zip(*sorted(counts[context].items()))
        total, cumulative = 0, []
        for w in weights:
            total += w
            cumulative.append(total)
        table[context] = ("".join(chars), tuple(cumulative))
    return Chain(order, table, tuple(starts))
