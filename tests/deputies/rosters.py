"""Roster files built in the test, as a county clerk would fill in the template."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

HEADER = [
    "姓名",
    "性别",
    "手机号码",
    "代表层级",
    "届次",
    "乡镇（街道）",
    "代表联络站",
    "代表证号",
    "是否在任",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def roster_row(**changes):
    """One good row for the `deputy` fixture's station, with the given cells changed."""
    cells = {
        "name": "陈建军",
        "gender": "男",
        "mobile": "13512340001",
        "level": "乡镇级",
        "term": "第十八届",
        "township": "递铺街道",
        "station": "递铺代表联络站",
        "card_number": "",
        "active": "是",
    }
    cells.update(changes)
    return list(cells.values())


def build_roster(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def roster_upload(content: bytes, name="roster.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX)


COUNTY_HEADER = [
    "序号",
    "姓　名",
    "性 别",
    "手机号码",
    "代表层级",
    "届次",
    "乡镇(街道)",
    "代表联络站",
    "代表证号",
    "是否在任",
    "备注",
]


def county_office_roster(
    rows, *, title="安吉县第十八届人民代表大会代表名册", hidden=True, numbered_to=None
) -> bytes:
    """A roster as county offices keep them: a merged title row and a line of who filled it in
    above the header; headings padded with spaces and a half-width bracket; a 序号 column and
    a 备注 column; numbers stored as numbers; rows numbered further down than they are filled
    in (`numbered_to`), then blank rows that were only formatted. With `hidden`, a hidden
    sheet in front holds last year's roster, header and all, that must not be read.

    `rows` are lists of the nine template cells (as roster_row makes them): each is written
    under the padded headings, with its 序号 and an empty 备注."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "2026年名册"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COUNTY_HEADER))
    sheet.append(
        ["填报单位：安吉县人大常委会代表工作委员会", None, None, None, None, None, "2026年3月"]
    )
    sheet.append(COUNTY_HEADER)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row, ""])
    for number in range(len(rows) + 1, (numbered_to or len(rows)) + 1):
        sheet.append([number])
    for row_number in range(sheet.max_row + 1, sheet.max_row + 20):
        sheet.cell(row=row_number, column=2).value = "   "  # formatted, not filled in
    if hidden:
        old = workbook.create_sheet("2021年名册（旧）", index=0)
        old.append(HEADER)
        old.append(roster_row(name="旧名字", mobile="13512349990"))
        old.sheet_state = "hidden"
        workbook.active = 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
