"""The record of duties (履职档案) in a deputy's archive: the reception days they were on duty,
the voters' matters they received or recorded and how many were closed (销号), the inspections
and surveys they took part in with what they found, and the suggestions they submitted with
their replies; and, by year, a summary that puts these beside the study (学时, group study).

Reads the rows of `receptions` and `inspections` directly, as the rest of the archive reads
every app's: the deputy is already in the viewer's scope (`reports.selectors`). A voter's name,
mobile and words are never read here, so no template can show them.

Five queries whatever the size of the record; like the rest of the archive, each kind is read
whole and the period chosen in Python, so that the year list and the lists agree.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from inspections.models import Finding, Inspection
from proposals.models import Draft
from receptions.models import Matter, ReceptionDay, Suggestion

from .archive import (
    ZERO,
    Duties,
    DutyYear,
    InspectionRow,
    MatterRow,
    ReceptionDayRow,
    SessionRow,
    SuggestionRow,
    YearHours,
)


@dataclass
class DutyRows:
    """Every row of the deputy's record of duties, of every year, each with the day that places
    it in a year: the day on duty, the day a matter was received, an inspection's first day,
    the day a suggestion was referred (交办)."""

    reception_days: list[ReceptionDayRow] = field(default_factory=list)
    matters: list[MatterRow] = field(default_factory=list)
    inspections: list[InspectionRow] = field(default_factory=list)
    suggestions: list[SuggestionRow] = field(default_factory=list)

    def days(self) -> list[date]:
        return [
            *(row.day for row in self.reception_days),
            *(row.received_on for row in self.matters),
            *(row.starts_on for row in self.inspections),
            *(row.assigned_on for row in self.suggestions),
        ]


def duty_rows(deputy, *, today: date | None = None) -> DutyRows:
    """The deputy's whole record of duties, newest first in each list. Five queries."""
    today = today or timezone.localdate()
    return DutyRows(
        reception_days=_reception_days(deputy),
        matters=_matters(deputy, today),
        inspections=_inspections(deputy),
        suggestions=_suggestions(deputy, today),
    )


def _reception_days(deputy) -> list[ReceptionDayRow]:
    days = (
        ReceptionDay.objects.filter(on_duty=deputy)
        .values("day", "station__name", "place")
        .order_by("-day", "-pk")
    )
    return [
        ReceptionDayRow(day=row["day"], station=row["station__name"], place=row["place"])
        for row in days
    ]


def _matters(deputy, today: date) -> list[MatterRow]:
    """The matters the deputy received (on duty) or recorded (for a voter who came to them):
    the register's own fields only, never the voter's (not even read)."""
    matters = (
        Matter.objects.filter(Q(deputy=deputy) | Q(recorded_by_id=deputy.user_id))
        .select_related("station")
        .only(
            "year",
            "number",
            "received_on",
            "station__name",
            "category",
            "status",
            "closure",
            "finished_at",
            "due_on",
        )
        .order_by("-received_on", "-number", "-pk")
    )
    return [
        MatterRow(
            case_number=m.case_number,
            received_on=m.received_on,
            station=m.station.name,
            category=m.get_category_display(),
            status=m.get_status_display(),
            closed=m.status == Matter.Status.CLOSED,
            closure=m.get_closure_display(),
            finished_on=timezone.localdate(m.finished_at) if m.finished_at else None,
            overdue_days=m.days_overdue(today),
        )
        for m in matters
    ]


def _inspections(deputy) -> list[InspectionRow]:
    """The inspections and surveys the deputy took part in (the organiser is always one of
    their deputies: inspections.services.create_inspection), with the report's state and, in a
    second query, what the deputy found at each stop."""
    inspections = (
        Inspection.objects.filter(deputies=deputy)
        .values(
            "pk",
            "title",
            "kind",
            "station__name",
            "starts_on",
            "ends_on",
            "organiser_id",
            "report__status",
        )
        .order_by("-starts_on", "-pk")
    )
    found: dict[int, list[tuple[str, str]]] = {}
    for f in (
        Finding.objects.filter(deputy=deputy)
        .values("inspection_id", "stop__place", "text")
        .order_by("stop__position", "created_at", "pk")
    ):
        found.setdefault(f["inspection_id"], []).append((f["stop__place"], f["text"]))
    return [
        InspectionRow(
            title=i["title"],
            kind=_label(Inspection._meta.get_field("kind"), i["kind"]),
            station=i["station__name"],
            starts_on=i["starts_on"],
            ends_on=i["ends_on"],
            organiser=i["organiser_id"] == deputy.pk,
            findings=found.get(i["pk"], []),
            report_status=_label(Draft._meta.get_field("status"), i["report__status"] or ""),
            report_accepted=i["report__status"] == Draft.Status.ACCEPTED,
        )
        for i in inspections
    ]


def _suggestions(deputy, today: date) -> list[SuggestionRow]:
    """The suggestions the deputy submitted, with the latest reply: a second reply's outcome
    and satisfaction, where the deputy was not satisfied with the first and one came."""
    rows = []
    for s in Suggestion.objects.filter(deputy=deputy).order_by("-assigned_on", "-pk"):
        rows.append(
            SuggestionRow(
                title=s.title,
                level=s.get_level_display(),
                main_unit=s.main_unit,
                assigned_on=s.assigned_on,
                status=s.get_status_display(),
                replied_on=s.replied_on,
                outcome=_label(
                    Suggestion._meta.get_field("outcome"), s.second_outcome or s.outcome
                ),
                satisfaction=_label(
                    Suggestion._meta.get_field("satisfaction"),
                    s.final_satisfaction or s.satisfaction,
                ),
                due=s.due,
                overdue_days=max(-(s.days_left(on=today) or 0), 0),
                replied_late=bool(s.replied_on and s.replied_on > s.reply_due),
            )
        )
    return rows


def _label(model_field, value: str) -> str:
    """The translated label of a choice, "" for none."""
    return str(dict(model_field.flatchoices).get(value, "")) if value else ""


def record_of_duties(
    rows: DutyRows,
    *,
    sessions: list[SessionRow],
    hours_by_year: list[YearHours],
    shown: Callable[[date], bool],
) -> Duties:
    """The record of duties of the days `shown` keeps (the chosen year and term): its lists,
    and its summary by year. A year's study hours are its credit hours as the archive counts
    them (`hours_by_year`, narrowed already), its group study the sessions attended
    (`sessions`, narrowed already); matters closed are those received that year and closed
    since, suggestions replied those referred that year and answered since."""
    duties = Duties(
        reception_days=[r for r in rows.reception_days if shown(r.day)],
        matters=[m for m in rows.matters if shown(m.received_on)],
        inspections=[i for i in rows.inspections if shown(i.starts_on)],
        suggestions=[s for s in rows.suggestions if shown(s.assigned_on)],
    )
    years: dict[int, DutyYear] = {}

    def row(day: date) -> DutyYear:
        return years.setdefault(day.year, DutyYear(year=day.year))

    for hours in hours_by_year:
        if hours.total:
            years.setdefault(hours.year, DutyYear(year=hours.year)).study_hours = hours.total
    for session in sessions:
        row(timezone.localtime(session.starts_at).date()).sessions += 1
    for reception in duties.reception_days:
        row(reception.day).reception_days += 1
    for matter in duties.matters:
        row(matter.received_on).matters += 1
        row(matter.received_on).matters_closed += matter.closed
    for inspection in duties.inspections:
        row(inspection.starts_on).inspections += 1
    for suggestion in duties.suggestions:
        row(suggestion.assigned_on).suggestions += 1
        row(suggestion.assigned_on).suggestions_replied += suggestion.replied
    duties.by_year = sorted(years.values(), key=lambda r: r.year, reverse=True)
    duties.total = DutyYear(
        year=None,
        study_hours=sum((r.study_hours for r in duties.by_year), ZERO),
        **{name: sum(getattr(r, name) for r in duties.by_year) for name in COUNTS},
    )
    return duties


COUNTS = (
    "sessions",
    "reception_days",
    "matters",
    "matters_closed",
    "inspections",
    "suggestions",
    "suggestions_replied",
)
