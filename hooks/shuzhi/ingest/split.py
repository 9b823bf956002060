"""Split a scraped page into its distinct reports.

A page glues several reports together: a title line repeated two or three
times, then the title again at the start of the first paragraph, piece markers
such as 篇一, 篇1 or 【篇一】, editor teasers, and sometimes a new title in the
middle of the text. This module finds those boundaries; it works on
(line number, text) paragraphs so every report keeps its provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shuzhi.ingest.clean import (
    RULE_BYLINE, RULE_CHATTER, RULE_FURNITURE, RULE_TITLE, FURNITURE_TOKEN, Tally,
    chatter_clause_end, find_chatter, is_furniture_line,
)

_NUM = "0-9一二三四五六七八九十百"
_PIECE_NO = r"(?:\d+|[一二三四五六七八九十]+)"
# A report title at the start of a paragraph: no sentence punctuation before
# 报告, optionally followed by what the platform adds (【六篇】, 样本, 简单版 …).
TITLE = re.compile(
    r"^[_＿\s]*(?P<title>(?!现将|下面|以下|我|今|向|【|篇)[^，。！？；：,.!?;:“”\n]{0,36}?(?:述职报告|报告))"
    rf"(?P<suffix>(?:[（(【]?[{_NUM}]+篇[）)】]?|范文|样本|简单版|大全|精选|汇编|合集)*)"
)
# A title names who reports; this keeps sentences that merely end in 报告 out.
TITLE_KEYWORD = re.compile(r"书记|驻村|村干部|村委|支部|软弱涣散|村")
PIECE_MARKER = re.compile(rf"^(?:【篇{_PIECE_NO}】|【第{_PIECE_NO}篇】|篇{_PIECE_NO}[:：]?|第{_PIECE_NO}篇[:：]?)")
_DATE = r"(?:[Xx×]{2,4}|\d{4}|20[xX]{2})\s*年\s*(?:[Xx×]{1,2}|\d{1,2})\s*月(?:\s*(?:[Xx×]{1,2}|\d{1,2})\s*日)?"
# Author/date line under a title, written as blanks: ________XXXX年XX月____
BYLINE = re.compile(rf"^(?:[_＿]{{2,}}\s*{_DATE}\s*[_＿]*|{_DATE}\s*[_＿]{{2,}})")
# Where a glued-in new report starts inside a paragraph.
INLINE_BREAK = re.compile(
    rf"(?<=[。！？])(?=【篇[{_NUM}]+】|【第[{_NUM}]+篇】|[_＿]{{2,}}[^。_＿]{{0,30}}述职报告)"
)
# How far (in paragraphs) after a title an editor's teaser may run.
TEASER_REACH = 2


@dataclass
class Heads:
    """What was stripped from the start of a paragraph."""

    titles: list[str] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    rest: str = ""


@dataclass
class RawReport:
    title: str  # best title for the report, without the platform's suffix
    page_title: str  # the page heading it appeared under, as written
    start_line: int
    end_line: int
    paragraphs: list[tuple[int, str]]


def match_title(text: str) -> re.Match | None:
    m = TITLE.match(text)
    if m and TITLE_KEYWORD.search(m.group("title")):
        return m
    return None


def strip_heads(text: str, tally: Tally) -> Heads:
    """Peel titles, piece markers, platform labels and blank bylines off the front."""
    heads = Heads()
    while True:
        text = text.lstrip(" _＿\u3000")
        if m := match_title(text):
            heads.titles.append(m.group("title").strip())
            heads.suffixes.append(m.group("suffix"))
            text = text[m.end():]
        elif m := PIECE_MARKER.match(text):
            heads.markers.append(m.group(0))
            text = text[m.end():]
        elif (m := FURNITURE_TOKEN.match(text)) is not None:
            tally.add(RULE_FURNITURE, m.group(0))
            text = text[m.end():]
        elif heads.titles and (m := BYLINE.match(text)):
            tally.add(RULE_BYLINE, m.group(0))
            text = text[m.end():]
        else:
            heads.rest = text.strip()
            return heads


def prepare_paragraphs(lines: list[str], tally: Tally) -> list[tuple[int, str]]:
    """Non-empty lines as (1-based line number, text), minus platform furniture,
    with glued-in reports broken out onto paragraphs of their own."""
    out = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        if is_furniture_line(text):
            tally.add(RULE_FURNITURE, text)
            continue
        for piece in INLINE_BREAK.split(text):
            if piece.strip():
                out.append((number, piece.strip()))
    return out


def drop_teasers(paragraphs: list[tuple[int, str]], tally: Tally) -> list[tuple[int, str]]:
    """Remove an editor's teaser and chatter that follow a page title, e.g.
    "作为一名党支部书记……以下是小编整理的……希望能够帮助到大家。".

    Everything from the end of the title up to the end of the chatter clause
    goes, even across paragraphs; what follows in the same paragraph stays as
    a paragraph of its own.
    """
    out: list[tuple[int, str]] = []
    title_at: tuple[int, int] | None = None  # (index in out, end of title prefix)
    for number, text in paragraphs:
        heads = strip_heads(text, Tally())
        if heads.titles and not heads.markers:
            title_at = (len(out), len(text) - len(heads.rest))
        elif heads.markers:
            title_at = None
        m = find_chatter(text)
        if m and title_at is not None and len(out) - title_at[0] <= TEASER_REACH:
            index, prefix_end = title_at
            if index == len(out):  # title and chatter in this same paragraph
                head, body = text[:prefix_end], text[prefix_end:]
                start = m.start() - prefix_end
            else:
                head_number, head_text = out[index]
                removed = [head_text[prefix_end:]] + [t for _, t in out[index + 1:]]
                out[index + 1:] = []
                out[index] = (head_number, head_text[:prefix_end])
                head, body, start = "", text, m.start()
                for piece in removed:
                    if piece.strip():
                        tally.add(RULE_CHATTER, piece.strip())
            end = chatter_clause_end(body, start)
            tally.add(RULE_CHATTER, body[:end].strip())
            if head.strip():
                out.append((number, head.strip()))
            if body[end:].strip():
                out.append((number, body[end:].strip()))
            title_at = None
            continue
        out.append((number, text))
    return out


def split_reports(lines: list[str], tally: Tally) -> list[RawReport]:
    """Find every report on the page, in page order."""
    paragraphs = drop_teasers(prepare_paragraphs(lines, tally), tally)
    reports: list[RawReport] = []
    page_title = ""
    current: RawReport | None = None
    for number, text in paragraphs:
        heads = strip_heads(text, tally)
        if heads.titles and not heads.markers and (not heads.rest or _doubled(heads.titles)):
            # A bare or doubled title: a page heading (its repeats are furniture).
            heading = heads.titles[0] + heads.suffixes[0]
            if heading == page_title or (heads.rest and heads.titles[0] == _core(page_title)):
                tally.add(RULE_TITLE, heading)
            else:
                page_title, current = heading, None
            if not heads.rest:
                continue
        starts_report = bool(heads.titles or heads.markers)
        if starts_report:
            for extra in heads.titles[1:] if heads.titles else []:
                tally.add(RULE_TITLE, extra)
            if heads.titles and _same_title(heads.titles[0], page_title):
                tally.add(RULE_TITLE, heads.titles[0])
            title = _report_title(heads.titles, page_title)
            current = RawReport(title, page_title or title, number, number, [])
            reports.append(current)
            if not heads.rest:
                continue
            text = heads.rest
        if current is None:
            # Text with no title before it: a report whose heading was lost.
            current = RawReport(page_title or "", page_title or "", number, number, [])
            reports.append(current)
        current.paragraphs.append((number, text))
        current.end_line = number
    return [r for r in reports if r.paragraphs]


def _same_title(title: str, page_title: str) -> bool:
    return bool(page_title) and title == _core(page_title)


def _doubled(titles: list[str]) -> bool:
    return len(titles) > 1 and titles[0] == titles[1]


def _core(heading: str) -> str:
    m = match_title(heading)
    return m.group("title").strip() if m else heading


def _report_title(titles: list[str], page_title: str) -> str:
    """The innermost title the page gave this report, else the page heading
    without the platform's suffix (【六篇】, (十篇), 样本 …)."""
    if titles:
        return titles[-1]
    return _core(page_title)
