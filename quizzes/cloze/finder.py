"""Finding the facts a law states in numbers: head counts (三十名以上的代表联名), periods and
deadlines (三个月内), shares (三分之二以上, 过半数), ages (十八周岁), terms (每届任期五年) and
counts of times (两次不出席), each in the clause that says it and with the article it is in.

Plain regular expressions over these few kinds, not word segmentation: every kind is a numeral
next to a closed set of units, which a pattern states exactly and a test pins down. jieba cuts
三个月内 into 三个 / 月 / 内 and 三分之二 into 三分之二 or 三 / 分之二 depending on its dictionary,
so its tokens would have to be glued back into the same patterns, for nothing gained.
"""

import re
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Prefetch

from materials.lawlines import chinese_number
from materials.models import Article, ArticlePart

NUMBER = r"(?:[零〇一二两三四五六七八九十百千]+|\d+)"
# Longest stem a phone shows on five or six lines (about 18 characters a line at 390 px): a
# longer sentence is cut to its clauses around the blank, and one whose clause alone is longer
# is left out. 80 cut 在本级人民代表大会闭会期间 off a rule that only holds then.
MAX_STEM = 100
# Shorter than this (the blank aside), a clause says too little to be answered without the law.
MIN_CONTEXT = 8
SENTENCE_END = "。；！？"
CLAUSE_END = re.compile(r"[；;，,：:]$")


class Kind:
    HEADCOUNT = "headcount"
    PERIOD = "period"
    SHARE = "share"
    AGE = "age"
    TERM = "term"
    TIMES = "times"


# (kind, pattern): the pattern's group "number" is what a fill-in blank hides, and the whole
# match (the number with its unit) what a choice asks for. Earlier kinds win where two overlap
# (任期五年 is a term, not a period).
PATTERNS = [
    (Kind.TERM, re.compile(rf"(?<=任期)(?P<number>{NUMBER})(?P<unit>年)")),
    (Kind.AGE, re.compile(rf"(?P<number>{NUMBER})(?P<unit>周岁)")),
    (
        Kind.SHARE,
        re.compile(rf"(?P<number>{NUMBER}分之{NUMBER}|过半数|(?<!过)半数)(?P<unit>)"),
    ),
    (
        Kind.HEADCOUNT,
        re.compile(rf"(?P<number>{NUMBER})(?P<unit>[名人])(?=以上|以下|以内|的?代表|联名)"),
    ),
    (
        Kind.PERIOD,
        # Not 一九九二年十月, 年级, 年度, 年代.
        re.compile(rf"(?P<number>{NUMBER})(?P<unit>个月|日|天|年|周|小时)(?![月级度代])"),
    ),
    (Kind.TIMES, re.compile(rf"(?P<number>{NUMBER})(?P<unit>次)(?!性|会议)")),
]
# A number read as an order (第一次会议, 下一次), part of a date (2016年5月27日) or a year.
NOT_A_QUANTITY_BEFORE = "第下上再同这该此本月"


@dataclass(frozen=True)
class Fact:
    """One quantity in one clause of an article."""

    article_number: int
    kind: str
    unit: str
    number: str  # as the law writes it: 三, 30, 三分之二, 过半数
    clause: str  # the clause as a stem shows it, the quantity in place
    start: int  # where the number starts in the clause
    end: int  # where the unit ends

    @property
    def quantity(self) -> str:
        return self.clause[self.start : self.end]

    @property
    def number_end(self) -> int:
        return self.start + len(self.number)

    @property
    def value(self):
        return quantity_value(self.kind, self.number)


def quantity_value(kind: str, number: str):
    """What a number means, to compare values of one kind: an int, or a Fraction for a share."""
    if kind == Kind.SHARE:
        if number == "过半数":
            return Fraction(1, 2) + Fraction(1, 1000)
        if number == "半数":
            return Fraction(1, 2)
        below, above = number.split("分之")
        return Fraction(chinese_number(above), chinese_number(below))
    return chinese_number(number)


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each with its closing mark."""
    found, current = [], ""
    for char in text:
        current += char
        if char in SENTENCE_END:
            found.append(current)
            current = ""
    if current.strip():
        found.append(current)
    return [s.strip() for s in found if s.strip()]


def _quantities(sentence: str):
    """(kind, unit, number, start, end) of each quantity, left to right, none overlapping."""
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = match.start("number"), match.end()
            if any(start < b and a < end for a, b in taken):
                continue
            if start and sentence[start - 1] in NOT_A_QUANTITY_BEFORE:
                continue
            number = match.group("number")
            if number.isdigit() and int(number) >= 1000:
                continue  # a year
            if match.group("unit") == "年" and re.match(
                r"\d+月|[一二三四五六七八九十]+月", sentence[end:]
            ):
                continue  # a date
            if kind != Kind.SHARE:
                try:
                    chinese_number(number)
                except ValueError:
                    continue
            taken.append((start, end))
            found.append((kind, match.group("unit"), number, start, end))
    return sorted(found, key=lambda q: q[3])


def _cut(sentence: str, start: int, end: int) -> tuple[str, int] | None:
    """The sentence, or its clauses around [start, end) if it is longer than a phone's stem:
    the cut text and how far the start moved. None where even the one clause is too long."""
    if len(sentence) <= MAX_STEM:
        return sentence, 0
    bounds = [0] + [i + 1 for i, ch in enumerate(sentence) if ch in "，：、"] + [len(sentence)]
    bounds = sorted(set(bounds))
    left = max(b for b in bounds if b <= start)
    right = min(b for b in bounds if b >= end)
    if right - left > MAX_STEM:
        return None
    # Widen by whole clauses, the one after first (what follows a deadline is what must be
    # done by it), while the stem stays short enough.
    while True:
        wider = [b for b in bounds if b > right][:1]
        if wider and wider[0] - left <= MAX_STEM:
            right = wider[0]
            continue
        narrower = [b for b in bounds if b < left][-1:]
        if narrower and right - narrower[0] <= MAX_STEM:
            left = narrower[0]
            continue
        break
    text = sentence[left:right]
    prefix = "……" if left else ""
    if right < len(sentence):
        text = text.rstrip("，：、") + "……"
    return prefix + text, left - len(prefix)


def _lead(paragraph_text: str) -> str:
    """The sentence an item list hangs from (代表有下列情形之一的，其代表资格终止：)."""
    last = sentences(paragraph_text)[-1:] or [""]
    return last[0] if last[0].endswith(("：", ":")) else ""


# 代表有下列情形之一的，其代表资格终止： and an item 未经批准两次不出席会议的； read as one
# sentence: 代表未经批准两次不出席会议的，其代表资格终止。
CASES = re.compile(r"^(?P<who>.*?)有下列(?:情形|行为)之一的，(?P<then>[^：:]+)[：:]$")


def _with_lead(lead: str, item: str) -> tuple[str, int]:
    """An item with the sentence its list hangs from, and how far the item moved in it."""
    cases = CASES.match(lead)
    body = item.rstrip("；;。")
    if cases and body.endswith("的"):
        who = cases["who"]
        return f"{who}{body}，{cases['then']}。", len(who)
    if len(lead) + len(item) + 2 <= MAX_STEM:
        return f"{lead}……{item}", len(lead) + 2
    return item, 0


def facts_in_text(article_number: int, parts: list[tuple[str, str]]) -> list[Fact]:
    """The facts of one article given as (kind, text) parts, "paragraph" or "item", in order.
    An item is read after the sentence its list hangs from, which says what it is about."""
    facts = []
    lead = ""
    for part_kind, raw in parts:
        text = re.sub(r"\s+", "", raw)
        if part_kind == "item":
            text = re.sub(r"^[（(][零〇一二两三四五六七八九十]+[）)]", "", text)
        else:
            lead = _lead(text)
        for sentence in sentences(text):
            quantities = _quantities(sentence)
            seen = [(q[2], q[1]) for q in quantities]
            for kind, unit, number, start, end in quantities:
                if seen.count((number, unit)) > 1:
                    continue  # the same quantity twice: the blank would be given away or doubtful
                context, shift = sentence, 0
                if part_kind == "item" and lead:
                    context, shift = _with_lead(lead, sentence)
                start, end = start + shift, end + shift
                cut = _cut(context, start, end)
                if cut is None:
                    continue
                clause, shift = cut
                # A question ends as a sentence does, not as an item of a list (；) does.
                clause = CLAUSE_END.sub("。", clause)
                if len(clause) - (end - start) < MIN_CONTEXT:
                    continue
                facts.append(
                    Fact(article_number, kind, unit, number, clause, start - shift, end - shift)
                )
    return facts


def facts_in_version(version) -> list[Fact]:
    """Every fact of a law version, article by article, in two queries."""
    facts = []
    articles = (
        Article.objects.filter(version=version)
        .order_by("number")
        .prefetch_related(Prefetch("parts", queryset=ArticlePart.objects.order_by("position")))
    )
    for article in articles:
        parts = [(part.kind, part.text) for part in article.parts.all()]
        facts += facts_in_text(article.number, parts)
    return facts
