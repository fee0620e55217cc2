"""The suggestions deputies really submit to their congress (建议、批评和意见), and the replies
owed to them: the handling units the congress's staff referred each to (交办), the reply due
three months after that, six for a complex matter (代表法 2025 第五十一条), the reply and the
deputy's satisfaction, and where the deputy is not satisfied, the second reply owed within the
time the province's rules set (settings.RECEPTIONS_REHANDLING_MONTHS / _DAYS; Zhejiang's
implementing measures, 第四十三条: one month).

Not the writing practice (`proposals`): a practice draft of the genre may be recorded as
submitted, and the record keeps a link to it. Written only through
`receptions.suggestions.services`; read through `receptions.suggestions.selectors`.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SuggestionQuerySet(models.QuerySet):
    def awaiting_reply(self):
        """A reply is owed: the first (none recorded yet) or the second (the deputy was not
        satisfied with the first)."""
        return self.filter(status__in=Suggestion.OPEN)

    def overdue(self, *, on: date):
        """A reply owed and its deadline passed before `on`."""
        return self.filter(
            Q(status=Suggestion.Status.AWAITING_REPLY, reply_due__lt=on)
            | Q(status=Suggestion.Status.REHANDLING, rehandling_due__lt=on)
        )

    def for_listing(self):
        return self.select_related("deputy__user", "deputy__station", "deputy__township")


class Suggestion(models.Model):
    class Level(models.TextChoices):
        TOWNSHIP = "township", _("Township congress")
        COUNTY = "county", _("County congress")

    class Status(models.TextChoices):
        AWAITING_REPLY = "awaiting", _("Awaiting the reply")
        REPLIED = "replied", _("Replied")
        REHANDLING = "rehandling", _("Not satisfied: handled again")
        CLOSED = "closed", pgettext_lazy("suggestion", "Closed")

    class Outcome(models.TextChoices):
        """The three ways a reply usually classes a suggestion (the A/B/C of many provinces'
        rules on handling deputies' suggestions)."""

        RESOLVED = "resolved", _("Resolved or basically resolved")
        PLANNED = "planned", _("Listed in plans to be resolved")
        EXPLAINED = "explained", _("Explained, kept for reference")

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        BASICALLY = "basically", _("Basically satisfied")
        NOT_SATISFIED = "not_satisfied", _("Not satisfied")

    OPEN = (Status.AWAITING_REPLY, Status.REHANDLING)

    deputy = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.CASCADE,
        related_name="submitted_suggestions",
        verbose_name=_("deputy"),
    )
    title = models.CharField(_("title"), max_length=120)
    level = models.CharField(_("congress"), max_length=10, choices=Level.choices)
    # As the congress names it: "第十七届人民代表大会第五次会议", or "闭会期间" between sessions.
    session = models.CharField(
        _("session"),
        max_length=80,
        blank=True,
        help_text=_("For example: the fifth session of the 17th congress, or between sessions."),
    )
    # The practice draft it came from, if the deputy wrote it on the platform.
    draft = models.ForeignKey(
        "proposals.Draft",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("practice draft"),
    )
    main_unit = models.CharField(_("main handling unit"), max_length=100)
    assigned_on = models.DateField(_("date referred"))
    is_complex = models.BooleanField(
        _("complex matter"),
        default=False,
        help_text=_("Wide-ranging or hard to handle: the reply is due within six months."),
    )
    # Kept, not computed in each query: listings filter and sort by it (services.reply_due_for).
    reply_due = models.DateField(_("reply due"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.AWAITING_REPLY
    )

    replied_on = models.DateField(_("date of the reply"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    reply_summary = models.TextField(_("what the reply says"), max_length=2000, blank=True)
    satisfaction = models.CharField(
        _("satisfaction"), max_length=14, choices=Satisfaction.choices, blank=True
    )
    satisfaction_on = models.DateField(_("date of the deputy's opinion"), null=True, blank=True)
    # When the deputy is not satisfied: the second reply owed, and what it brings.
    rehandling_due = models.DateField(_("second reply due"), null=True, blank=True)
    second_replied_on = models.DateField(_("date of the second reply"), null=True, blank=True)
    second_outcome = models.CharField(
        _("outcome of the second reply"), max_length=10, choices=Outcome.choices, blank=True
    )
    second_summary = models.TextField(_("what the second reply says"), max_length=2000, blank=True)
    final_satisfaction = models.CharField(
        _("satisfaction with the second reply"),
        max_length=14,
        choices=Satisfaction.choices,
        blank=True,
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submitted suggestion")
        verbose_name_plural = _("submitted suggestions")
        ordering = ["reply_due", "pk"]
        indexes = [models.Index(fields=["status", "reply_due"], name="suggestions_by_due")]
        constraints = [
            # Two taps on Save, or two tabs, record one suggestion (services.record_suggestion).
            models.UniqueConstraint(
                fields=["deputy", "title", "assigned_on"],
                name="one_suggestion_per_title_and_day",
                violation_error_message=_(
                    "A suggestion with this title referred on this day is recorded already."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["awaiting", "replied", "rehandling", "closed"]),
                name="suggestion_status_known",
            ),
            models.CheckConstraint(
                condition=Q(status="awaiting") | Q(replied_on__isnull=False),
                name="suggestion_reply_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status="rehandling") | Q(rehandling_due__isnull=False),
                name="suggestion_rehandling_due_set",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_awaiting_reply(self) -> bool:
        return self.status == self.Status.AWAITING_REPLY

    @property
    def is_replied(self) -> bool:
        return self.status == self.Status.REPLIED

    @property
    def is_rehandling(self) -> bool:
        return self.status == self.Status.REHANDLING

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def due(self) -> date | None:
        """The deadline of the reply owed now, None when none is owed."""
        if self.is_awaiting_reply:
            return self.reply_due
        if self.is_rehandling:
            return self.rehandling_due
        return None

    def days_left(self, *, on: date | None = None) -> int | None:
        """Days until the reply owed now is due: 0 on the last day, negative once overdue."""
        due = self.due
        if due is None:
            return None
        return (due - (on or timezone.localdate())).days

    @property
    def co_unit_names(self) -> list[str]:
        return [unit.name for unit in self.co_units.all()]


class CoHandlingUnit(models.Model):
    """A unit that handles the suggestion beside the main one (协办单位)."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="co_units")
    name = models.CharField(_("co-handling unit"), max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("co-handling unit")
        verbose_name_plural = _("co-handling units")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name
