"""Deliberating a report as a group at the station (分组审议), held as group study.

Staff open a group deliberation of a report exercise at a group-study session: the remarks the
deputies present have written on that report are shown on the station's screen, grouped by the
report's sections and the four kinds of remark; the clerk ticks those to carry forward, and the
platform writes them, in the deputies' own words, into the 审议意见汇总 that a congress forwards
to the government (`deliberation.groups.documents`).

Written only through `deliberation.groups.services`; read through `deliberation.groups.selectors`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class GroupDeliberation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("group deliberation", "Open")
        CLOSED = "closed", pgettext_lazy("group deliberation", "Closed")

    session = models.ForeignKey(
        "studysessions.StudySession",
        on_delete=models.CASCADE,
        related_name="group_deliberations",
        verbose_name=pgettext_lazy("group deliberation", "group study session"),
    )
    exercise = models.ForeignKey(
        "deliberation.ReportExercise",
        on_delete=models.CASCADE,
        related_name="group_deliberations",
        verbose_name=_("report"),
    )
    # Attributed: each remark in the summary ends with its deputy's name (（王秀英代表）);
    # anonymous: no deputy's name anywhere in the summary.
    attributed = models.BooleanField(_("name the deputies in the summary"), default=True)
    convener = models.CharField(_("convener (召集人)"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(
        pgettext_lazy("group deliberation", "closed at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("group deliberation")
        verbose_name_plural = _("group deliberations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "exercise"], name="one_group_deliberation_per_report"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "closed"]), name="group_deliberation_status_known"
            ),
        ]

    def __str__(self):
        return f"{self.exercise} · {self.session}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class CarriedRemark(models.Model):
    """A remark the clerk marked to carry into the summary. The remark's words are read from
    the remark itself: the clerk does not reword them."""

    group = models.ForeignKey(GroupDeliberation, on_delete=models.CASCADE, related_name="carried")
    remark = models.ForeignKey(
        "deliberation.Remark", on_delete=models.CASCADE, related_name="carried_in"
    )

    class Meta:
        verbose_name = _("remark carried forward")
        verbose_name_plural = _("remarks carried forward")
        constraints = [
            models.UniqueConstraint(fields=["group", "remark"], name="remark_carried_once")
        ]

    def __str__(self):
        return f"{self.group_id} · {self.remark_id}"


class SectionNote(models.Model):
    """The convener's short summing-up of one section of the report (召集人小结), written by
    the clerk on the deliberation's page; it follows the deputies' remarks in the summary."""

    group = models.ForeignKey(GroupDeliberation, on_delete=models.CASCADE, related_name="notes")
    section = models.ForeignKey(
        "deliberation.ReportSection", on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(_("convener's summing-up"), max_length=300)

    class Meta:
        verbose_name = _("convener's summing-up")
        verbose_name_plural = _("conveners' summings-up")
        constraints = [
            models.UniqueConstraint(fields=["group", "section"], name="one_note_per_section")
        ]

    def __str__(self):
        return self.text[:40]
