"""Pick related samples for each sample without comparing every pair.

Samples are put in buckets: one per report type and one per tag. Each sample
looks only at a bounded window of neighbours in each of its buckets, then ranks
those candidates by shared tags. Work per sample is at most
``NEIGHBOURS_PER_BUCKET * (1 + number of its tags)``, so the whole library is
linear in its size, even when one tag (党建) is on thousands of samples.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from shuzhi.library.model import Sample

NEIGHBOURS_PER_BUCKET = 8  # candidates taken from each bucket
RELATED_LIMIT = 5  # links shown per sample


@dataclass(frozen=True)
class Related:
    sample: Sample
    shared_tags: tuple[str, ...]  # in the related sample's tag order
    same_type: bool


def build_buckets(samples: tuple[Sample, ...]) -> dict[str, list[Sample]]:
    """Bucket key -> samples in library order. Keys: ``type:<name>`` and ``tag:<name>``."""
    buckets: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        buckets["type:" + sample.type].append(sample)
        for tag in sample.tags:
            buckets["tag:" + tag].append(sample)
    return buckets


def candidates(sample: Sample, buckets: dict[str, list[Sample]], positions: dict[tuple[str, str], int],
               per_bucket: int = NEIGHBOURS_PER_BUCKET) -> list[Sample]:
    """Up to ``per_bucket`` neighbours from each of the sample's buckets (no duplicates).

    Neighbours are the samples just after this one in bucket order, wrapping
    round, so every sample of a small bucket is seen and a big bucket spreads
    its links instead of sending everyone to its first few members.
    """
    seen: dict[str, Sample] = {}
    for key in ["type:" + sample.type] + ["tag:" + t for t in sample.tags]:
        bucket = buckets[key]
        start = positions[(key, sample.id)]
        for step in range(1, min(per_bucket, len(bucket) - 1) + 1):
            other = bucket[(start + step) % len(bucket)]
            seen.setdefault(other.id, other)
    return list(seen.values())


def related_samples(samples: tuple[Sample, ...], limit: int = RELATED_LIMIT,
                    per_bucket: int = NEIGHBOURS_PER_BUCKET) -> dict[str, tuple[Related, ...]]:
    """Sample id -> its related samples, best first (most shared tags, then same type, then id)."""
    buckets = build_buckets(samples)
    positions = {(key, s.id): i for key, bucket in buckets.items() for i, s in enumerate(bucket)}
    result: dict[str, tuple[Related, ...]] = {}
    for sample in samples:
        own_tags = set(sample.tags)
        ranked = []
        for other in candidates(sample, buckets, positions, per_bucket):
            shared = tuple(t for t in other.tags if t in own_tags)
            ranked.append(Related(other, shared, other.type == sample.type))
        ranked.sort(key=lambda r: (-len(r.shared_tags), not r.same_type, r.sample.id))
        result[sample.id] = tuple(ranked[:limit])
    return result
