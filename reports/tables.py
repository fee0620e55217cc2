"""A table of figures as the dashboard shows it and the exports write it: a title, column
headings and rows of plain values (str, int, Decimal, date, datetime or None). The dashboard's
selectors build these; `reports.xlsx` writes them, so a spreadsheet holds exactly what the page
shows."""

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass
class Table:
    # The sheet's name and heading: short, since Excel cuts sheet names at 31 characters.
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    # Lines written above the table: what it covers, the "as of" date, who exported it.
    notes: list[str] = field(default_factory=list)


def exported_by(name: str, at=None) -> str:
    """The note every export carries: who made it and when (local time; now by default)."""
    return _("Exported by %(name)s at %(when)s") % {
        "name": name,
        "when": timezone.localtime(at).strftime("%Y-%m-%d %H:%M"),
    }
