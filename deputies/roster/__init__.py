"""Roster import: an xlsx of deputies, checked row by row, then written all at once.

`read_roster` checks a file and returns a plan: which rows create, update or leave a deputy
unchanged (and, for an update, what it changes), and every refused row with the column, the
value found and the reason. `apply_roster` writes the plan's good rows in one transaction.
Nothing is written while checking. `roster_template` and `roster_export` make workbooks in the
layout the reader reads; `problems_workbook` the findings of a check.

Modules by role: `columns` (headings and cell values as county offices write them), `plan`
(what a check found), `reading`, `applying`, `export`.
"""

from .applying import apply_roster, record_roster_import
from .columns import COLUMNS, parse_term
from .export import XLSX, problems_workbook, roster_export, roster_template
from .plan import Change, Problem, RosterPlan, RosterRow, RowError
from .reading import MAX_ROWS, RosterFileError, read_roster

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "XLSX",
    "Change",
    "Problem",
    "RosterFileError",
    "RosterPlan",
    "RosterRow",
    "RowError",
    "apply_roster",
    "parse_term",
    "problems_workbook",
    "read_roster",
    "record_roster_import",
    "roster_export",
    "roster_template",
]
