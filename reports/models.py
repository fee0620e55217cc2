"""A spreadsheet export prepared in the background: too big to build while the browser waits,
it is written by the worker, kept for REPORTS_EXPORT_KEEP_DAYS and downloaded only by whoever
asked for it. Written through `reports.exports`."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobs.models import BackgroundJob, JobQuerySet


def export_path(export, filename) -> str:
    """Like a certificate's PDF: a path nobody can guess, handed out only by a checking view.
    The stored name is ASCII; the download is named after `Export.filename`."""
    return f"reports/exports/{secrets.token_hex(16)}/{filename}"


class ExportQuerySet(JobQuerySet):
    pass


class Export(BackgroundJob):
    """A background job (jobs.models): an export the worker has held for
    `RUNNING_STALLED_AFTER` without finishing lost its worker (stopped or killed); one queued
    for `QUEUED_STALLED_AFTER` never found one. Asking again fails it and starts anew
    (`reports.exports.start_export`)."""

    class Kind(models.TextChoices):
        DASHBOARD = "dashboard", _("Dashboard")
        REGISTER = "register", _("Activity register")

    class Status(models.TextChoices):
        # The job's statuses (jobs.models.JobStatus), in an export's own words.
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being prepared")
        DONE = "done", pgettext_lazy("export", "Ready")
        FAILED = "failed", _("Failed")

    RUNNING_STALLED_AFTER = timedelta(minutes=30)
    QUEUED_STALLED_AFTER = timedelta(hours=2)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # What to export, as the kind's builder takes it (see `reports.exports.clean_params`).
    params = models.JSONField(_("parameters"), default=dict)
    # The kind and params in one canonical string's hash: the same export asked for twice
    # while the first is still being prepared is the same row.
    fingerprint = models.CharField(max_length=64)
    # The requester's language at the time: the worker writes headings and notes in it.
    language = models.CharField(max_length=16, blank=True)
    # The name the download gets (may hold Chinese); the stored file's name is ASCII.
    filename = models.CharField(_("file name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(upload_to=export_path, blank=True, max_length=200)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    # Estimated when asked for, counted when written: the data rows of every sheet.
    rows = models.PositiveIntegerField(_("rows"), default=0)

    objects = ExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]
        constraints = [
            # Two clicks (or two tabs) on the same export make one, not two.
            models.UniqueConstraint(
                fields=["requested_by", "fingerprint"],
                condition=Q(status__in=["queued", "running"]),
                name="one_export_in_progress_per_request",
            ),
        ]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def available(self) -> bool:
        return self.is_done and bool(self.file)
