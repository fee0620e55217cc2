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
