"""Certificates in bulk: a county officer asks for every certificate of a course at once; the
worker issues and renders them in chunks, holding a lease (leases.py) so that a batch whose
worker died is taken over and finished from where it stopped, then packs one ZIP."""

import logging
import math
import re
import shutil
import tempfile
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrolment

from . import leases, selectors
from .models import Certificate, CertificateBatch
from .services import CertificateError, issue_certificate, render_certificate

logger = logging.getLogger(__name__)


# Certificates issued or rendered between two heartbeats of a batch (which also show its
# progress): often enough for the page to move every few seconds and the lease to stay held,
# seldom enough not to write a row per PDF.
BATCH_CHUNK = 20
# PDFs packed into the ZIP between two heartbeats.
BATCH_ZIP_BEAT = 100
# How often a queued batch's watch task comes back. A running batch's comes back when its
# lease would lapse, a moment after (BATCH_WATCH_SLACK): a batch whose worker died is taken up
# again about 31 s after its last heartbeat, or as soon as a worker runs again.
BATCH_WATCH_EVERY = timedelta(seconds=20)
BATCH_WATCH_SLACK = timedelta(seconds=1)


def start_batch(*, course, by) -> CertificateBatch:
    """Start issuing certificates to everyone `by` manages who completed `course`, with one
    task that issues them, renders the missing PDFs and packs them all into a ZIP. The request
    only counts and enqueues: a county's thousand certificates are issued by the worker, not
    while the officer's browser waits.

    Only county officers and superusers issue in bulk (anyone else gets a 404). While a batch of
    `by` for the course is queued or running, starting again returns it, resumed if its runner
    was lost (leases.py)."""
    from .tasks import run_batch_task

    if not selectors.may_manage(by):
        raise Http404("Only county officers issue in bulk")
    purge_old_batch_zips()
    running = CertificateBatch.objects.in_progress().filter(course=course, requested_by=by).first()
    if running is not None:
        if running.is_stalled():
            resume_stalled_batch(batch_id=running.pk)
            running.refresh_from_db()
        return running
    total = selectors.completed_enrolments(by, course).count()
    if not total:
        raise CertificateError(_("No deputy in your care has completed this course."))
    try:
        with transaction.atomic():
            batch = CertificateBatch.objects.create(course=course, requested_by=by, total=total)
            _schedule_watch(batch.pk)
            run_batch_task.enqueue(batch.pk)
    except IntegrityError:
        # A second request started the same batch a moment earlier.
        return CertificateBatch.objects.in_progress().get(course=course, requested_by=by)
    # An immediate backend (tests) has finished it already.
    batch.refresh_from_db()
    return batch


def resume_stalled_batch(*, batch_id: int) -> bool:
    """If the batch's runner is lost, take its lease over and enqueue a runner with the new
    token; whether this call did. Exactly one of any number of callers at once does. Called by
    the progress page and by starting the batch again; the worker's own watch runs the batch
    itself (`watch_batch`)."""
    from .tasks import run_batch_task

    token = leases.take_over(batch_id)
    if token is None:
        return False
    # Not run yet when the worker is down: the lease then lapses again, and the next look at
    # the page hands the batch to a new token (this task, when it comes, finds its token gone).
    run_batch_task.enqueue(batch_id, token=token)
    return True


def _schedule_watch(batch_id: int, *, at=None) -> None:
    """Have the worker look at the batch `at` a moment, else after BATCH_WATCH_EVERY (a backend
    that cannot defer a task, as the immediate one of the tests, has run the batch to its end
    already)."""
    from .tasks import watch_batch_task

    if watch_batch_task.get_backend().supports_defer:
        now = timezone.now()
        at = max(at or now + BATCH_WATCH_EVERY, now + BATCH_WATCH_SLACK)
        watch_batch_task.using(run_after=at).enqueue(batch_id)


def watch_batch(batch_id: int) -> CertificateBatch | None:
    """The worker's look at a batch in progress: it comes back for as long as the batch is
    queued or running (when a running batch's lease would lapse), and when the batch's runner is
    lost (its worker was killed; this is the restarted worker, or another one), takes the lease
    over and runs the rest of the batch itself. The batch as it ended, or None if there was
    nothing to do."""
    batch = CertificateBatch.objects.filter(pk=batch_id).first()
    if batch is None or not batch.in_progress:
        return None
    # The next look first, so that the batch is still watched should this worker die too: when
    # the lease of a running batch would lapse, unless its runner beats again meanwhile.
    alive = batch.is_running and not batch.is_stalled()
    _schedule_watch(
        batch_id,
        at=batch.last_sign_of_life + CertificateBatch.LEASE + BATCH_WATCH_SLACK if alive else None,
    )
    if not batch.is_stalled():
        return None
    token = leases.take_over(batch_id)
    if token is None:
        return None
    logger.warning("Certificate batch %s lost its runner; resuming it", batch_id)
    return run_batch(batch_id, token=token)


def zip_member_name(certificate: Certificate) -> str:
    """`<serial>_<holder>.pdf`, without what a file system would refuse or take for a folder."""
    holder = re.sub(r'[\\/:*?"<>|\s]+', "_", certificate.holder_name).strip("._") or "_"
    return f"{certificate.serial}_{holder}.pdf"


def _by_serial_in_chunks(certificates, size: int = BATCH_CHUNK * 5):
    """The certificates (ordered by serial) a chunk at a time, each chunk read whole, so that no
    query stays open while the ZIP is written. On SQLite an open read keeps its snapshot, and the
    lease's heartbeat written on the same connection after another process has written (a
    worker rendering, the task queue) fails at once with "database is locked", whatever the
    timeout: a batch of 1,000 failed so in `make bench`."""
    last = None
    while chunk := list(
        (certificates if last is None else certificates.filter(serial__gt=last))[:size]
    ):
        yield from chunk
        last = chunk[-1].serial


def write_batch_zip(batch: CertificateBatch, certificates, *, beat=None) -> None:
    """Stream the given PDFs, in serial order, into a ZIP on disk, then store it. `beat()` is
    called every BATCH_ZIP_BEAT PDFs."""
    with tempfile.TemporaryFile() as spool:
        # The PDFs' streams are compressed already; deflating saves little but costs nothing
        # next to rendering.
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for n, certificate in enumerate(_by_serial_in_chunks(certificates), 1):
                with (
                    certificate.pdf.open("rb") as source,
                    archive.open(zip_member_name(certificate), "w") as target,
                ):
                    shutil.copyfileobj(source, target)
                if beat is not None and n % BATCH_ZIP_BEAT == 0:
                    beat()
        size = spool.tell()
        spool.seek(0)
        batch.zip_file.save(batch.zip_name, File(spool), save=False)
    batch.zip_size = size


def _issue_batch(batch: CertificateBatch, token: str) -> None:
    """Issue the batch's certificates a chunk at a time, each chunk one short transaction, so
    deputies and other officers are never kept waiting behind the whole batch.

    A chunk's certificates join the batch in the chunk's transaction, so the batch's
    certificates are the chunks done: a resumed batch skips their deputies and issues the rest
    (a chunk cut short was rolled back whole, and is issued again, once)."""
    already = set(batch.certificates.values_list("deputy_id", flat=True))
    enrolments = [
        pk
        for pk, deputy_id in selectors.completed_enrolments(
            batch.requested_by, batch.course
        ).values_list("pk", "deputy_id")
        if deputy_id not in already
    ]
    issued = len(already)
    leases.beat(batch.pk, token, total=issued + len(enrolments), issued=issued)
    for start in range(0, len(enrolments), BATCH_CHUNK):
        chunk = enrolments[start : start + BATCH_CHUNK]
        with transaction.atomic():
            certificates = [
                issue_certificate(enrolment=enrolment, by=batch.requested_by, render=False)
                for enrolment in Enrolment.objects.filter(pk__in=chunk)
                .select_related("deputy__user", "deputy__township__county", "course")
                .order_by("pk")
            ]
            batch.certificates.add(*certificates)
        issued += len(chunk)
        leases.beat(batch.pk, token, issued=issued)


def _runs(serials: list[str], parts: int) -> list[tuple[str, str]]:
    """`serials` (in order) as up to `parts` runs of about equal length, each given by its first
    and last serial; none shorter than a chunk, which is not worth a task of its own."""
    if not serials:
        return []
    parts = max(1, min(parts, math.ceil(len(serials) / BATCH_CHUNK)))
    size = math.ceil(len(serials) / parts)
    return [
        (serials[start], serials[min(start + size, len(serials)) - 1])
        for start in range(0, len(serials), size)
    ]


def _render_in_chunks(queryset, *, after_chunk=None, go_on=None) -> int:
    """Render the certificates of `queryset` (ordered) that are not rendered yet, a chunk at a
    time, asking afresh for each chunk, so that what another worker rendered meanwhile is
    skipped; `after_chunk()` after each chunk, and stop early when `go_on()` turns false. How
    many this call rendered or found rendered on the way."""
    count = 0
    while (go_on is None or go_on()) and (
        chunk := list(queryset.filter(sha256="").values_list("pk", flat=True)[:BATCH_CHUNK])
    ):
        for certificate_id in chunk:
            render_certificate(certificate_id)
        count += len(chunk)
        if after_chunk is not None:
            after_chunk()
    return count


def _render_missing(batch_id: int, contents, token: str) -> int:
    """Render the batch's PDFs not rendered yet, counting `done` after each chunk; a resumed
    batch renders only what is left, and a certificate re-issued meanwhile is rendered too.

    Rendering is most of a batch's time, and one runner keeps one worker busy while the others
    idle. So the work is split into `CERTIFICATE_BATCH_PARTS` runs of serials: the runner
    queues a task for each run but the first (`render_batch_part_task`, which any worker may
    take), renders the first itself, then renders what is left of all the others from the far
    end. It never waits for a part: a part no worker has taken yet, or whose worker died, costs
    no more than rendering it alone, and where the runner meets a part's worker at most the
    certificate between them is rendered twice (harmlessly: `render_certificate` keeps the first
    PDF)."""
    from .tasks import render_batch_part_task

    def beat():
        leases.beat(batch_id, token, done=contents.exclude(sha256="").count())

    beat()
    missing = contents.filter(sha256="").order_by("serial").values_list("serial", flat=True)
    runs = _runs(list(missing), settings.CERTIFICATE_BATCH_PARTS)
    for first, last in runs[1:]:
        render_batch_part_task.enqueue(batch_id, first, last)
    if runs:
        first, last = runs[0]
        _render_in_chunks(
            contents.filter(serial__gte=first, serial__lte=last).order_by("serial"),
            after_chunk=beat,
        )
    _render_in_chunks(contents.order_by("-serial"), after_chunk=beat)
    return contents.exclude(sha256="").count()


def render_part(batch_id: int, first: str, last: str) -> int:
    """A worker's part of a running batch: render its certificates from serial `first` to
    `last` not rendered yet, in serial order, while the batch is still running (the runner may
    finish the part first, or the batch fail). It holds no lease and writes nothing on the
    batch: the runner counts progress and packs the ZIP. How many it rendered or found
    rendered."""
    batch = CertificateBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return 0

    def running() -> bool:
        return CertificateBatch.objects.filter(
            pk=batch_id, status=CertificateBatch.Status.RUNNING
        ).exists()

    part = batch_contents(batch).filter(serial__gte=first, serial__lte=last).order_by("serial")
    return _render_in_chunks(part, go_on=running)


def batch_contents(batch: CertificateBatch):
    """What the batch's ZIP holds: the certificates valid now for its deputies and course. One
    re-issued while the batch ran is there by its replacement; one revoked is left out."""
    return Certificate.objects.valid().filter(
        course_id=batch.course_id,
        deputy_id__in=batch.certificates.values("deputy_id"),
    )


def run_batch(batch_id: int, *, token: str | None = None) -> CertificateBatch:
    """The batch's background work: issue, render the PDFs not rendered yet, then write the
    ZIP of the certificates still valid and mark the batch done.

    Without a token, it takes a queued batch; with one (from a take-over), it resumes a running
    batch from where its lost runner stopped, if the token is still the batch's. It holds the
    batch's lease throughout and stops quietly if another runner takes it over. Any failure
    marks the batch failed with the error, and is raised again for the worker's record."""
    if token is None:
        token = leases.start(batch_id)
    elif not leases.resume(batch_id, token):
        token = None
    if token is None:
        # Done, failed, already taken by another worker, or handed to a later token.
        return CertificateBatch.objects.get(pk=batch_id)
    batch = CertificateBatch.objects.select_related("course", "requested_by").get(pk=batch_id)
    try:
        _issue_batch(batch, token)
        contents = batch_contents(batch)
        _render_missing(batch_id, contents, token)
        total = batch.certificates.count()
        # Only what is rendered: one re-issued this very moment waits for the next batch.
        zipped = contents.exclude(sha256="").order_by("serial")
        done = zipped.count()
        write_batch_zip(
            batch,
            zipped.only("serial", "holder_name", "pdf"),
            beat=lambda: leases.beat(batch_id, token),
        )
        try:
            leases.beat(
                batch_id,
                token,
                status=CertificateBatch.Status.DONE,
                total=total,
                done=done,
                left_out=total - done,
                zip_file=batch.zip_file.name,
                zip_size=batch.zip_size,
                finished_at=timezone.now(),
            )
        except leases.LeaseLost:
            batch.zip_file.delete(save=False)  # the runner that took over writes its own
            raise
    except leases.LeaseLost:
        logger.warning("Certificate batch %s was taken over by another runner", batch_id)
        return CertificateBatch.objects.get(pk=batch_id)
    except Exception as exc:
        logger.exception("Certificate batch %s failed", batch_id)
        leases.fail(batch_id, token, f"{type(exc).__name__}: {exc}")
        raise
    batch = CertificateBatch.objects.get(pk=batch_id)
    logger.info("Certificate batch %s: %d PDFs, %d bytes", batch_id, batch.done, batch.zip_size)
    return batch


def purge_old_batch_zips(*, now=None) -> int:
    """Delete the ZIPs of batches finished more than `CERTIFICATE_BATCH_KEEP_DAYS` ago (the
    certificates themselves stay); how many were deleted. Run at each new batch and by
    `manage.py purge_certificate_batches`."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CERTIFICATE_BATCH_KEEP_DAYS)
    purged = 0
    for batch in CertificateBatch.objects.filter(finished_at__lt=cutoff).exclude(zip_file=""):
        batch.zip_file.delete(save=False)
        CertificateBatch.objects.filter(pk=batch.pk).update(zip_file="")
        purged += 1
    return purged
