import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from reports.tables import Table
from reports.xlsx import display_width, sheet_titles, workbook_bytes

SHANGHAI = ZoneInfo("Asia/Shanghai")


def read(tables):
    return load_workbook(io.BytesIO(workbook_bytes(tables)))


def data_cells(sheet, table):
    """The cells of the table's rows (below the notes, the blank line and the header)."""
    first = len(table.notes) + (2 if table.notes else 1) + 1
    return list(sheet.iter_rows(min_row=first))


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        '=HYPERLINK("http://evil.example","点我")',
        "+86 138",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=cmd|' /C calc'!A0",
        "\r=1+1",
        "=",
    ],
)
def test_text_that_excel_could_evaluate_is_written_as_text(text):
    table = Table("Sheet", ["Topic"], [[text]])
    (cell,) = data_cells(read([table]).active, table)[0]
    assert cell.data_type == "s"
    assert isinstance(cell.value, str)
    # The text behind an apostrophe. A carriage return comes back as itself where openpyxl
    # writes with lxml (python-docx brings it) and as a line feed with the standard library's
    # XML writer: either way it is the text, and the apostrophe comes first.
    assert cell.value.replace("\r", "\n") == ("'" + text).replace("\r", "\n")


def test_headings_notes_and_every_column_are_neutralised_too():
    table = Table("Sheet", ["=A1", "ok"], [["fine", "@x"]], notes=["-note"])
    sheet = read([table]).active
    assert sheet["A1"].value == "'-note"
    header = [cell.value for cell in sheet[3]]
    assert header == ["'=A1", "ok"]
    assert [cell.value for cell in sheet[4]] == ["fine", "'@x"]
    assert {cell.data_type for cell in (sheet["A1"], *sheet[3], *sheet[4])} == {"s"}


def test_harmless_text_is_left_alone():
    table = Table("Sheet", ["Name"], [["王秀英"], ["a=b"], [" =1"], ["—"]])
    values = [row[0].value for row in data_cells(read([table]).active, table)]
    assert values == ["王秀英", "a=b", " =1", "—"]


def test_numbers_and_dates_keep_their_types():
    moment = datetime(2026, 3, 1, 9, 30, tzinfo=SHANGHAI)
    table = Table(
        "Sheet",
        ["int", "negative", "decimal", "date", "datetime", "empty"],
        [[3, -5, Decimal("1.5"), date(2026, 1, 31), moment, None]],
    )
    cells = data_cells(read([table]).active, table)[0]
    assert [cell.data_type for cell in cells[:3]] == ["n", "n", "n"]
    assert [cell.value for cell in cells[:3]] == [3, -5, 1.5]
    assert cells[3].is_date and cells[3].value == datetime(2026, 1, 31)
    assert cells[3].number_format == "yyyy-mm-dd"
    # A moment is written as Beijing wall time (Excel has no time zones).
    assert cells[4].is_date and cells[4].value == datetime(2026, 3, 1, 9, 30)
    assert cells[4].number_format == "yyyy-mm-dd hh:mm"
    assert cells[5].value is None


def test_an_aware_moment_in_utc_is_written_in_local_time():
    moment = datetime(2025, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
    table = Table("Sheet", ["at"], [[moment]])
    (cell,) = data_cells(read([table]).active, table)[0]
    assert cell.value == datetime(2026, 1, 1, 7, 30)


def test_notes_then_a_bold_header_that_stays_in_view():
    table = Table("学员", ["姓名", "学时"], [["王秀英", Decimal("2.5")]], notes=["安吉县", "截至"])
    sheet = read([table]).active
    assert [sheet["A1"].value, sheet["A2"].value, sheet["A3"].value] == ["安吉县", "截至", None]
    assert [cell.value for cell in sheet[4]] == ["姓名", "学时"]
    assert all(cell.font.b for cell in sheet[4])
    assert not sheet["A5"].font.b
    assert sheet.freeze_panes == "A5"


def test_without_notes_the_header_is_the_first_row():
    table = Table("Sheet", ["a"], [[1]])
    sheet = read([table]).active
    assert sheet["A1"].value == "a"
    assert sheet.freeze_panes == "A2"


def test_columns_are_as_wide_as_their_content_chinese_counting_double():
    table = Table("Sheet", ["Name", "x"], [["王秀英王秀英王秀英", 1], ["Li", 2]])
    sheet = read([table]).active
    # Nine CJK characters take 18 columns, plus a margin; a narrow column gets a minimum.
    assert sheet.column_dimensions["A"].width == 20
    assert sheet.column_dimensions["B"].width == 6
    assert display_width("王a") == 3


def test_a_very_long_text_makes_a_capped_column():
    table = Table("Sheet", ["Topic"], [["长" * 200]])
    assert read([table]).active.column_dimensions["A"].width == 60


def test_one_sheet_per_table_with_safe_unique_names():
    tables = [
        Table("Completion: 2026/01 [draft]?", ["a"]),
        Table("x" * 40, ["a"]),
        Table("x" * 40, ["a"]),
        Table("'quoted'", ["a"]),
        Table("", ["a"]),
        Table("History", ["a"]),
        Table("Overview", ["a"]),
        Table("overview", ["a"]),
    ]
    names = read(tables).sheetnames
    assert names == [
        "Completion 2026 01 draft",
        "x" * 31,
        "x" * 27 + " (2)",
        "quoted",
        "Sheet",
        "History (2)",
        "Overview",
        "overview (2)",
    ]
    for name in names:
        assert len(name) <= 31
        assert not set(name) & set("[]:*?/\\")


def test_sheet_titles_never_collide_ignoring_case():
    titles = sheet_titles(["A", "a", "A (2)", "a"])
    assert len({t.lower() for t in titles}) == 4


def test_control_characters_a_workbook_cannot_hold_are_dropped():
    table = Table("Sheet", ["Topic"], [["学习\x00代表法\x1b"], ["\x01=1+1"]])
    values = [row[0].value for row in data_cells(read([table]).active, table)]
    assert values == ["学习代表法", "'=1+1"]


def test_an_empty_table_still_has_its_header():
    table = Table("Empty", ["a", "b"], [], notes=["nothing"])
    sheet = read([table])["Empty"]
    assert [cell.value for cell in sheet[3]] == ["a", "b"]
    assert sheet.max_row == 3
