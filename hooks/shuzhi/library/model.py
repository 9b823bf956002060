"""Typed records for the sample library, and the closed sets they draw from.

This is the one place that names report types, section kinds and their URL
slugs; ingest, validation, page rendering and tests all import from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class ReportType:
    name: str  # value used in the YAML `type` field
    slug: str  # URL folder
    summary: str  # one line shown on the home page


@dataclass(frozen=True)
class SectionKind:
    name: str  # value used in the YAML `kind` field
    slug: str  # guide page file name under docs/guides/
    label: str  # how the kind is named on pages


REPORT_TYPES: tuple[ReportType, ...] = (
    ReportType("村书记", "cunshuji", "村党组织书记本人的年度或任期述职，常称述职述廉。"),
    ReportType("第一书记", "diyishuji", "选派到村的第一书记个人对任职期间履职情况的报告。"),
    ReportType("驻村", "zhucun", "驻村工作队的报告：工作队的集体报告，或队长、队员讲工作队的帮扶工作。"),
    ReportType("软弱涣散整顿", "zhengdun", "整顿软弱涣散村党组织的报告：表现、原因、措施与成效。"),
)

# Order is the usual reading order of a report; guides and sample pages use it.
SECTION_KINDS: tuple[SectionKind, ...] = (
    SectionKind("开头", "kaitou", "开头与基本情况"),
    SectionKind("学习与思想", "xuexi", "学习与思想"),
    SectionKind("主要工作", "gongzuo", "主要工作"),
    SectionKind("主要表现", "biaoxian", "主要表现"),
    SectionKind("原因分析", "yuanyin", "原因分析"),
    SectionKind("整顿措施", "cuoshi", "整顿措施"),
    SectionKind("成效", "chengxiao", "成效"),
    SectionKind("存在问题", "wenti", "存在问题"),
    SectionKind("下一步打算", "dasuan", "下一步打算"),
    SectionKind("结尾", "jiewei", "结尾"),
)

TYPES_BY_NAME = {t.name: t for t in REPORT_TYPES}
KINDS_BY_NAME = {k.name: k for k in SECTION_KINDS}


@dataclass(frozen=True)
class Tag:
    name: str  # value used in the YAML `tags` list
    meaning: str  # one line shown to curators and readers
    # A tag must be backed by the text: at least one of these words occurs in
    # the title, a heading or a paragraph, or the validator refuses the tag.
    indicators: tuple[str, ...]


# The closed topic vocabulary. A tag on nearly every sample filters nothing
# (党建 was on 9 of 10), so each names a line of work a reader looks for.
TAGS: tuple[Tag, ...] = (
    Tag("班子建设", "村“两委”班子、后备力量和发展党员", ("班子", "两委", "后备", "发展党员", "入党积极分子")),
    Tag("党员教育", "三会一课、主题党日和各项学习教育", ("三会一课", "主题党日", "党课", "党员教育", "学习教育", "主题教育")),
    Tag("集体经济", "村集体收入、资产盘活和入股分红", ("集体经济", "集体收入", "集体经营性收入")),
    Tag("产业发展", "种植、养殖、加工、合作社等带动增收的产业", ("产业", "合作社", "种植", "养殖")),
    Tag("基础设施", "道路、水利、饮水、电力和网络", ("道路", "硬化", "水渠", "饮水", "路灯", "桥")),
    Tag("人居环境", "改厕、垃圾污水治理和村容村貌", ("人居环境", "垃圾", "污水", "改厕", "厕所", "村容")),
    Tag("矛盾调解", "矛盾纠纷排查化解和信访", ("矛盾", "纠纷", "调解", "信访", "上访")),
    Tag("村务财务", "四议两公开、村务公开、财务和“三资”管理", ("四议两公开", "村务公开", "财务", "三资", "账目")),
    Tag("乡村治理", "积分制、清单制、村规民约和移风易俗", ("积分制", "清单制", "村规民约", "移风易俗", "治理")),
    Tag("为民服务", "为群众办实事、民生保障和便民服务", ("办实事", "为民", "便民", "民生", "代办")),
    Tag("精准扶贫", "2020年以前的脱贫攻坚", ("精准扶贫", "脱贫攻坚", "贫困户")),
    Tag("防止返贫", "2021年以来巩固拓展脱贫攻坚成果和防止返贫监测帮扶", ("防止返贫", "返贫", "监测户", "脱贫户", "巩固拓展")),
    Tag("廉洁自律", "述廉、遵守纪律和廉洁规定", ("廉洁", "廉政", "八项规定", "纪律")),
)
TAGS_BY_NAME = {t.name: t for t in TAGS}

# Where a sample's text came from (`source.kind`).
SOURCE_RAW = "网页整理"  # curated from a raw page kept in library/raw/
SOURCE_ORIGINAL = "本站撰写"  # written from scratch for this site; no raw file
SOURCE_KINDS = (SOURCE_RAW, SOURCE_ORIGINAL)

# Curator flags with a fixed meaning; `notes` may also hold free text.
NOTE_TRUNCATED = "预览截断"
NOTE_TITLE_MISMATCH = "标题与内容不符"
NOTE_OPENING_MISSING = "开头缺失"
KNOWN_NOTES = (NOTE_TRUNCATED, NOTE_TITLE_MISMATCH, NOTE_OPENING_MISSING)


@dataclass(frozen=True)
class Section:
    kind: str
    heading: str  # may be "" when the original has no heading for this part
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        """The section as plain text: heading line (if any), then one line per paragraph."""
        lines = ([self.heading] if self.heading else []) + list(self.paragraphs)
        return "\n".join(lines)


@dataclass(frozen=True)
class Source:
    file: str  # raw file path, relative to the repository root ("" for an original)
    lines: str  # "START-END", 1-based, inclusive ("" for an original)
    title: str  # the title the raw page gave this report
    kind: str = SOURCE_RAW

    @property
    def is_original(self) -> bool:
        return self.kind == SOURCE_ORIGINAL


@dataclass(frozen=True)
class Sample:
    id: str
    title: str
    type: str
    tags: tuple[str, ...]
    source: Source
    notes: tuple[str, ...]
    sections: tuple[Section, ...]
    path: str = field(default="", compare=False)  # YAML file it was read from
    # Why a file kept in the library is not published (e.g. not one of the four
    # report types); "" for every published sample.
    excluded: str = ""

    @property
    def report_type(self) -> ReportType:
        return TYPES_BY_NAME[self.type]

    @property
    def is_complete(self) -> bool:
        """A whole report: nothing cut off at the end or missing at the start."""
        return NOTE_TRUNCATED not in self.notes and NOTE_OPENING_MISSING not in self.notes

    @property
    def text(self) -> str:
        """The whole report as plain text: title, then every section."""
        return "\n".join([self.title] + [s.text for s in self.sections])


# Fill-in spots used by scraped samples and 文库 sites.
# - runs of two or more ASCII underscores (___), or of full-width ones (＿)
# - XX / xx / XXXX, optionally after digits as in 20xx, but not inside an ASCII word
# - runs of two or more ×, or of full-width Ｘ
# - 某 / 某某 used for a name (某村, 某某同志), but not the ordinary words
#   某些、某种、某一、某方面 ("some", "a certain kind")
PLACEHOLDER_PATTERN = re.compile(
    # The lookahead only skips, quickly, characters no placeholder starts with;
    # without it every alternative is tried at every character (three times slower).
    r"(?=[_＿\dXx×Ｘｘ某])(?:"
    r"_{2,}|＿+"
    r"|(?<![A-Za-z0-9])\d{0,2}[Xx]{2,}(?![A-Za-z])"
    r"|×{2,}|[Ｘｘ]{2,}"
    r"|某+(?!些|种|一|方面)"
    r")"
)


# One unit of 字: a run of ASCII letters/digits, or any other non-space character.
_CHAR_UNIT = re.compile(r"[A-Za-z0-9]+|[^\sA-Za-z0-9]")


def count_chars(text: str) -> int:
    """Length in 字 as Word/WPS counts it: each CJK character or punctuation
    mark is one, each run of ASCII letters/digits is one, spaces are free."""
    return len(_CHAR_UNIT.findall(text))


def sample_length(sample: Sample) -> int:
    return sum(section_length(s) for s in sample.sections)


@lru_cache(maxsize=None)  # asked for on sample pages, type pages and guides alike
def section_length(section: Section) -> int:
    return count_chars(section.heading) + sum(count_chars(p) for p in section.paragraphs)
