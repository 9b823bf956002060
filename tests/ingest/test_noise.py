"""Unit tests of hooks/shuzhi/ingest/noise.py: furniture and chatter recognised by
what they are. The furniture examples here are phrased unlike the seed page and
the site-style test pages, so the rules must generalise; the report text they
must leave alone is the whole curated library."""

import re

import pytest
import yaml

from helpers import FIXTURE_LIBRARY, REAL_LIBRARY, ROOT
from shuzhi.ingest.noise import (
    DECORATION, DOWNLOAD, NAVIGATION, NOTICE, READ_MORE, SITE_TALK, SOCIAL, STATISTICS,
    find_chatter, is_list_heading, line_verdict, list_item,
)

SEED = ROOT / "library" / "raw" / "000_d96eefaaa6001d91.txt"
# Lines of the seed page that are furniture; everything else is report text or chatter.
SEED_FURNITURE = {3, 265, 266, 267, 421, 422}


def kind(text: str) -> str | None:
    verdict = line_verdict(text)
    return verdict.rule.split("·")[1] if verdict and verdict.sure else None


@pytest.mark.parametrize(
    "line, expected",
    [
        # download, login, membership, payment
        ("免费下载本文档", DOWNLOAD), ("登录后即可下载完整版", DOWNLOAD), ("开通VIP，全站文档免费看", DOWNLOAD),
        ("下载券 2 张", DOWNLOAD), ("￥3.00 付费下载", DOWNLOAD), ("本篇为会员专享内容", DOWNLOAD),
        ("立即下载Word版", DOWNLOAD), ("登录", DOWNLOAD),
        # read-more prompts and page counters
        ("阅读全文", READ_MORE), ("展开剩余85%", READ_MORE), ("查看更多>>", READ_MORE), ("第2页 共7页", READ_MORE),
        ("2/5", READ_MORE), ("— 4 —", READ_MORE), ("余下全文", READ_MORE),
        # notices
        ("版权声明：本文为博主原创文章", NOTICE), ("文章转自网络，若有侵权请告知", NOTICE),
        ("本文仅代表作者观点，与本网无关", NOTICE), ("资料收集于网络，不保证准确", NOTICE),
        # statistics and uploader information
        ("浏览量：12,304", STATISTICS), ("8.6万次阅读 · 312人收藏", STATISTICS),
        ("贡献者：山村书记 | 文件大小：1.2MB", STATISTICS), ("发布时间：2022-08-01 作者：张三", STATISTICS),
        ("字数：3580", STATISTICS),
        # navigation and social prompts
        ("您的位置：首页 > 党建 > 述职", NAVIGATION), ("返回列表", NAVIGATION), ("主页 » 范文 » 述职报告", NAVIGATION),
        ("长按二维码关注", SOCIAL), ("分享到：微信 微博 QQ空间", SOCIAL), ("设为星标，不错过每篇干货", SOCIAL),
        # the site about itself, and lines of nothing but symbols
        ("本站每日更新最新范文", SITE_TALK), ("★ ★ ★", DECORATION), ("=====", DECORATION), ("(完)", None),
    ],
)
def test_furniture_kinds(line, expected):
    assert kind(line) == expected


def _library_texts() -> list[str]:
    """Every title, heading and paragraph of the curated library (and the test
    library, minus its deliberately hostile sample), and each sentence of them,
    since a scraped page often puts every sentence on its own line."""
    texts = []
    for path in [*REAL_LIBRARY.glob("*.yml"), *FIXTURE_LIBRARY.glob("*.yml")]:
        if "hostile" in path.name:
            continue
        sample = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts.append(sample["title"])
        for section in sample["sections"]:
            texts += [section["heading"], *section["paragraphs"]]
    sentences = [s for t in texts for s in re.split(r"(?<=[。！？])", t) if s.strip()]
    return [t for t in texts + sentences if t.strip()]


def test_report_text_is_never_furniture_list_or_chatter():
    texts = _library_texts()
    assert len(texts) > 1000
    for text in texts:
        verdict = line_verdict(text)
        assert verdict is None or not verdict.sure, (text, verdict)
        assert not is_list_heading(text), text
        assert find_chatter(text) is None, text


def test_seed_report_lines_are_not_furniture():
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines, start=1):
        verdict = line_verdict(line)
        if number in SEED_FURNITURE:
            assert (verdict and verdict.sure) or is_list_heading(line), line
        else:
            assert verdict is None, (number, line, verdict)


@pytest.mark.parametrize(
    "line",
    ["村里开通了网上办事平台，群众在家就能下载各类申请表格，全年办理低保、医保等事项___件。",
     "针对群众反映的侵犯集体利益问题，村“两委”在微信平台公开了处理结果，党员群众普遍认可。"],
)
def test_report_sentence_with_a_site_word_is_kept_but_doubted(line):
    verdict = line_verdict(line)
    assert verdict is not None and not verdict.sure
    assert verdict.why


@pytest.mark.parametrize(
    "text",
    ["本文为大家精选了五篇村干部述职报告。", "今天和大家分享几篇写得不错的范文。", "小编收集了一些资料，供您参考。",
     "觉得有用就转发给有需要的朋友吧。", "干货满满，建议收藏！", "希望这篇范文对你有所帮助。",
     "祝您写作顺利！", "以上就是小编为大家带来的全部内容。", "更多精彩范文，欢迎关注我们。",
     "述职报告一般由标题、称谓、正文和落款四部分组成。"],
)
def test_chatter_introducing_offering_wishing(text):
    m = find_chatter(text)
    assert m is not None, text


@pytest.mark.parametrize(
    "text",
    ["以上就是我的述职报告，请予评议。", "希望各位领导和同志们批评指正。", "现将我驻村一年来的工作向大家作个汇报。",
     "坚持为大家办实事、办好事。", "离不开乡亲们的理解与付出。", "村民可以用积分兑换洗衣粉、毛巾等日用品。",
     "以合作社为平台把农户联起来。", "经党员推荐、支委会研究，确定入党积极分子。"],
)
def test_report_sentences_are_not_chatter(text):
    assert find_chatter(text) is None
    verdict = line_verdict(text)
    assert verdict is None or not verdict.sure


@pytest.mark.parametrize("line", ["相关推荐", "猜你喜欢：", "【热门文档】", "往期推荐 ↓", "大家都在看", "延伸阅读", "看了本文的人还看了", "你可能感兴趣的"])
def test_list_headings(line):
    assert is_list_heading(line)


@pytest.mark.parametrize("line", ["一、相关工作推进情况", "推荐优秀党员", "其他工作", "相关文档已经归档。"])
def test_report_lines_are_not_list_headings(line):
    assert not is_list_heading(line)


def test_list_items():
    assert list_item("▪ 村党支部书记述职报告范文（精选7篇）").bulleted
    assert list_item("3. 第一书记驻村工作心得体会 2023-05-06").text == "第一书记驻村工作心得体会"
    assert not list_item("村两委换届工作总结").bulleted
    for line in ["一、学习情况", "各位领导，同志们：", "多方筹措资金修筑了一座便民桥。", "下面是小编整理的范文"]:
        assert list_item(line) is None, line
