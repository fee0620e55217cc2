"""The group-study part of the activity register: the sessions held at the place's stations
over the period with invitations (应到) and attendance (实到), one row per attendance, and the
group deliberations (集中审议) held at those sessions.

An attendance row names a deputy only if the user may see them (`deputies_visible_to`); the
sessions' counts include everyone. Six queries whatever the number of sessions.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from deliberation.models import GroupDeliberation
from deputies.selectors import deputies_visible_to
from studysessions.models import Attendance, Invitation, StudySession

from .register_base import Column, RegisterPlace, Section, local_day_bounds


def sessions_of(place: RegisterPlace, date_from: date, date_to: date) -> QuerySet[StudySession]:
    start, end = local_day_bounds(date_from, date_to)
    return StudySession.objects.filter(
        station__in=place.stations, starts_at__gte=start, starts_at__lt=end
    )


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _hours(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.1"))


@dataclass
class StudyPart:
    sessions: Section
    attendance: Section
    deliberations: Section
    held: int = 0
    cancelled: int = 0
    hours: Decimal = Decimal("0.0")
    invited: int = 0  # 应到: invitations to the sessions held
    attended: int = 0  # 实到
    deliberation_invited: int = 0
    deliberation_present: int = 0


def _session_rows(sessions, lessons, replies, present, now, part: StudyPart) -> list[list]:
    rows = []
    for session in sessions:
        counts = replies.get(session.pk, {})
        invited = counts.get("invited", 0)
        attended = present.get(session.pk, 0)
        starts = timezone.localtime(session.starts_at)
        ends = timezone.localtime(session.ends_at)
        if session.is_cancelled:
            status = _("Cancelled")
            part.cancelled += 1
        elif session.ends_at <= now:
            status = _("Held")
            part.held += 1
            part.invited += invited
            part.attended += attended
            part.hours += _hours(session.credit_hours)
        else:
            status = _("Scheduled")
        rows.append(
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
    return rows


def _session_columns() -> list[Column]:
    return [
        Column(_("Date")),
        Column(_("Time")),
        Column(_("Township"), printed=False),
        Column(_("Liaison station")),
        Column(_("Topic")),
        Column(_("Place"), printed=False),
        Column(_("Facilitator"), printed=False),
        Column(pgettext("group study", "Lessons"), printed=False),
        Column(_("Credit hours"), number=True),
        Column(_("Status")),
        Column(_("Reason for cancelling"), printed=False),
        Column(pgettext("activity register", "Invited (expected)"), number=True),
        Column(pgettext("invitation", "Accepted"), printed=False, number=True),
        Column(pgettext("activity register", "Attended (present)"), number=True),
        Column(_("Attendance rate (%)"), number=True),
    ]


def study_part(user, place: RegisterPlace, date_from: date, date_to: date, now: datetime):
    """The sessions (held, scheduled or cancelled) with invitations, acceptances, attendance
    and its rate (attended / invited, as on the station's history page), one row per
    attendance, and the group deliberations of those sessions."""
    selected = sessions_of(place, date_from, date_to)
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
    part = StudyPart(
        sessions=Section("sessions", pgettext("activity register", "Group study"), []),
        attendance=Section("attendance", pgettext("activity register", "Study attendance"), []),
        deliberations=Section(
            "deliberations", pgettext("activity register", "Group deliberation"), []
        ),
    )
    part.sessions.columns = _session_columns()
    part.sessions.rows = _session_rows(sessions, lessons, replies, present, now, part)
    part.sessions.notes = [
        _(
            "%(held)d sessions held, %(cancelled)d cancelled; %(hours)s credit hours; "
            "%(attended)d attendances of %(invited)d invited"
        )
        % {
            "held": part.held,
            "cancelled": part.cancelled,
            "hours": part.hours,
            "attended": part.attended,
            "invited": part.invited,
        }
    ]
    _attendance(user, selected, present, part.attendance)
    _deliberations(selected, replies, present, part)
    return part


def _attendance(user, selected, present, section: Section) -> None:
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
    methods = {value: str(label) for value, label in Attendance.Method.choices}
    section.columns = [
        Column(_("Session date")),
        Column(_("Liaison station")),
        Column(_("Topic")),
        Column(_("Deputy")),
        Column(_("Deputy's township"), printed=False),
        Column(_("Deputy's liaison station")),
        Column(_("Checked in at")),
        Column(_("How")),
        Column(_("Recorded by"), printed=False),
    ]
    section.rows = [
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
    if len(section.rows) < sum(present.values()):
        section.notes.append(
            _("Deputies outside your scope are counted on the sessions sheet but not listed here.")
        )


def _deliberations(selected, replies, present, part: StudyPart) -> None:
    groups = list(
        GroupDeliberation.objects.filter(session__in=selected)
        .select_related("session__station__township", "exercise")
        .only(
            "session__starts_at",
            "session__topic",
            "session__status",
            "session__station__name",
            "session__station__township__name",
            "exercise__title",
            "convener",
            "status",
            "closed_at",
        )
        .annotate(carried_count=Count("carried"))
        .order_by("session__starts_at", "session__station__name", "created_at", "pk")
    )
    section = part.deliberations
    section.columns = [
        Column(_("Date")),
        Column(_("Township"), printed=False),
        Column(_("Liaison station")),
        Column(pgettext("activity register", "Group study session")),
        Column(pgettext("activity register", "Report deliberated")),
        Column(_("Convener"), printed=False),
        Column(_("Status")),
        Column(pgettext("activity register", "Invited (expected)"), number=True),
        Column(pgettext("activity register", "Attended (present)"), number=True),
        Column(pgettext("activity register", "Remarks carried forward"), number=True),
    ]
    for group in groups:
        invited = replies.get(group.session_id, {}).get("invited", 0)
        attended = present.get(group.session_id, 0)
        part.deliberation_invited += invited
        part.deliberation_present += attended
        section.rows.append(
            [
                timezone.localtime(group.session.starts_at).date(),
                group.session.station.township.name,
                group.session.station.name,
                group.session.topic,
                group.exercise.title,
                group.convener,
                group.get_status_display(),
                invited,
                attended,
                group.carried_count,
            ]
        )
    section.notes.append(
        _(
            "Expected and present are those of the group study session the report was "
            "deliberated at."
        )
    )
