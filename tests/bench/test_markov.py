"""Unit tests of hooks/shuzhi/bench/markov.py and the Markov option of the
synthetic library: new, varied text with the library's phrases."""

import random

from helpers import REAL_LIBRARY, library_of
from shuzhi.bench.markov import train
from shuzhi.bench.synthetic import TEXT_MARKOV, generate_samples


def test_chain_writes_sentences_from_its_training_text():
    chain = train(["集体经济收入增加了。村集体经济发展壮大。", "党员大会讨论集体经济项目。"], order=2)
    rng = random.Random(3)
    text = chain.paragraph(rng, 12)
    assert text[:2] in {"集体", "党员"} and text.endswith("。")
    assert set(text) <= set("集体经济收入增加了。村发展壮大党员会讨论项目")


def test_same_seed_same_text_and_paragraphs_vary():
    library = library_of(REAL_LIBRARY)
    paragraphs = [p for s in library.samples for sec in s.sections for p in sec.paragraphs]
    chain = train(paragraphs)
    first = [chain.paragraph(random.Random(7), 120) for _ in range(2)]
    assert first[0] == first[1]
    rng = random.Random(8)
    made = [chain.paragraph(rng, 120) for _ in range(200)]
    assert len(set(made)) > 190
    assert not set(made) & {p for p in paragraphs if len(p) >= 30}  # new text, not the library again


def test_markov_library_is_valid_and_deterministic():
    samples = generate_samples(30, text=TEXT_MARKOV)
    assert samples == generate_samples(30, text=TEXT_MARKOV)
    text = "".join(p for s in samples for sec in s.sections for p in sec.paragraphs)
    assert "集体经济" in text and "量子计算机" not in text
