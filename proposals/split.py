"""A whole 建议 or 议案 pasted in one piece, split into the parts the checker reads.

Deputies write in Word or WeChat and paste the lot: a title on the first line, then the text,
sometimes with headings (一、事由 / 二、原因 / 三、建议, 案由：…, 建议：…), often without. The
split is a first guess the deputy adjusts, so it follows what the text says about itself:

1. The first line is the title ("标题：" dropped).
2. A heading or a label at the start of a line (一、存在的问题, （二）原因分析, 建议：, 承办单位：,
   案据, 联名代表：) starts the part it names; "建议：" also counts after a full stop in the
   middle of a line, where pasting has run two paragraphs together.
3. Text under no heading is read sentence by sentence: the measures (方案 for a motion) start
   at the first sentence that turns to asking (因此建议…, 特恳请…, 请区政府…, 建议：…); before
   that, the problem is the opening and the causes start at the first sentence that gives a
   reason (由于…, 因为…, 导致…).

Every part of the genre is in the result, "" where the text has nothing for it. Pure Python, no
database: the draft page and `manage.py check_proposal` both use it.
"""

import re
from itertools import pairwise

from .checker import PARTS
from .checker.speech import split_remarks
from .reading import simplified

# Words a heading uses for each part, tried in this order; a heading is named by the word of
# it that comes first ("二、开通校车的必要性和建议" is causes: its 建议 comes after 必要性).
HEADING_WORDS = {
    "suggestion": (
        ("handler", ("承办单位", "办理单位", "主办单位", "交办单位", "承办部门", "建议承办")),
        ("causes", ("原因", "依据", "理由", "必要性", "根据", "分析", "案据")),
        ("measures", ("建议", "措施", "办法", "对策", "意见", "请求", "方案", "诉求")),
        ("problem", ("问题", "事由", "内容", "情况", "概况", "现状", "背景", "案由", "事实")),
    ),
    "motion": (
        ("cosigners", ("联名代表", "附议代表", "领衔代表", "提出人", "联名人", "附议人")),
        ("basis", ("案据", "依据", "理由", "必要性", "根据", "原因", "分析")),
        ("plan", ("方案", "建议", "措施", "办法", "请求", "意见")),
        ("reason", ("案由", "问题", "事由", "内容", "情况", "概况", "现状", "背景")),
    ),
    # An inspection's plan and report have no title line; text under no heading opens the
    # first part (`_split_headed`).
    "visit_plan": (
        ("participants", ("参加代表", "参加人员", "人员", "分工", "组织")),
        ("focus_questions", ("问题清单", "关注问题", "重点", "问题", "内容")),
        ("route", ("路线", "对象", "地点", "时间", "安排", "日程")),
        ("purpose", ("目的", "主题", "意义", "指导思想")),
    ),
    "visit_report": (
        ("recommendations", ("意见建议", "建议", "意见", "对策", "措施")),
        ("issues", ("发现的问题", "存在问题", "存在的问题", "问题", "不足")),
        ("overview", ("基本情况", "情况", "概况", "视察", "调研")),
    ),
}

# Numbering before a heading: 一、 （一） 1、 1. (1) 第一，
_NUMBER = (
    r"(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十0-9０-９]{1,3}[)）]"
    r"|[0-9０-９]{1,2}[、.．]|第[一二三四五六七八九十]{1,3}[、，,])"
)
# A heading alone on its line: short, no full stop inside ("二、分析原因，解决问题的必要性").
_HEADING_LINE = re.compile(rf"^\s*(?:{_NUMBER}\s*)?([^。！？；;：:]{{1,30}}?)\s*[：:]?\s*$")
# A label opening a line and followed by its text: "建议：1、…", "案由：…", "（二）原因：…".
_LABELLED_LINE = re.compile(rf"^\s*(?:{_NUMBER}\s*)?([^。！？；;，,：:]{{1,12}}?)\s*[：:]\s*(.*)$")
# "建议：" run into the previous paragraph, after a full stop.
_INLINE_LABEL = re.compile(r"(?<=[。！？])\s*(?=(?:具体)?建议(?:如下)?\s*[：:])")

# A sentence that turns to asking: its first clause, or a clause after a purpose clause
# (为确保……，请求区政府：), starts with one of these.
_ASKING = re.compile(
    rf"(?:^|[，,：:])\s*(?:{_NUMBER})?\s*(?:因此|为此|所以|故|鉴于此|据此|综上)?[，,]?\s*"
    r"(?:我们|本人|代表)?\s*(?:特|现)?(?:建议|提议|请求|恳请|恳求|请|要求|希望|呼吁|提出)"
)
# A clause that gives a reason.
_REASON = re.compile(r"由于|因为|原因|导致|造成|致使|以致|究其")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])")


def guess_genre(text: str) -> str | None:
    """ "motion" or "suggestion" when the title says which (…的议案 / …的建议), else None."""
    title = simplified(_title_and_body(text)[0])
    if re.search(r"议案\s*$", title):
        return "motion"
    if re.search(r"建议\s*$", title):
        return "suggestion"
    return None


def split_text(text: str, genre: str) -> dict[str, str]:
    """The genre's parts found in a whole pasted text; see the module's docstring."""
    if genre not in PARTS:
        raise ValueError(f"Unknown genre: {genre!r}")
    if genre == "deliberation":
        # A speech has no title; its sentences are sorted by their cues (checker.speech).
        return split_remarks(text)
    names = PARTS[genre]
    if "title" not in names:
        return _split_headed(text, genre)
    title, body = _title_and_body(text)
    found: dict[str, list[str]] = {name: [] for name in names}
    found["title"].append(title)
    unlabelled: list[str] = []
    current = None
    for line in _lines(body):
        part, rest = _heading(line, genre)
        if part:
            current = part
            if rest:
                found[part].append(rest)
            continue
        if current is None:
            unlabelled.append(line)
        else:
            found[current].append(line)
    if unlabelled:
        for part, lines in _by_sentences("\n".join(unlabelled), genre).items():
            # Text before the first heading comes first in its part.
            found[part][:0] = lines
    return {name: "\n".join(found[name]).strip() for name in names}


def _split_headed(text: str, genre: str) -> dict[str, str]:
    """A text with no title line, split at its headings; what comes before any heading is the
    first part's."""
    names = PARTS[genre]
    found: dict[str, list[str]] = {name: [] for name in names}
    current = names[0]
    plain = str(text or "").replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    for line in _lines(plain):
        part, rest = _heading(line, genre)
        if part:
            current = part
            if rest:
                found[part].append(rest)
            continue
        found[current].append(line)
    return {name: "\n".join(found[name]).strip() for name in names}


def _title_and_body(text: str) -> tuple[str, str]:
    text = str(text or "").replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.strip().split("\n")
    title = re.sub(r"^\s*(?:标题|题目|案名)\s*[：:]\s*", "", lines[0]).strip()
    return title, "\n".join(lines[1:])


def _lines(body: str) -> list[str]:
    """The body's non-blank lines, trimmed, with "建议：" run into a paragraph moved to a line
    of its own."""
    lines = []
    for line in body.split("\n"):
        cuts = [0, *(m.start() for m in _INLINE_LABEL.finditer(simplified(line))), len(line)]
        for start, end in pairwise(cuts):
            if line[start:end].strip():
                lines.append(line[start:end].strip())
    return lines


def _named(words: str, genre: str) -> str | None:
    """The part a heading's words name: the one whose word comes first in them."""
    best = None
    for part, keys in HEADING_WORDS[genre]:
        for key in keys:
            at = words.find(key)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, part)
    return best[1] if best else None


def _heading(line: str, genre: str) -> tuple[str | None, str]:
    """(part, text after the label) when the line is a heading or opens with a label. Read as
    Simplified (問題 is 问题), the text returned as written."""
    plain = simplified(line)
    match = _LABELLED_LINE.match(plain)
    if match:
        part = _named(match.group(1), genre)
        if part:
            return part, line[match.start(2) :].strip()
    match = _HEADING_LINE.match(plain)
    if match and _all_label(match.group(1), genre):
        part = _named(match.group(1), genre)
        if part:
            return part, ""
    return None, ""


_FILLER = re.compile(r"[的和与及或、，,\s]|解决问题|存在|主要|具体|几点|如下|相关|有关|基本|工作")


def _all_label(words: str, genre: str) -> bool:
    """Whether a short line is a heading ("二、开通校车的必要性和建议", "存在的问题") rather
    than a numbered sentence ("1、建议县交通局开通班车"): little is left of it once its
    heading words and filler are taken out."""
    rest = words
    for _part, keys in HEADING_WORDS[genre]:
        for key in keys:
            rest = rest.replace(key, "")
    return len(_FILLER.sub("", rest)) <= 4 and len(rest) < len(words)


def _by_sentences(text: str, genre: str) -> dict[str, list[str]]:
    """Unlabelled text split at the sentence that starts asking, and before it at the first
    that gives a reason."""
    first, second, third = PARTS[genre][1:4]
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    plain = [simplified(s) for s in sentences]
    asking = next((i for i, s in enumerate(plain) if _ASKING.search(s)), len(sentences))
    reason = next((i for i, s in enumerate(plain[:asking]) if _REASON.search(s)), asking)
    reason = max(reason, 1) if asking > 1 else asking
    return {
        first: ["".join(sentences[:reason]).strip()],
        second: ["".join(sentences[reason:asking]).strip()],
        third: ["".join(sentences[asking:]).strip()],
    }
