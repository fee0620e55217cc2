"""Voter reception (接待选民): the station's reception days with the deputies on duty, and the
register of what voters raise there (台账), each matter followed step by step until it is
closed within its time limit (限时销号).

Written only through `receptions.matters.services`; read through `receptions.matters.selectors`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deputies.validators import mask_mobile


class ReceptionDay(models.Model):
    """A day the station receives voters (接待选民日), and the deputies on duty that day."""

    station = models.ForeignKey(
        "deputies.LiaisonStation",
        on_delete=models.PROTECT,
        related_name="reception_days",
        verbose_name=_("liaison station"),
    )
    day = models.DateField(_("date"))
    hours = models.CharField(_("hours"), max_length=40, blank=True)
    place = models.CharField(_("place"), max_length=200)
    on_duty = models.ManyToManyField(
        "deputies.Deputy", related_name="reception_days", verbose_name=_("deputies on duty")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reception day")
        verbose_name_plural = _("reception days")
        ordering = ["-day", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["station", "day"], name="one_reception_day_a_date")
        ]

    def __str__(self):
        return f"{self.station} · {self.day:%Y-%m-%d}"


class Category(models.TextChoices):
    ROADS = "roads", _("Roads and transport")
    WATER = "water", _("Water")
    SCHOOLS = "schools", _("Schools")
    HEALTH = "health", _("Health")
    SOCIAL = "social", _("Social security")
    ENVIRONMENT = "environment", _("Environment")
    SAFETY = "safety", _("Safety")
    OTHER = "other", _("Other")


def overdue_q(today, through: str = "") -> models.Q:
    """The overdue rule (`MatterQuerySet.overdue`) as a condition, on matters or `through` a
    relation to them (e.g. "matters__" from a reception day, to count its overdue ones)."""
    return models.Q(**{f"{through}status": Matter.Status.REFERRED, f"{through}due_on__lt": today})


class MatterQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=Matter.FINISHED)

    def finished(self):
        return self.filter(status__in=Matter.FINISHED)

    def overdue(self, today=None):
        """With the unit past the day its answer was due (a matter the unit has answered is
        the station's to finish, and no longer the unit's to be chased for)."""
        return self.filter(overdue_q(today or timezone.localdate()))

    def for_station(self, station):
        return self.filter(station=station)


class Matter(models.Model):
    """One matter a voter raised (a row of the reception register)."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        REFERRED = "referred", _("Referred")
        ANSWERED = "answered", _("Unit answered")
        VISITED = "visited", _("Voter told")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Not accepted")

    class Closure(models.TextChoices):
        # 销号 does not always mean solved: a matter is also closed once it is in a plan, or
        # once the voter has been told why it cannot be done now.
        SOLVED = "solved", _("Solved")
        PLANNED = "planned", _("Put in a plan")
        EXPLAINED = "explained", _("Explained to the voter")

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        BASICALLY = "basically", _("Basically satisfied")
        UNSATISFIED = "unsatisfied", _("Not satisfied")

    FINISHED = (Status.CLOSED, Status.REJECTED)

    station = models.ForeignKey(
        "deputies.LiaisonStation",
        on_delete=models.PROTECT,
        related_name="matters",
        verbose_name=_("liaison station"),
    )
    reception_day = models.ForeignKey(
        ReceptionDay,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matters",
        verbose_name=_("reception day"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    received_on = models.DateField(_("date received"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="recorded_matters",
        verbose_name=_("recorded by"),
    )
    deputy = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="received_matters",
        verbose_name=_("deputy who received it"),
    )
    voter_name = models.CharField(_("voter's name"), max_length=50, blank=True)
    voter_mobile = models.CharField(_("voter's mobile"), max_length=11, blank=True)
    mobile_consent = models.BooleanField(_("voter agreed to leave their mobile"), default=False)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    raised = models.TextField(_("what the voter raised"))
    said_on_spot = models.TextField(_("what was said on the spot"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED
    )
    unit = models.CharField(_("handling unit"), max_length=120, blank=True)
    due_on = models.DateField(_("answer due"), null=True, blank=True)
    satisfaction = models.CharField(
        _("voter's view"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    closure = models.CharField(_("closed as"), max_length=10, choices=Closure.choices, blank=True)
    finished_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    voter_data_removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    draft = models.OneToOneField(
        "proposals.Draft",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reception_matter",
        verbose_name=_("suggestion draft"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MatterQuerySet.as_manager()

    class Meta:
        verbose_name = _("voter's matter")
        verbose_name_plural = _("voters' matters")
        ordering = ["-received_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["station", "year", "number"], name="matter_number_per_station_year"
            ),
            models.CheckConstraint(
                condition=Q(voter_mobile="") | Q(mobile_consent=True),
                name="matter_mobile_only_with_consent",
            ),
        ]
        indexes = [models.Index(fields=["station", "status", "due_on"], name="matters_by_due")]

    def __str__(self):
        return self.case_number

    @property
    def case_number(self) -> str:
        return f"{self.year}-{self.number:03d}"

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.voter_mobile)

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    def days_overdue(self, today=None) -> int:
        """Days the unit's answer is late; 0 when it is not overdue (see `overdue`)."""
        if self.status != self.Status.REFERRED or self.due_on is None:
            return 0
        return max(((today or timezone.localdate()) - self.due_on).days, 0)


class Step(models.Model):
    """One step of a matter's handling, with who took it and when (the register's history)."""

    class Kind(models.TextChoices):
        REGISTER = "register", _("Registered")
        REFER = "refer", _("Referred")
        FOLLOW_UP = "follow_up", _("Followed up")
        ANSWER = "answer", _("Unit answered")
        VISIT = "visit", _("Voter told")
        CLOSE = "close", _("Closed")
        REJECT = "reject", _("Not accepted")
        DRAFT = "draft", _("Turned into a suggestion draft")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=10, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_name = models.CharField(max_length=50)
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("handling step")
        verbose_name_plural = _("handling steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.matter} · {self.get_kind_display()}"
