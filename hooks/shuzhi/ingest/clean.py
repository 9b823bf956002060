"""Cleaning rules for scraped report text.

Each rule is a small function over a string that returns the cleaned string
and records what it removed or changed in a Tally, so the ingest summary can
say exactly what every rule did. The word lists are curated: add to them when
a new raw page shows new noise.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

RULE_FURNITURE = "平台内容"
RULE_CHATTER = "编者话术"
RULE_SPAM = "插入的广告词"
RULE_STRAY = "杂散符号"
RULE_TYPO = "错字与乱码"
RULE_PUNCT = "标点规范"
RULE_NUMBERING = "行内编号拆段"
RULE_PARAGRAPH = "断句合段"
RULE_TITLE = "重复标题"
RULE_BYLINE = "署名日期行"
RULE_DUPLICATE = "重复内容"
RULES = (
    RULE_FURNITURE, RULE_TITLE, RULE_CHATTER, RULE_SPAM, RULE_STRAY, RULE_TYPO,
    RULE_PUNCT, RULE_NUMBERING, RULE_PARAGRAPH, RULE_BYLINE, RULE_DUPLICATE,
)


@dataclass
class Tally:
    """What each rule did: a count and the distinct snippets it touched."""

    counts: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, rule: str, snippet: str, n: int = 1) -> None:
        self.counts[rule] += n
        seen = self.examples.setdefault(rule, [])
        if snippet not in seen:
            seen.append(snippet)


# Whole lines that belong to the hosting platform, not to any report.
FURNITURE_LINES = (
    re.compile(r"^(合集下载|相关文档|最新文档|相关推荐|猜你喜欢|热门文档|立即下载|全文阅读|上一篇.*|下一篇.*)$"),
    re.compile(r"^(\d+[.．、]\s*)+.*(下载文档|仅部分预览|侵犯您的权益|人工客服|平台不提供|完整预览).*$"),
)
# Platform labels glued into text, e.g. 【范文大全】.
FURNITURE_TOKEN = re.compile(r"【[^】\n]{0,8}(大全|范文网|文库|精选|推荐)】")

# Editor chatter: a clause addressed to the site's readers rather than part of a report.
CHATTER_MARKERS = re.compile(
    r"小编|仅供参考|供(?:大家|您|你)参考|希望(?:能够|能|可以)?(?:对|帮助到|帮到|给)(?:大家|您|你)"
    r"|欢迎(?:借鉴|阅读|参考|收藏|下载)|(?:下面|以下)是[^。！!？?]{0,40}?(?:整理|收集|分享|为大家|为您|为你)"
)
# Ends of a clause that chatter runs to.
CLAUSE_END = "。！!？?"

# Words a document site injects into sentences (e.g. an unrelated product name).
SPAM_WORDS = ("滤布",)
STRAY_SYMBOLS = re.compile(r"[`\u200b\u200c\u200d\ufeff\ufffd]")

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


def is_furniture_line(line: str) -> bool:
    return any(p.match(line) for p in FURNITURE_LINES)


def drop_furniture_tokens(text: str, tally: Tally) -> str:
    def repl(m: re.Match) -> str:
        tally.add(RULE_FURNITURE, m.group(0))
        return ""

    return FURNITURE_TOKEN.sub(repl, text)


def find_chatter(text: str) -> re.Match | None:
    return CHATTER_MARKERS.search(text)


def chatter_clause_end(text: str, start: int) -> int:
    """Index just past the clause (up to 。！？) that contains position ``start``."""
    ends = [text.find(ch, start) for ch in CLAUSE_END]
    ends = [e for e in ends if e >= 0]
    return min(ends) + 1 if ends else len(text)


def drop_chatter(text: str, tally: Tally) -> str:
    """Remove every sentence that carries an editor-chatter marker."""
    while (m := find_chatter(text)) is not None:
        begin = max(text.rfind(ch, 0, m.start()) for ch in CLAUSE_END) + 1
        end = chatter_clause_end(text, m.end())
        tally.add(RULE_CHATTER, text[begin:end])
        text = text[:begin] + text[end:]
    return text


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


def clean_paragraph(text: str, tally: Tally) -> str:
    """Apply every in-text rule, in an order where each sees the previous one's output."""
    text = drop_furniture_tokens(text, tally)
    text = drop_stray_symbols(text, tally)
    text = drop_spam(text, tally)
    text = repair_typos(text, tally)
    text = normalise_punctuation(text, tally)
    text = drop_chatter(text, tally)
    return re.sub(r"\s+", " ", text).strip()
