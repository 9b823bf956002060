"""From a raw page's text to curated-sample records: split, clean, restructure,
classify. Pure: no file writes (see scripts/ingest.py for the command)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from shuzhi.ingest.classify import choose_notes, choose_tags, classify_type
from shuzhi.ingest.clean import RULE_DUPLICATE, Tally, clean_paragraph, clean_title
from shuzhi.ingest.split import split_reports
from shuzhi.ingest.structure import build_sections, restructure
from shuzhi.library.model import TYPES_BY_NAME, Sample, Section, Source

# Paragraphs shorter than this may legitimately repeat (e.g. 一是加强班子建设).
MIN_DUPLICATE_PARAGRAPH = 20


@dataclass
class IngestedSample:
    sample: Sample
    reason: str  # why it got its type
    unsure: list[str] = field(default_factory=list)


@dataclass
class PageResult:
    samples: list[IngestedSample]
    tally: Tally


def sample_id(type_name: str, fingerprint: str, used: set[str]) -> str:
    """A stable id from the report's text: the same report gets the same id
    whatever the raw file is called, its encoding or its place on the page."""
    slug = TYPES_BY_NAME[type_name].slug
    for length in (6, 10, 16, len(fingerprint)):
        candidate = f"{slug}-{fingerprint[:length]}"
        if candidate not in used:
            used.add(candidate)
            return candidate
    raise ValueError(f"duplicate fingerprint {fingerprint}")  # never: duplicates are dropped before


def ingest_page(text: str, source_file: str, seen_bodies: set[str] | None = None,
                used_ids: set[str] | None = None) -> PageResult:
    """Every distinct report on one page as a sample. ``seen_bodies`` and
    ``used_ids`` carry fingerprints and ids across pages, so a report met twice
    is kept once and ids never clash."""
    seen_bodies = seen_bodies if seen_bodies is not None else set()
    used_ids = used_ids if used_ids is not None else set()
    tally = Tally()
    samples: list[IngestedSample] = []
    for report in split_reports(text.split("\n"), tally):
        cleaned = [(n, clean_paragraph(t, tally, n)) for n, t in report.paragraphs]
        kept = [(n, p) for n, p in cleaned if p]
        paragraphs = _drop_repeats(restructure([p for _, p in kept], tally), tally)
        if not paragraphs:
            continue
        # A trailing line the cleaning emptied (a sign-off) is not part of the report.
        end_line = kept[-1][0]
        fingerprint = _fingerprint(paragraphs)
        if fingerprint in seen_bodies:
            tally.add(RULE_DUPLICATE, f"整篇重复：{report.title}（第 {report.start_line} 行起）")
            continue
        seen_bodies.add(fingerprint)
        title = clean_title(report.title, tally) or "（无标题）"
        body = "\n".join(paragraphs)
        classification = classify_type(title, body)
        unsure: list[str] = []
        drafts = build_sections(paragraphs, classification.type, unsure)
        sections = tuple(Section(d.kind, d.heading, tuple(d.paragraphs)) for d in drafts)
        sample = Sample(
            id=sample_id(classification.type, fingerprint, used_ids),
            title=title,
            type=classification.type,
            tags=choose_tags(body),
            source=Source(source_file, f"{report.start_line}-{end_line}", report.page_title),
            notes=choose_notes(classification, [d.kind for d in drafts], paragraphs[-1]),
            sections=sections,
        )
        samples.append(IngestedSample(sample, classification.reason, unsure))
    return PageResult(samples, tally)


def _drop_repeats(paragraphs: list[str], tally: Tally) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for p in paragraphs:
        if len(p) >= MIN_DUPLICATE_PARAGRAPH and p in seen:
            tally.add(RULE_DUPLICATE, p[:20] + "……")
            continue
        seen.add(p)
        out.append(p)
    return out


def _fingerprint(paragraphs: list[str]) -> str:
    """Identity of a report's text, blind to punctuation and spacing."""
    letters = re.sub(r"[^\w]", "", "".join(paragraphs))
    return hashlib.sha256(letters.encode("utf-8")).hexdigest()
