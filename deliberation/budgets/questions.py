"""The reading questions a budget table makes, each a single choice with three plausible wrong
choices (other lines of the table, percentages computed a common wrong way or nearby, rounded
the same way) and an explanation that shows the computation with the table's figures.

Only 类 lines (level 1) count: 款 and 项 lines beneath them are parts of them. Percentages are
rounded half up to one decimal, and the explanation says so."""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from .figures import Line, figure, growth, percent, signed_percent

INCOME, SPENDING = "income", "spending"
WRONG = 3
ROUNDING = "百分比四舍五入保留一位小数"
LOW, HIGH = Decimal(1), Decimal(3)


@dataclass
class Table:
    title: str
    year: int
    unit: str
    lines: list[Line]

    def side(self, side: str) -> list[Line]:
        return [line for line in self.lines if line.side == side and line.level == 1]

    def total(self, side: str, column: str = "current") -> Decimal:
        return sum((getattr(line, column) for line in self.side(side)), Decimal(0))

    @property
    def last_year(self) -> int:
        return self.year - 1

    def at(self) -> str:
        return f"在“{self.title}”中，"


@dataclass
class Draft:
    kind: str
    stem: str
    answer: str
    distractors: list[str]
    explanation: str
    fingerprint: str = field(init=False)

    def __post_init__(self):
        # Everything the editor reads: a changed figure anywhere makes another question.
        key = "\n".join([self.kind, self.stem, self.answer, *self.distractors, self.explanation])
        self.fingerprint = hashlib.sha256(key.encode()).hexdigest()


def _pick(answer: str, candidates: list[str]) -> list[str] | None:
    """The first three candidates that differ from the answer and each other, or None."""
    chosen: list[str] = []
    for text in candidates:
        if text != answer and text not in chosen:
            chosen.append(text)
        if len(chosen) == WRONG:
            return chosen
    return None


def _amount(table: Table, value: Decimal) -> str:
    return f"{figure(value)}{table.unit}"


def largest(table: Table) -> Draft | None:
    ranked = sorted(table.side(SPENDING), key=lambda line: line.current, reverse=True)
    if len(ranked) < WRONG + 1 or ranked[0].current == ranked[1].current:
        return None
    shown = ranked[: WRONG + 1]
    listed = "、".join(f"{line.name} {figure(line.current)}" for line in shown)
    return Draft(
        "largest",
        f"{table.at()}{table.year}年预算数最大的支出项目是哪一项？",
        shown[0].name,
        [line.name for line in shown[1:]],
        f"比较各项支出的{table.year}年预算数（单位：{table.unit}）：{listed}。"
        f"最大的是{shown[0].name}，占支出合计 {_amount(table, table.total(SPENDING))}的"
        f"{percent(shown[0].current, table.total(SPENDING))}%（{ROUNDING}）。",
    )


def _changes(table: Table) -> tuple[list[tuple[Line, Decimal]], list[Line]]:
    counted = [
        (line, growth(line.previous, line.current))
        for line in table.side(SPENDING)
        if line.previous > 0
    ]
    new = [line for line in table.side(SPENDING) if line.previous <= 0]
    return counted, new


def _change_draft(table: Table, kind: str) -> Draft | None:
    counted, new = _changes(table)
    rising = kind == "growth"
    ranked = sorted(counted, key=lambda pair: pair[1], reverse=rising)
    if len(ranked) < WRONG + 1 or ranked[0][1] == ranked[1][1]:
        return None
    if not rising and ranked[0][1] >= 0:
        return None  # nothing fell
    shown = ranked[: WRONG + 1]
    steps = "；".join(
        f"{line.name}：（{figure(line.current)} − {figure(line.previous)}）÷ "
        f"{figure(line.previous)} × 100% = {signed_percent(rate)}"
        for line, rate in shown
    )
    word, most = (
        ("增长最快（增幅最大）", "增幅最大") if rising else ("下降最多（降幅最大）", "降幅最大")
    )
    note = ""
    if new:
        note = f"{'、'.join(line.name for line in new)}上年为零，不计增减幅度。"
    return Draft(
        kind,
        f"{table.at()}与{table.last_year}年决算数相比，{table.year}年预算数{word}的支出项目"
        f"是哪一项？",
        shown[0][0].name,
        [line.name for line, _rate in shown[1:]],
        f"增减幅度 =（{table.year}年预算数 − {table.last_year}年决算数）÷ "
        f"{table.last_year}年决算数 × 100%（单位：{table.unit}）。{steps}。"
        f"{most}的是{shown[0][0].name}。{note}{ROUNDING}。",
    )


def growth_question(table: Table) -> Draft | None:
    return _change_draft(table, "growth")


def fall_question(table: Table) -> Draft | None:
    return _change_draft(table, "fall")


def _percents(answer: Decimal, mistakes: list[Decimal], *, bound=Decimal(100)) -> list[str]:
    """Wrong percentages: the common mistakes first, then nearby values, all within (0, bound)
    and printed as the answer is."""
    nearby = [answer + step for step in (Decimal(5), Decimal(-5), Decimal(10), Decimal(-10))]
    return [f"{value}%" for value in [*mistakes, *nearby] if Decimal(0) < value < bound]


def livelihood(table: Table) -> Draft | None:
    spending = table.side(SPENDING)
    lines = [line for line in spending if line.livelihood]
    total = table.total(SPENDING)
    if not lines or len(lines) == len(spending) or total <= 0:
        return None
    part = sum((line.current for line in lines), Decimal(0))
    share = percent(part, total)
    mistakes = []
    previous_total = table.total(SPENDING, "previous")
    if previous_total > 0:
        previous_part = sum((line.previous for line in lines), Decimal(0))
        mistakes.append(percent(previous_part, previous_total))
    income = table.total(INCOME)
    if income > 0:
        mistakes.append(percent(part, income))
    if total - part > 0:
        mistakes.append(percent(part, total - part))
    wrong = _pick(f"{share}%", _percents(share, mistakes))
    if wrong is None:
        return None
    names = "、".join(line.name for line in lines)
    terms = " + ".join(f"{line.name} {figure(line.current)}" for line in lines)
    return Draft(
        "livelihood",
        f"{table.at()}{table.year}年预算的民生支出（{names}）占支出合计的比例约是多少？",
        f"{share}%",
        wrong,
        f"民生支出 = {terms} = {_amount(table, part)}；占支出合计 {_amount(table, total)}的"
        f"{figure(part)} ÷ {figure(total)} × 100% = {share}%（{ROUNDING}）。",
    )


def _change_text(table: Table, amount: Decimal, rate: Decimal) -> str:
    if amount >= 0:
        return f"增加{_amount(table, amount)}，增长{rate}%"
    return f"减少{_amount(table, -amount)}，下降{-rate}%"


def total_change(table: Table) -> Draft | None:
    before, now = table.total(SPENDING, "previous"), table.total(SPENDING)
    if before <= 0 or now <= 0 or before == now:
        return None
    amount, rate = now - before, growth(before, now)
    answer = _change_text(table, amount, rate)
    on_this_year = percent(amount, now)  # the base taken from the wrong year
    candidates = [
        _change_text(table, amount, on_this_year),
        _change_text(table, -amount, -rate),
        _change_text(table, -amount, -on_this_year),
    ]
    income_before, income_now = table.total(INCOME, "previous"), table.total(INCOME)
    if income_before > 0 and income_now != income_before:
        candidates.insert(
            1, _change_text(table, income_now - income_before, growth(income_before, income_now))
        )
    wrong = _pick(answer, candidates)
    if wrong is None:
        return None
    return Draft(
        "total_change",
        f"{table.at()}{table.year}年支出预算合计与{table.last_year}年决算相比有什么变化？",
        answer,
        wrong,
        f"支出合计：{table.year}年预算 {_amount(table, now)}，{table.last_year}年决算 "
        f"{_amount(table, before)}。增减额 = {figure(now)} − {figure(before)} = "
        f"{figure(amount)}{table.unit}；增减幅度 = {figure(amount)} ÷ {figure(before)} × 100% = "
        f"{signed_percent(rate)}（以上年数为基数，{ROUNDING}）。",
    )


BALANCED = "收支平衡"
MORE_INCOME = "收入大于支出"
MORE_SPENDING = "支出大于收入，出现缺口"
CANNOT_TELL = "表中看不出来"


def balance(table: Table) -> Draft | None:
    income, spending = table.total(INCOME), table.total(SPENDING)
    if income <= 0 or spending <= 0:
        return None
    gap = income - spending
    law = (
        "预算法第三十五条要求地方各级预算按照量入为出、收支平衡的原则编制，"
        "除法律另有规定外不列赤字。"
    )
    if gap == 0:
        answer, finding = BALANCED, "两者相等，收支平衡。"
    elif gap > 0:
        answer = MORE_INCOME
        finding = f"收入比支出多 {_amount(table, gap)}，审议时可以问这部分钱作何安排。"
    else:
        answer = MORE_SPENDING
        finding = f"支出比收入多 {_amount(table, -gap)}，审议时应当问清缺口从哪里弥补。"
    return Draft(
        "balance",
        f"{table.at()}{table.year}年预算的收入合计与支出合计相比，是哪种情况？",
        answer,
        _pick(answer, [BALANCED, MORE_INCOME, MORE_SPENDING, CANNOT_TELL]),
        f"收入合计 {_amount(table, income)}，支出合计 {_amount(table, spending)}；"
        f"{figure(income)} − {figure(spending)} = {figure(gap)}{table.unit}，{finding}{law}",
    )


def _judged(share: Decimal) -> str:
    if share < LOW:
        return f"{share}%，低于1%的下限"
    if share > HIGH:
        return f"{share}%，高于3%的上限"
    return f"{share}%，在1%至3%之间"


def reserve(table: Table) -> Draft | None:
    lines = [line for line in table.side(SPENDING) if "预备费" in line.name]
    total = table.total(SPENDING)
    if len(lines) != 1 or total <= 0 or lines[0].current <= 0:
        return None
    amount = lines[0].current
    share = percent(amount, total)
    answer = _judged(share)
    candidates = []
    income = table.total(INCOME)
    if income > 0:
        candidates.append(_judged(percent(amount, income)))
    for step in (Decimal("0.5"), Decimal("-0.5"), Decimal(1), Decimal(-1), Decimal(2)):
        if share + step > 0:
            candidates.append(_judged(share + step))
    wrong = _pick(answer, candidates)
    if wrong is None:
        return None
    return Draft(
        "reserve",
        f"{table.at()}{table.year}年预备费占支出合计的比例约是多少？是否在法定范围之内？",
        answer,
        wrong,
        f"预备费 {_amount(table, amount)} ÷ 支出合计 {_amount(table, total)} × 100% = {share}%"
        f"（{ROUNDING}）。预算法第四十条规定，各级一般公共预算按本级一般公共预算支出额的"
        f"1%至3%设置预备费，用于自然灾害等突发事件和其他难以预见的开支。",
    )


GENERATORS = (largest, growth_question, fall_question, livelihood, total_change, balance, reserve)


def drafts_for(table: Table) -> list[Draft]:
    """Every question the table supports; a kind the table cannot support (too few lines, a tie
    at the top, no 预备费) is left out."""
    return [draft for make in GENERATORS if (draft := make(table)) is not None]
