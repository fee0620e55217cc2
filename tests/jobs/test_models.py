"""The background jobs' shared shape (jobs.models): when a job has lost its worker, asked of
one row and of the table, for each kind of job."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import CertificateBatch
from reports.models import Export

NOW = timezone.now()


def export(user, **fields):
    return Export.objects.create(
        requested_by=user, kind="register", fingerprint=str(len(fields)), filename="x", **fields
    )


@pytest.mark.parametrize(
    ("fields", "stalled"),
    [
        ({"status": "queued", "created_at": NOW - timedelta(hours=1)}, False),
        ({"status": "queued", "created_at": NOW - timedelta(hours=3)}, True),
        # Running: the heartbeat counts, else the start, else the request.
        ({"status": "running", "created_at": NOW - timedelta(hours=3)}, True),
        (
            {
                "status": "running",
                "created_at": NOW - timedelta(hours=3),
                "started_at": NOW - timedelta(minutes=5),
            },
            False,
        ),
        (
            {
                "status": "running",
                "created_at": NOW - timedelta(hours=3),
                "started_at": NOW - timedelta(hours=2),
                "progressed_at": NOW - timedelta(minutes=5),
            },
            False,
        ),
        (
            {
                "status": "running",
                "started_at": NOW - timedelta(hours=2),
                "progressed_at": NOW - timedelta(minutes=31),
            },
            True,
        ),
        # Ended jobs are never stalled, however old.
        ({"status": "done", "created_at": NOW - timedelta(days=3)}, False),
        ({"status": "failed", "created_at": NOW - timedelta(days=3)}, False),
    ],
)
def test_a_job_is_stalled_when_its_worker_shows_no_sign_of_life(station_staff, fields, stalled):
    job = export(station_staff, **fields)

    assert job.is_stalled(NOW) is stalled
    assert Export.objects.stalled(NOW).filter(pk=job.pk).exists() is stalled


def test_a_batch_stalls_after_its_lease_and_never_while_queued():
    queued = CertificateBatch(created_at=NOW - timedelta(days=1))
    running = CertificateBatch(
        status="running", progressed_at=NOW - CertificateBatch.LEASE - timedelta(seconds=1)
    )
    assert not queued.is_stalled(NOW)
    assert running.is_stalled(NOW)
    running.progressed_at = NOW - CertificateBatch.LEASE + timedelta(seconds=1)
    assert not running.is_stalled(NOW)


@pytest.mark.parametrize("status", ["queued", "running", "done", "failed"])
def test_each_status_has_its_property(status):
    job = Export(status=status)
    asked = {
        "queued": job.is_queued,
        "running": job.is_running,
        "done": job.is_done,
        "failed": job.is_failed,
    }
    assert [name for name, value in asked.items() if value] == [status]
    assert job.in_progress is (status in ("queued", "running"))
