"""Curation rules: what a published sample must satisfy beyond the schema.

The schema (load.py) says whether a file is a well-formed sample; these rules
say whether it is fit to publish, so they run on the library (check_library
and the build), not on the ingest's raw drafts. Each returns
``(field, message)`` pairs, so load.py can report them with the file name.
"""

from __future__ import annotations

import re

from shuzhi.library.model import PLACEHOLDER_PATTERN, TAGS_BY_NAME, Sample

# Generated listing pages sit next to sample pages in a type's folder.
_RESERVED_ID = re.compile(r"^(?:index|page-\d+)$")

# A heading is a label, not a sentence: no closing punctuation.
_HEADING_END = "。；：，、;:,"

# Titles say what the report is (its type, then its village or its focus,
# in brackets). These words belong to document-sharing sites, not to a title.
_TITLE_STYLE = re.compile(r"^[^（）]+（[^（）]+）$")
PLATFORM_WORDS = ("范文", "简单版", "精选", "节选", "合集", "模板", "大全", "通用版", "下载")


def reserved_id_problem(sample_id: str) -> str:
    """Why ``sample_id`` can't be used ("" if it can): a type page or one of its pages has that name."""
    if _RESERVED_ID.match(sample_id):
        return f"“{sample_id}”是类型目录页（或其分页）的保留名，请换一个 id"
    return ""


def content_problems(sample: Sample) -> list[tuple[str, str]]:
    """Every curation rule the sample breaks, as (field, message)."""
    return [*_title_problems(sample.title), *_section_problems(sample), *_tag_problems(sample)]


def _title_problems(title: str) -> list[tuple[str, str]]:
    problems = []
    if PLACEHOLDER_PATTERN.search(title):
        problems.append(("title", "标题里不能有待填写处（XX、___ 等）：用这篇报告的侧重点来区分，如（集体经济薄弱村）"))
    words = [w for w in PLATFORM_WORDS if w in title]
    if words:
        problems.append(("title", f"标题里不要用“{'”“'.join(words)}”这类网站用语"))
    if not _TITLE_STYLE.match(title.strip()):
        problems.append(("title", "标题写成“报告名称（村名或侧重点）”，如 第一书记述职报告（桥边村）"))
    return problems


def _section_problems(sample: Sample) -> list[tuple[str, str]]:
    problems = []
    for i, section in enumerate(sample.sections):
        if section.heading and section.heading[-1] in _HEADING_END:
            problems.append((f"sections[{i}].heading", f"小标题末尾不加标点（“{section.heading[-1]}”）"))
        previous = sample.sections[i - 1] if i else None
        if previous and previous.kind == section.kind and not previous.heading and not section.heading:
            problems.append((f"sections[{i}]", f"与上一节同为“{section.kind}”且都没有小标题：应合并为一节"))
    return problems


def _tag_problems(sample: Sample) -> list[tuple[str, str]]:
    text = sample.text
    problems = []
    for i, name in enumerate(sample.tags):
        tag = TAGS_BY_NAME.get(name)
        if tag is None:
            problems.append((f"tags[{i}]", f"“{name}”不在专题表里，可选：{'、'.join(TAGS_BY_NAME)}"))
        elif not any(word in text for word in tag.indicators):
            problems.append((f"tags[{i}]", f"正文里找不到支持“{name}”的内容（如：{'、'.join(tag.indicators[:4])}）"))
    return problems
