"""Recognise what on a scraped page is not report text, by what it is.

Document sites wrap reports in their own furniture (download, login, 会员 and
付费 prompts; read-more prompts and page counters; recommendation lists;
uploader and copyright notices; view and download counts; navigation; share
and follow buttons) and in editor chatter (the site introducing, offering,
wishing). No rule here lists one site's sentences: each kind is a small
vocabulary of what such a line is about, combined with the line's shape
(short, no sentence of its own, numbers next to 下载/浏览/阅读).

Report text talks about a village and its work. A line that has a kind's
vocabulary but also reads like a report is not dropped: its verdict is
unsure, and the ingest keeps it and flags it 存疑 for the curator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RULE_FURNITURE = "平台内容"
RULE_CHATTER = "编者话术"
RULE_STRAY = "杂散符号"

# Kinds of furniture, printed after the rule name (平台内容·推荐列表).
DOWNLOAD = "下载与会员提示"
READ_MORE = "阅读提示与页码"
LISTING = "推荐列表"
NOTICE = "版权与免责声明"
STATISTICS = "浏览下载统计与上传信息"
NAVIGATION = "导航"
SOCIAL = "分享与关注"
SITE_TALK = "网站自述"
DECORATION = "装饰符号行"


@dataclass(frozen=True)
class Verdict:
    rule: str  # e.g. 平台内容·推荐列表
    sure: bool  # False: keep the line, flag it 存疑
    why: str


def furniture(kind: str, why: str, sure: bool = True) -> Verdict:
    return Verdict(f"{RULE_FURNITURE}·{kind}", sure, why)


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_DECORATION = re.compile(r"[\s\-—–_=~*#·•↓↑←→⇩⇧▼▲▽△►◄★☆◆◇■□●○✦※…．.+|/\\^`'<>《》〈〉【】\[\]]+")

# What a village report is about; a line full of these is report text even
# if it also has a site word (开通了便民服务平台, 合作社会员, 积分超市).
REPORT_WORDS = re.compile(
    r"村|党|群众|干部|书记|支部|乡|镇|县|扶贫|脱贫|贫困|集体|班子|组织|农|户|产业|发展|建设|治理|服务|项目|资金|整顿"
)

# --- download, login, membership and payment prompts --------------------------

# Getting a document: 下载/登录/付费 next to what a site sells or how it sells it.
_GET = r"下载|登录|登陆|注册|充值|付费"
_GET_WHAT = (
    r"会员|VIP|vip|文档|全文|完整版|原文|本文|本篇|此篇|该篇|积分|下载券|金币|阅读券|特权|免费|立即|马上|一键|点击"
    r"|[¥￥]|word|Word|WORD|doc|DOC|docx|DOCX|pdf|PDF|可编辑|电子版|到电脑|到手机"
)
# Paying for it: 开通/购买/解锁 next to what only a site sells.
_PAY = r"开通|升级|购买|支付|解锁|成为"
_PAY_WHAT = r"会员|VIP|vip|下载券|金币|特权|全文|文档|本文|阅读券"
_GATE = re.compile(
    rf"(?:{_GET})[^。！？]{{0,12}}?(?:{_GET_WHAT})|(?:{_GET_WHAT})[^。！？]{{0,12}}?(?:{_GET})"
    rf"|(?:{_PAY})[^。！？]{{0,6}}?(?:{_PAY_WHAT})|(?:会员|VIP|vip)[^。！？]{{0,6}}(?:专享|免费|特权|尊享|包月|包年|年费|折)"
)
_GATE_WORD = re.compile(r"下载|登录|登陆|付费")

# --- read-more prompts, page counters, navigation ----------------------------

_READ_MORE = re.compile(
    r"(?:点击|展开|查看|阅读|继续阅读|显示|加载)(?:全文|更多|剩余|余下)|全文阅读|余下全文|阅读全文"
    r"|剩余[^。，！？]{0,6}(?:页|字|未读)|还剩[^。，！？]{0,6}(?:页|字|未读)|未读完"
    r"|本文共\s*\d+\s*页|共\s*\d+\s*页|第\s*\d+\s*页|\d+\s*/\s*\d+\s*页|当前(?:为|显示)?第|[>》»]{2}"
)
_PAGE_NUMBER = re.compile(r"^[\s\-—–~·]*(?:第\s*)?\d{1,4}(?:\s*页)?[\s\-—–~·]*$|^\d{1,4}\s*/\s*\d{1,4}$")
_BREADCRUMB = re.compile(r"(?:[^<>＞»›]{1,16}[>＞»›]){2,}[^<>＞»›]{0,30}")
_NAVIGATION = re.compile(
    r"^(?:上一篇|下一篇|上一页|下一页|返回首页|返回列表|返回顶部|回到顶部|首页|尾页|末页)(?:[:：\s]|$)"
    r"|^(?:当前位置|您的位置|你的位置|所在位置|位置)[:：]|^(?:首页|主页)\s*[>＞»›/→]"
)

# --- copyright and uploader notices -------------------------------------------

# Phrases that only a site's notice uses.
_NOTICE = re.compile(
    r"版权归|版权所有|版权声明|免责声明|如有侵权|若有侵权|侵权(?:请|必)?(?:联系|删)|联系[^。！？]{0,8}删除"
    r"|(?:来源|来自|转自|摘自|选自|收集)于?(?:网络|互联网)|网络(?:来源|收集|整理)|转载请?注明|不代表本站|仅代表作者"
    r"|信息存储空间|原作者所有|(?:请|可)联系(?:我们|本站|客服|管理员|站长)|不承担[^。！？]{0,8}责任|文责自负"
    r"|内容由[^。！？]{0,8}(?:用户|网友)|(?:用户|网友)(?:上传|投稿|发布|自发)|申请退款|人工客服|平台不提供"
)
# A weaker word (侵犯, 声明, 举报) next to a word about the site: unsure, a
# report may speak of a 举报平台.
_NOTICE_WEAK = re.compile(r"侵犯|侵权|版权|声明|举报|甄别|退款")
_SITE = re.compile(r"本站|本网|网站|平台|文档|本文|作者|用户|上传|客服|网络|互联网|邮箱|邮件|@")

# --- statistics and uploader information --------------------------------------

_COUNTED = r"浏览|阅读|下载|点赞|收藏|评论|在看|分享|转发|热度|人气|访问|播放|评价|赞|人评"
# Labels only a site gives a document; one such field makes a line furniture.
_SITE_LABEL = (
    r"(?:浏览|阅读|下载|点赞|收藏|评论|分享|热度|人气|访问)(?:量|次数|数|人数)?|字数|页数|文档大小|文件大小|大小"
    r"|格式|文档格式|文件格式|文档页数|文档类型|上传(?:者|人|时间|用户|日期)?|贡献者|评分|价格|售价|投稿人?"
)
# Labels a report could also use (时间：); they need a second field or a date.
_PLAIN_LABEL = r"作者|发布(?:者|人|时间|日期)?|更新(?:时间|日期)?|时间|日期|来源|分类|栏目|标签|关键词|责任编辑|编辑|类别|所属分类"
_FIELD_VALUE = r"\s*[:：]\s*[^\s|｜/，。：:]{1,24}"
_SITE_FIELD = re.compile(
    rf"(?:{_SITE_LABEL}){_FIELD_VALUE}"
    rf"|\d[\d,.]*\s*[万千kKwW]?\+?\s*(?:次|人|个|条)?\s*(?:{_COUNTED})"
    rf"|(?:{_COUNTED})\s*[(（:：]?\s*\d[\d,.]*\s*[万千kKwW]?\+?\s*(?:次|人)?[)）]?"
    r"|[★☆]{2,}\s*(?:\d(?:\.\d)?\s*分)?"
)
_PLAIN_FIELD = re.compile(rf"(?:{_PLAIN_LABEL}){_FIELD_VALUE}")
_DATE_TIME = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
_CLOCK = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}")
_FIELD_GLUE = re.compile(r"[\s|｜/·•,，、:：()（）\[\]【】\d.\-—]+")

# --- share and follow buttons --------------------------------------------------

# 扫码 alone is report text too (扫码查看村务公开): it needs what a site asks for.
_SOCIAL = re.compile(
    r"分享到|(?:扫码|扫一扫|长按|识别)[^。！？]{0,6}?(?:关注|二维码|公众号|加入|下载|领取|添加|小程序)"
    r"|关注(?:我们|本号|本站|作者)|点(?:个)?在看|点赞(?:关注|收藏|转发|支持)|点击上方|点击下方|蓝字|星标|置顶公众号"
)

# --- the site talking about itself --------------------------------------------

_SITE_SELF = re.compile(r"本站|本网站|本平台|本文档|本文库|此文档|该文档|文档由|网友投稿|用户投稿|投稿邮箱")

# --- editor chatter: the site or its editor introducing, offering, wishing ---

_READER = r"(?:大家|您|你们?|读者|朋友们?|网友|小伙伴们?|各位读者|同学们?)"
_DOCUMENT = r"(?:范文|文章|内容|资料|几篇|\d+篇|[一二三四五六七八九十两]+篇|合集|模板|例文|样本|述职报告)"
CHATTER_MARKERS = re.compile(
    r"小编|编辑整理|仅供(?:参考|学习|借鉴|交流|阅读)"
    rf"|供{_READER}(?:参考|借鉴|学习|阅读|使用)"
    # introducing: 下面是（本站为大家）整理的……范文
    rf"|(?:下面|以下|这里|本文|今天|接下来|这篇|这几篇)(?:是|为|给|就|和|我们|小编|本站)?[^。！？!?]{{0,30}}?"
    rf"(?:整理|收集|搜集|精选|挑选|汇编|带来|分享|推荐|准备|奉上){'[^。！？!?]{0,30}?'}(?:{_DOCUMENT}|{_READER})"
    r"|(?:下面|以下)是[^。！？!?]{0,40}?(?:整理|收集|分享|为大家|为您|为你)"
    # explaining the genre to the reader: 述职报告是……, 写好述职报告要……
    r"|(?<![^。！？!?\s])(?:一篇好的|好的|写好|写一篇|怎样写好?|如何写好?)?述职报告[，,]?(?:是|一般|通常|主要|既要|要|应该?|的写作|怎么写)"
    # offering
    rf"|分享给(?:有需要的|{_READER}|更多)|有需要的(?:朋友|小伙伴|同学|网友|读者|人)"
    r"|欢迎(?:借鉴|阅读|参考|收藏|下载|分享|转发|关注|浏览|点赞)"
    r"|(?:建议|赶紧|记得|值得|先|快)收藏|收藏(?:备用|起来|一下|再看|本站|本文)|拿走不谢|码住"
    r"|小伙伴|一起(?:来)?(?:看看|学习一下|了解一下)吧|快来看看|来看看吧|请看下文"
    # wishing
    rf"|希望(?:能够|能|可以)?(?:对|帮助到|帮到|给)(?:大家|您|你)"
    rf"|希望[^。！？!?]{{0,12}}?(?:对|给|帮助到|帮到|为){_READER}[^。！？!?]{{0,10}}?"
    r"(?:有用|帮助|启发|参考|借鉴|喜欢|有益|收获|用处)"
    r"|希望(?:本文|这篇|这些|以上|此文|文章|范文|这几篇)[^。！？!?]{0,16}?(?:有用|帮助|参考|借鉴|启发)"
    rf"|祝(?:您|你|各位读者|小伙伴){'[^。！？!?]{0,16}'}"
    # signing off
    rf"|以上(?:就)?是[^。！？!?]{{0,12}}?(?:小编|本站|为{_READER}|给{_READER})"
    r"|以上就是[^。！？!?]{0,20}?的全部内容"
    r"|更多[^。！？!?]{0,20}?(?:请|敬请|欢迎)?(?:关注|访问|点击|搜索)"
)
CLAUSE_END = "。！!？?"
_CLAUSE_END = re.compile(r"[。！!？?]")


def find_chatter(text: str, pos: int = 0) -> re.Match | None:
    return CHATTER_MARKERS.search(text, pos)


def chatter_clause_end(text: str, start: int) -> int:
    """Index just past the clause (up to 。！？) that contains position ``start``."""
    m = _CLAUSE_END.search(text, start)
    return m.end() if m else len(text)


def chatter_clause_start(text: str, at: int, floor: int = 0) -> int:
    """Index where the clause holding position ``at`` begins (not before ``floor``)."""
    return max(text.rfind(ch, floor, at) for ch in CLAUSE_END) + 1 or floor


# --- one line --------------------------------------------------------------------


def _han(text: str) -> int:
    return len(_HAN.findall(text))


def reads_like_report(text: str) -> bool:
    """A long sentence about village work, not a line of site furniture."""
    return _han(text) >= 24 and len(set(REPORT_WORDS.findall(text))) >= 3


def line_verdict(text: str) -> Verdict | None:
    """What kind of furniture a whole line is, or None for report text (and for
    chatter, which find_chatter removes clause by clause)."""
    text = text.strip()
    if not text:
        return None
    unsure = None
    for check in (_decoration, _statistics, _navigation, _read_more, _gate, _notice, _social, _site_talk):
        verdict = check(text)
        if verdict is None:
            continue
        if verdict.sure and reads_like_report(text):
            verdict = Verdict(verdict.rule, False, verdict.why + "，但读起来像正文")
        if verdict.sure:
            return verdict
        unsure = unsure or verdict
    return unsure


def _decoration(text: str) -> Verdict | None:
    # Only arrows, rules, stars and dots (↓↓↓, ——, ***); a lone closing quote
    # is report text the scraper broke off, so quotes are not decoration.
    if len(text) <= 30 and _DECORATION.fullmatch(text):
        return Verdict(f"{RULE_STRAY}·{DECORATION}", True, "整行只有符号")
    if re.fullmatch(r"[\W_]*(?:END|End|end|全文完|正文完)[\W_]*", text):
        return Verdict(f"{RULE_STRAY}·{DECORATION}", True, "结束标记")
    return None


def _statistics(text: str) -> Verdict | None:
    if len(text) > 120 or _SENTENCE_END.search(text):
        return None
    site = _SITE_FIELD.findall(text)
    plain = _PLAIN_FIELD.findall(text)
    dated = _DATE_TIME.search(text)
    if not (site or plain or _CLOCK.search(text)):
        return None
    rest = _PLAIN_FIELD.sub(" ", _SITE_FIELD.sub(" ", _DATE_TIME.sub(" ", text)))
    residue = _han(_FIELD_GLUE.sub("", rest))
    if site and residue <= 4:
        return furniture(STATISTICS, "浏览、下载、字数等统计")
    if (len(site) + len(plain) >= 2 or _CLOCK.search(text) or (plain and dated)) and residue <= 12:
        return furniture(STATISTICS, "作者、上传者、发布时间等字段")
    return None


def _navigation(text: str) -> Verdict | None:
    if len(text) > 80 or _SENTENCE_END.search(text):
        return None
    if _NAVIGATION.search(text):
        return furniture(NAVIGATION, "翻页、上下篇或当前位置")
    if _BREADCRUMB.fullmatch(text) and _HAN.search(text):
        return furniture(NAVIGATION, "面包屑导航")
    return None


def _read_more(text: str) -> Verdict | None:
    if _PAGE_NUMBER.match(text):
        return furniture(READ_MORE, "页码")
    if m := _READ_MORE.search(text):
        if not _SENTENCE_END.search(text) or _han(_READ_MORE.sub("", text)) <= 6:
            return furniture(READ_MORE, "“查看全文”类提示或页码")
        return furniture(READ_MORE, f"含“{m.group(0)}”", sure=False)
    return None


def _gate(text: str) -> Verdict | None:
    if _GATE.search(text):
        return furniture(DOWNLOAD, "下载、登录、会员或付费提示")
    if m := _GATE_WORD.search(text):
        if _han(text) <= 12 and not _SENTENCE_END.search(text):
            return furniture(DOWNLOAD, "短行，只是下载或登录入口")
        return furniture(DOWNLOAD, f"含“{m.group(0)}”", sure=False)
    return None


def _notice(text: str) -> Verdict | None:
    if _NOTICE.search(text):
        return furniture(NOTICE, "版权、侵权或免责声明")
    if (weak := _NOTICE_WEAK.search(text)) and (site := _SITE.search(text)):
        return furniture(NOTICE, f"含“{weak.group(0)}”和“{site.group(0)}”，像声明", sure=False)
    return None


def _social(text: str) -> Verdict | None:
    if m := _SOCIAL.search(text):
        return furniture(SOCIAL, f"“{m.group(0)}”类分享、关注提示")
    return None


def _site_talk(text: str) -> Verdict | None:
    # 以下是本站为大家整理的……: chatter, taken out clause by clause instead.
    if (m := _SITE_SELF.search(text)) and not find_chatter(text):
        return furniture(SITE_TALK, f"网站在说自己（“{m.group(0)}”）")
    return None


# --- recommendation lists ----------------------------------------------------------

_LIST_HEAD = re.compile(
    r"(?:相关|推荐|热门|最新|猜你|猜您|延伸|往期|精彩|热点|本类|同类|相似|热搜|编辑|大家都在|其他|其它|更多|最近|人气)"
    r"[^，。！？]{0,6}?(?:推荐|阅读|文档|文章|范文|喜欢|资料|排行|专题|内容|看|搜索|下载|链接|话题|栏目|热文)"
    r"|(?:看了|读了)[^，。！？]{0,6}?(?:还看了|也看了|还喜欢|也喜欢)|[^，。！？]{0,6}感兴趣[^，。！？]{0,4}"
)
_LIST_DECORATION = re.compile(r"[\s:：【】\[\]<>《》〈〉()（）▼▲↓↑→←»«>|｜★☆✦◆◇■□●○•·\-—_=~*#]+")
_BULLET = re.compile(r"^(?:\d{1,2}[.、．)）]|[\[【(（]\d{1,2}[\]】)）]|[▪•·●○◆◇■□►▶→»\-*✦▸◦‣]+)\s*")
_LIST_DATE = re.compile(r"\s*(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})\s*$")
_REPORT_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）])")


def is_list_heading(text: str) -> bool:
    """相关推荐, 猜你喜欢, 往期推荐：… — the head of a site's list of other documents."""
    core = _LIST_DECORATION.sub("", text)
    if not 2 <= len(core) <= 12 or _SENTENCE_END.search(text) or _REPORT_NUMBERING.match(text):
        return False
    m = _LIST_HEAD.search(core)
    return m is not None and len(core) - len(m.group(0)) <= 2


@dataclass(frozen=True)
class ListItem:
    bulleted: bool
    text: str  # without bullet and trailing date


def list_item(text: str) -> ListItem | None:
    """A line that could be an entry of a recommendation list: a short title-like
    line, maybe bulleted or numbered, maybe ending in a date."""
    bullet = _BULLET.match(text)
    core = text[bullet.end():] if bullet else text
    core = _LIST_DATE.sub("", core).strip()
    if not (2 <= len(core) <= 60) or not _HAN.search(core) or re.search(r"[。；;]", core):
        return None
    if _REPORT_NUMBERING.match(core) or core.endswith(("：", ":", "，", ",")) or find_chatter(core):
        return None
    return ListItem(bool(bullet), core)


def dated_title(text: str) -> bool:
    """A title with a date after it (村书记述职报告 2023-05-06): a list entry."""
    return bool(_LIST_DATE.search(text)) and bool(re.search(r"报告|总结|范文", text)) and not _SENTENCE_END.search(text)
