"""The common fill-in spots a writer fills once for the whole draft (起草 page).

A report names the same village, town, person and year in many places, as
XX村, XX镇, 我是___, 20XX年. Each field below says which spots it fills. The
rules are regular expressions written in the syntax Python's ``re`` and
JavaScript's ``RegExp`` share (no named groups, fixed-width lookbehind), so the
page script runs the very same rules (tests/browser/test_word_draft.py checks
both engines agree on the library's text). Each has two groups: the first is
kept, the second is the spot the field's value replaces.

The spots are built from ``PLACEHOLDER_PATTERN``: a field only ever fills text
the site already marks as 待填写. Spots no field covers (___户, ___万元) stay
marked until the writer types over them.
"""

from __future__ import annotations

from dataclasses import dataclass

from shuzhi.library.model import PLACEHOLDER_PATTERN

BLANK = f"(?:{PLACEHOLDER_PATTERN.pattern})"
# A year written with placeholder digits: 20XX, 20xx, XXXX, 20××, 20__.
_YEAR = r"(?:20[Xx]{2}|[Xx]{4}|20×{2}|20_{2,})"
# A month left open: X, XX, ×, ___.
_MONTH = r"(?:[Xx]{1,2}|×{1,2}|_{2,})"


@dataclass(frozen=True)
class Field:
    name: str  # label in the form, and key in the stored draft
    example: str  # shown in the empty input
    fills: tuple[str, ...]  # examples of the spots it fills, shown beside the input
    rules: tuple[str, ...]  # "(kept)(replaced)" patterns, tried in order
    strip_suffix: str = ""  # dropped from the end of a value (年份: "2025年" -> "2025")


FIELDS: tuple[Field, ...] = (
    # The year and month of taking office come before the year alone, so
    # 20XX年X月 is filled as one date rather than as a year and a loose month.
    Field("任职时间", "2021年5月", ("20XX年X月",),
          (rf"()({_YEAR}年{_MONTH}月)",)),
    Field("年份", "2025", ("20XX年",), (rf"()({_YEAR})(?=年)",), strip_suffix="年"),
    Field("村名", "花桥村", ("XX村", "___村"), (rf"()({BLANK}(?:村|社区))",)),
    Field("镇名", "青石镇", ("XX镇", "XX乡", "XX街道"), (rf"()({BLANK}(?:镇|乡|街道))",)),
    Field("县名", "平安县", ("XX县",), (rf"()({BLANK}县)",)),
    # The writer's own name: after 我是/我叫/本人, or after 书记 and before a
    # comma (书记___，20XX年…). Not when a place follows (我是XX村党支部书记).
    Field("姓名", "张明", ("我是___", "我叫___"),
          (rf"(我是|我叫|本人|述职人[：:]|报告人[：:])({BLANK})(?![村镇乡县区市]|社区|街道)",
           rf"(书记)({BLANK})(?=[，,、])")),
)
FIELDS_BY_NAME = {f.name: f for f in FIELDS}


def field_config() -> list[dict]:
    """The fields as the page script reads them (JSON)."""
    return [{"name": f.name, "example": f.example, "fills": list(f.fills), "rules": list(f.rules),
             "strip": f.strip_suffix} for f in FIELDS]
