"""The .xlsx template editors download, filled in with an example: the layout the importer
reads most surely (a title, the unit, a header, section rows, totals)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

HEADER = ["科目编码", "科目名称", "上年决算数", "本年预算数", "增减额", "增减%"]
EXAMPLE = [
    ("一、收入", None, None),
    ("101", "税收收入", 1200, 1260),
    ("103", "非税收入", 300, 280),
    ("110", "上级补助收入", 2500, 2600),
    ("", "收入合计", 4000, 4140),
    ("二、支出", None, None),
    ("201", "一般公共服务支出", 1300, 1320),
    ("205", "教育支出", 200, 210),
    ("208", "社会保障和就业支出", 800, 860),
    ("210", "卫生健康支出", 300, 320),
    ("212", "城乡社区支出", 600, 580),
    ("213", "农林水支出", 700, 750),
    ("227", "预备费", 0, 100),
    ("", "支出合计", 3900, 4140),
]


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "预算表"
    sheet.append(["××镇××年一般公共预算收支表"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells("A1:F1")
    sheet.append(["", "", "", "", "", "单位：万元"])
    sheet.append(HEADER)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in EXAMPLE:
        if row[1] is None:
            sheet.append(["", row[0]])
            continue
        code, name, previous, current = row
        number = sheet.max_row + 1
        sheet.append(
            [
                code,
                name,
                previous,
                current,
                f"=D{number}-C{number}",
                f'=IF(C{number}=0,"",ROUND((D{number}-C{number})/C{number}*100,1))',
            ]
        )
    sheet.column_dimensions["B"].width = 24
    for letter in "CDEF":
        sheet.column_dimensions[letter].width = 14
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
