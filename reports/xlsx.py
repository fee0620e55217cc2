"""Tables (`reports.tables.Table`) written as an Excel workbook: one sheet per table, its notes
above a bold header row that stays in view, dates as dates and numbers as numbers.

Safe to open: text that Excel or WPS could take for a formula (a cell starting with `=`, `+`,
`-`, `@`, a tab or a carriage return, as OWASP's CSV-injection guidance lists) is written with a
leading apostrophe, as text. Only text is touched: a negative number stays a number.
"""

import io
import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from common.workbooks import safe_text

from .tables import Table

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm"
# Excel's limit on a sheet's name (a cell's is common.workbooks.MAX_CELL_CHARS).
MAX_TITLE_CHARS = 31
# Characters Excel refuses in a sheet's name.
TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Columns are sized from the header and this many rows: enough to see what a column holds,
# without measuring every cell of a hundred-thousand-row sheet.
WIDTH_SAMPLE_ROWS = 2000
MIN_WIDTH = 6
MAX_WIDTH = 60


def display_width(text: str) -> int:
    """Columns the text takes on screen: a CJK (wide or full-width) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _local(moment: datetime) -> datetime:
    # Excel has no time zones: a moment is written as the local (Asia/Shanghai) wall time.
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(tzinfo=None)


def _width_of(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, str):
        return display_width(value)
    return len(str(value))


def column_widths(table: Table) -> list[float]:
    widths = [display_width(str(heading)) for heading in table.columns]
    for row in table.rows[:WIDTH_SAMPLE_ROWS]:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _width_of(value))
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


def sheet_titles(titles: list[str]) -> list[str]:
    """Sheet names Excel accepts: without []:*?/\\, not starting or ending with an apostrophe,
    at most 31 characters, not empty, not Excel's reserved "History", and unique (Excel
    compares them ignoring case): a repeated name gets " (2)", " (3)"…"""
    taken = {"history"}
    result = []
    for title in titles:
        base = TITLE_FORBIDDEN.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", str(title)))
        base = " ".join(base.split()).strip("'").strip()[:MAX_TITLE_CHARS].strip() or "Sheet"
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            suffix = f" ({n})"
            name = base[: MAX_TITLE_CHARS - len(suffix)].rstrip() + suffix
        taken.add(name.lower())
        result.append(name)
    return result


class _Cells:
    """Turns plain values into what a write-only sheet takes, sharing the few styles."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.bold = Font(bold=True)

    def text(self, value, *, bold=False):
        cell = WriteOnlyCell(self.sheet, value=safe_text(str(value)))
        if bold:
            cell.font = self.bold
        return cell

    def value(self, value):
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str):
            # Set as text explicitly: openpyxl would make a formula of anything starting "=".
            return safe_text(value)
        if isinstance(value, (int, float, Decimal)):
            return value
        if isinstance(value, datetime):
            cell = WriteOnlyCell(self.sheet, value=_local(value))
            cell.number_format = DATETIME_FORMAT
            return cell
        if isinstance(value, date):
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.number_format = DATE_FORMAT
            return cell
        if isinstance(value, time):
            cell = WriteOnlyCell(self.sheet, value=value.replace(tzinfo=None))
            cell.number_format = TIME_FORMAT
            return cell
        # Lazy translations and anything else: written as the text it reads as.
        return safe_text(str(value))


def workbook_bytes(tables: list[Table]) -> bytes:
    """The tables as an .xlsx file: one sheet each, named after its title (made safe), its
    notes on the first lines, then a bold header row that stays in view when scrolling."""
    workbook = Workbook(write_only=True)
    for table, title in zip(tables, sheet_titles([t.title for t in tables]), strict=True):
        sheet = workbook.create_sheet(title)
        cells = _Cells(sheet)
        for index, width in enumerate(column_widths(table), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        header_row = len(table.notes) + (2 if table.notes else 1)
        # Freeze below the header: the notes and the headings stay on screen.
        sheet.freeze_panes = f"A{header_row + 1}"
        for note in table.notes:
            sheet.append([cells.text(note)])
        if table.notes:
            sheet.append([])
        sheet.append([cells.text(heading, bold=True) for heading in table.columns])
        for row in table.rows:
            sheet.append([cells.value(value) for value in row])
    if not tables:
        workbook.create_sheet("Sheet")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
