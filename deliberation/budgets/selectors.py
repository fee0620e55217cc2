"""Reads of budget exercises: a table as the question generator sees it, a table ready to show
(by side, with changes, totals and the 民生 share), and the editors' queue."""

from dataclasses import dataclass, field
from decimal import Decimal

from ..models import BudgetExercise, BudgetLine, BudgetProposal
from .figures import Line, figure, growth, percent, signed_percent
from .questions import Table


def _lines(exercise: BudgetExercise) -> list[BudgetLine]:
    cache = getattr(exercise, "_prefetched_objects_cache", {})
    if "lines" in cache:
        return list(cache["lines"])
    return list(exercise.lines.order_by("sort_order", "pk"))


def table_of(exercise: BudgetExercise) -> Table:
    lines = [
        Line(
            name=line.name,
            side=line.side,
            previous=line.previous,
            current=line.current,
            livelihood=line.livelihood,
            level=line.level,
        )
        for line in _lines(exercise)
    ]
    return Table(title=exercise.title, year=exercise.year, unit=exercise.unit, lines=lines)


@dataclass
class Row:
    name: str
    code: str
    level: int
    previous: Decimal
    current: Decimal
    livelihood: bool
    change: Decimal
    rate: Decimal | None  # None when last year was zero

    @property
    def rising(self) -> bool:
        return self.change > 0

    @property
    def falling(self) -> bool:
        return self.change < 0

    @property
    def previous_text(self) -> str:
        return figure(self.previous)

    @property
    def current_text(self) -> str:
        return figure(self.current)

    @property
    def change_text(self) -> str:
        return f"+{figure(self.change)}" if self.change > 0 else figure(self.change)

    @property
    def rate_text(self) -> str:
        return "—" if self.rate is None else signed_percent(self.rate)


@dataclass
class Side:
    key: str
    label: str
    rows: list[Row] = field(default_factory=list)
    total: Row | None = None


@dataclass
class ShownTable:
    sides: list[Side]
    livelihood_share: Decimal | None
    livelihood_amount: Decimal
    balance: Decimal | None  # income less spending, this year

    @property
    def livelihood_text(self) -> str:
        return figure(self.livelihood_amount)

    @property
    def balance_text(self) -> str:
        return "" if self.balance is None else figure(abs(self.balance))


def _row(name, code, level, previous, current, livelihood=False) -> Row:
    return Row(
        name=name,
        code=code,
        level=level,
        previous=previous,
        current=current,
        livelihood=livelihood,
        change=current - previous,
        rate=growth(previous, current) if previous > 0 else None,
    )


def shown_table(exercise: BudgetExercise) -> ShownTable:
    """The table by side with each line's change and rate, each side's total of its 类 lines,
    the 民生 share of spending and the balance."""
    sides = []
    for key, label in BudgetLine.Side.choices:
        lines = [line for line in _lines(exercise) if line.side == key]
        if not lines:
            continue
        side = Side(key, label)
        side.rows = [
            _row(line.name, line.code, line.level, line.previous, line.current, line.livelihood)
            for line in lines
        ]
        top = [line for line in lines if line.level == 1]
        side.total = _row(
            "",
            "",
            1,
            sum((line.previous for line in top), Decimal(0)),
            sum((line.current for line in top), Decimal(0)),
        )
        sides.append(side)
    by_key = {side.key: side for side in sides}
    spending = by_key.get(BudgetLine.Side.SPENDING)
    income = by_key.get(BudgetLine.Side.INCOME)
    amount = Decimal(0)
    share = None
    if spending is not None:
        amount = sum(
            (row.current for row in spending.rows if row.level == 1 and row.livelihood),
            Decimal(0),
        )
        if spending.total.current > 0 and amount > 0:
            share = percent(amount, spending.total.current)
    balance = None
    if spending is not None and income is not None:
        balance = income.total.current - spending.total.current
    return ShownTable(sides, share, amount, balance)


def pending_proposals(exercise_id: int | None = None):
    proposals = BudgetProposal.objects.pending().select_related("exercise")
    if exercise_id is not None:
        proposals = proposals.filter(exercise_id=exercise_id)
    return proposals.order_by("exercise__title", "exercise_id", "pk")


def live_exercises():
    return BudgetExercise.objects.live().order_by("-year", "title")


def live_exercise_or_none(pk: int) -> BudgetExercise | None:
    return BudgetExercise.objects.live().prefetch_related("lines").filter(pk=pk).first()


def practice_quiz(exercise: BudgetExercise):
    """The exercise's practice quiz, when deputies may open it (placed in a live lesson)."""
    if exercise.quiz_id is None:
        return None
    from quizzes.models import Quiz

    return Quiz.objects.open_to_deputies().filter(pk=exercise.quiz_id).first()
