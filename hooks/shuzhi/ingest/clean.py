"""Cleaning rules for scraped report text.

Each rule is a small function over a string that returns the cleaned string
and records what it removed or changed in a Tally, so the ingest summary can
say exactly what every rule did, and which rule took out which line. What
counts as furniture or chatter is recognised in noise.py; the spam words and
typo table here are curated: add to them when a new raw page shows new damage.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from shuzhi.ingest.noise import (
    RULE_CHATTER, RULE_FURNITURE, RULE_STRAY, chatter_clause_end, chatter_clause_start, find_chatter,
)

RULE_SPAM = "插入的广告词"
RULE_TYPO = "错字与乱码"
RULE_PUNCT = "标点规范"
RULE_NUMBERING = "行内编号拆段"
RULE_PARAGRAPH = "断句合段"
RULE_TITLE = "重复标题"
RULE_BYLINE = "署名日期行"
RULE_DUPLICATE = "重复内容"
RULE_SEPARATOR = "篇目分隔"
RULE_PAGE_TITLE = "标题行"
RULE_REPORT_TITLE = "本篇标题"
RULES = (
    RULE_FURNITURE, RULE_TITLE, RULE_SEPARATOR, RULE_CHATTER, RULE_SPAM, RULE_STRAY, RULE_TYPO,
    RULE_PUNCT, RULE_NUMBERING, RULE_PARAGRAPH, RULE_BYLINE, RULE_DUPLICATE,
)


@dataclass(frozen=True)
class LineNote:
    """A line (or the part of it in ``text``) that the ingest took out of the
    report text, or kept but doubts (``sure`` False: 存疑)."""

    line: int
    rule: str  # 平台内容·推荐列表, 编者话术, 篇目分隔 …
    text: str
    sure: bool = True
    why: str = ""


@dataclass
class Tally:
    """What each rule did: a count, the distinct snippets it touched, and
    every line it took out (or doubted), with its line number."""

    counts: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    lines: list[LineNote] = field(default_factory=list)

    def add(self, rule: str, snippet: str, n: int = 1) -> None:
        self.counts[rule] += n
        seen = self.examples.setdefault(rule, [])
        if snippet not in seen:
            seen.append(snippet)

    def remove(self, line: int | None, rule: str, text: str, why: str = "") -> None:
        """Record text taken out of the page; ``rule`` may name a kind (平台内容·推荐列表)."""
        text = text.strip()
        if not text:
            return
        base = rule.split("·")[0]
        if base in RULES:
            self.add(base, text)
        self.note(line, rule, text, why)

    def note(self, line: int | None, rule: str, text: str, why: str = "") -> None:
        """Log a line taken out of the report text, without counting it."""
        if line is not None and text.strip():
            self.lines.append(LineNote(line, rule, text.strip(), True, why))

    def doubt(self, line: int, rule: str, text: str, why: str) -> None:
        self.lines.append(LineNote(line, rule, text.strip(), False, why))

    def removed(self) -> list[LineNote]:
        return sorted((n for n in self.lines if n.sure), key=lambda n: n.line)

    def doubted(self) -> list[LineNote]:
        return sorted((n for n in self.lines if not n.sure), key=lambda n: n.line)


# Platform labels glued into text, e.g. 【范文大全】 (not a piece marker such as 【范文三】).
FURNITURE_TOKEN = re.compile(
    r"【(?![^】\n]{0,4}(?:篇|范文|第)\s*[0-9一二三四五六七八九十])[^】\n]{0,8}"
    r"(?:大全|范文网|文库|精选|推荐|合集|下载|VIP|会员|热门|原创|置顶|必看|收藏|专享|免费)[^】\n]{0,4}】"
)

# Words a document site injects into sentences (e.g. an unrelated product name).
SPAM_WORDS = ("滤布",)
# Backquotes, zero-width characters, replacement characters and emoji: never report text.
STRAY_SYMBOLS = re.compile(r"[`\u200b\u200c\u200d\u2060\ufeff\ufffd\ufe0f\U0001f000-\U0001faff]")

# Known encoding damage and typos: wrong form -> right form. Whole phrases are
# used where the single character is also a valid character elsewhere (瘫痪).
TYPO_FIXES = {
    "臵": "置",  # GBK damage: 置 lost in a code-page round trip
    "软弱痪散": "软弱涣散",
    "痪散": "涣散",
    "更有胜者": "更有甚者",
    "宗族势利": "宗族势力",
    "找结症": "找症结",
}

_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_OR_FULLWIDTH = _HAN + r"\u3000-\u303f\uff00-\uffef“”‘’"
# ASCII punctuation that becomes full-width when it touches Chinese text.
_ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_PUNCT_NEAR_HAN = re.compile(
    rf"(?<=[{_CJK_OR_FULLWIDTH}])\s*([,:;!?()])|([,:;!?()])\s*(?=[{_CJK_OR_FULLWIDTH}])"
)


def drop_furniture_tokens(text: str, tally: Tally) -> str:
    def repl(m: re.Match) -> str:
        tally.add(RULE_FURNITURE, m.group(0))
        return ""

    return FURNITURE_TOKEN.sub(repl, text)


def drop_chatter(text: str, tally: Tally, line: int | None = None) -> str:
    """Remove every sentence that carries an editor-chatter marker."""
    kept: list[str] = []
    pos = 0
    while (m := find_chatter(text, pos)) is not None:
        begin = max(chatter_clause_start(text, m.start(), pos), pos)
        end = chatter_clause_end(text, m.end())
        kept.append(text[pos:begin])
        tally.remove(line, RULE_CHATTER, text[begin:end], "网站或编者在介绍、推荐或祝愿")
        pos = end
    kept.append(text[pos:])
    return "".join(kept)


def drop_spam(text: str, tally: Tally) -> str:
    for word in SPAM_WORDS:
        if word in text:
            tally.add(RULE_SPAM, word, text.count(word))
            text = text.replace(word, "")
    return text


def drop_stray_symbols(text: str, tally: Tally) -> str:
    def repl(m: re.Match) -> str:
        tally.add(RULE_STRAY, repr(m.group(0)))
        return ""

    return STRAY_SYMBOLS.sub(repl, text)


def repair_typos(text: str, tally: Tally) -> str:
    for wrong, right in TYPO_FIXES.items():
        if wrong in text:
            tally.add(RULE_TYPO, f"{wrong}→{right}", text.count(wrong))
            text = text.replace(wrong, right)
    return text


def normalise_punctuation(text: str, tally: Tally) -> str:
    """ASCII , : ; ! ? ( ) next to Chinese text become their full-width forms;
    numbers such as 1,000, 10:30 or 1-2个 are left alone."""

    def repl(m: re.Match) -> str:
        ch = m.group(1) or m.group(2)
        tally.add(RULE_PUNCT, f"{ch}→{_ASCII_TO_FULL[ch]}")
        return _ASCII_TO_FULL[ch]

    text = _PUNCT_NEAR_HAN.sub(repl, text)
    return _pair_ascii_quotes(text, tally)


def _pair_ascii_quotes(text: str, tally: Tally) -> str:
    """Straight double quotes around Chinese text become “ ”, in pairs."""
    if text.count('"') % 2 or not re.search(rf'"[^"]*[{_HAN}][^"]*"', text):
        return text
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
            tally.add(RULE_PUNCT, '"→“”')
        else:
            out.append(ch)
    return "".join(out)


# Platform words inside a title: 范文, 范本 … and whatever garbage follows them.
TITLE_PLATFORM_WORD = re.compile(r"(范文|范本|模板|样本|简单版|大全|精选).*$")


def clean_title(text: str, tally: Tally) -> str:
    """A report title without the platform's words, ending in 述职报告 if it lost it."""
    text = clean_paragraph(text, tally)
    if m := TITLE_PLATFORM_WORD.search(text):
        tally.add(RULE_FURNITURE, m.group(0))
        text = text[: m.start()]
        if text and not text.endswith("报告"):
            text += "述职报告"
    return text


def clean_paragraph(text: str, tally: Tally, line: int | None = None) -> str:
    """Apply every in-text rule, in an order where each sees the previous one's output."""
    text = drop_furniture_tokens(text, tally)
    text = drop_stray_symbols(text, tally)
    text = drop_spam(text, tally)
    text = repair_typos(text, tally)
    text = normalise_punctuation(text, tally)
    text = drop_chatter(text, tally, line)
    return re.sub(r"\s+", " ", text).strip()
