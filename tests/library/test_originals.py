"""The library itself: the exemplars written for the site are original, whole
and complete enough that every type's usual parts have examples."""

import re
from collections import Counter

import pytest

from helpers import REAL_LIBRARY, ROOT, library_of
from shuzhi.library.model import PLACEHOLDER_PATTERN, REPORT_TYPES, count_chars, sample_length
from shuzhi.site.guides import kinds_of_type

SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
COPY_LENGTH = 12  # a shared run of this many characters counts as copied


@pytest.fixture(scope="module")
def library():
    return library_of(REAL_LIBRARY)


@pytest.fixture(scope="module")
def originals(library):
    return [s for s in library.samples if s.source.is_original]


def test_at_least_three_whole_originals_per_type(originals):
    counts = Counter(s.type for s in originals)
    assert all(counts[t.name] >= 3 for t in REPORT_TYPES), counts
    for s in originals:
        assert s.is_complete and 2000 <= sample_length(s) <= 4000, (s.id, sample_length(s))
        assert s.sections[0].kind == "开头" and s.sections[-1].kind == "结尾", s.id
        assert s.sections[0].paragraphs[0].endswith("：")  # the salutation


def test_originals_copy_no_sentence_from_raw_pages(originals):
    raw = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "library" / "raw").glob("*.txt"))
    raw = re.sub(r"\s+", "", raw)
    for s in originals:
        for paragraph in (p for sec in s.sections for p in sec.paragraphs):
            for sentence in SENTENCE.findall(paragraph):
                core = PLACEHOLDER_PATTERN.sub("", sentence.strip())
                for i in range(0, len(core) - COPY_LENGTH + 1):  # none for a short sentence
                    assert core[i:i + COPY_LENGTH] not in raw, (s.id, sentence)


def test_originals_leave_names_and_figures_to_the_writer(originals):
    for s in originals:
        blanks = sum(len(PLACEHOLDER_PATTERN.findall(p)) for sec in s.sections for p in sec.paragraphs)
        assert blanks >= 15, (s.id, blanks)


def test_every_usual_part_has_three_examples_per_type(library):
    """The issue's coverage floor: 开头 to 结尾 for the village types, the four
    整顿 parts for 软弱涣散整顿."""
    counts = Counter((s.type, sec.kind) for s in library.samples for sec in s.sections)
    needed = {t.name: ("开头", "学习与思想", "主要工作", "存在问题", "下一步打算", "结尾") for t in REPORT_TYPES}
    needed["软弱涣散整顿"] = ("主要表现", "原因分析", "整顿措施", "成效")
    for type_name, kinds in needed.items():
        assert set(kinds) <= set(kinds_of_type(type_name))
        for kind in kinds:
            assert counts[type_name, kind] >= 3, (type_name, kind)


def test_length_counts_like_word():
    assert count_chars("共3户") == 3
