"""Reading an uploaded .xlsx without trusting it: the roster and the question bank both do.

A file of a few kilobytes can unpack to gigabytes (a zip bomb) or declare a sheet of a million
rows by 16384 columns; openpyxl raises anything from KeyError to TypeError on a broken one.
`first_sheet_rows` checks the archive's unpacked size before anything is unpacked, ignores the
sheet's declared size, reads at most MAX_COLUMNS columns and Excel's last row, and turns every
failure into UnreadableWorkbook, which each importer words for its own users.
"""

import io
import zipfile

from openpyxl import load_workbook

# What the archive may unpack to in all: 20,000 deputies or 5,000 questions are a few megabytes.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_MB = MAX_UNPACKED_BYTES // (1024 * 1024)
# The columns read (the roster template has 9, the question template 19), and Excel's last row.
MAX_COLUMNS = 64
LAST_ROW = 1_048_576


class UnreadableWorkbook(Exception):
    """Not an .xlsx file this reader can read."""


class WorkbookTooLarge(UnreadableWorkbook):
    """An .xlsx that unpacks to more than MAX_UNPACKED_BYTES."""


def first_sheet_rows(content: bytes):
    """(row number, values) of the workbook's first sheet, lazily."""
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
    except Exception as exc:  # openpyxl raises anything on a bad file
        raise UnreadableWorkbook from exc
    try:
        if not workbook.worksheets:
            raise UnreadableWorkbook
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        rows = sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
        yield from zip(range(1, LAST_ROW + 1), rows, strict=False)
    except UnreadableWorkbook:
        raise
    except Exception as exc:  # the sheet is read as it is iterated: broken XML shows here
        raise UnreadableWorkbook from exc
    finally:
        workbook.close()
