"""Workbooks the roster pages hand out: the import template, the current roster in the same
layout (to edit and upload again), and the problems and changes a check found.

The template and the export are one layout: a title row, the header, one deputy a row, with
drop-down lists for gender, level, township, station and in office. The township and station
lists live on a hidden sheet behind named ranges (an inline list holds at most 255
characters, and a county has dozens of stations). The import reads the roster back from it
unchanged: whatever the export writes, the reader takes as the same value.
"""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from audit.models import Action
from audit.services import record
from common.workbooks import safe_text

from .columns import COLUMNS, WRITTEN
from .plan import RosterPlan

ROSTER_SHEET = "代表名册"
HELP_SHEET = "说明"
LISTS_SHEET = "选项"
HEADER_ROW = 2  # under the title
WIDTHS = (10, 6, 15, 10, 6, 16, 20, 14, 10)
# Rows below the last deputy that keep the drop-down lists, for deputies added by hand.
ROOM_TO_ADD = 500
TEMPLATE_HELP = gettext_lazy(
    "One deputy a row. Gender: 男 or 女. Level: 县级 or 乡镇级. Term: a number such as 18. "
    "Township and liaison station as named on this platform. In office: 是 or 否 (empty means 是)."
)
EXAMPLE = ["张三", "男", "13812345678", "乡镇级", 18]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def roster_template(townships) -> bytes:
    """The downloadable template: the title, the header, one example row, and the lists."""
    township = townships[0] if townships else None
    station = township.stations.all()[0] if township and township.stations.all() else None
    example = [
        *EXAMPLE,
        township.name if township else "",
        station.name if station else "",
        "",
        "是",
    ]
    return _roster_workbook(title=_("Deputies roster"), townships=townships, rows=[example])


def roster_export(*, county, townships, deputies, by) -> bytes:
    """The roster of `deputies` (with people, township and station selected) in the template's
    layout, to edit and upload again. Mobile numbers are written in full: only those who see
    each of these deputies' number on the deputy's page get this file (see the view). The
    audit log records who took it and how many deputies it holds."""
    deputies = list(deputies)
    title = _("%(county)s deputies roster (exported %(date)s)") % {
        "county": county.name,
        "date": timezone.localdate().isoformat(),
    }
    rows = [
        [
            deputy.user.name,
            WRITTEN["gender"].get(deputy.gender, deputy.gender),
            deputy.user.mobile,
            WRITTEN["level"].get(deputy.level, deputy.level),
            deputy.term,
            deputy.township.name,
            deputy.station.name if deputy.station else "",
            deputy.card_number,
            WRITTEN["active"][deputy.is_active],
        ]
        for deputy in deputies
    ]
    content = _roster_workbook(title=title, townships=townships, rows=rows)
    record(Action.ROSTER_EXPORTED, by=by, county=county, count=len(rows), place=county.name)
    return content


def _roster_workbook(*, title: str, townships, rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ROSTER_SHEET
    headers = [names[0] for names in COLUMNS.values()]
    last_column = get_column_letter(len(headers))
    sheet.append([safe_text(title)])
    sheet.merge_cells(f"A1:{last_column}1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(headers)
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FDE9D9")
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    for number, row in enumerate(rows, start=HEADER_ROW + 1):
        sheet.append([safe_text(v) if isinstance(v, str) else v for v in row])
        # Numbers kept as text: Excel would show a long card number as 1.2E+17.
        for column in ("C", "H"):
            sheet[f"{column}{number}"].number_format = "@"
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width

    _help_sheet(workbook, townships)
    last_row = HEADER_ROW + max(len(rows), 1) + ROOM_TO_ADD
    _drop_downs(workbook, sheet, townships, last_row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _help_sheet(workbook, townships):
    sheet = workbook.create_sheet(HELP_SHEET)
    sheet.append([str(TEMPLATE_HELP)])
    sheet.append([])
    sheet.append(["乡镇（街道）", "代表联络站"])
    for township in townships:
        for station_name in [s.name for s in township.stations.all()] or [""]:
            sheet.append([safe_text(township.name), safe_text(station_name)])
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 24


def _drop_downs(workbook, sheet, townships, last_row: int):
    """Lists to pick gender, level, township, station and in office from."""
    columns = {key: get_column_letter(i) for i, key in enumerate(COLUMNS, start=1)}
    first = HEADER_ROW + 1

    def validate(column: str, formula: str):
        validation = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Not on the list"),
            error=_("Pick a value from the drop-down list."),
        )
        validation.add(f"{columns[column]}{first}:{columns[column]}{last_row}")
        sheet.add_data_validation(validation)

    for column, written in WRITTEN.items():
        validate(column, '"{}"'.format(",".join(dict.fromkeys(written.values()))))

    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    township_names = [t.name for t in townships]
    station_names = sorted({s.name for t in townships for s in t.stations.all()})
    for key, letter, names in (
        ("township", "A", township_names),
        ("station", "B", station_names),
    ):
        if not names:
            continue
        for number, name in enumerate(names, start=1):
            lists[f"{letter}{number}"] = safe_text(name)
        name = {"township": "Townships", "station": "Stations"}[key]
        reference = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(names)}"
        workbook.defined_names.add(DefinedName(name, attr_text=reference))
        validate(key, f"={name}")


def problems_workbook(plan: RosterPlan, *, filename: str) -> bytes:
    """The check's findings, to work through beside the file: each problem with its row,
    column, the value found and why it was refused; then each change an update would make.
    Every text cell is written safe from being read as a formula."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Problems"))[:31]
    sheet.append([safe_text(_("File: %(name)s, sheet “%(sheet)s”") % {
        "name": filename, "sheet": plan.sheet})])  # fmt: skip
    sheet.append(
        [_("Row"), _("Column"), _("Heading"), _("Value in the file"), _("Problem"), _("Name")]
    )
    for error in plan.errors:
        for problem in error.problems:
            sheet.append(
                [
                    error.row,
                    problem.letter,
                    safe_text(problem.heading),
                    safe_text(problem.value),
                    safe_text(problem.reason),
                    safe_text(error.name),
                ]
            )
    _style(sheet, (6, 8, 12, 24, 50, 12))
    if plan.updates:
        changes = workbook.create_sheet(str(_("Changes"))[:31])
        changes.append([safe_text(_("What importing the file changes of known deputies."))])
        changes.append([_("Row"), _("Name"), _("Mobile number"), _("Field"), _("Now"), _("After")])
        for row in plan.updates:
            for change in row.changes:
                changes.append(
                    [
                        row.row,
                        safe_text(row.name),
                        row.masked_mobile,
                        safe_text(change.label),
                        safe_text(change.old),
                        safe_text(change.new),
                    ]
                )
        _style(changes, (6, 12, 14, 12, 20, 20))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _style(sheet, widths):
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A3"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
