"""Restore paragraph and heading structure, and detect sections and their kinds.

Scraped text loses paragraph breaks, so 一、 headings, 1、 items and the
salutation run inline. Numbering levels are 一、 → （一） → 1. → （1）.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shuzhi.ingest.clean import RULE_NUMBERING, RULE_PARAGRAPH, Tally

_CN = "一二三四五六七八九十"
TOP_HEADING = re.compile(rf"^[{_CN}]+、")
# Numbered items that start a new paragraph when they follow a sentence end or colon.
INLINE_ITEM = re.compile(
    rf"(?<=[。：！？；])(?=[{_CN}]+、|（[{_CN}]+）|\d{{1,2}}[、.．](?![\d.．])|（\d{{1,2}}）)"
)
# "1、" and "1. " are written "1." (the third numbering level).
ARABIC_ITEM = re.compile(r"^(\d{1,2})(?:、|[.．]\s*)(?!\d)")
SALUTATION = re.compile(r"^((?:尊敬的|各位)[^：。]{0,20}[：:])(?=.)")
# Where a glued top-level heading ends: before the first sub-item.
SUB_ITEM = re.compile(rf"（[{_CN}]+）|\d{{1,2}}[、.．](?![\d.．])")
# Heading words after which the body usually starts.
HEADING_ENDS = re.compile(
    r"^.{0,20}?(?:存在的问题|存在问题|问题与不足|下一步工作打算|下一步打算|今后打算|工作打算"
    r"|基本情况概述|基本情况|学习情况|思想情况|工作情况|廉洁自律情况|主要表现|形成的原因|原因分析"
    r"|对策及建议|对策建议|整顿措施|取得的成效|主要成效|工作成效)"
)
# "四字，四字" headings such as 深入调研，掌握实情.
PARALLEL_HEADING = re.compile(r"^([^，。]{2,8})，(?=[^，。]{2,8})")
# Sentences that open a paragraph of their own: numbered items and enumerations.
PARAGRAPH_START = re.compile(
    rf"^(?:[{_CN}]+、|（[{_CN}]+）|\d{{1,2}}[.．、]|（\d{{1,2}}）|[{_CN}]是|首先|其次|再次|最后|尊敬的|各位)"
)
# Sentences that may open a new paragraph once the current one is long.
TOPIC_OPENER = re.compile(r"^(?:同时|此外|另外|总体而言|总之|近年来|今年|去年|半年来|一年来|针对|经过|通过|在[^，。]{1,12}(?:方面|中|下))")
SOFT_PARAGRAPH = 200
HARD_PARAGRAPH = 450
CLOSING = re.compile(r"以上.{0,12}(?:报告|述职|汇报)|请予评议|批评指正|不妥之处")
MAX_HEADING = 40


@dataclass
class SectionDraft:
    kind: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class HeadingSplit:
    heading: str
    body: str  # text after the heading in the same paragraph, may be ""
    sure: bool


def split_inline_numbering(text: str, tally: Tally) -> list[str]:
    """Break a paragraph before numbered items that follow 。 or ：."""
    pieces = [p.strip() for p in INLINE_ITEM.split(text) if p.strip()]
    if len(pieces) > 1:
        tally.add(RULE_NUMBERING, text[:20] + "……", len(pieces) - 1)
    return pieces


def split_salutation(text: str) -> list[str]:
    m = SALUTATION.match(text)
    return [m.group(1), text[m.end():].strip()] if m else [text]


def normalise_item_number(text: str) -> str:
    return ARABIC_ITEM.sub(r"\1.", text)


def split_heading(text: str) -> HeadingSplit:
    """Separate a top-level heading (一、……) from body text glued to it."""
    m = SUB_ITEM.search(text)
    if m and m.start() <= MAX_HEADING:
        return HeadingSplit(text[: m.start()].strip(), text[m.start():], True)
    prefix = TOP_HEADING.match(text).group(0)
    rest = text[len(prefix):]
    if m := HEADING_ENDS.match(rest):
        return HeadingSplit(prefix + m.group(0), rest[m.end():], True)
    end = text.find("。")
    if 0 <= end <= MAX_HEADING:
        return HeadingSplit(text[: end + 1], text[end + 1:].strip(), True)
    if m := PARALLEL_HEADING.match(rest):
        # Parallel halves are the same length: 深入调研，掌握实情|为全面了解……
        end = m.end(1) + 1 + len(m.group(1))
        return HeadingSplit(prefix + rest[:end], rest[end:], False)
    if len(text) <= MAX_HEADING:
        return HeadingSplit(text, "", True)
    return HeadingSplit(prefix, rest, False)


def restructure(paragraphs: list[str], tally: Tally) -> list[str]:
    """Paragraphs with inline numbering and salutations broken out, and
    sentences the scraper put on lines of their own joined back up."""
    out: list[str] = []
    for text in paragraphs:
        for piece in split_inline_numbering(text, tally):
            out.extend(split_salutation(piece))
    return merge_sentences([normalise_item_number(p) for p in out], tally)


def merge_sentences(lines: list[str], tally: Tally) -> list[str]:
    """The seed's platform breaks a line after every 。, even inside quotes.
    Rejoin sentences into paragraphs; a numbered item, an enumeration (一是),
    a heading or the salutation starts a new one, and long paragraphs break at
    a topic opener (同时、此外、在……方面)."""
    out: list[str] = []
    for line in lines:
        if not out:
            out.append(line)
            continue
        if _continues(out[-1], line):
            out[-1] += line
            tally.add(RULE_PARAGRAPH, "句子合并成段")
        else:
            out.append(line)
    return out


def _continues(prev: str, line: str) -> bool:
    """Whether ``line`` belongs to the paragraph ``prev``."""
    if line[0] in "”’":
        return True
    if PARAGRAPH_START.match(line) or _is_salutation(prev):
        return False
    if TOP_HEADING.match(prev) and _heading_only(prev):
        return False
    if prev.endswith(("：", "，", "；")):
        return True
    if len(prev) >= HARD_PARAGRAPH:
        return False
    return not (len(prev) >= SOFT_PARAGRAPH and TOPIC_OPENER.match(line))


def _is_salutation(text: str) -> bool:
    return bool(SALUTATION.match(text + "x")) and len(text) <= 24


def _heading_only(text: str) -> bool:
    split = split_heading(text)
    return split.sure and not split.body


def kind_of_heading(heading: str, type_name: str) -> str:
    text = TOP_HEADING.sub("", heading)
    if re.search(r"问题|不足|差距|短板", text):
        return "存在问题"
    if re.search(r"下一步|打算|今后|努力方向|工作思路|展望", text):
        return "下一步打算"
    if re.search(r"基本情况|村情|概况", text):
        return "开头"
    if re.search(r"表现", text):
        return "主要表现"
    if re.search(r"原因", text):
        return "原因分析"
    if type_name == "软弱涣散整顿" and re.search(r"对策|措施|建议|整改|整顿", text):
        return "整顿措施"
    if re.search(r"^(?:取得的|主要|工作)?(?:成效|成绩)", text):
        return "成效"
    if re.search(r"学习|思想", text):
        return "学习与思想"
    return "主要工作"


def build_sections(paragraphs: list[str], type_name: str, unsure: list[str]) -> list[SectionDraft]:
    """Group paragraphs into sections: text before the first 一、 heading is the
    opening, each 一、 heading starts a section, closing lines form the 结尾."""
    sections: list[SectionDraft] = []
    for text in paragraphs:
        if TOP_HEADING.match(text):
            split = split_heading(text)
            if not split.sure:
                unsure.append(f"标题“{split.heading}”的结束位置是推测的，请核对")
            sections.append(SectionDraft(kind_of_heading(split.heading, type_name), split.heading))
            if split.body:
                sections[-1].paragraphs.append(normalise_item_number(split.body))
            continue
        if not sections:
            sections.append(SectionDraft("开头", ""))
        sections[-1].paragraphs.append(text)
    _split_closing(sections)
    if len(sections) == 1 and not sections[0].heading:
        # No headings at all: the text is the body of the report.
        sections[0].kind = "主要工作"
        unsure.append("全文没有一、二、三级标题，整篇暂归“主要工作”，请人工分节")
    return [s for s in sections if s.paragraphs]


def _split_closing(sections: list[SectionDraft]) -> None:
    if not sections:
        return
    last = sections[-1]
    tail: list[str] = []
    while len(last.paragraphs) > 1 and CLOSING.search(last.paragraphs[-1]):
        tail.insert(0, last.paragraphs.pop())
    if tail:
        sections.append(SectionDraft("结尾", "", tail))
