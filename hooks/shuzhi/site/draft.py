"""The draft builder (起草): its page and the example data it browses.

Everything the writer does happens in the browser (assets/javascripts/draft/);
the build only provides:

- the 起草 page: an empty mount point carrying a small JSON config (types and their
  usual parts, kinds, topics, the placeholder pattern and the fill-in fields,
  all taken from the Python definitions so nothing is typed twice);
- the examples, per report type and section kind, as small script files under
  ``qicao/data/`` that the page loads when the writer opens a part:
  ``<type>/<kind>/meta.js`` holds one topic bitmask per example (filtering
  needs nothing else), and ``<type>/<kind>/<n>.js`` holds the text of
  ``CHUNK`` examples. A page of the browser shows ``CHUNK`` examples, so it
  fetches one chunk unfiltered and at most ``CHUNK`` filtered by topic.
  Script files rather than JSON because the offline build is opened from
  file://, where browsers refuse fetch() but run <script src>.

The buttons that feed a draft from sample pages and guides are in actions.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from shuzhi.library.load import Library
from shuzhi.library.model import (
    KINDS_BY_NAME, PLACEHOLDER_PATTERN, REPORT_TYPES, SECTION_KINDS, TAGS, Sample, section_length,
)
from shuzhi.site.actions import DRAFT_PAGE_NAME
from shuzhi.site.escape import html_attr
from shuzhi.site.fields import field_config
from shuzhi.site.guides import kinds_of_type
from shuzhi.site.markup import heading
from shuzhi.site.render import HtmlBody, TocItem
from shuzhi.site.urls import page_url, sample_uri, section_anchor

DRAFT_URI = "qicao/index.md"
DRAFT_TITLE = DRAFT_PAGE_NAME  # nav label (mkdocs.yml) and page title
PAGE_HEADING = "起草述职报告"
TITLE_ID = "title"
DATA_DIR = "qicao/data"
DATA_CALLBACK = "SzDraftData"  # what every data file calls; defined by draft/app.js
CHUNK = 10  # examples per data file, and per page of the example browser
MOUNT_ID = "sz-qicao"

# The title a new draft starts with, per report type (the writer can change it).
DRAFT_TITLES = {
    "村书记": "村党组织书记述职报告",
    "第一书记": "驻村第一书记述职报告",
    "驻村": "驻村工作队工作报告",
    "软弱涣散整顿": "软弱涣散村党组织整顿工作报告",
}
_TAG_BIT = {t.name: 1 << i for i, t in enumerate(TAGS)}


@dataclass(frozen=True)
class DataFile:
    path: str  # relative to the site root
    content: str


def draft_config(library: Library) -> dict:
    """What the 起草 page script needs to know, from the Python definitions."""
    counts: dict[str, dict[str, int]] = {t.slug: {} for t in REPORT_TYPES}
    for type_slug, kind_slug, examples in _groups(library):
        counts[type_slug][kind_slug] = len(examples)
    return {
        "types": [{"name": t.name, "slug": t.slug, "summary": t.summary, "title": DRAFT_TITLES[t.name],
                   "kinds": [KINDS_BY_NAME[k].slug for k in kinds_of_type(t.name)]} for t in REPORT_TYPES],
        "kinds": [{"name": k.name, "slug": k.slug, "label": k.label} for k in SECTION_KINDS],
        "tags": [t.name for t in TAGS],
        "placeholder": PLACEHOLDER_PATTERN.pattern,
        "fields": field_config(),
        "counts": counts,
        "chunk": CHUNK,
        "data": DATA_DIR + "/",
        "callback": DATA_CALLBACK,
    }


def draft_page_body(library: Library) -> HtmlBody:
    """The page body: a heading, what the tool does, and where the script mounts it."""
    # An attribute, not a <script type="application/json">: Material's instant
    # navigation re-runs the scripts of the page it swaps in as JavaScript,
    # and drops their type and id.
    config = html_attr(json.dumps(draft_config(library), ensure_ascii=False, separators=(",", ":")))
    page = "\n".join([
        heading(1, TITLE_ID, PAGE_HEADING),
        "<p>选好报告类型，按部分从范文里挑段落，在这里改成自己的内容，最后下载 Word 或复制全文。"
        "草稿只保存在这台设备的浏览器里，不会上传到任何地方。</p>",
        f'<div id="{MOUNT_ID}" class="sz-qicao" data-search-exclude="" data-config="{config}">',
        '<p class="sz-qicao__wait">正在打开起草工具……如果一直停在这里，请确认浏览器允许运行脚本。</p>',
        "</div>",
        "",
    ])
    return HtmlBody(DRAFT_TITLE, page, (TocItem(1, TITLE_ID, PAGE_HEADING),), frozenset({TITLE_ID, MOUNT_ID}))


def draft_data_files(library: Library) -> list[DataFile]:
    """The example data the 起草 page loads on demand, in a fixed order."""
    files = []
    for type_slug, kind_slug, examples in _groups(library):
        base = f"{DATA_DIR}/{type_slug}/{kind_slug}"
        masks = [sum(_TAG_BIT[t] for t in sample.tags) for sample, _ in examples]
        files.append(_data_file(f"{base}/meta.js", f"{type_slug}/{kind_slug}/meta",
                                {"count": len(examples), "tags": masks}))
        for n, start in enumerate(range(0, len(examples), CHUNK), start=1):
            chunk = [_example(sample, index) for sample, index in examples[start:start + CHUNK]]
            files.append(_data_file(f"{base}/{n}.js", f"{type_slug}/{kind_slug}/{n}", chunk))
    return files


def _groups(library: Library) -> list[tuple[str, str, list[tuple[Sample, int]]]]:
    """(type slug, kind slug, [(sample, 1-based section index)]) for every pair that has examples."""
    grouped: dict[tuple[str, str], list[tuple[Sample, int]]] = {}
    for sample in library.samples:
        for i, section in enumerate(sample.sections, start=1):
            key = (sample.report_type.slug, KINDS_BY_NAME[section.kind].slug)
            grouped.setdefault(key, []).append((sample, i))
    type_order = {t.slug: n for n, t in enumerate(REPORT_TYPES)}
    kind_order = {k.slug: n for n, k in enumerate(SECTION_KINDS)}
    keys = sorted(grouped, key=lambda tk: (type_order[tk[0]], kind_order[tk[1]]))
    return [(t, k, grouped[t, k]) for t, k in keys]


def _example(sample: Sample, index: int) -> dict:
    section = sample.sections[index - 1]
    return {
        "t": sample.title,
        "u": page_url(sample_uri(sample)) + "#" + section_anchor(index),  # from the site root
        "n": section_length(section),
        "h": section.heading,
        "p": list(section.paragraphs),
    }


def _data_file(path: str, key: str, data: object) -> DataFile:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return DataFile(path, f"{DATA_CALLBACK}({json.dumps(key)},{payload});\n")
