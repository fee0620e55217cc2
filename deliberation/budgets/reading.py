"""Reading a budget table from an uploaded .xlsx, without trusting it (common.workbooks bounds
what is unpacked and read). Nothing is written here: `read_table` returns the lines, or the
rejected rows with their line numbers and reasons.

Real tables vary. Above the header: a title row, a "单位：万元" row, blank rows. The header
names the category column 项目, 科目 or 科目名称 (a 科目编码 column may come first), and the
figures "2025年决算数" or "上年执行数" and "2026年预算数" or "本年预算数", sometimes over two
rows with merged cells; 增减额 is checked, 增减% ignored. Income and spending follow one another
under section rows ("一、收入"), in a 收支 column, on sheets named for them, or side by side
(收入项目 … | 支出项目 …, as a 收支总表 sets them); 合计/总计 rows are checked against the sum of
the lines above them. Figures may be text, with thousands
separators, and "—" for zero."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from common.workbooks import MAX_UNPACKED_MB, UnreadableWorkbook, WorkbookTooLarge, open_workbook

from ..models.budgets import is_livelihood_name
from .figures import Line, NotAFigure, figure, parse_figure

INCOME, SPENDING = "income", "spending"
MAX_LINES = 500
MAX_ROWS = 2000
HEADER_SEARCH_ROWS = 12
MAX_NAME = 100

NAME_HEADINGS = {
    "项目",
    "科目",
    "科目名称",
    "项目名称",
    "收入项目",
    "支出项目",
    "功能分类科目",
    "预算科目",
}
CODE_HEADINGS = {"科目编码", "编码", "科目代码", "代码", "功能科目编码"}
SIDE_HEADINGS = {"收支", "类别", "收入/支出", "收支类别"}
NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])\s*"
)
TOTAL = re.compile(r"^(?:本年)?(收入|支出)?(?:合计|总计)$|^(?:合计|总计)$")
UNIT = re.compile(r"单位[:：]\s*(万元|元|亿元|千元)")
YEAR = re.compile(r"(\d{4})")


class BudgetFileError(Exception):
    """The file as a whole cannot be read: not an .xlsx, no header row, too many rows."""


@dataclass
class RowError:
    where: str  # "第 12 行" or "支出表 第 12 行"
    reason: str


@dataclass
class ReadLine:
    line: Line
    code: str = ""


@dataclass
class TableRead:
    lines: list[ReadLine] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    unit: str = ""
    totals_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.lines)


def _text(value) -> str:
    if value is None:
        return ""
    return re.sub(r"\s+", "", str(value))


def _side_of(text: str) -> str | None:
    if "收入" in text and "支出" not in text:
        return INCOME
    if "支出" in text and "收入" not in text:
        return SPENDING
    return None


@dataclass
class Columns:
    name: int
    previous: int
    current: int
    code: int | None = None
    side: int | None = None
    change: int | None = None


def _figure_kind(heading: str) -> str | None:
    """ "change", "percent", or a figure column's heading; None for anything else."""
    if (
        "%" in heading
        or "％" in heading
        or "幅度" in heading
        or "增长率" in heading
        or ("增长" in heading and "额" not in heading)
    ):
        return "percent"
    if "增减" in heading or "增加额" in heading:
        return "change"
    if any(word in heading for word in ("决算", "执行", "预算", "数")):
        return "figure"
    return None


def _previous_rank(heading: str, years: list[int]) -> int:
    """How surely a figure heading is last year's: 上年/决算/执行/the earlier year."""
    rank = 0
    if "上年" in heading:
        rank += 4
    if "本年" in heading:
        rank -= 4
    if "决算" in heading:
        rank += 3
    elif "执行" in heading:
        rank += 2
    match = YEAR.search(heading)
    if match and years and int(match.group(1)) == min(years) and len(set(years)) > 1:
        rank += 3
    return rank


def find_columns(headings: list[str]) -> Columns | None:
    """The columns a header row names, or None when it is not the header row."""
    name = code = side = change = None
    figures = []
    for index, heading in enumerate(headings):
        if not heading:
            continue
        if name is None and heading in NAME_HEADINGS:
            name = index
        elif code is None and heading in CODE_HEADINGS:
            code = index
        elif side is None and heading in SIDE_HEADINGS:
            side = index
        else:
            kind = _figure_kind(heading)
            if kind == "figure":
                figures.append(index)
            elif kind == "change" and change is None:
                change = index
    if name is None or len(figures) < 2:
        return None
    years = [int(m.group(1)) for i in figures if (m := YEAR.search(headings[i]))]
    ranked = sorted(figures, key=lambda i: (_previous_rank(headings[i], years), -i))
    current_candidates = [i for i in figures if i != ranked[-1]]
    # This year's budget: the least "previous" of the others, the later column on a tie.
    current = min(current_candidates, key=lambda i: (_previous_rank(headings[i], years), -i))
    return Columns(
        name=name, previous=ranked[-1], current=current, code=code, side=side, change=change
    )


def _combined(upper: tuple, lower: tuple) -> list[str]:
    """Two header rows as one: a merged cell above spreads over the empty cells to its right."""
    carried, result = "", []
    for index in range(max(len(upper), len(lower))):
        top = _text(upper[index]) if index < len(upper) else ""
        carried = top or carried
        bottom = _text(lower[index]) if index < len(lower) else ""
        result.append(carried + bottom if bottom else top)
    return result


def _level(code: str, name: str, raw_name: str) -> int:
    digits = re.sub(r"\D", "", code)
    if digits:
        return {3: 1, 5: 2, 7: 3}.get(len(digits), 1)
    if name.startswith("其中") or raw_name[:1] in (" ", "\u3000"):
        return 2
    return 1


class _SheetReader:
    def __init__(self, result: TableRead, label: str, sheet_side: str | None, many: bool):
        self.result = result
        self.label = label if many else ""
        self.section = sheet_side
        self.columns: Columns | None = None
        self.headings: list[str] = []
        self.span = slice(None)  # the columns this reader reads: half of a side-by-side table
        self.seen: set[tuple[str, str, int]] = set()
        self.since_total: dict[str, list[Line]] = {INCOME: [], SPENDING: []}
        self.places: dict[str, int] = {}  # column -> decimals seen, for the totals' tolerance

    def where(self, number: int) -> str:
        if self.label:
            return _("sheet “%(sheet)s”, row %(row)d") % {"sheet": self.label, "row": number}
        return _("row %(row)d") % {"row": number}

    def reject(self, number: int, reason: str) -> None:
        where = self.where(number)
        errors = self.result.errors
        if errors and errors[-1].where == where:  # one entry a row, its reasons together
            errors[-1].reason = f"{errors[-1].reason} {reason}"
        else:
            errors.append(RowError(where, reason))

    def cell(self, values: tuple, index: int | None):
        if index is None or index >= len(values):
            return None
        return values[index]

    def figure(self, number: int, values: tuple, index: int, label: str) -> Decimal | None:
        value = self.cell(values, index)
        try:
            amount = parse_figure(value)
        except NotAFigure:
            self.reject(
                number,
                _("%(column)s “%(value)s” is not a figure.")
                % {"column": label, "value": str(value)[:40]},
            )
            return None
        places = -amount.normalize().as_tuple().exponent if amount else 0
        self.places[label] = max(self.places.get(label, 0), max(places, 0))
        return amount

    def row(self, number: int, values: tuple, previous_values: tuple | None) -> None:
        if self.columns is None:
            self.header(number, values, previous_values)
            return
        columns = self.columns
        values = values[self.span]
        raw_name = str(self.cell(values, columns.name) or "")
        name = NUMBERING.sub("", _text(raw_name))
        figure_cells = [self.cell(values, columns.previous), self.cell(values, columns.current)]
        empty = all(value is None or _text(value) == "" for value in figure_cells)
        if not name:
            if not empty:
                self.reject(number, _("The row has figures but no category name."))
            return
        side_cell = _text(self.cell(values, columns.side))
        if empty:
            # A section heading ("一、一般公共预算收入"), or a line the table leaves empty.
            found = _side_of(name)
            if found and not TOTAL.match(name):
                self.section = found
            return
        if len(name) > MAX_NAME:
            self.reject(
                number,
                _("The category name is longer than %(max)d characters.") % {"max": MAX_NAME},
            )
            return
        previous = self.figure(number, values, columns.previous, _("Last year"))
        current = self.figure(number, values, columns.current, _("This year"))
        if previous is None or current is None:
            return
        total = TOTAL.match(name)
        side = _side_of(side_cell) if side_cell else None
        if total:
            side = side or _side_of(name) or self.section
            self.check_total(number, name, side, previous, current)
            return
        side = side or self.section or _side_of(name)
        if side is None:
            self.reject(
                number,
                _(
                    "“%(name)s”: cannot tell whether it is income or spending. Put a row "
                    "“一、收入” or “二、支出” above the lines, or a 收支 column."
                )
                % {"name": name},
            )
            return
        if columns.change is not None:
            change_cell = self.cell(values, columns.change)
            try:
                change = parse_figure(change_cell)
            except NotAFigure:
                change = None
            if (
                change_cell not in (None, "")
                and change is not None
                and abs(change - (current - previous)) > Decimal(1)
            ):
                self.reject(
                    number,
                    _(
                        "“%(name)s”: the change %(given)s is not this year's %(current)s less "
                        "last year's %(previous)s."
                    )
                    % {
                        "name": name,
                        "given": figure(change),
                        "current": figure(current),
                        "previous": figure(previous),
                    },
                )
                return
        code = re.sub(r"\s", "", str(self.cell(values, columns.code) or ""))[:12]
        level = _level(code, name, raw_name)
        key = (side, name, level)
        if key in self.seen:
            self.reject(number, _("“%(name)s” appears twice.") % {"name": name})
            return
        self.seen.add(key)
        line = Line(
            name=name,
            side=side,
            previous=previous,
            current=current,
            livelihood=side == SPENDING and is_livelihood_name(name),
            level=level,
        )
        self.result.lines.append(ReadLine(line, code))
        if level == 1:
            self.since_total[side].append(line)

    def check_total(self, number, name, side, previous, current) -> None:
        sides = [side] if side else [s for s in (INCOME, SPENDING) if self.since_total[s]]
        if len(sides) != 1:
            self.reject(
                number, _("“%(name)s”: cannot tell which lines it totals.") % {"name": name}
            )
            return
        lines = self.since_total[sides[0]]
        if not lines:
            return
        self.result.totals_checked += 1
        for column, given in (("previous", previous), ("current", current)):
            added = sum((getattr(line, column) for line in lines), Decimal(0))
            places = max(self.places.values(), default=0)
            # Each printed line may be rounded by half its last place.
            tolerance = Decimal(len(lines)) * Decimal(5) / Decimal(10) ** (places + 1)
            if abs(added - given) > tolerance:
                label = _("last year") if column == "previous" else _("this year")
                self.reject(
                    number,
                    _(
                        "“%(name)s” (%(column)s) is %(given)s, but the lines above it add up to "
                        "%(added)s."
                    )
                    % {
                        "name": name,
                        "column": label,
                        "given": figure(given),
                        "added": figure(added),
                    },
                )
        self.since_total[sides[0]] = []

    def header(self, number, values, previous_values) -> None:
        for text in (_text(v) for v in values):
            match = UNIT.search(text)
            if match and not self.result.unit:
                self.result.unit = match.group(1)
        headings = [_text(v) for v in values]
        columns = find_columns(headings)
        if columns is None and previous_values is not None:
            headings = _combined(previous_values, values)
            columns = find_columns(headings)
        self.columns = columns
        self.headings = headings

    def halves(self) -> list["_SheetReader"]:
        """Two readers for a table that sets income and spending side by side (收入项目 … |
        支出项目 …), each reading its half; none for any other table."""
        names = [i for i, heading in enumerate(self.headings) if heading in NAME_HEADINGS]
        if len(names) != 2:
            return []
        readers = []
        for start, end in ((0, names[1]), (names[1], len(self.headings))):
            reader = _SheetReader(self.result, self.label, self.section, bool(self.label))
            reader.columns = find_columns(self.headings[start:end])
            reader.section = (
                _side_of(self.headings[start + (reader.columns.name if reader.columns else 0)])
                or self.section
            )
            reader.span = slice(start, end)
            reader.since_total, reader.places = self.since_total, self.places
            if reader.columns is None:
                return []
            readers.append(reader)
        return readers


def read_table(content: bytes) -> TableRead:
    """The lines of a budget table, or why rows were rejected. Raises BudgetFileError when the
    file cannot be read at all."""
    result = TableRead()
    try:
        with open_workbook(content) as workbook:
            sheets = [sheet for sheet in workbook.sheets if sheet.visible]
            many = len(sheets) > 1
            found = False
            for sheet in sheets:
                reader = _SheetReader(result, sheet.title, _side_of(_text(sheet.title)), many)
                readers = [reader]
                previous_values = None
                for number, values in workbook.rows(sheet):
                    if number > MAX_ROWS:
                        raise BudgetFileError(
                            _("The sheet has more than %(max)d rows: is it a budget table?")
                            % {"max": MAX_ROWS}
                        )
                    values = tuple(values)
                    if reader.columns is None:
                        if number > HEADER_SEARCH_ROWS:
                            break
                        reader.row(number, values, previous_values)
                        readers = reader.halves() or [reader]
                        previous_values = values
                        continue
                    for each in readers:
                        each.row(number, values, None)
                found = found or reader.columns is not None
    except WorkbookTooLarge as exc:
        raise BudgetFileError(
            _("The file unpacks to more than %(size)d MB: is it a budget table?")
            % {"size": MAX_UNPACKED_MB}
        ) from exc
    except UnreadableWorkbook as exc:
        raise BudgetFileError(
            _(
                "This file cannot be read as an Excel workbook (.xlsx). Save it as .xlsx and try "
                "again."
            )
        ) from exc
    if not found:
        raise BudgetFileError(
            _(
                "No header row found in the first %(rows)d rows: the table needs a column "
                "项目 (or 科目, 科目名称) and two figure columns, last year's and this year's."
            )
            % {"rows": HEADER_SEARCH_ROWS}
        )
    if len(result.lines) > MAX_LINES:
        raise BudgetFileError(_("The table has more than %(max)d lines.") % {"max": MAX_LINES})
    if not result.lines and not result.errors:
        raise BudgetFileError(_("The table has no lines with figures."))
    return result
