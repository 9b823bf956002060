"""Unit tests of hooks/shuzhi/search/grams.py: postings checked against a plain scan of the text."""

from __future__ import annotations

import collections
import random

import pytest

from shuzhi.search import grams
from shuzhi.search.grams import build_postings, read_counts, read_positions, read_varints, varint, varints


def naive_postings(units: list[str], threshold: int) -> dict[str, list[tuple[int, int]]]:
    """Every bigram; then, level by level, grams one longer around frequent ones."""
    found = collections.defaultdict(list)
    for unit, text in enumerate(units):
        for i in range(len(text) - 1):
            found[text[i:i + 2]].append((unit, i))
    frequent = {g for g, at in found.items() if len(at) > threshold}
    for n in range(3, grams.MAX_GRAM + 1):
        level = collections.defaultdict(list)
        for unit, text in enumerate(units):
            for i in range(len(text) - n + 1):
                if text[i:i + n - 1] in frequent or text[i + 1:i + n] in frequent:
                    level[text[i:i + n]].append((unit, i))
        found.update(level)
        frequent = {g for g, at in level.items() if len(at) > threshold}
    return found


def naive_count(text: str, gram: str) -> int:
    count, at = 0, text.find(gram)
    while at >= 0:
        count, at = count + 1, text.find(gram, at + len(gram))
    return count


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_postings_and_counts_match_a_plain_scan(monkeypatch, seed):
    monkeypatch.setattr(grams, "FREQUENT_MIN", 6)
    rng = random.Random(seed)
    # Few characters, so grams repeat, overlap (___, 对对对) and grow frequent.
    units = ["".join(rng.choice("集体经济对__发展𠀀") for _ in range(rng.randint(0, 50))) for _ in range(200)]
    units[3] = ""  # empty titles and texts exist
    postings = build_postings(units)
    want = naive_postings(units, postings.threshold)
    assert set(postings.grams) == set(want)
    for gram, at in want.items():
        assert read_positions(postings.grams[gram]) == at, gram
    assert postings.counts, "the test text must have frequent grams"
    assert set(postings.counts) == {g for g, at in want.items() if len(at) > postings.threshold}
    for gram, data in postings.counts.items():
        expected = {u: naive_count(text, gram) for u, text in enumerate(units) if gram in text}
        assert read_counts(data) == expected, gram
        assert postings.occurrences[gram] == len(want[gram])


def test_paragraph_breaks_and_unit_ends_stop_grams():
    postings = build_postings(["甲乙", "乙\n甲乙丙"])
    assert read_positions(postings.grams["甲乙"]) == [(0, 0), (1, 2)]
    assert "乙甲" not in postings.grams and "乙\n" not in postings.grams
    assert postings.positions == 3 and not postings.counts


def test_threshold_grows_with_the_text():
    assert grams.frequent_threshold(1_000) == grams.FREQUENT_MIN
    assert grams.frequent_threshold(17_000_000) == 17_000


@pytest.mark.parametrize("values", [[0], [127, 128, 16383, 16384], [2**21 - 1, 2**21, 2**28, 2**31 - 1]])
def test_varints_round_trip(values):
    data, sizes = varints(values)
    assert read_varints(data.tobytes()) == values
    assert sum(sizes) == len(data)
    assert b"".join(varint(v) for v in values) == data.tobytes()  # the one-value form agrees


def test_a_unit_too_long_for_the_worker_is_refused_with_a_message():
    with pytest.raises(grams.IndexTooLarge, match="一节正文有"):
        build_postings(["字" * grams.UNIT_SPAN])
