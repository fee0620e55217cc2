"""Inspections and surveys (视察, 专题调研) organised at a liaison station: the plan and the
report, written as drafts of the proposals engine (genres "visit_plan" and "visit_report"),
the places visited in route order, and what the deputies found there, with photos.

A finding is recorded on a phone, often without a connection, and sent later: the phone gives
it a UUID when it is typed, so that sending it twice (a retry after a lost answer) records it
once."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionQuerySet(models.QuerySet):
    def for_stations(self, stations):
        return self.filter(station__in=stations)

    def joined_by(self, deputy):
        return self.filter(deputies=deputy)


class Inspection(models.Model):
    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Inspection")  # 视察
        SURVEY = "survey", _("Topical survey")  # 专题调研

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    station = models.ForeignKey(
        "deputies.LiaisonStation",
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("liaison station"),
    )
    title = models.CharField(_("title"), max_length=120)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    # The deputy who writes the plan and the report (the group's leader or the one chosen).
    organiser = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.PROTECT,
        related_name="organised_inspections",
        verbose_name=_("writes the plan and report"),
    )
    deputies = models.ManyToManyField(
        "deputies.Deputy", related_name="inspections", verbose_name=_("participating deputies")
    )
    plan = models.OneToOneField(
        "proposals.Draft",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspection_planned",
    )
    report = models.OneToOneField(
        "proposals.Draft",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspection_reported",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="inspection_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class Stop(models.Model):
    """A place visited (地点) and what is looked at there (对象), in route order."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveSmallIntegerField(_("order"))
    place = models.CharField(_("place"), max_length=80)
    subject = models.CharField(_("what to look at"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["inspection", "position"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "position"], name="one_stop_a_place")
        ]

    def __str__(self):
        return self.place


class FindingQuerySet(models.QuerySet):
    def in_route_order(self):
        return self.select_related("stop", "deputy__user").order_by(
            "stop__position", "created_at", "pk"
        )


class Finding(models.Model):
    """What a deputy saw or heard at a stop, in their words."""

    # Made by the phone when the finding is typed: a finding sent again is the same finding.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    stop = models.ForeignKey(Stop, on_delete=models.CASCADE, related_name="findings")
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.CASCADE, related_name="inspection_findings"
    )
    text = models.TextField(_("what you found"))
    created_at = models.DateTimeField(auto_now_add=True)
    # The suggestion (建议) draft the deputy started from this finding, if any.
    suggestion = models.OneToOneField(
        "proposals.Draft",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspection_finding",
    )

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:40]


class FindingPhoto(models.Model):
    """A photo taken with a finding, as kept: re-encoded, turned upright, smaller, and without
    the camera's metadata; the place it was taken stays only when the deputy asked."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        upload_to="inspections/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    kept_location = models.BooleanField(_("place where it was taken kept"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.image.name
