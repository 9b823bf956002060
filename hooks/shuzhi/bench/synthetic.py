"""A deterministic synthetic sample library for the scale benchmark.

The real library has about ten samples; the benchmark needs hundreds to tens
of thousands. Each synthetic sample takes the section outline (kinds, in order)
of a real sample, so types and section kinds stay consistent, then fills each
section with a heading and paragraphs recombined from real sections of the same
kind: a paragraph keeps the start of one real paragraph and continues with a
few sentences of others. Ids and titles are new.

Why recombine sentences instead of copying whole paragraphs: the phrase-search
index stores each distinct paragraph once, so a library made of verbatim copies
of ~60 real paragraphs would flatter it unfairly. Recombined paragraphs are
mostly distinct strings, like a real collection, while every sentence is real.

Sample ``i`` depends only on (seed, i), never on N: the first 100 samples of
N=1,000 are the samples of N=100, so results at different N compare.

Plain module: no mkdocs import. The sample model, validator and YAML writer
come from shuzhi.library.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from shuzhi.library.load import Library, load_library
from shuzhi.library.model import SOURCE_ORIGINAL, TAGS_BY_NAME, Sample, Section, Source
from shuzhi.bench.markov import Chain, train
from shuzhi.library.store import dump_body

ROOT = Path(__file__).resolve().parents[3]  # hooks/shuzhi/bench/ -> the repository
REAL_LIBRARY = ROOT / "library" / "samples"

DEFAULT_SEED = "shuzhi-benchmark-1"
# How paragraphs are made: real sentences recombined, or new text from a
# character-level Markov chain (markov.py), which compresses like real prose.
TEXT_RECOMBINED = "recombined"
TEXT_MARKOV = "markov"
ID_PREFIX = "syn"

# Sentence ends inside a paragraph; the mark stays with its sentence.
_SENTENCE_END = re.compile(r"(?<=[。！？；])")
# "1." / "2、" at the start of a borrowed sentence would number mid-paragraph.
_LEADING_NUMBER = re.compile(r"^\s*\d+\s*[.、．]\s*")

# Village names are two characters drawn from these, so titles vary a lot.
_NAME_FIRST = "东西南北上下前后大小新老高桥河山石柳杨李王张陈刘黄赵周吴徐孙马朱胡郭林何罗梁宋郑谢"
_NAME_SECOND = "庄湾岭坪沟塘坝岗寨店营堡峪家桥洼坡园滩口屯集铺圩林湖田"

# Titles follow the library's rule: report name, then the village in brackets.
TITLE_PATTERNS = {
    "村书记": ("村党支部书记{y}年度述职报告（{v}村）", "村书记{y}年述职述廉报告（{v}村）", "村党总支书记述职报告（{v}村，{y}年）"),
    "第一书记": ("第一书记{y}年度述职报告（{v}村）", "第一书记任职述职报告（{v}村，{y}年）", "第一书记履职情况报告（{v}村）"),
    "驻村": ("驻村工作队{y}年度工作报告（{v}村）", "第一书记兼工作队队长帮扶工作述职报告（{v}村）", "驻村干部{y}年述职报告（{v}村）"),
    "软弱涣散整顿": ("软弱涣散党组织整顿情况报告（{v}村，{y}年）", "关于软弱涣散村党组织整顿的述职报告（{v}村）", "整顿软弱涣散基层党组织工作总结（{v}村）"),
}


@dataclass(frozen=True)
class Pools:
    """What the generator draws from, indexed once per real library."""

    templates: tuple[Sample, ...]  # real samples, in library order
    sections_by_kind: dict[str, tuple[Section, ...]]
    sentences_by_kind: dict[str, tuple[tuple[str, ...], ...]]  # paragraphs, split into sentences
    chains: dict[str, Chain]  # per kind: Markov chains for TEXT_MARKOV


def split_sentences(paragraph: str) -> tuple[str, ...]:
    return tuple(s for s in _SENTENCE_END.split(paragraph) if s.strip())


def build_pools(library: Library) -> Pools:
    sections: dict[str, list[Section]] = defaultdict(list)
    sentences: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for sample in library.samples:
        for section in sample.sections:
            sections[section.kind].append(section)
            sentences[section.kind].extend(split_sentences(p) for p in section.paragraphs)
    return Pools(
        templates=library.samples,
        sections_by_kind={k: tuple(v) for k, v in sections.items()},
        sentences_by_kind={k: tuple(v) for k, v in sentences.items()},
        chains={k: train([p for sec in v for p in sec.paragraphs]) for k, v in sections.items()},
    )


def recombine_paragraph(rng: random.Random, paragraphs: tuple[tuple[str, ...], ...]) -> str:
    """The opening sentence(s) of one real paragraph, continued by 1-3 sentences
    taken from other paragraphs of the same kind (never the same sentence twice)."""
    base = rng.choice(paragraphs)
    keep = rng.randint(1, min(2, len(base)))
    chosen = list(base[:keep])
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        sentence = _LEADING_NUMBER.sub("", rng.choice(rng.choice(paragraphs)))
        if sentence.strip() and sentence not in chosen:
            chosen.append(sentence)
    return "".join(chosen).strip()


def synthetic_sample(index: int, pools: Pools, seed: str = DEFAULT_SEED, text: str = TEXT_RECOMBINED) -> Sample:
    """Sample number ``index`` (0-based); depends only on (seed, index) and the real library."""
    rng = random.Random(f"{seed}:{index}")  # str seeds are hashed deterministically
    template = rng.choice(pools.templates)
    kinds = [s.kind for s in template.sections]
    # Vary the outline a little: sometimes a later section is left out.
    if len(kinds) > 2 and rng.random() < 0.3:
        del kinds[rng.randint(1, len(kinds) - 1)]
    sections = []
    for kind in kinds:
        source = rng.choice(pools.sections_by_kind[kind])
        count = max(1, min(8, len(source.paragraphs) + rng.choice((-1, 0, 0, 1))))
        if text == TEXT_MARKOV:
            lengths = [len(p) for p in source.paragraphs]
            paragraphs = tuple(pools.chains[kind].paragraph(rng, rng.choice(lengths)) for _ in range(count))
        else:
            paragraphs = tuple(recombine_paragraph(rng, pools.sentences_by_kind[kind]) for _ in range(count))
        previous = sections[-1] if sections else None
        if previous and previous.kind == kind and not previous.heading and not source.heading:
            # Two unheaded parts of one kind are one section (the library's rule).
            sections[-1] = Section(kind=kind, heading="", paragraphs=previous.paragraphs + paragraphs)
        else:
            sections.append(Section(kind=kind, heading=source.heading, paragraphs=paragraphs))
    village = rng.choice(_NAME_FIRST) + rng.choice(_NAME_SECOND)
    title = rng.choice(TITLE_PATTERNS[template.type]).format(v=village, y=rng.randint(2015, 2024))
    sample_id = f"{ID_PREFIX}-{index + 1:05d}"
    sample = Sample(
        id=sample_id,
        title=title,
        type=template.type,
        tags=(),
        # Recombined text comes from no raw page: it is written here.
        source=Source(file="", lines="", title="", kind=SOURCE_ORIGINAL),
        notes=(),
        sections=tuple(sections),
    )
    # Keep the template's tags that the new text still supports (the validator's rule).
    text = sample.text
    tags = tuple(t for t in template.tags
                 if rng.random() < 0.8 and any(w in text for w in TAGS_BY_NAME[t].indicators))
    return dataclasses.replace(sample, tags=tags)


def generate_samples(n: int, seed: str = DEFAULT_SEED, real_library: Path = REAL_LIBRARY,
                     text: str = TEXT_RECOMBINED) -> tuple[Sample, ...]:
    """N synthetic samples recombined from the real library at ``real_library``."""
    pools = build_pools(load_library(real_library, ROOT))
    return tuple(synthetic_sample(i, pools, seed, text) for i in range(n))


def write_library(samples: tuple[Sample, ...], out_dir: Path) -> Path:
    """Write one ``<id>.yml`` per sample into ``out_dir`` (never the real library)."""
    out_dir = Path(out_dir)
    if out_dir.resolve() == REAL_LIBRARY.resolve():
        raise ValueError("synthetic samples must not be written into library/samples")
    out_dir.mkdir(parents=True, exist_ok=True)
    for sample in samples:
        (out_dir / f"{sample.id}.yml").write_text(dump_body(sample), encoding="utf-8")
    return out_dir


def distinct_paragraph_share(samples: tuple[Sample, ...]) -> float:
    """Distinct paragraphs / all paragraphs: how much a string-deduplicating index can save."""
    paragraphs = [p for s in samples for sec in s.sections for p in sec.paragraphs]
    return len(set(paragraphs)) / len(paragraphs) if paragraphs else 1.0
