"""The group-study register (集中学习台账) of a county, township or liaison station over a
period: the sessions held, and who attended each, as tables for a spreadsheet.

Scope comes from `deputies.selectors`: a place outside the user's scope does not exist (404),
and within the place only the stations the user may see count; an attendance row names a
deputy only if the user may see them. Days are days on the local (Asia/Shanghai) calendar.

Six queries whatever the size of the register (seven when the user's scope is not read yet).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from deputies.selectors import (
    counties_visible_to,
    deputies_visible_to,
    stations_visible_to,
    townships_visible_to,
)
from studysessions.models import Attendance, Invitation, StudySession

from .tables import Table

LEVELS = ("county", "township", "station")


@dataclass
class RegisterPlace:
    level: str
    obj: object  # County, Township or LiaisonStation
    # The place's stations the user may see: every session of the register is at one of them.
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


def _sessions(place: RegisterPlace, date_from: date, date_to: date) -> QuerySet[StudySession]:
    start, end = local_day_bounds(date_from, date_to)
    return StudySession.objects.filter(
        station__in=place.stations, starts_at__gte=start, starts_at__lt=end
    )


def register_size(place: RegisterPlace, *, date_from: date, date_to: date) -> int:
    """How many rows the register's sheets hold (an upper bound: attendances of deputies the
    user may not see are counted too). Two counting queries."""
    sessions = _sessions(place, date_from, date_to)
    return sessions.count() + Attendance.objects.filter(session__in=sessions).count()


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _hours(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.1"))


def register_tables(user, *, level: str, pk: int, date_from: date, date_to: date) -> list[Table]:
    """The register of the place over `date_from`–`date_to` (both included), as two tables:
    the sessions (held, scheduled or cancelled) with invitations, acceptances, attendance and
    its rate (attended / invited, as on the station's history page), and one row per
    attendance. Raises Http404 when the place is outside the user's scope."""
    if date_from > date_to:
        raise ValueError("date_from is after date_to")
    place = register_place(user, level, pk)
    selected = _sessions(place, date_from, date_to)
    sessions = list(
        selected.select_related("station__township")
        .only(
            "station__name",
            "station__township__name",
            "topic",
            "starts_at",
            "ends_at",
            "place",
            "facilitator",
            "credit_hours",
            "status",
            "cancel_reason",
        )
        .order_by("starts_at", "station__name", "pk")
    )
    lessons: dict[int, list[str]] = {}
    through = StudySession.lessons.through
    for session_id, title in (
        through.objects.filter(studysession__in=selected)
        .order_by("studysession_id", "lessonpage__path")
        .values_list("studysession_id", "lessonpage__title")
    ):
        lessons.setdefault(session_id, []).append(title)
    replies = {
        row["session_id"]: row
        for row in Invitation.objects.filter(session__in=selected)
        .values("session_id")
        .annotate(
            invited=Count("pk"),
            accepted=Count("pk", filter=Q(reply=Invitation.Reply.ATTEND)),
        )
        .order_by()
    }
    present = dict(
        Attendance.objects.filter(session__in=selected)
        .values("session_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("session_id", "n")
    )
    attendances = list(
        Attendance.objects.filter(session__in=selected, deputy__in=deputies_visible_to(user))
        .values(
            "session__starts_at",
            "session__station__name",
            "session__topic",
            "deputy__user__name",
            "deputy__township__name",
            "deputy__station__name",
            "checked_in_at",
            "method",
            "recorded_by__name",
        )
        .order_by(
            "session__starts_at", "session__station__name", "session_id", "deputy__user__name"
        )
    )

    now = timezone.now()
    session_rows = []
    held = cancelled = invited_total = attended_total = 0
    hours_total = Decimal("0.0")
    for session in sessions:
        counts = replies.get(session.pk, {})
        invited = counts.get("invited", 0)
        attended = present.get(session.pk, 0)
        starts = timezone.localtime(session.starts_at)
        ends = timezone.localtime(session.ends_at)
        if session.is_cancelled:
            status = _("Cancelled")
            cancelled += 1
        elif session.ends_at <= now:
            status = _("Held")
            held += 1
            invited_total += invited
            attended_total += attended
            hours_total += _hours(session.credit_hours)
        else:
            status = _("Scheduled")
        session_rows.append(
            [
                starts.date(),
                f"{starts:%H:%M}–{ends:%H:%M}",
                session.station.township.name,
                session.station.name,
                session.topic,
                session.place,
                session.facilitator,
                "; ".join(lessons.get(session.pk, [])),
                _hours(session.credit_hours),
                status,
                session.cancel_reason if session.is_cancelled else "",
                invited,
                counts.get("accepted", 0),
                attended,
                None if session.is_cancelled else _percent(attended, invited),
            ]
        )

    methods = {value: str(label) for value, label in Attendance.Method.choices}
    attendance_rows = [
        [
            timezone.localtime(row["session__starts_at"]).date(),
            row["session__station__name"],
            row["session__topic"],
            row["deputy__user__name"],
            row["deputy__township__name"],
            row["deputy__station__name"],
            row["checked_in_at"],
            methods.get(row["method"], row["method"]),
            row["recorded_by__name"] or "",
        ]
        for row in attendances
    ]

    heading = [
        _("Group study register: %(place)s, %(from)s to %(to)s")
        % {"place": place.name, "from": date_from.isoformat(), "to": date_to.isoformat()},
        _("Exported by %(name)s at %(when)s")
        % {"name": user.name, "when": timezone.localtime(now).strftime("%Y-%m-%d %H:%M")},
    ]
    summary = _(
        "%(held)d sessions held, %(cancelled)d cancelled; %(hours)s credit hours; "
        "%(attended)d attendances of %(invited)d invited"
    ) % {
        "held": held,
        "cancelled": cancelled,
        "hours": hours_total,
        "attended": attended_total,
        "invited": invited_total,
    }
    attendance_notes = list(heading)
    if len(attendance_rows) < sum(present.values()):
        attendance_notes.append(
            _("Deputies outside your scope are counted on the sessions sheet but not listed here.")
        )
    return [
        Table(
            title=pgettext("group study", "Sessions"),
            columns=[
                _("Date"),
                _("Time"),
                _("Township"),
                _("Liaison station"),
                _("Topic"),
                _("Place"),
                _("Facilitator"),
                pgettext("group study", "Lessons"),
                _("Credit hours"),
                _("Status"),
                _("Reason for cancelling"),
                _("Invited"),
                pgettext("invitation", "Accepted"),
                _("Attended"),
                _("Attendance rate (%)"),
            ],
            rows=session_rows,
            notes=[*heading, summary],
        ),
        Table(
            title=_("Attendance"),
            columns=[
                _("Session date"),
                _("Liaison station"),
                _("Topic"),
                _("Deputy"),
                _("Deputy's township"),
                _("Deputy's liaison station"),
                _("Checked in at"),
                _("How"),
                _("Recorded by"),
            ],
            rows=attendance_rows,
            notes=attendance_notes,
        ),
    ]
