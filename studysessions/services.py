"""Writes of group study: scheduling (once or as a series), changes and cancelling with the
invitees told, replies, reminders and calendar-feed tokens. Check-in and the roll are in
attendance.py."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import (
    CalendarFeed,
    Invitation,
    SessionSeries,
    StudySession,
    default_credit_hours,
    new_secret,
)

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


def local_text(value) -> str:
    """A moment as the reader's messages write it: local date and time."""
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
            "when": local_text(session.starts_at),
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
            "when": local_text(first.starts_at),
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
            % {"when": local_text(session.starts_at), "place": session.place},
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
        % {"when": local_text(session.starts_at), "reason": reason},
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
