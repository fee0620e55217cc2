"""From a fact to the questions it makes: a fill-in-the-blank that hides the number (the unit
stays, so 三个月 and 九十日 cannot both be right), and a single choice that asks for the number
with its unit among three others of the same kind and unit, the law's own first.
"""

from dataclasses import dataclass, field

from common.numerals import chinese_numeral

from .finder import Fact, Kind, quantity_value

BLANK = "____"
CHOICE_BLANK = "（　　）"
DISTRACTORS = 3

# Values a reader would find plausible for each kind and unit, when the law itself has too few:
# the periods, head counts, ages and shares that Chinese laws use.
STANDARD = {
    (Kind.PERIOD, "日"): [3, 5, 7, 10, 15, 20, 30, 60],
    (Kind.PERIOD, "天"): [3, 5, 7, 10, 15, 30],
    (Kind.PERIOD, "个月"): [1, 2, 3, 4, 6],
    (Kind.PERIOD, "年"): [1, 2, 3, 5, 10],
    (Kind.PERIOD, "周"): [1, 2, 3, 4],
    (Kind.PERIOD, "小时"): [12, 24, 48, 72],
    (Kind.HEADCOUNT, "名"): [3, 5, 10, 20, 30, 50, 100],
    (Kind.HEADCOUNT, "人"): [3, 5, 10, 20, 30, 50, 100],
    (Kind.AGE, "周岁"): [14, 16, 18, 20, 22],
    (Kind.TERM, "年"): [3, 4, 5, 6],
    (Kind.TIMES, "次"): [1, 2, 3, 4],
}
STANDARD_SHARES = ["五分之一", "四分之一", "三分之一", "半数", "三分之二", "四分之三"]
# 过半数 stands for a whole phrase (过半数通过): its rivals are whole phrases too.
MAJORITY = "过半数"
MAJORITY_RIVALS = ["半数以上", "三分之二以上", "三分之一以上"]


def spoken(value: int) -> str:
    """A number as laws write it before a measure word: 两次, 两个月, but 二十名."""
    return "两" if value == 2 else chinese_numeral(value)


def accepted_forms(fact: Fact) -> list[str]:
    """What a fill-in blank accepts: the law's form, and the other way of writing it."""
    number = fact.number
    if fact.kind == Kind.SHARE:
        if number == MAJORITY:
            return [number]
        if number == "半数":
            return ["半数", "二分之一", "1/2"]
        value = quantity_value(fact.kind, number)
        return [number, f"{value.numerator}/{value.denominator}"]
    value = quantity_value(fact.kind, number)
    forms = [number, chinese_numeral(value), spoken(value), str(value)]
    return list(dict.fromkeys(forms))


def _distance(a, b) -> float:
    return abs(float(a) - float(b)) / max(float(a), float(b), 1e-9)


def distractors(fact: Fact, others: list[Fact]) -> list[str]:
    """Three wrong choices of the fact's kind and unit, as quantities (六个月, 三分之一): other
    values the same law states first, then standard ones, the nearest to the right value
    first; never the right value in another spelling."""
    right = fact.value
    if fact.kind == Kind.SHARE and fact.number == MAJORITY:
        return MAJORITY_RIVALS[:DISTRACTORS]
    found: dict = {}
    for other in others:
        if other.kind == fact.kind and other.unit == fact.unit and other.number != MAJORITY:
            found.setdefault(other.value, other.number + other.unit)
    if fact.kind == Kind.SHARE:
        standard = {quantity_value(Kind.SHARE, s): s for s in STANDARD_SHARES}
    else:
        standard = {v: spoken(v) + fact.unit for v in STANDARD.get((fact.kind, fact.unit), [])}
    found.pop(right, None)
    standard.pop(right, None)
    chosen = sorted(found, key=lambda v: _distance(v, right))[:DISTRACTORS]
    rest = sorted((v for v in standard if v not in chosen), key=lambda v: _distance(v, right))
    chosen += rest[: DISTRACTORS - len(chosen)]
    texts = {**standard, **found}
    return [texts[v] for v in sorted(chosen)]


@dataclass
class Draft:
    """One proposed question, before it is a row."""

    fact: Fact
    question_type: str  # "blank" or "choice"
    stem: str
    answer: str
    blank_start: int
    blank_end: int
    accepted: list[str] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)


def drafts_for(fact: Fact, others: list[Fact]) -> list[Draft]:
    """The fill-in-the-blank and the single choice a fact makes."""
    clause = fact.clause
    end = fact.number_end
    drafts = [
        Draft(
            fact,
            "blank",
            clause[: fact.start] + BLANK + clause[end:],
            fact.number,
            fact.start,
            end,
            accepted=accepted_forms(fact),
        )
    ]
    wrong = distractors(fact, others)
    if len(wrong) == DISTRACTORS:
        drafts.append(
            Draft(
                fact,
                "choice",
                clause[: fact.start] + CHOICE_BLANK + clause[fact.end :],
                fact.quantity,
                fact.start,
                fact.end,
                distractors=wrong,
            )
        )
    return drafts


def explanation(law_name: str, article_label: str, fact: Fact) -> str:
    """The article cited, with the clause that says the fact: 代表法第五十一条：……三个月内答复。"""
    return f"{law_name}{article_label}：{fact.clause}"
