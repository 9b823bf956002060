"""From a raw page's text to curated-sample records: split, clean, restructure,
classify. Pure: no file writes (see scripts/ingest.py for the command)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ingest_classify import choose_notes, choose_tags, classify_type
from ingest_clean import RULE_DUPLICATE, Tally, clean_paragraph, clean_title
from ingest_split import split_reports
from ingest_structure import build_sections, restructure
from sample_model import Sample, Section, Source

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


def id_prefix(file_name: str) -> str:
    """Short, stable id prefix from a raw file name: 000_d96eefaaa6001d91.txt -> d96eef."""
    stem = file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    parts = [p for p in re.split(r"[^a-z0-9]+", stem) if p]
    longest = max(parts, key=len) if parts else "raw"
    return longest[:6]


def ingest_page(text: str, source_file: str, seen_bodies: set[str] | None = None) -> PageResult:
    """Every distinct report on one page as a sample. ``seen_bodies`` carries
    body fingerprints across pages so a report met twice is kept once."""
    seen_bodies = seen_bodies if seen_bodies is not None else set()
    tally = Tally()
    prefix = id_prefix(source_file)
    samples: list[IngestedSample] = []
    for report in split_reports(text.split("\n"), tally):
        cleaned = [clean_paragraph(t, tally) for _, t in report.paragraphs]
        paragraphs = _drop_repeats(restructure([p for p in cleaned if p], tally), tally)
        if not paragraphs:
            continue
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
            id=f"{prefix}-{len(samples) + 1:02d}",
            title=title,
            type=classification.type,
            tags=choose_tags(body),
            source=Source(source_file, f"{report.start_line}-{report.end_line}", report.page_title),
            notes=choose_notes(classification, [d.kind for d in drafts], paragraphs[-1]),
            sections=sections,
        )
        samples.append(IngestedSample(sample, classification.reason, unsure))
    return PageResult(samples, tally)


def _drop_repeats(paragraphs: list[str], tally: Tally) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        if len(p) >= MIN_DUPLICATE_PARAGRAPH and p in out:
            tally.add(RULE_DUPLICATE, p[:20] + "……")
            continue
        out.append(p)
    return out


def _fingerprint(paragraphs: list[str]) -> str:
    """Identity of a report's text, blind to punctuation and spacing."""
    letters = re.sub(r"[^\w]", "", "".join(paragraphs))
    return hashlib.sha256(letters.encode("utf-8")).hexdigest()
