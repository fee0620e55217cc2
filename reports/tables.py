"""A table of figures as the dashboard shows it and the exports write it: a title, column
headings and rows of plain values (str, int, Decimal, date, datetime or None). The dashboard's
selectors build these; `reports.xlsx` writes them, so a spreadsheet holds exactly what the page
shows."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Table:
    # The sheet's name and heading: short, since Excel cuts sheet names at 31 characters.
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    # Lines written above the table: what it covers, the "as of" date, who exported it.
    notes: list[str] = field(default_factory=list)
