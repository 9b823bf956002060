"""Unit tests of hooks/shuzhi/site/related.py: sensible ranking, and bounded work per sample."""

from shuzhi.library.model import Sample, Section, Source
from shuzhi.site.related import NEIGHBOURS_PER_BUCKET, build_buckets, candidates, related_samples


def make(sample_id: str, type_name: str = "村书记", tags: tuple[str, ...] = ()) -> Sample:
    return Sample(
        id=sample_id, title=sample_id, type=type_name, tags=tags,
        source=Source("library/raw/x.txt", "1-2", ""), notes=(),
        sections=(Section("开头", "", ("正文。",)),),
    )


def test_ranks_by_shared_tags_then_type_and_never_lists_itself():
    samples = (
        make("a", tags=("党建", "集体经济")),
        make("b", tags=("党建",)),
        make("c", "第一书记", tags=("党建", "集体经济")),
        make("d", "驻村", tags=("精准扶贫",)),
        make("e"),
    )
    related = related_samples(samples)
    assert [r.sample.id for r in related["a"]] == ["c", "b", "e"]
    assert related["a"][0].shared_tags == ("党建", "集体经济")
    assert related["d"] == ()  # nothing in common with anyone
    assert all(r.sample.id != sid for sid, rs in related.items() for r in rs)


def test_result_does_not_depend_on_input_order():
    samples = tuple(make(f"s{i:02d}", tags=("党建",) if i % 2 else ("财务管理",)) for i in range(20))
    forward = related_samples(samples)
    assert related_samples(samples) == forward


def test_candidates_are_bounded_even_when_one_tag_covers_everything():
    samples = tuple(make(f"s{i:04d}", tags=("党建", "集体经济")) for i in range(2000))
    buckets = build_buckets(samples)
    positions = {(k, s.id): i for k, b in buckets.items() for i, s in enumerate(b)}
    bound = NEIGHBOURS_PER_BUCKET * 3  # one type bucket + two tag buckets
    for sample in samples[::97]:
        found = candidates(sample, buckets, positions)
        assert 0 < len(found) <= bound
        assert sample not in found
    related = related_samples(samples, limit=5)
    assert all(len(r) == 5 for r in related.values())


def test_small_buckets_are_seen_whole():
    samples = (make("a", tags=("矛盾调解",)), make("b", "驻村", tags=("矛盾调解",)), make("c", "驻村"))
    buckets = build_buckets(samples)
    positions = {(k, s.id): i for k, b in buckets.items() for i, s in enumerate(b)}
    assert [s.id for s in candidates(samples[1], buckets, positions)] == ["c", "a"]
