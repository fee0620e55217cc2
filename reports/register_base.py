"""What every part of the activity register (活动台账) shares: the place it is kept for, read
within the user's scope, the period's bounds on the local calendar, and the section (one kind
of activity) that is both a sheet of the spreadsheet and a table of the printed register.

Scope comes from `deputies.selectors`: a place outside the user's scope does not exist (404),
and within the place only the stations the user may see count.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from deputies.selectors import counties_visible_to, stations_visible_to, townships_visible_to

from .tables import Table

LEVELS = ("county", "township", "station")


@dataclass
class RegisterPlace:
    level: str
    obj: object  # County, Township or LiaisonStation
    # The place's stations the user may see: every activity of the register is at one of them.
    stations: QuerySet

    @property
    def name(self) -> str:
        return self.obj.name


def register_place(user, level: str, pk: int) -> RegisterPlace:
    """The county, township or station, if the user's scope covers it; else 404."""
    visible = stations_visible_to(user)
    if level == "county":
        county = get_object_or_404(counties_visible_to(user), pk=pk)
        return RegisterPlace(level, county, visible.filter(township__county_id=county.pk))
    if level == "township":
        township = get_object_or_404(townships_visible_to(user), pk=pk)
        return RegisterPlace(level, township, visible.filter(township_id=township.pk))
    if level == "station":
        station = get_object_or_404(visible, pk=pk)
        return RegisterPlace(level, station, visible.filter(pk=station.pk))
    raise Http404("No such level of place")


def local_day_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """The first moment of `date_from` and the first moment after `date_to`, local time."""
    start = timezone.make_aware(datetime.combine(date_from, time.min))
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min))
    return start, end


@dataclass(frozen=True)
class Column:
    label: str
    # Printed on the A4 page too; the spreadsheet has every column, the page what fits.
    printed: bool = True
    # A figure: right-aligned on the page.
    number: bool = False
    # Kept on one line on the page (a case number such as 2026-001; dates always are).
    nowrap: bool = False


def printable(value: Any) -> str:
    """A cell as the printed page shows it: dates as 2025-03-10, times local, no "None"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


@dataclass
class Section:
    """One kind of activity: a sheet of the spreadsheet and a table of the printed page, from
    the same rows."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    # What the section's figures mean, or what it leaves out, under the register's heading.
    notes: list[str] = field(default_factory=list)

    def table(self, heading: list[str]) -> Table:
        return Table(
            title=self.title,
            columns=[column.label for column in self.columns],
            rows=self.rows,
            notes=[*heading, *self.notes],
        )

    def _kept(self) -> list[int]:
        return [i for i, column in enumerate(self.columns) if column.printed]

    @property
    def printed_columns(self) -> list[Column]:
        return [self.columns[i] for i in self._kept()]

    @property
    def printed_rows(self) -> list[list[tuple[str, str]]]:
        """Each printed cell as (text, its class on the page: "num", "nowrap" or "")."""
        kept = self._kept()
        return [
            [(printable(row[i]), _css(self.columns[i], row[i])) for i in kept] for row in self.rows
        ]


def _css(column: Column, value: Any) -> str:
    if column.number:
        return "num"
    if column.nowrap or isinstance(value, date):
        return "nowrap"
    return ""
