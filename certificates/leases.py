"""Who runs a certificate batch, and whether they are still alive: the batch's lease.

Whoever runs a batch holds its lease: a random `lease_token` on the batch's row and a
heartbeat, `progressed_at`, which the runner renews after every chunk it issues or renders
(and every few dozen PDFs it packs into the ZIP). Every renewal, and every change of the batch's
state, is a conditional UPDATE on the token: a runner that has lost the lease finds out at its
next heartbeat (`LeaseLost`) and stops, changing nothing more.

A running batch whose heartbeat is older than `CertificateBatch.LEASE` has lost its runner (the
worker was killed, the machine restarted). Anyone may then take the lease over with one
conditional UPDATE (running, heartbeat older than the lease), which exactly one of any number of
contenders wins, on SQLite (writers are serialised) as on PostgreSQL (the second UPDATE waits for
the first's row lock, then finds the row no longer matches). `batches.run_batch` resumes the
batch from where it stopped; `batches.watch_batch` and the progress page take it over.

Taking over does not count as a resume; a runner starting under a token that a take-over gave
does (`resumes`), and a batch that has lost `MAX_RESUMES` runners is failed instead of taken
over again: something in it kills the worker. So looking at the progress page while no worker
runs does not use the resumes up.
"""

import secrets

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CertificateBatch

# Runners a batch may lose before it is failed rather than resumed again.
MAX_RESUMES = 3

Status = CertificateBatch.Status


class LeaseLost(Exception):
    """The runner no longer holds the batch: another took it over, or it ended meanwhile."""


def _new_token() -> str:
    return secrets.token_hex(16)


def _lapsed(now) -> Q:
    return CertificateBatch.stalled_q(now)


def start(batch_id: int) -> str | None:
    """Take a queued batch to run it: its new token, or None if it is not queued (done, failed,
    or already taken by another worker)."""
    token = _new_token()
    now = timezone.now()
    taken = CertificateBatch.objects.filter(pk=batch_id, status=Status.QUEUED).update(
        status=Status.RUNNING, lease_token=token, started_at=now, progressed_at=now
    )
    return token if taken else None


def take_over(batch_id: int) -> str | None:
    """Take the lease of a running batch whose runner is gone: the new token, or None if the
    batch's runner is alive, it is not running, or another contender took it over first. A
    batch that has lost `MAX_RESUMES` runners is failed instead."""
    now = timezone.now()
    lapsed = CertificateBatch.objects.filter(_lapsed(now), pk=batch_id, status=Status.RUNNING)
    token = _new_token()
    if lapsed.filter(resumes__lt=MAX_RESUMES).update(lease_token=token, progressed_at=now):
        return token
    lapsed.update(
        status=Status.FAILED,
        lease_token="",
        error=_("The worker stopped %(count)d times during this batch.") % {"count": MAX_RESUMES},
        finished_at=now,
    )
    return None


def resume(batch_id: int, token: str) -> bool:
    """Start running under a token a take-over gave: whether the batch still waits for this
    token (a later take-over may have given another)."""
    return bool(
        CertificateBatch.objects.filter(
            pk=batch_id, status=Status.RUNNING, lease_token=token
        ).update(progressed_at=timezone.now(), resumes=F("resumes") + 1)
    )


def beat(batch_id: int, token: str, **fields) -> None:
    """Renew the lease, writing `fields` (progress, or the batch's end) with it; LeaseLost if
    the runner no longer holds it."""
    held = CertificateBatch.objects.filter(pk=batch_id, status=Status.RUNNING, lease_token=token)
    if not held.update(progressed_at=timezone.now(), **fields):
        raise LeaseLost(batch_id)


def fail(batch_id: int, token: str, error: str) -> bool:
    """Mark the batch failed, if the runner still holds it."""
    return bool(
        CertificateBatch.objects.filter(
            pk=batch_id, status=Status.RUNNING, lease_token=token
        ).update(status=Status.FAILED, error=error[:2000], finished_at=timezone.now())
    )
