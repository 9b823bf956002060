"""Split a scraped page into its distinct reports.

A page glues several reports together: a title line repeated two or three
times, then the title again at the start of the first paragraph, separators
such as 篇一, 篇1, 【篇二】, 范文一, 第一篇 or 范文2：, a bare title line, editor
teasers, and sometimes a new title in the middle of the text. Around them sit
the site's furniture lines (noise.py), taken out first. This module finds the
boundaries; it works on (line number, text) paragraphs so every report keeps
its provenance, and every line it takes out is logged in the Tally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shuzhi.ingest.clean import (
    FURNITURE_TOKEN, RULE_BYLINE, RULE_CHATTER, RULE_FURNITURE, RULE_PAGE_TITLE, RULE_REPORT_TITLE,
    RULE_SEPARATOR, RULE_TITLE, Tally,
)
from shuzhi.ingest.noise import (
    LISTING, Verdict, chatter_clause_end, chatter_clause_start, dated_title, find_chatter, furniture,
    is_list_heading, line_verdict, list_item,
)

_NUM = "0-9一二三四五六七八九十百"
_PIECE_NO = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
# What a platform appends to a title: 【六篇】, (十篇), 样本, 简单版, （精选10篇）, ，10篇合集 …
_SUFFIX_WORD = r"范文|样本|简单版|大全|精选|汇编|合集|通用版|通用|最新版|模板|范本|例文|集锦|汇总|完整版"
_SUFFIX = (
    # a bracketed label of the site itself (【范文大全】) is furniture, not part of the title
    rf"[（(【\[〔](?![篇第])(?![^）)】\]〕\n]{{0,8}}(?:大全|文库|范文网)[）)】\]〕])"
    rf"[^）)】\]〕\n]{{0,10}}?(?:篇|{_SUFFIX_WORD}|优秀|必备|推荐|最新|版)[^）)】\]〕\n]{{0,4}}[）)】\]〕]"
    rf"|[{_NUM}]+篇|{_SUFFIX_WORD}"
)
# A report title at the start of a paragraph: no sentence punctuation before
# 报告, optionally followed by what the platform adds.
TITLE = re.compile(
    r"[_＿\s]*(?P<title>(?!现将|下面|以下|我|今|向|【|篇)[^，。！？；：,.!?;:“”\n]{0,36}?(?:述职报告|报告))"
    rf"(?P<suffix>(?:[\s，,、·|｜]*(?:{_SUFFIX}))*)"
)
# A title names who reports; this keeps sentences that merely end in 报告 out.
TITLE_KEYWORD = re.compile(r"书记|驻村|村干部|村委|支部|软弱涣散|村")
# Separators between reports on one page: 篇一, 篇1, 【篇二】, 范文一, 第一篇,
# 范文2：, —— 第三篇 ——, 【范文四】 …
_PIECE_WORD = r"(?:参考|精选|优秀|推荐)?(?:范文|范例|例文|样文)"
_DECOR = r"[\s—–\-~·•*#=]*"
PIECE_MARKER = re.compile(
    rf"{_DECOR}[【\[〔（(]?\s*"
    rf"(?:篇\s*{_PIECE_NO}|第\s*{_PIECE_NO}\s*篇|{_PIECE_WORD}\s*[（(]?\s*{_PIECE_NO}\s*[)）]?)"
    rf"\s*[】\]〕）)]?{_DECOR}[:：、]?\s*"
)
_DATE = r"(?:[Xx×]{2,4}|\d{4}|20[xX]{2})\s*年\s*(?:[Xx×]{1,2}|\d{1,2})\s*月(?:\s*(?:[Xx×]{1,2}|\d{1,2})\s*日)?"
# Author/date line under a title, written as blanks: ________XXXX年XX月____
BYLINE = re.compile(rf"(?:[_＿]{{2,}}\s*{_DATE}\s*[_＿]*|{_DATE}\s*[_＿]{{2,}})")
# Where a glued-in new report starts inside a paragraph.
INLINE_BREAK = re.compile(
    rf"(?<=[。！？])(?=【篇[{_NUM}]+】|【第[{_NUM}]+篇】|【{_PIECE_WORD}[{_NUM}]+】|[_＿]{{2,}}[^。_＿]{{0,30}}述职报告)"
)
_HEAD_GAP = re.compile(r"[ _＿\u3000]*")
# How far (in paragraphs) after a title an editor's teaser may run.
TEASER_REACH = 2
# How many other sentences an editor's introduction may hold between its chatter clauses.
TEASER_GAP = 2


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
    titled: bool = True  # False: started by a bare separator, its own title may follow


def match_title(text: str, pos: int = 0) -> re.Match | None:
    m = TITLE.match(text, pos)
    if m and TITLE_KEYWORD.search(m.group("title")):
        return m
    return None


def strip_heads(text: str, tally: Tally) -> Heads:
    """Peel titles, piece markers, platform labels and blank bylines off the front."""
    heads = Heads()
    pos = 0  # an offset, not slices: a line of 100,000 markers stays linear
    while True:
        pos = _HEAD_GAP.match(text, pos).end()
        if m := match_title(text, pos):
            heads.titles.append(m.group("title").strip())
            heads.suffixes.append(m.group("suffix"))
        elif m := PIECE_MARKER.match(text, pos):
            heads.markers.append(m.group(0))
        elif (m := FURNITURE_TOKEN.match(text, pos)) is not None:
            tally.add(RULE_FURNITURE, m.group(0))
        elif heads.titles and (m := BYLINE.match(text, pos)):
            tally.add(RULE_BYLINE, m.group(0))
        else:
            # What is left after 村干部述职报告，10篇合集！ is not text.
            rest = text[pos:]
            heads.rest = rest.strip() if re.search(r"[^\W_]", rest) else ""
            return heads
        if m.end() == pos:  # an empty match would loop forever
            heads.rest = text[pos:].strip()
            return heads
        pos = m.end()


def find_furniture(lines: list[str]) -> dict[int, Verdict]:
    """Furniture verdicts by line number: single lines (noise.line_verdict),
    and recommendation lists, a list head with the entries under it."""
    entries = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    found: dict[int, Verdict] = {}
    i = 0
    while i < len(entries):
        number, text = entries[i]
        verdict = line_verdict(text)
        if verdict is not None:
            found[number] = verdict
        elif is_list_heading(text):
            found[number] = furniture(LISTING, "推荐列表的标题")
            i = _list_entries(entries, i + 1, found)
            continue
        elif dated_title(text):
            found[number] = furniture(LISTING, "带日期的文章标题")
        i += 1
    return found


def _list_entries(entries: list[tuple[int, str]], i: int, found: dict[int, Verdict]) -> int:
    """Mark the entries of a list that starts at ``entries[i]``; return where it ends.

    Entries are short title-like lines, all bulleted or all not. A separator,
    a sentence or a change of bullet style ends the list. An unbulleted title
    right before report text is that report's title, not an entry: kept, 存疑.
    """
    bulleted: bool | None = None
    while i < len(entries):
        number, text = entries[i]
        verdict = line_verdict(text)
        if verdict is not None and verdict.sure:
            found[number] = verdict
            i += 1
            continue
        item = list_item(text)
        if item is None or PIECE_MARKER.match(text) or (bulleted is not None and item.bulleted != bulleted):
            return i
        if not item.bulleted and match_title(item.text) and _text_follows(entries, i + 1):
            found[number] = furniture(LISTING, "推荐列表之后紧接正文，这一行当作本篇标题保留", sure=False)
            return i + 1
        bulleted = item.bulleted
        found[number] = furniture(LISTING, "推荐列表的条目")
        i += 1
    return i


def _text_follows(entries: list[tuple[int, str]], i: int) -> bool:
    for _, text in entries[i:]:
        verdict = line_verdict(text)
        if verdict is not None and verdict.sure:
            continue
        return list_item(text) is None and not PIECE_MARKER.match(text)
    return False


def prepare_paragraphs(lines: list[str], tally: Tally) -> list[tuple[int, str]]:
    """Non-empty lines as (1-based line number, text), minus platform furniture,
    with glued-in reports broken out onto paragraphs of their own."""
    verdicts = find_furniture(lines)
    out = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        verdict = verdicts.get(number)
        if verdict is not None and verdict.sure:
            tally.remove(number, verdict.rule, text, verdict.why)
            continue
        if verdict is not None:
            tally.doubt(number, verdict.rule, text, verdict.why)
        for piece in INLINE_BREAK.split(text):
            if piece.strip():
                out.append((number, piece.strip()))
    return out


def drop_teasers(paragraphs: list[tuple[int, str]], tally: Tally) -> list[tuple[int, str]]:
    """Remove an editor's teaser and chatter that follow a page title, e.g.
    "作为一名党支部书记……以下是小编整理的……希望能够帮助到大家。".

    Everything from the end of the title up to the end of the chatter clause
    (and of the chatter clauses right after it) goes, even across paragraphs;
    what follows in the same paragraph stays as a paragraph of its own.
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
                removed = [(head_number, head_text[prefix_end:])] + out[index + 1:]
                out[index + 1:] = []
                out[index] = (head_number, head_text[:prefix_end])
                head, body, start = "", text, m.start()
                for where, piece in removed:
                    tally.remove(where, RULE_CHATTER, piece, "标题后的编者导语")
            end = _chatter_run_end(body, start)
            tally.remove(number, RULE_CHATTER, body[:end], "标题后的编者导语和话术")
            if head.strip():
                out.append((number, head.strip()))
            if body[end:].strip():
                out.append((number, body[end:].strip()))
            title_at = None
            continue
        out.append((number, text))
    return out


def _chatter_run_end(text: str, start: int) -> int:
    """End of the chatter clause at ``start``, stretched over later chatter
    clauses with at most ``TEASER_GAP`` other sentences in between: an editor's
    introduction mixes the two (述职报告是……。一篇好的……。下面是本站整理的……)."""
    end = chatter_clause_end(text, start)
    while (m := find_chatter(text, end)) is not None:
        between = text[end:chatter_clause_start(text, m.start(), end)]
        if sum(between.count(ch) for ch in "。！？!?") > TEASER_GAP:
            break
        end = chatter_clause_end(text, m.end())
    return end


def split_reports(lines: list[str], tally: Tally) -> list[RawReport]:
    """Find every report on the page, in page order."""
    paragraphs = drop_teasers(prepare_paragraphs(lines, tally), tally)
    reports: list[RawReport] = []
    page_title = ""
    current: RawReport | None = None
    for number, text in paragraphs:
        heads = strip_heads(text, tally)
        prefix = text[: len(text) - len(heads.rest)] if heads.rest else text
        bare = bool(heads.titles) and not heads.markers and not heads.rest
        if bare and current is not None and not current.titled and not current.paragraphs:
            # 第二篇 on a line of its own, and the report's title on the next.
            current.title, current.titled = heads.titles[-1], True
            tally.note(number, RULE_REPORT_TITLE, text)
            continue
        if heads.titles and not heads.markers and (not heads.rest or _doubled(heads.titles)):
            # A bare or doubled title: a page heading (its repeats are furniture).
            heading = heads.titles[0] + heads.suffixes[0]
            repeat = heading == page_title or (heads.rest and heads.titles[0] == _core(page_title))
            if repeat and not heads.rest and current is not None and current.paragraphs:
                # The same title after a report's text heads the next report.
                repeat = False
            if repeat:
                tally.add(RULE_TITLE, heading)
                tally.note(number, RULE_TITLE, text if not heads.rest else heading)
            else:
                page_title, current = heading, None
                tally.note(number, RULE_PAGE_TITLE, heading)
            if not heads.rest:
                continue
        starts_report = bool(heads.titles or heads.markers)
        if starts_report:
            for extra in heads.titles[1:] if heads.titles else []:
                tally.add(RULE_TITLE, extra)
            if heads.titles and _same_title(heads.titles[0], page_title):
                tally.add(RULE_TITLE, heads.titles[0])
            if heads.markers:
                tally.add(RULE_SEPARATOR, "".join(heads.markers).strip())
            tally.note(number, RULE_SEPARATOR if heads.markers else RULE_REPORT_TITLE, prefix)
            title = _report_title(heads.titles, page_title)
            current = RawReport(title, page_title or title, number, number, [], titled=bool(heads.titles))
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
