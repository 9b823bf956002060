"""The 下载 Word and 加入草稿 buttons on sample pages and guide examples.

Markup only: one small page script (overrides/assets/javascripts/draft/page.js)
handles every such button by event delegation, so they work after Material's
instant navigation too. The buttons carry ``UI_CLASS``: inside a copy target
they are hidden while Material copies, like the copy buttons.

The text itself is read from the page when the button is pressed (the copy
target's heading and paragraph blocks, see markup.py), so a sample page carries
no second copy of its text; only the source (type, kind, title, link) rides on
the button.
"""

from __future__ import annotations

from shuzhi.library.model import Sample
from shuzhi.site.escape import html_attr
from shuzhi.site.markup import UI_CLASS

WORD_LABEL = "下载 Word"
ADD_LABEL = "加入草稿"
DRAFT_PAGE_NAME = "起草"  # the draft page's name in the nav (shuzhi.site.draft)


def word_button(target_id: str) -> str:
    """下载 Word for a whole report whose copy target is ``target_id``."""
    return (f'<button type="button" class="sz-copy sz-word {UI_CLASS}" data-search-exclude="" '
            f'data-sz-word="#{target_id}" title="下载按公文格式排好版的 Word 文件（.docx）">{WORD_LABEL}</button>')


def draft_button(target_id: str, sample: Sample, index: int, link: str) -> str:
    """加入草稿 for section ``index`` (1-based) of ``sample``, whose copy target is
    ``target_id``; ``link`` leads to the section from the page the button is on."""
    kind = sample.sections[index - 1].kind
    return (f'<button type="button" class="sz-copy sz-add {UI_CLASS}" data-search-exclude="" '
            f'data-sz-draft="#{target_id}" data-kind="{html_attr(kind)}" data-type="{html_attr(sample.type)}" '
            f'data-title="{html_attr(sample.title)}" data-src="{html_attr(link)}" '
            f'title="把这一节加入“{DRAFT_PAGE_NAME}”页的草稿">{ADD_LABEL}</button>')
