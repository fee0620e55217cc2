"""Group study (集中学习) at liaison stations: sessions, their repeats, invitations and replies,
attendance, and each deputy's secret calendar-feed address.

Written only through `studysessions.services`; read through `studysessions.selectors`.
"""

import secrets
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class SessionSeries(models.Model):
    """A repeat rule ("monthly on the 9th until December"). Its sessions are rows made when the
    series is scheduled, so each can be edited or cancelled on its own."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    station = models.ForeignKey(
        "deputies.LiaisonStation",
        on_delete=models.PROTECT,
        related_name="study_series",
        verbose_name=_("liaison station"),
    )
    frequency = models.CharField(_("repeats"), max_length=8, choices=Frequency.choices)
    # Weekly: 0 = Monday … 6 = Sunday. Monthly: the day of the month (1–31; a month without
    # that day is skipped).
    day = models.PositiveSmallIntegerField(_("day"))
    until = models.DateField(_("until"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("number of sessions"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session series")
        verbose_name_plural = _("session series")

    def __str__(self):
        return f"{self.station} · {self.get_frequency_display()}"


class StudySessionQuerySet(models.QuerySet):
    def scheduled(self):
        return self.filter(status=StudySession.Status.SCHEDULED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def for_deputy(self, deputy):
        """Sessions the deputy is invited to."""
        return self.filter(invitations__deputy=deputy)


class StudySession(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    station = models.ForeignKey(
        "deputies.LiaisonStation",
        on_delete=models.PROTECT,
        related_name="study_sessions",
        verbose_name=_("liaison station"),
    )
    series = models.ForeignKey(
        SessionSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("series"),
    )
    topic = models.CharField(_("topic"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    facilitator = models.CharField(_("facilitator"), max_length=80, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    lessons = models.ManyToManyField(
        "courses.LessonPage", blank=True, related_name="study_sessions", verbose_name=_("lessons")
    )
    credit_hours = models.DecimalField(_("credit hours"), max_digits=4, decimal_places=1)
    marks_lessons_studied = models.BooleanField(
        _("attending counts the lessons as studied"), default=False
    )
    # Invited the station as a whole: a deputy who joins the station later may check in too.
    whole_station = models.BooleanField(_("whole station invited"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    checkin_opens_before = models.PositiveSmallIntegerField(
        _("check-in opens (minutes before the start)"), default=30
    )
    checkin_closes_after = models.PositiveSmallIntegerField(
        _("check-in closes (minutes after the end)"), default=30
    )
    # Keys the rotating check-in codes; never shown.
    qr_secret = models.CharField(max_length=64, default=new_secret, editable=False)
    # Bumped on every change calendars must pick up (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StudySessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("group study session")
        verbose_name_plural = _("group study sessions")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["station", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="session_capacity_positive",
            ),
        ]

    def __str__(self):
        return f"{self.topic} ({timezone.localtime(self.starts_at):%Y-%m-%d %H:%M})"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def checkin_opens_at(self):
        return self.starts_at - timedelta(minutes=self.checkin_opens_before)

    @property
    def checkin_closes_at(self):
        return self.ends_at + timedelta(minutes=self.checkin_closes_after)

    def checkin_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.checkin_opens_at <= now <= self.checkin_closes_at

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


def default_credit_hours(minutes: int) -> Decimal:
    """A session's 学时 by default: its length at MINUTES_PER_CREDIT_HOUR, as for courses."""
    per_hour = Decimal(settings.MINUTES_PER_CREDIT_HOUR)
    return (Decimal(minutes) / per_hour).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class RollMark(models.TextChoices):
    """A deputy's line on a session's roll. Present is an Attendance (and only it counts for
    credit); absent and on leave are kept on the invitation (`Invitation.absence`); with
    neither, the deputy has not checked in."""

    NONE = "none", pgettext_lazy("roll call", "Not checked in")
    PRESENT = "present", pgettext_lazy("roll call", "Present")
    ABSENT = "absent", pgettext_lazy("roll call", "Absent")
    LEAVE = "leave", pgettext_lazy("roll call", "On leave")


class Invitation(models.Model):
    ABSENCES = [(m.value, m.label) for m in (RollMark.ABSENT, RollMark.LEAVE)]

    class Reply(models.TextChoices):
        NONE = "none", _("No reply yet")
        ATTEND = "attend", _("Attending")
        DECLINE = "decline", _("Not attending")

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="invitations")
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.CASCADE, related_name="study_invitations"
    )
    reply = models.CharField(_("reply"), max_length=8, choices=Reply.choices, default=Reply.NONE)
    decline_reason = models.CharField(_("reason"), max_length=200, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    # Marked by a clerk at roll call: absent, or on leave. Empty: present (an Attendance) or
    # not marked.
    absence = models.CharField(_("absence"), max_length=8, choices=ABSENCES, blank=True)

    class Meta:
        verbose_name = _("invitation")
        constraints = [
            models.UniqueConstraint(fields=["session", "deputy"], name="one_invitation_per_deputy"),
            models.CheckConstraint(
                condition=Q(absence__in=["", RollMark.ABSENT, RollMark.LEAVE]),
                name="invitation_absence_known",
            ),
        ]

    def __str__(self):
        return f"{self.session} · {self.deputy}"

    @property
    def reply_status(self) -> str:
        """The reply as the deputy reads it back: a state ("You are attending"), not the
        choice's short label, which on a phone looks like a button to tap."""
        return {
            self.Reply.ATTEND: _("You are attending"),
            self.Reply.DECLINE: _("You sent apologies"),
        }.get(self.reply, _("You have not replied yet"))


class Attendance(models.Model):
    """A deputy was there. The unique constraint is what keeps simultaneous check-ins (two
    taps, two phones, a scan while staff tick the list) to one row."""

    class Method(models.TextChoices):
        QR = "qr", _("QR code")
        MANUAL = "manual", _("Marked by staff")
        SHEET = "sheet", _("Sign-in sheet")

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="attendances")
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.CASCADE, related_name="study_attendances"
    )
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    method = models.CharField(_("how"), max_length=8, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "deputy"], name="one_attendance_per_deputy")
        ]

    def __str__(self):
        return f"{self.session} · {self.deputy}"


class CalendarFeed(models.Model):
    """A deputy's personal calendar address. Whoever knows the token reads the deputy's
    sessions without signing in (calendar apps cannot sign in), so rotating it is the way to
    shut out an address that leaked."""

    deputy = models.OneToOneField(
        "deputies.Deputy", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_secret)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")

    def __str__(self):
        return str(self.deputy)
