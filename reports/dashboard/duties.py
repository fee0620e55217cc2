"""Voters' matters and suggestions across a place (接待选民与建议办理): for a county (per
township), a township (per liaison station) or a station (its one row), as of a day:

- reception days held (接待选民日) in the period, the calendar year up to the day;
- voters' matters (receptions.Matter): recorded in the period; open on the day (received by
  then, not finished by its end); overdue (the register's own rule, `Matter.objects.overdue`:
  the unit has not answered and its answer was due before the day); closed (销号) in the
  period;
- suggestions' replies (receptions.Suggestion, through `reply_deadlines_by_place`): referred
  and replied in the period; owed on the day, overdue, and second replies owed (the deputy
  not satisfied with the first);
- the overdue matters themselves, with their station, category, unit and days overdue, and
  the replies owed soonest.

Matters belong to a station; suggestions to a deputy, so a township's deputies with no station
have a row of their own for suggestions. Nothing of a voter is read: no name, no mobile, not
what they raised. "Overdue" is read from each matter's state now, as the register reads it:
for a past day it counts the matters still waiting for their unit that were due before it
(the handling's history keeps no past due dates to do better).

Scope: the place comes from `places.get_place`; matters are those of the stations the user
may see (`deputies.selectors.stations_visible_to`), suggestions those of the deputies in their
care. Every figure is an aggregate in the database: a fixed number of queries whatever the
number of matters, suggestions or places.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from deputies.models import LiaisonStation, Township
from deputies.selectors import stations_visible_to
from receptions.models import Matter, ReceptionDay, Suggestion
from receptions.suggestions.selectors import replies_owed, reply_deadlines_by_place

from .figures import Window, prefixed
from .places import Place, get_place

LEVELS = ("county", "township", "station")
# The lists on the page stop here; the spreadsheet holds every overdue matter.
OVERDUE_SHOWN = 200
NEAREST_SHOWN = 10


def duties_url(level: str, pk, *, export: bool = False) -> str:
    return reverse(f"dashboard:{level}_duties{'_overdue' if export else ''}", args=[pk])


@dataclass
class DutiesFigures:
    reception_days: int = 0
    recorded: int = 0
    open: int = 0
    overdue: int = 0
    closed: int = 0
    referred: int = 0
    awaiting: int = 0
    reply_overdue: int = 0
    replied: int = 0
    second: int = 0

    def add(self, other: "DutiesFigures") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class DutiesRow:
    key: object
    label: str
    url: str | None
    figures: DutiesFigures


@dataclass
class OverdueMatter:
    matter: Matter
    days: int

    @property
    def url(self) -> str:
        return reverse("receptions:matter", args=[self.matter.pk])


@dataclass
class DutiesReport:
    place: Place
    day: date
    since: date
    rows: list[DutiesRow] = field(default_factory=list)
    total: DutiesFigures = field(default_factory=DutiesFigures)
    overdue: list[OverdueMatter] = field(default_factory=list)
    nearest: list[Suggestion] = field(default_factory=list)

    @property
    def overdue_not_shown(self) -> int:
        return max(self.total.overdue - len(self.overdue), 0)


def duties_place(user, level: str, pk) -> Place:
    """The place, if its level has this page and the user's scope covers it; else 404."""
    if level not in LEVELS:
        raise Http404("No voters' matters page at this level")
    return get_place(user, level, pk)


def _station_filter(place: Place, prefix: str = "") -> Q:
    """The place's stations, as a Q on a model that points to LiaisonStation via `prefix`."""
    field_name = {
        "county": "township__county_id",
        "township": "township_id",
        "station": "pk" if not prefix else "id",
    }[place.level]
    return Q(**{f"{prefix}{field_name}": place.obj.pk})


def _row_key(place: Place) -> str:
    """The field of a station its rows group by: the township on a county's page, the
    station itself below."""
    return "township_id" if place.level == "county" else "id"


def matters_in(user, place: Place):
    """The matters of the place's stations the user may see."""
    return Matter.objects.filter(
        _station_filter(place, "station__"), station__in=stations_visible_to(user)
    )


def overdue_matters(user, place: Place, day: date):
    """The place's matters overdue on `day` by the register's rule, received by then, the
    longest overdue first. Nothing of the voter is read."""
    return (
        matters_in(user, place)
        .overdue(day)
        .filter(received_on__lte=day)
        .select_related("station__township")
        .only(
            "pk",
            "year",
            "number",
            "status",
            "category",
            "received_on",
            "unit",
            "due_on",
            "station__name",
            "station__township__name",
        )
        .order_by("due_on", "station__township__name", "station__name", "year", "number")
    )


def duties_report(
    user, place: Place, day: date, *, overdue_limit: int | None = OVERDUE_SHOWN
) -> DutiesReport:
    """The report of a place already in the user's scope (`duties_place`) as of `day`. Eight
    queries: the rows, the reception days, two over the matters, one over the suggestions,
    the scope's stations in each (a subquery), the overdue list and the nearest replies."""
    since = date(day.year, 1, 1)
    window = Window(day)
    report = DutiesReport(place=place, day=day, since=since)
    figures: dict = {}

    def at(key) -> DutiesFigures:
        return figures.setdefault(key, DutiesFigures())

    key = _row_key(place)
    days = ReceptionDay.objects.filter(
        _station_filter(place, "station__"),
        station__in=stations_visible_to(user),
        day__gte=since,
        day__lte=day,
    )
    for row in days.values(f"station__{key}").annotate(n=Count("pk")).order_by():
        at(row[f"station__{key}"]).reception_days = row["n"]

    matters = matters_in(user, place).filter(received_on__lte=day)
    finished_by_then = Q(finished_at__lt=window.end)
    for row in (
        matters.values(f"station__{key}")
        .annotate(
            recorded=Count("pk", filter=Q(received_on__gte=since)),
            open=Count("pk", filter=~finished_by_then | Q(finished_at__isnull=True)),
            closed=Count(
                "pk",
                filter=finished_by_then
                & Q(status=Matter.Status.CLOSED, finished_at__gte=_start(since)),
            ),
        )
        .order_by()
    ):
        item = at(row[f"station__{key}"])
        item.recorded, item.open, item.closed = row["recorded"], row["open"], row["closed"]
    for row in matters.overdue(day).values(f"station__{key}").annotate(n=Count("pk")).order_by():
        at(row[f"station__{key}"]).overdue = row["n"]

    level = "townships" if place.level == "county" else "stations"
    # Suggestions go by their deputy's place: a township's deputies with no station count too.
    within = prefixed(place.deputies, "deputy__")
    for deadlines in reply_deadlines_by_place(
        user, on=day, since=since, within=within, levels=(level,)
    )[level]:
        item = at(deadlines.pk)
        item.referred, item.replied = deadlines.referred, deadlines.replied
        item.awaiting, item.reply_overdue = deadlines.open, deadlines.overdue
        item.second = deadlines.second

    for value in figures.values():
        report.total.add(value)
    report.rows = _rows(place, figures)
    overdue = overdue_matters(user, place, day)
    report.overdue = [
        OverdueMatter(matter, matter.days_overdue(day))
        for matter in (overdue[:overdue_limit] if overdue_limit is not None else overdue)
    ]
    report.nearest = list(
        replies_owed(user, on=day, within=within)
        .select_related("deputy__user", "deputy__station", "deputy__township")
        .order_by("owed_due", "pk")[:NEAREST_SHOWN]
    )
    for suggestion in report.nearest:
        suggestion.days_left_then = (suggestion.owed_due - day).days
        suggestion.days_late = max(-suggestion.days_left_then, 0)
    return report


def _start(day: date) -> datetime:
    """The first moment of `day`, on the local calendar."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _rows(place: Place, figures: dict) -> list[DutiesRow]:
    def row(key, label, url):
        return DutiesRow(key, label, url, figures.get(key, DutiesFigures()))

    if place.level == "county":
        townships = Township.objects.filter(county=place.obj).order_by("name")
        return [row(t.pk, t.name, duties_url("township", t.pk)) for t in townships]
    if place.level == "township":
        stations = LiaisonStation.objects.filter(township=place.obj).order_by("name")
        rows = [row(s.pk, s.name, duties_url("station", s.pk)) for s in stations]
        if None in figures:
            rows.append(row(None, _("No liaison station"), None))
        return rows
    return [row(place.obj.pk, place.obj.name, None)]
