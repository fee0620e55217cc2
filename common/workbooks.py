"""Reading an uploaded .xlsx without trusting it: the roster and the question bank both do.

A file of a few kilobytes can unpack to gigabytes (a zip bomb) or declare a sheet of a million
rows by 16384 columns; openpyxl raises anything from KeyError to TypeError on a broken one.
`open_workbook` checks the archive's unpacked size before anything is unpacked; its `rows`
ignore a sheet's declared size, read at most MAX_COLUMNS columns and Excel's last row, and turn
every failure into UnreadableWorkbook, which each importer words for its own users.
`first_sheet_rows` is the common case: the first sheet's rows.

Cells written for people to open again (an export meant to be edited and imported) go through
`safe_text`, and readers undo it with `unquote`: text that a spreadsheet could take for a
formula is written with a leading apostrophe, as the project's other exports do.
"""

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# What the archive may unpack to in all: 20,000 deputies or 5,000 questions are a few megabytes.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_MB = MAX_UNPACKED_BYTES // (1024 * 1024)
# The columns read (the roster template has 9, the question template 19), and Excel's last row.
MAX_COLUMNS = 64
LAST_ROW = 1_048_576
# A cell starting with one of these is a formula to Excel or WPS (OWASP's CSV-injection list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32767


class UnreadableWorkbook(Exception):
    """Not an .xlsx file this reader can read."""


class WorkbookTooLarge(UnreadableWorkbook):
    """An .xlsx that unpacks to more than MAX_UNPACKED_BYTES."""


class Sheet(NamedTuple):
    index: int
    title: str
    visible: bool  # hidden and "very hidden" sheets are not


class BoundedWorkbook:
    """An opened workbook: its sheets, and each sheet's rows read within the bounds."""

    def __init__(self, workbook):
        self._workbook = workbook
        self.sheets = [
            Sheet(index, sheet.title, sheet.sheet_state == "visible")
            for index, sheet in enumerate(workbook.worksheets)
        ]

    def rows(self, sheet: Sheet) -> Iterator[tuple[int, tuple]]:
        """(row number, values) of one sheet, lazily."""
        try:
            worksheet = self._workbook.worksheets[sheet.index]
            worksheet.reset_dimensions()
            rows = worksheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
            yield from zip(range(1, LAST_ROW + 1), rows, strict=False)
        except Exception as exc:  # the sheet is read as it is iterated: broken XML shows here
            raise UnreadableWorkbook from exc


@contextmanager
def open_workbook(content: bytes) -> Iterator[BoundedWorkbook]:
    """The workbook, opened read-only once its unpacked size is known to be bounded."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableWorkbook from exc
    if unpacked > MAX_UNPACKED_BYTES:
        # zipfile stops each member at its declared size, so the sum bounds what is unpacked.
        raise WorkbookTooLarge
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        opened = BoundedWorkbook(workbook)
    except Exception as exc:  # openpyxl raises anything on a bad file
        raise UnreadableWorkbook from exc
    try:
        if not opened.sheets:
            raise UnreadableWorkbook
        yield opened
    finally:
        workbook.close()


def first_sheet_rows(content: bytes):
    """(row number, values) of the workbook's first sheet, lazily."""
    with open_workbook(content) as workbook:
        yield from workbook.rows(workbook.sheets[0])


def safe_text(value: str) -> str:
    """Text as it goes into a cell: without the control characters a workbook cannot hold,
    with a leading apostrophe when it would otherwise read as a formula, and within Excel's
    length limit."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_PREFIXES):
        value = "'" + value
    return value[:MAX_CELL_CHARS]


def unquote(text: str) -> str:
    """Text as it was before `safe_text` protected it from being read as a formula."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text
