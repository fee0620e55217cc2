"""Writes of group study: scheduling (once or as a series), changes and cancelling with the
invitees told, replies, check-in and attendance, and calendar-feed tokens.

Credit: an attendance is what counts. The deputy's 学时 from group study are the sum of the
attended sessions' credit hours (`selectors.credit_hours_of`); where a session says so, its
lessons are marked studied by sending `signals.lessons_studied_together`, which `courses`
hears (courses/hooks.py): group study knows no completion rule.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record

from . import codes
from .models import (
    Attendance,
    CalendarFeed,
    Invitation,
    RollMark,
    SessionSeries,
    StudySession,
    default_credit_hours,
    new_secret,
)
from .selectors import may_attend
from .signals import lessons_studied_together

# However long a repeat rule runs, one scheduling makes at most this many sessions.
MAX_SERIES_SESSIONS = 52


class StudySessionError(ValueError):
    """A refusal with a message for the user; nothing was written."""


class AlreadyCheckedIn(StudySessionError):
    """A second check-in, or a clerk marking present a deputy who is already: nothing is
    written, but nothing is wrong either; `attendance` is the first one."""

    def __init__(self, message, attendance):
        super().__init__(message)
        self.attendance = attendance


@dataclass(frozen=True)
class Repeat:
    frequency: str  # SessionSeries.Frequency
    until: date | None = None
    count: int | None = None


def _local(value) -> str:
    return formats.date_format(timezone.localtime(value), "Y-m-d H:i")


def _tell(deputies, session, *, title: str, key: str, body: str | None = None) -> int:
    """Notify deputies about a session, linking to its page; the body says when and where
    unless given. Titles take the session's topic as `%(topic)s`."""
    from notifications.services import notify

    users = [d.user for d in deputies]
    if not users:
        return 0
    if body is None:
        body = _("%(when)s at %(place)s.") % {
            "when": _local(session.starts_at),
            "place": session.place,
        }
    return notify(
        users,
        title=title % {"topic": session.topic},
        body=body,
        url=reverse("studysessions:detail", args=[session.pk]),
        key=key,
    )


def _invitees(session) -> list:
    return [
        i.deputy
        for i in session.invitations.select_related("deputy__user").filter(deputy__is_active=True)
    ]


def occurrences(first: date, repeat: Repeat) -> list[date]:
    """The dates of a series starting on `first`: weekly on its weekday, or monthly on its day
    of the month (months without that day are skipped), until a date or a count, at most
    MAX_SERIES_SESSIONS."""
    limit = min(repeat.count or MAX_SERIES_SESSIONS, MAX_SERIES_SESSIONS)
    dates = []
    month_index = 0
    current = first
    while len(dates) < limit:
        if repeat.until and current > repeat.until:
            break
        dates.append(current)
        if repeat.frequency == SessionSeries.Frequency.WEEKLY:
            current = current + timedelta(days=7)
            continue
        while True:
            month_index += 1
            year = first.year + (first.month - 1 + month_index) // 12
            month = (first.month - 1 + month_index) % 12 + 1
            if first.day <= calendar.monthrange(year, month)[1]:
                current = date(year, month, first.day)
                break
    return dates


@transaction.atomic
def schedule_session(
    *,
    station,
    created_by,
    topic: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    invitees,
    whole_station: bool,
    lessons=(),
    repeat: Repeat | None = None,
    **fields,
) -> list[StudySession]:
    """Schedule a session, or a series of them, and invite the given deputies (the caller
    passes deputies of `station` the scheduler may see). Tells every invitee once."""
    if ends_at <= starts_at:
        raise StudySessionError(_("The session must end after it starts."))
    if fields.get("credit_hours") is None:
        fields["credit_hours"] = default_credit_hours(
            int((ends_at - starts_at).total_seconds() // 60)
        )
    series = None
    dates = [timezone.localtime(starts_at).date()]
    if repeat is not None:
        first = dates[0]
        series = SessionSeries.objects.create(
            station=station,
            frequency=repeat.frequency,
            day=first.weekday()
            if repeat.frequency == SessionSeries.Frequency.WEEKLY
            else first.day,
            until=repeat.until,
            count=repeat.count,
            created_by=created_by,
        )
        dates = occurrences(first, repeat)
    invitees = list(invitees)
    lessons = list(lessons)
    sessions = []
    for day in dates:
        shift = day - dates[0]
        session = StudySession(
            station=station,
            series=series,
            topic=topic,
            starts_at=_same_local_time(starts_at, shift),
            ends_at=_same_local_time(ends_at, shift),
            place=place,
            whole_station=whole_station,
            created_by=created_by,
            **fields,
        )
        session.full_clean(exclude=["lessons"])
        session.save()
        session.lessons.set(lessons)
        Invitation.objects.bulk_create(
            [Invitation(session=session, deputy=deputy) for deputy in invitees]
        )
        sessions.append(session)
    first = sessions[0]
    if first.ends_at <= timezone.now() and len(sessions) == 1:
        # A session recorded after it was held (to keep the register): nothing to tell.
        return sessions
    body = None  # one session: when and where
    if len(sessions) > 1:
        body = _("%(count)d sessions from %(when)s, at %(place)s.") % {
            "count": len(sessions),
            "when": _local(first.starts_at),
            "place": place,
        }
    _tell(
        invitees, first, title=_("Group study: %(topic)s"), key=f"study-new:{first.pk}", body=body
    )
    return sessions


def invite_more(*, session: StudySession, deputies, now=None) -> int:
    """Invite more deputies of the session's station to a session still to come (the caller
    passes deputies the inviter may see); they are told as the first invitees were. Deputies
    invited already are left as they are. Returns how many were invited now."""
    now = now or timezone.now()
    if session.is_cancelled:
        raise StudySessionError(_("A cancelled session cannot be changed."))
    if session.ends_at <= now:
        raise StudySessionError(_("This session is over: nobody more can be invited."))
    deputies = [d for d in deputies if d.station_id == session.station_id]
    invited = set(
        session.invitations.filter(deputy__in=deputies).values_list("deputy_id", flat=True)
    )
    new = [d for d in deputies if d.pk not in invited]
    with transaction.atomic():
        Invitation.objects.bulk_create(
            [Invitation(session=session, deputy=deputy) for deputy in new], ignore_conflicts=True
        )
    _tell(new, session, title=_("Group study: %(topic)s"), key=f"study-new:{session.pk}")
    return len(new)


def _same_local_time(moment: datetime, shift: timedelta) -> datetime:
    """The same wall-clock time `shift` days later (robust to a DST change, should the site's
    time zone have one)."""
    local = timezone.localtime(moment)
    return timezone.make_aware(local.replace(tzinfo=None) + shift)


@transaction.atomic
def update_session(*, session: StudySession, changed_by, lessons=None, **fields) -> StudySession:
    """Change a scheduled session; invitees are told when its time or place changed."""
    session = StudySession.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise StudySessionError(_("A cancelled session cannot be changed."))
    before = (session.starts_at, session.ends_at, session.place)
    for name, value in fields.items():
        setattr(session, name, value)
    if session.ends_at <= session.starts_at:
        raise StudySessionError(_("The session must end after it starts."))
    session.sequence += 1
    session.full_clean(exclude=["lessons"])
    session.save()
    if lessons is not None:
        session.lessons.set(lessons)
    if (session.starts_at, session.ends_at, session.place) != before:
        invitees = _invitees(session)
        version = session.sequence
        _tell(
            invitees,
            session,
            title=_("Changed: %(topic)s"),
            key=f"study-change:{session.pk}:{version}",
            body=_("Now %(when)s at %(place)s.")
            % {"when": _local(session.starts_at), "place": session.place},
        )
    return session


@transaction.atomic
def cancel_session(*, session: StudySession, reason: str, cancelled_by) -> StudySession:
    """Cancel a session; its invitees are told why. Attendance already recorded stays."""
    reason = reason.strip()
    if not reason:
        raise StudySessionError(_("Give a reason: the deputies will read it."))
    session = StudySession.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise StudySessionError(_("This session was cancelled already."))
    session.status = StudySession.Status.CANCELLED
    session.cancel_reason = reason
    session.sequence += 1
    session.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    invitees = _invitees(session)
    _tell(
        invitees,
        session,
        title=_("Cancelled: %(topic)s"),
        key=f"study-cancel:{session.pk}",
        body=_("%(when)s is cancelled: %(reason)s")
        % {"when": _local(session.starts_at), "reason": reason},
    )
    return session


@transaction.atomic
def reply(*, invitation: Invitation, attend: bool, reason: str = "") -> Invitation:
    """A deputy's answer to an invitation. Declining needs a reason; attending is refused
    when the session is full (those who have said they will come fill it)."""
    invitation = (
        Invitation.objects.select_for_update().select_related("session").get(pk=invitation.pk)
    )
    session = invitation.session
    if session.is_cancelled:
        raise StudySessionError(_("This session was cancelled."))
    if session.ends_at < timezone.now():
        raise StudySessionError(_("This session is over."))
    reason = reason.strip()
    if attend:
        if session.capacity is not None and invitation.reply != Invitation.Reply.ATTEND:
            # Lock the session row so two last-seat replies cannot both take the seat.
            StudySession.objects.select_for_update().filter(pk=session.pk).first()
            coming = session.invitations.filter(reply=Invitation.Reply.ATTEND).count()
            if coming >= session.capacity:
                raise StudySessionError(_("Sorry, this session is full."))
        invitation.reply, invitation.decline_reason = Invitation.Reply.ATTEND, ""
    else:
        if not reason:
            raise StudySessionError(_("Please say why you cannot come."))
        invitation.reply, invitation.decline_reason = Invitation.Reply.DECLINE, reason[:200]
    invitation.replied_at = timezone.now()
    invitation.save(update_fields=["reply", "decline_reason", "replied_at"])
    return invitation


def _credit(attendance: Attendance) -> None:
    session = attendance.session
    if session.marks_lessons_studied:
        lessons_studied_together.send(
            sender=Attendance, deputy=attendance.deputy, lessons=list(session.lessons.all())
        )


def _record(*, session, deputy, method, recorded_by=None) -> Attendance:
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                session=session, deputy=deputy, method=method, recorded_by=recorded_by
            )
    except IntegrityError:
        # Another tap, phone or clerk got there first: one row, and say when.
        raise _already(session, deputy, to_staff=recorded_by is not None) from None
    # Marked absent or on leave earlier, and came after all.
    Invitation.objects.filter(session=session, deputy=deputy).exclude(absence="").update(absence="")
    _credit(attendance)
    return attendance


def _already(session, deputy, *, to_staff: bool = False) -> StudySessionError:
    earlier = Attendance.objects.filter(session=session, deputy=deputy).first()
    when = _local(earlier.checked_in_at) if earlier else ""
    if to_staff:
        # The clerk was beaten by the deputy's own scan, or by a colleague.
        return AlreadyCheckedIn(
            _("%(name)s is marked present already, since %(when)s.")
            % {"name": deputy.user.name, "when": when},
            earlier,
        )
    return AlreadyCheckedIn(already_message(earlier), earlier)


def already_message(attendance: Attendance) -> str:
    when = _local(attendance.checked_in_at) if attendance else ""
    return _("You checked in already, at %(when)s.") % {"when": when}


def scan_moment(*, scanned_at=None, now) -> datetime:
    """The moment a check-in is judged at: when the code was scanned, if that was at most
    SCAN_KEPT_SECONDS ago (a deputy who scanned while signed out, then signed in); else now."""
    kept = timedelta(seconds=codes.SCAN_KEPT_SECONDS)
    if scanned_at is not None and now - kept <= scanned_at <= now:
        return scanned_at
    return now


@transaction.atomic
def check_in(*, session: StudySession, deputy, code: str, now=None, scanned_at=None) -> Attendance:
    """A deputy checks in by scanning the station's screen. Refused, with nothing written:
    a cancelled session, a deputy who is not expected there, a second check-in, outside the
    check-in window, an expired or wrong code.

    `scanned_at`, when the code was scanned, is known to the server only (the view keeps it
    in the deputy's session); the code and the window are judged at that moment if it is
    recent (`scan_moment`), so the minute a deputy spends signing in does not count."""
    now = now or timezone.now()
    moment = scan_moment(scanned_at=scanned_at, now=now)
    if session.is_cancelled:
        raise StudySessionError(_("This session was cancelled."))
    if not may_attend(session, deputy):
        raise StudySessionError(
            _("This session is for invited deputies of %(station)s; you are not on its list.")
            % {"station": session.station.name}
        )
    if Attendance.objects.filter(session=session, deputy=deputy).exists():
        raise _already(session, deputy)
    if moment < session.checkin_opens_at:
        raise StudySessionError(
            _("Check-in has not opened yet: it opens at %(when)s.")
            % {"when": _local(session.checkin_opens_at)}
        )
    if moment > session.checkin_closes_at:
        raise StudySessionError(
            _("Check-in closed at %(when)s. Ask the station staff to mark you present.")
            % {"when": _local(session.checkin_closes_at)}
        )
    if not codes.is_valid(session, code, moment.timestamp()):
        raise StudySessionError(expired_message())
    return _record(session=session, deputy=deputy, method=Attendance.Method.QR)


def expired_message() -> str:
    return _(
        "This code has expired. Scan the code on the screen again: it changes every "
        "%(seconds)d seconds."
    ) % {"seconds": codes.STEP_SECONDS}


@transaction.atomic
def mark_roll(
    *,
    session: StudySession,
    deputy,
    mark: RollMark,
    recorded_by,
    method: str = Attendance.Method.MANUAL,
) -> RollMark:
    """A clerk's mark on the session's roll, at any time after the session too: present (an
    attendance, by hand or from the signed sheet), absent, on leave, or back to not checked in.
    Taking back a present mark removes its credit hours; lessons it marked as studied stay
    studied (the deputy may have read them since). Each change is written to the audit log,
    with the marks before and after in words; a mark already there changes nothing (marking
    present again raises AlreadyCheckedIn, which says since when). Returns the mark before.
    The caller has checked that the deputy is in the clerk's scope."""
    mark = RollMark(mark)
    if session.is_cancelled:
        raise StudySessionError(_("This session was cancelled."))
    if not may_attend(session, deputy):
        raise StudySessionError(_("This deputy was not invited to this session."))
    invitation = Invitation.objects.filter(session=session, deputy=deputy).first()
    attendance = Attendance.objects.filter(session=session, deputy=deputy).first()
    before = roll_mark(attendance, invitation)
    if mark == before == RollMark.PRESENT:
        raise _already(session, deputy, to_staff=True)
    if mark == before:
        return before
    if mark == RollMark.PRESENT:
        _record(session=session, deputy=deputy, method=method, recorded_by=recorded_by)
    elif attendance is not None:
        attendance.delete()
    absence = mark if mark in (RollMark.ABSENT, RollMark.LEAVE) else ""
    if invitation is not None and invitation.absence != absence:
        invitation.absence = absence
        invitation.save(update_fields=["absence"])
    elif invitation is None and absence:
        # A deputy of the station who joined after a whole-station session's invitations.
        Invitation.objects.create(session=session, deputy=deputy, absence=absence)
    record(
        Action.ATTENDANCE_MARKED,
        by=recorded_by,
        deputy=deputy,
        session=str(session),
        # The English words: the log shows them in its reader's language (audit.models).
        old=_english(before.label),
        new=_english(mark.label),
    )
    return before


def roll_mark(attendance, invitation) -> RollMark:
    if attendance is not None:
        return RollMark.PRESENT
    if invitation is not None and invitation.absence:
        return RollMark(invitation.absence)
    return RollMark.NONE


def mark_present(*, session: StudySession, deputy, recorded_by, method=Attendance.Method.MANUAL):
    """Staff mark a deputy present (`mark_roll`)."""
    mark_roll(
        session=session,
        deputy=deputy,
        mark=RollMark.PRESENT,
        recorded_by=recorded_by,
        method=method,
    )
    return Attendance.objects.get(session=session, deputy=deputy)


def unmark_present(*, session: StudySession, deputy, recorded_by=None) -> bool:
    """Take back an attendance recorded by mistake: the deputy is back to not checked in
    (`mark_roll`)."""
    before = mark_roll(session=session, deputy=deputy, mark=RollMark.NONE, recorded_by=recorded_by)
    return before == RollMark.PRESENT


def feed_for(deputy) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(deputy=deputy)
    return feed


def rotate_feed(*, deputy) -> CalendarFeed:
    """A new calendar address; the old one stops working at once."""
    feed = feed_for(deputy)
    feed.token = new_secret()
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed


def send_reminders(*, now=None) -> int:
    """Remind invitees who have not declined of sessions starting within a day. Idempotent
    (one notification per session and deputy, by key): run it hourly from cron."""
    now = now or timezone.now()
    sessions = (
        StudySession.objects.scheduled()
        .filter(starts_at__gt=now, starts_at__lte=now + timedelta(days=1))
        .select_related("station")
    )
    sent = 0
    for session in sessions:
        deputies = [
            i.deputy
            for i in session.invitations.exclude(reply=Invitation.Reply.DECLINE)
            .filter(deputy__is_active=True)
            .select_related("deputy__user")
        ]
        sent += _tell(
            deputies,
            session,
            title=_("Coming up: %(topic)s"),
            key=f"study-reminder:{session.pk}",
        )
    return sent


def _english(label) -> str:
    with translation.override("en"):
        return str(label)
