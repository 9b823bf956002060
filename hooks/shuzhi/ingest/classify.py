"""Decide a report's type (with the reason), its topic tags and curator flags.

The rules read like a curator's reasoning and print as such, so a wrong call
is easy to spot in the ingest summary and fix by hand in the YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shuzhi.library.model import NOTE_TITLE_MISMATCH, NOTE_TRUNCATED

# Topic tag -> (pattern, minimum number of hits in the text).
TAG_RULES: tuple[tuple[str, str, int], ...] = (
    ("党建", r"党员|三会一课|党支部|党组织|党建|党课", 3),
    ("班子建设", r"班子", 3),
    ("集体经济", r"集体经济|集体收入", 1),
    ("产业发展", r"产业|养殖|种植|致富|增收", 3),
    ("基础设施", r"道路|硬化|路灯|水窖|公路|自来水|基础设施|便民桥|街道", 2),
    ("矛盾调解", r"矛盾|上访|调解|纠纷|信访", 2),
    ("财务管理", r"财务|账目|理财|报账", 2),
    ("精准扶贫", r"扶贫|脱贫|贫困", 2),
    ("乡村振兴", r"乡村振兴", 1),
    ("党风廉政", r"廉政|廉洁|述廉", 1),
)
# Signs that a report is not about a village at all.
NON_VILLAGE = r"我校|学校|师生|医院|公司|社区"
# Words a finished report tends to end with.
ENDING = re.compile(r"以上.{0,12}(?:报告|述职|汇报)|请予评议|批评指正|不妥之处|贡献.{0,12}力量|努力奋斗")


@dataclass(frozen=True)
class Classification:
    type: str
    reason: str
    title_mismatch: bool


def _count(pattern: str, text: str) -> int:
    return len(re.findall(pattern, text))


def classify_type(title: str, body: str) -> Classification:
    """Type by title and content; content wins where the two disagree."""
    village_words = _count(r"村", body)
    non_village = _count(NON_VILLAGE, body)
    mismatch = "村" in title and village_words == 0 and non_village > 0
    if mismatch:
        reason = f"标题写村，正文却不提“村”（出现“我校”“学校”等 {non_village} 次），按正文归类"
        if _count(r"党支部|党组织", body):
            return Classification("村书记", reason + "：党支部书记本人述职，归村书记", True)
        return Classification("村书记", reason + "：未见其他类型特征，暂归村书记", True)
    weak = _count(r"软弱涣散", body)
    if "软弱涣散" in title or weak >= 3:
        why = "标题含“软弱涣散”" if "软弱涣散" in title else f"正文 {weak} 次提到“软弱涣散”"
        return Classification("软弱涣散整顿", why + "，是整顿软弱涣散党组织的报告", False)
    posting = _count(r"驻村扶贫工作队|驻村工作队|工作队队长|驻村帮扶", body)
    poverty = _count(r"扶贫|脱贫", body)
    if "驻村" in title or (posting and poverty >= 2):
        why = "标题含“驻村”" if "驻村" in title else f"正文写明驻村工作队身份（{posting} 处），扶贫内容 {poverty} 处"
        return Classification("驻村", why, False)
    first = _count(r"第一书记", body)
    if "第一书记" in title or first:
        why = "标题含“第一书记”" if "第一书记" in title else f"正文 {first} 次提到“第一书记”"
        return Classification("第一书记", why, False)
    if re.search(r"书记|支部", title + body):
        return Classification("村书记", "村党组织书记本人述职，未见第一书记、驻村或整顿特征", False)
    return Classification("村书记", "未见任何类型特征，暂归村书记，请人工确认", False)


def choose_tags(text: str) -> tuple[str, ...]:
    return tuple(tag for tag, pattern, least in TAG_RULES if _count(pattern, text) >= least)


def choose_notes(classification: Classification, kinds: list[str], last_paragraph: str) -> tuple[str, ...]:
    """Curator flags: 标题与内容不符, and 预览截断 when the text stops before
    any closing part (no plan, no 整顿 measures, no 结尾, no closing words)."""
    notes = []
    if classification.title_mismatch:
        notes.append(NOTE_TITLE_MISMATCH)
    finished = {"下一步打算", "结尾", "整顿措施"} & set(kinds) or ENDING.search(last_paragraph)
    if not finished:
        notes.append(NOTE_TRUNCATED)
    return tuple(notes)
