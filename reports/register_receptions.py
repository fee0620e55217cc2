"""The voter-reception part of the activity register: the reception days (接待选民日) held at
the place's stations over the period, with the deputies on duty and the matters recorded that
day, and the register of voters' matters received in the period, each with where its handling
stands today (限时销号).

Nothing of a voter is in it: no name, no mobile, whoever exports or prints it (issue 25, item
6: nothing of a voter in any export unless the exporter's role allows it; the register's
readers need the matters, not who raised them). Matters are read through
`receptions.matters.selectors.matters_visible_to`. Three queries whatever the number of days
and matters.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from deputies.selectors import deputies_visible_to
from receptions.matters.selectors import matters_visible_to
from receptions.models import Category, Matter, ReceptionDay, Step
from receptions.models.matters import overdue_q

from .register_base import Column, RegisterPlace, Section


def no_voter_data_note() -> str:
    return _(
        "No voter's name or mobile is in this register, whoever exports or prints it: "
        "the voters' details stay in the reception register on the platform."
    )


@dataclass
class ReceptionPart:
    days: Section
    matters: Section
    on_duty: int = 0  # deputies on duty, over all the days
    recorded: int = 0  # matters recorded on those days
    closed: int = 0
    open: int = 0
    overdue: int = 0


def reception_part(
    user, place: RegisterPlace, date_from: date, date_to: date, today: date
) -> ReceptionPart:
    part = ReceptionPart(
        days=Section("receptions", pgettext("activity register", "Voter reception"), []),
        matters=Section("matters", pgettext("activity register", "Voters' matters"), []),
    )
    _days(user, place, date_from, date_to, today, part)
    _matters(user, place, date_from, date_to, today, part)
    return part


def _days(user, place, date_from, date_to, today, part: ReceptionPart) -> None:
    days_in_period = ReceptionDay.objects.filter(
        station__in=place.stations, day__gte=date_from, day__lte=date_to
    )
    finished = Q(matters__status__in=Matter.FINISHED)
    overdue = overdue_q(today, through="matters__")
    days = list(
        days_in_period.select_related("station__township")
        .only("day", "hours", "place", "station__name", "station__township__name")
        .annotate(
            on_duty_count=Count("on_duty", distinct=True),
            matter_count=Count("matters", distinct=True),
            closed_count=Count("matters", filter=finished, distinct=True),
            overdue_count=Count("matters", filter=overdue, distinct=True),
        )
        .order_by("day", "station__name", "pk")
    )
    names: dict[int, list[str]] = {}
    for day_id, name in (
        ReceptionDay.on_duty.through.objects.filter(
            receptionday__in=days_in_period, deputy__in=deputies_visible_to(user)
        )
        .order_by("receptionday_id", "deputy__user__name")
        .values_list("receptionday_id", "deputy__user__name")
    ):
        names.setdefault(day_id, []).append(name)
    section = part.days
    section.columns = [
        Column(_("Date")),
        Column(_("Hours"), printed=False),
        Column(_("Township"), printed=False),
        Column(_("Liaison station")),
        Column(_("Place"), printed=False),
        Column(_("Deputies on duty")),
        Column(pgettext("activity register", "Deputies on duty (number)"), number=True),
        Column(pgettext("activity register", "Matters recorded"), number=True),
        Column(pgettext("activity register", "Closed now"), number=True),
        Column(pgettext("activity register", "Open now"), number=True),
        Column(pgettext("activity register", "Overdue now"), number=True),
    ]
    for day in days:
        part.on_duty += day.on_duty_count
        part.recorded += day.matter_count
        section.rows.append(
            [
                day.day,
                day.hours,
                day.station.township.name,
                day.station.name,
                day.place,
                "、".join(names.get(day.pk, [])),
                day.on_duty_count,
                day.matter_count,
                day.closed_count,
                day.matter_count - day.closed_count,
                day.overdue_count,
            ]
        )
    section.notes.append(
        _("Matters recorded on the day, and where they stand on %(today)s.")
        % {"today": today.isoformat()}
    )


def _matters(user, place, date_from, date_to, today, part: ReceptionPart) -> None:
    matters = list(
        matters_visible_to(user)
        .filter(station__in=place.stations, received_on__gte=date_from, received_on__lte=date_to)
        .select_related("station__township")
        # Never the voter's name or mobile: they are not even read.
        .only(
            "year",
            "number",
            "received_on",
            "category",
            "raised",
            "unit",
            "due_on",
            "status",
            "closure",
            "satisfaction",
            "finished_at",
            "station__name",
            "station__township__name",
        )
        .annotate(referred_at=Min("steps__at", filter=Q(steps__kind=Step.Kind.REFER)))
        .order_by("received_on", "station__name", "year", "number")
    )
    categories = dict(Category.choices)
    section = part.matters
    section.columns = [
        Column(_("No."), nowrap=True),
        Column(_("Date received")),
        Column(_("Township"), printed=False),
        Column(_("Liaison station")),
        Column(_("Category")),
        Column(_("What the voter raised")),
        Column(pgettext("activity register", "Referred to")),
        Column(pgettext("activity register", "Date referred"), printed=False),
        Column(_("Answer due")),
        Column(_("Status")),
        Column(pgettext("activity register", "Date closed")),
        Column(_("Closed as"), printed=False),
        Column(_("Voter's view"), printed=False),
        Column(pgettext("activity register", "Days overdue"), number=True),
    ]
    for matter in matters:
        overdue_days = matter.days_overdue(today)
        if matter.is_finished:
            part.closed += 1
        else:
            part.open += 1
        if overdue_days:
            part.overdue += 1
        section.rows.append(
            [
                matter.case_number,
                matter.received_on,
                matter.station.township.name,
                matter.station.name,
                str(categories.get(matter.category, matter.category)),
                matter.raised,
                matter.unit,
                timezone.localdate(matter.referred_at) if matter.referred_at else None,
                matter.due_on,
                matter.get_status_display(),
                timezone.localdate(matter.finished_at) if matter.finished_at else None,
                matter.get_closure_display(),
                matter.get_satisfaction_display(),
                overdue_days or None,
            ]
        )
    section.notes += [
        _(
            "Matters received: %(count)d; on %(today)s closed: %(closed)d, open: %(open)d, "
            "of which overdue: %(overdue)d."
        )
        % {
            "count": len(matters),
            "closed": part.closed,
            "open": part.open,
            "overdue": part.overdue,
            "today": today.isoformat(),
        },
        no_voter_data_note(),
    ]
