"""Budget tables as .xlsx, laid out as real township and county files are."""

import io

from openpyxl import Workbook


def xlsx(rows, *, title="Sheet", merges=(), sheets=None) -> bytes:
    """A workbook of one sheet of `rows`, or of several (`sheets`: title -> rows)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_title, sheet_rows in (sheets or {title: rows}).items():
        sheet = workbook.create_sheet(sheet_title)
        for row in sheet_rows:
            sheet.append(list(row))
        for merge in merges:
            sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# A township's table: a merged title, the unit at the right, 项目 / 2025年决算数 / 2026年预算数 /
# 增减额 / 增减%, section rows, totals; figures as numbers, text, dashes, thousands separators.
TOWNSHIP = [
    ("青石镇2026年一般公共预算收支预算表",),
    (None, None, None, None, "单位：万元"),
    ("项目", "2025年决算数", "2026年预算数", "增减额", "增减%"),
    ("一、收入",),
    ("税收收入", 1500, "1,650", 150, 10.0),
    ("非税收入", "300.5", 280, -20.5, -6.8),
    ("上级补助收入", 4200, 4400, 200, 4.8),
    ("收入合计", 6000.5, 6330, 329.5, 5.5),
    (None,),
    ("二、支出",),
    ("一般公共服务支出", 1800, 1750, -50, -2.8),
    ("教育支出", 150, 180, 30, 20.0),
    ("社会保障和就业支出", 1200, 1300, 100, 8.3),
    ("卫生健康支出", 400, 420, 20, 5.0),
    ("农林水支出", 1600, 1700, 100, 6.3),
    ("城乡社区支出", 800, 880, 80, 10.0),
    ("预备费", "—", 100, 100, None),
    ("支出合计", 5950, 6330, 380, 6.4),
]

# A county's department-style table: 科目编码 and 科目名称, 上年执行数 / 本年预算数, a
# 收支 column instead of section rows, 款 lines beneath a 类 line, 总计 rows.
COUNTY = [
    ("某县2026年一般公共预算表",),
    ("单位：万元",),
    ("收支", "科目编码", "科目名称", "上年执行数", "本年预算数"),
    ("收入", "101", "税收收入", "52,000", "55,000"),
    ("收入", "10101", "增值税", "20,000", "21,000"),
    ("收入", "110", "上级补助收入", "88,000", "90,000"),
    ("收入", "", "收入总计", "140,000", "145,000"),
    ("支出", "201", "一般公共服务支出", "30,000", "29,000"),
    ("支出", "20101", "人大事务", "1,200", "1,250"),
    ("支出", "205", "教育支出", "40,000", "42,000"),
    ("支出", "208", "社会保障和就业支出", "35,000", "37,000"),
    ("支出", "213", "农林水支出", "30,000", "31,000"),
    ("支出", "227", "预备费", "-", "2,000"),
    ("支出", "", "支出总计", "135,000", "141,000"),
]

# A two-row header: 项目 merged down, the years merged across their columns.
TWO_ROW_HEADER = [
    ("双桥乡2026年预算",),
    ("项目", "2025年", None, "2026年"),
    (None, "预算数", "决算数", "预算数"),
    ("一、收入",),
    ("税收收入", 800, 820, 860),
    ("上级补助收入", 2100, 2150, 2200),
    ("二、支出",),
    ("一般公共服务支出", 1000, 1020, 1010),
    ("农林水支出", 900, 950, 1050),
]
TWO_ROW_MERGES = ("A2:A3", "B2:C2")

# A 收支总表: income on the left, spending on the right, each with its own figures; the
# income side ends first.
SIDE_BY_SIDE = [
    ("柳河镇2026年收支预算总表",),
    ("单位：万元",),
    ("收入项目", "上年决算数", "本年预算数", "支出项目", "上年决算数", "本年预算数"),
    ("税收收入", 900, 950, "一般公共服务支出", 700, 690),
    ("上级补助收入", 1100, 1150, "教育支出", 300, 320),
    (None, None, None, "农林水支出", 1000, 1090),
    ("收入合计", 2000, 2100, "支出合计", 2000, 2100),
]
