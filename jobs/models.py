"""The shape every background job shares, as an abstract model.

A job is queued by a request, taken by a worker (running), and ends done or failed, with an
error said to the user in words they can act on. While it runs, the worker shows it is alive
with a heartbeat (`progressed_at`), or at least by having started it (`started_at`); a running
job with no sign of life for `RUNNING_STALLED_AFTER` has lost its worker (stopped, killed, the
machine restarted), and a queued one older than `QUEUED_STALLED_AFTER` never found one. What
to do with a stalled job (fail it and start anew, take it over and resume) is the app's call.

Templates ask the job's properties (`job.is_running`, `job.is_failed`), never compare its
status with a string.
"""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


IN_PROGRESS = (JobStatus.QUEUED, JobStatus.RUNNING)


class JobQuerySet(models.QuerySet):
    def in_progress(self):
        return self.filter(status__in=IN_PROGRESS)

    def requested_by(self, user):
        return self.filter(requested_by=user)

    def stalled(self, now=None):
        """The jobs in progress that have lost their worker (`BackgroundJob.is_stalled`)."""
        return self.filter(self.model.stalled_q(now or timezone.now()))


class BackgroundJob(models.Model):
    """A job run by the worker. A subclass adds what it works on and what it makes, and a
    `requested_by` foreign key if it uses `JobQuerySet.requested_by`. Its unique constraints
    on jobs in progress name the statuses as strings: "queued", "running"."""

    Status = JobStatus
    IN_PROGRESS = IN_PROGRESS
    # A running job with no sign of life for this long has lost its worker.
    RUNNING_STALLED_AFTER = timedelta(minutes=30)
    # A queued job this old never found a worker; None: a queued job is never stalled.
    QUEUED_STALLED_AFTER: timedelta | None = timedelta(hours=2)

    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # The worker's heartbeat, renewed as it goes (if it does).
    progressed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Said to the user: what went wrong (the worker logs the rest).
    error = models.TextField(blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_queued(self) -> bool:
        return self.status == JobStatus.QUEUED

    @property
    def is_running(self) -> bool:
        return self.status == JobStatus.RUNNING

    @property
    def is_done(self) -> bool:
        return self.status == JobStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == JobStatus.FAILED

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    @property
    def last_sign_of_life(self):
        """When the worker last showed it was at work: its heartbeat, else the start."""
        return self.progressed_at or self.started_at or self.created_at

    def is_stalled(self, now=None) -> bool:
        """In progress, with its worker lost (see the module's docstring)."""
        now = now or timezone.now()
        if self.is_running:
            return self.last_sign_of_life < now - self.RUNNING_STALLED_AFTER
        if self.is_queued and self.QUEUED_STALLED_AFTER is not None:
            return self.created_at < now - self.QUEUED_STALLED_AFTER
        return False

    @classmethod
    def stalled_q(cls, now) -> Q:
        """`is_stalled` as a query condition, for a conditional UPDATE that exactly one of
        several callers wins."""
        running_since = now - cls.RUNNING_STALLED_AFTER
        running = Q(status=JobStatus.RUNNING) & (
            Q(progressed_at__lt=running_since)
            | Q(progressed_at__isnull=True, started_at__lt=running_since)
            | Q(progressed_at__isnull=True, started_at__isnull=True, created_at__lt=running_since)
        )
        if cls.QUEUED_STALLED_AFTER is None:
            return running
        return running | Q(status=JobStatus.QUEUED, created_at__lt=now - cls.QUEUED_STALLED_AFTER)
