"""A county officer's bulk request for certificates: the background job that issues a course's
certificates to everyone in their care and packs their PDFs in one ZIP (certificates.batches
runs it)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobs.models import BackgroundJob, JobQuerySet

from .certificates import Certificate


def batch_zip_path(batch, filename) -> str:
    """Like a certificate's PDF: a path nobody can guess, handed out only by a checking view."""
    return f"certificates/batches/{secrets.token_hex(16)}/{filename}"


class CertificateBatchQuerySet(JobQuerySet):
    pass


class CertificateBatch(BackgroundJob):
    """A county officer's request to issue certificates to everyone in their care who completed
    a course, and to have all of their PDFs in one ZIP. Its certificates are rows of the
    through table, fixed when the batch starts; `done` counts those whose PDF is ready, so the
    batch page shows progress while the worker renders.

    A background job (jobs.models): its runner holds a lease (leases.py), renewed after every
    chunk (`progressed_at`); a running batch with no heartbeat for `LEASE` has lost its runner
    and may be taken over. A queued batch is watched by the worker's own task, never stalled."""

    # Runners beat after every chunk, every few seconds.
    LEASE = RUNNING_STALLED_AFTER = timedelta(seconds=30)
    QUEUED_STALLED_AFTER = None

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="certificate_batches",
        verbose_name=_("course"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificate_batches"
    )
    certificates = models.ManyToManyField(Certificate, related_name="batches", blank=True)
    # `issued` counts enrolments given their certificate, `done` certificates whose PDF is
    # ready; `left_out` those revoked while the batch ran, which the ZIP does not hold.
    total = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    left_out = models.PositiveIntegerField(default=0)
    zip_file = models.FileField(upload_to=batch_zip_path, blank=True, max_length=200)
    zip_size = models.PositiveBigIntegerField(null=True, blank=True)
    # The lease (leases.py): the token of whoever runs the batch; its heartbeat is the job's
    # `progressed_at`.
    lease_token = models.CharField(max_length=32, blank=True)
    # How many times a runner took the batch up where a lost one had stopped.
    resumes = models.PositiveSmallIntegerField(default=0)

    objects = CertificateBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        constraints = [
            # Two clicks (or two tabs) on "issue for everyone" make one batch, not two.
            models.UniqueConstraint(
                fields=["course", "requested_by"],
                condition=Q(status__in=["queued", "running"]),
                name="one_batch_in_progress_per_course_and_officer",
            ),
        ]

    def __str__(self):
        return f"{self.course_id} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def zip_available(self) -> bool:
        return self.is_done and bool(self.zip_file)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def zip_name(self) -> str:
        return f"certificates-{timezone.localtime(self.created_at):%Y%m%d}-{self.pk}.zip"
