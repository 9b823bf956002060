"""Unit tests of hooks/shuzhi/site/escape.py: sample text must render literally,
and placeholders must be found but kept."""

import html
import random
import re

import markdown
import pytest

from shuzhi.site.escape import PLACEHOLDER_CLASS, html_marked, placeholder_spans

HOSTILE = [
    "<script>alert(1)</script>",
    "**粗体** __粗体__ *斜体* `代码` ~~删除~~",
    "# 标题",
    "1. 列表",
    "- 列表",
    "> 引用",
    "| 表 | 格 |",
    "{{ config.site_name }} {% raw %} {#- x -#}",
    "[链接](https://example.com) ![图](a.png) <https://example.com>",
    "&amp; &lt; &#42; \\* 结尾\\",
    "标题 {#evil .cls}",
    "    缩进四格",
    "第一行\n# 第二行\n\t制表",
]


def render(source: str) -> str:
    """Render as a guide page does: report text in a raw HTML block of a Markdown page."""
    return markdown.markdown(source, extensions=["attr_list", "md_in_html", "tables", "admonition"])


def without_placeholder_spans(rendered: str) -> str:
    return re.sub(rf'<span class="{PLACEHOLDER_CLASS}" title="[^"]*">|</span>', "", rendered)


@pytest.mark.parametrize("text", HOSTILE)
def test_html_marked_renders_exactly_the_text(text):
    rendered = render(f'<div class="sz-p">{html_marked(text)}</div>')
    body = without_placeholder_spans(rendered)
    # Only the line's own div is markup; everything else is the original text.
    assert re.fullmatch(r'<div class="sz-p">[^<>]*</div>', body, flags=re.S), rendered
    assert html.unescape(body[len('<div class="sz-p">'):-len("</div>")]) == text


def test_html_marked_wraps_placeholders_and_keeps_text():
    text = "我是XX村党支部书记___，20xx年以来……<b>"
    rendered = render(f"<div>{html_marked(text)}</div>")
    assert rendered.count(f'class="{PLACEHOLDER_CLASS}"') == 3
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == text
    assert "<b>" not in rendered


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("___同志", ["___"]),
        ("＿＿村", ["＿＿"]),
        ("XXXX年XX月", ["XXXX", "XX"]),
        ("20xx年度", ["20xx"]),
        ("xx村", ["xx"]),
        ("增收××万元", ["××"]),
        ("某某同志在某村", ["某某", "某"]),
        ("ＸＸ乡", ["ＸＸ"]),
        # ordinary words and ASCII words are not fill-in spots
        ("某些问题、某种程度、某一方面、某方面", []),
        ("Linux 与 Xbox 与 site_name", []),
        ("3×4", []),
    ],
)
def test_placeholder_spans(text, marked):
    spans = placeholder_spans(text)
    assert "".join(piece for piece, _ in spans) == text
    assert [piece for piece, is_placeholder in spans if is_placeholder] == marked


def _marked_piece_by_piece(text: str) -> str:
    """The plain definition: split at placeholders, escape each piece, wrap the placeholders."""
    out = []
    for piece, is_placeholder in placeholder_spans(text):
        literal = html.escape(piece, quote=False).translate({9: "&#9;", 10: "&#10;", 13: "&#13;"})
        out.append(f'<span class="sz-fill" title="待填写">{literal}</span>' if is_placeholder else literal)
    return "".join(out)


def test_html_marked_equals_marking_piece_by_piece():
    # Every character the placeholder pattern or the escaping cares about, in random strings.
    alphabet = "_＿0129XxaZ×Ｘｘ某些种一方面&<>\"'\t\n\r;# 村。"
    rng = random.Random(20261126)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(30_000)]
    texts += ["\nXX", "&XX", "<1XX>", "XX&", "\t12xx\r", "某<", "某\n些", "&#10;XX", "a\nXXb"]
    for text in texts:
        assert html_marked(text) == _marked_piece_by_piece(text), repr(text)
