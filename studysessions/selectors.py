"""Reads of group study, scoped through `deputies.selectors`: staff see the sessions of the
stations in their scope and, within them, only the deputies they may see; a deputy sees the
sessions they are invited to. Outside one's scope a session does not exist (404)."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from deputies.selectors import deputies_in_care_of, deputy_of, stations_visible_to

from .models import Attendance, CalendarFeed, Invitation, RollMark, StudySession


def staff_sessions(user) -> QuerySet[StudySession]:
    """Sessions of the stations in the user's scope."""
    return StudySession.objects.filter(station__in=stations_visible_to(user))


def staff_session(user, pk) -> StudySession:
    return get_object_or_404(staff_sessions(user).select_related("station__township"), pk=pk)


def with_counts(sessions: QuerySet[StudySession]) -> QuerySet[StudySession]:
    """What a listing of sessions shows: invited, replied, attending, present."""
    return sessions.select_related("station").annotate(
        invited=Count("invitations", distinct=True),
        coming=Count(
            "invitations", filter=Q(invitations__reply=Invitation.Reply.ATTEND), distinct=True
        ),
        unanswered=Count(
            "invitations", filter=Q(invitations__reply=Invitation.Reply.NONE), distinct=True
        ),
        present=Count("attendances", distinct=True),
    )


def staff_upcoming(user, now=None) -> list[StudySession]:
    return list(with_counts(staff_sessions(user).upcoming(now)).order_by("starts_at"))


def session_roll(user, session: StudySession) -> list[Invitation]:
    """The session's invitations, with each deputy's attendance and mark on the roll
    (`mark`, a RollMark), limited to the deputies the user may see. Deputies of the station
    who were not invited but checked in (a whole-station session) are listed after them."""
    visible = deputies_in_care_of(user)
    invitations = list(
        session.invitations.filter(deputy__in=visible)
        .select_related("deputy__user")
        .order_by("deputy__user__name")
    )
    attendances = {
        a.deputy_id: a
        for a in Attendance.objects.filter(session=session, deputy__in=visible).select_related(
            "deputy__user"
        )
    }
    for invitation in invitations:
        invitation.attendance = attendances.pop(invitation.deputy_id, None)
    for attendance in sorted(attendances.values(), key=lambda a: a.deputy.user.name):
        extra = Invitation(session=session, deputy=attendance.deputy)
        extra.attendance = attendance
        extra.uninvited = True
        invitations.append(extra)
    for invitation in invitations:
        if invitation.attendance is not None:
            invitation.mark = RollMark.PRESENT
        else:
            invitation.mark = RollMark(invitation.absence or RollMark.NONE)
    return invitations


def present_list(user, session: StudySession) -> list[Attendance]:
    """Who has checked in, latest first, for the live list on the check-in screen."""
    return list(
        Attendance.objects.filter(session=session, deputy__in=deputies_in_care_of(user))
        .select_related("deputy__user")
        .order_by("-checked_in_at")
    )


def station_history(user, station_pk) -> tuple:
    """A station's past sessions with attendance rates (present / invited), newest first."""
    station = get_object_or_404(stations_visible_to(user), pk=station_pk)
    sessions = list(
        with_counts(StudySession.objects.filter(station=station).past()).order_by("-starts_at")
    )
    for session in sessions:
        session.rate = round(100 * session.present / session.invited) if session.invited else None
    held = [s for s in sessions if not s.is_cancelled and s.invited]
    invited = sum(s.invited for s in held)
    overall = round(100 * sum(s.present for s in held) / invited) if invited else None
    return station, sessions, overall


def deputy_sessions(deputy, now=None) -> tuple[list, list]:
    """The deputy's invitations: upcoming (soonest first) and past (latest first), each
    invitation with its session and whether the deputy attended."""
    now = now or timezone.now()
    invitations = (
        Invitation.objects.filter(deputy=deputy)
        .select_related("session__station")
        .annotate(
            attended=Exists(
                Attendance.objects.filter(session=OuterRef("session"), deputy=OuterRef("deputy"))
            )
        )
    )
    upcoming = list(invitations.filter(session__ends_at__gte=now).order_by("session__starts_at"))
    past = list(invitations.filter(session__ends_at__lt=now).order_by("-session__starts_at")[:50])
    return upcoming, past


def credit_hours_of(deputy) -> Decimal:
    """学时 earned by attending group study: the attended sessions' credit hours."""
    total = Attendance.objects.filter(deputy=deputy).aggregate(hours=Sum("session__credit_hours"))[
        "hours"
    ]
    # SQLite sums decimals as floats: bring the total back to one decimal place.
    return Decimal(str(total or 0)).quantize(Decimal("0.1"))


def deputy_invitation(user, pk) -> Invitation:
    """The signed-in deputy's invitation to session `pk`, with the session's lessons; 404 for
    anyone not invited."""
    deputy = deputy_of(user)
    return get_object_or_404(
        Invitation.objects.select_related("session__station", "deputy").prefetch_related(
            Prefetch("session__lessons")
        ),
        session_id=pk,
        deputy=deputy,
    )


def may_attend(session: StudySession, deputy) -> bool:
    """Who may be recorded as present: invited deputies, and, when the whole station was
    invited, any active deputy of the station (one who joined after the invitations went
    out). Deputies of other stations never."""
    if not deputy.is_active:
        return False
    if session.whole_station and deputy.station_id == session.station_id:
        return True
    return session.invitations.filter(deputy=deputy).exists()


def checkin_session(deputy, pk) -> StudySession:
    """The session a deputy's scan opens: 404, telling nothing of it, unless they may attend."""
    session = get_object_or_404(StudySession.objects.select_related("station"), pk=pk)
    if not may_attend(session, deputy):
        raise Http404("Not invited to this session")
    return session


def scanned_session(pk) -> StudySession | None:
    """The session a signed-out visitor's scan names, to remember the scan by; nothing of it
    is shown to them."""
    return StudySession.objects.filter(pk=pk).first()


def attendance_of(session: StudySession, deputy) -> Attendance | None:
    return Attendance.objects.filter(session=session, deputy=deputy).first()


def feed_sessions(token) -> tuple[CalendarFeed, list[StudySession]]:
    """The sessions of a calendar feed: the deputy's invitations that are not cancelled."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("deputy"), token=token)
    sessions = list(
        StudySession.objects.scheduled()
        .for_deputy(feed.deputy)
        .filter(ends_at__gte=timezone.now() - timedelta(days=90))
        .select_related("station")
        .order_by("starts_at")
    )
    return feed, sessions


def lesson_choices() -> QuerySet:
    """The lessons a session may be linked to: the live ones, in the course tree's order. Group
    study knows no course (DESIGN): the lesson model is the one its `lessons` field names
    ("courses.LessonPage", a Wagtail page), not imported."""
    lesson_model = StudySession._meta.get_field("lessons").related_model
    return lesson_model.objects.live().order_by("path")
