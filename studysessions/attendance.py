"""Attendance at group study: a deputy's check-in with the station's QR code (judged at the
moment of the scan), and the roll a clerk keeps by hand or from the signed sheet, every mark
audited.

Credit: an attendance is what counts. The deputy's 学时 from group study are the sum of the
attended sessions' credit hours (`selectors.credit_hours_of`); where a session says so, its
lessons are marked studied by sending `signals.lessons_studied_together`, which `courses`
hears (courses/hooks.py): group study knows no completion rule.
"""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record

from . import codes
from .models import Attendance, Invitation, RollMark, StudySession
from .selectors import may_attend
from .services import AlreadyCheckedIn, StudySessionError, local_text
from .signals import attendance_recorded, lessons_studied_together


def _credit(attendance: Attendance) -> None:
    session = attendance.session
    attendance_recorded.send(sender=Attendance, deputy=attendance.deputy, session=session)
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
    when = local_text(earlier.checked_in_at) if earlier else ""
    if to_staff:
        # The clerk was beaten by the deputy's own scan, or by a colleague.
        return AlreadyCheckedIn(
            _("%(name)s is marked present already, since %(when)s.")
            % {"name": deputy.user.name, "when": when},
            earlier,
        )
    return AlreadyCheckedIn(already_message(earlier), earlier)


def already_message(attendance: Attendance) -> str:
    when = local_text(attendance.checked_in_at) if attendance else ""
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
            % {"when": local_text(session.checkin_opens_at)}
        )
    if moment > session.checkin_closes_at:
        raise StudySessionError(
            _("Check-in closed at %(when)s. Ask the station staff to mark you present.")
            % {"when": local_text(session.checkin_closes_at)}
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


def _english(label) -> str:
    with translation.override("en"):
        return str(label)
