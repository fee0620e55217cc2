"""Writes about certificates: issuing, rendering, revoking and re-issuing.

Certificates are issued by `courses` when an enrolment is completed (one explicit call in
`courses.services.complete_if_done`), and by county officers: by hand, in bulk and by
re-issuing. The PDF is rendered
in the background; the task is enqueued inside the issuing transaction, so with the database
backend the worker only sees it once the certificate row is committed, and a rolled-back issue
leaves no task behind.
"""

import hashlib
import logging
import re
import shutil
import tempfile
import zipfile
from datetime import date, timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit
from courses.models import Enrolment
from notifications.services import notify

from . import leases, selectors
from .models import (
    Certificate,
    CertificateBatch,
    CertificateTemplate,
    SerialCounter,
    training_date_error,
)

logger = logging.getLogger(__name__)


class CertificateError(ValueError):
    pass


def default_template() -> CertificateTemplate:
    """The template marked default, else the first one, else a plain one made now (so a new
    site issues certificates before anyone has designed a template)."""
    template = CertificateTemplate.objects.order_by("-is_default", "pk").first()
    if template is None:
        template = CertificateTemplate.objects.create(
            issuing_body=_("County People's Congress Standing Committee"), is_default=True
        )
    return template


def _next_sequence(county, year: int) -> int:
    """The next sequence number in the county and year (on SQLite the IMMEDIATE transaction
    already serialises writers; on PostgreSQL the counter row's lock does)."""
    counter, _created = SerialCounter.objects.get_or_create(county=county, year=year)
    SerialCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    # The UPDATE holds the row's lock to the end of the transaction: a concurrent issue waits
    # here, then counts on from the committed value.
    return SerialCounter.objects.values_list("last", flat=True).get(pk=counter.pk)


def _create(
    *,
    deputy,
    course,
    holder_name,
    course_title,
    credit_hours,
    template,
    by,
    expires_on,
    note="",
    trained_on=None,
    render=True,
):
    county = deputy.township.county
    now = timezone.now()
    year = timezone.localdate(now).year
    sequence = _next_sequence(county, year)
    certificate = Certificate(
        deputy=deputy,
        course=course,
        template=template,
        holder_name=holder_name,
        course_title=course_title,
        credit_hours=credit_hours,
        county=county,
        year=year,
        sequence=sequence,
        serial=f"{county.code}-{year}-{sequence:06d}",
        issued_at=now,
        issued_by=by,
        issue_note=note,
        trained_on=trained_on,
        expires_on=expires_on,
    )
    # The one-valid-certificate rule is left to the database, checked as the row is written:
    # checked here beforehand, a certificate issued a moment ago by another request (two
    # officers, a batch and a deputy completing the course) would fail the check instead of
    # raising the IntegrityError the callers answer.
    certificate.full_clean(exclude=["pdf", "sha256", "code"], validate_constraints=False)
    certificate.save()
    audit.record(
        audit.Action.CERTIFICATE_ISSUED,
        by=by,
        county=county,
        deputy=deputy,
        serial=certificate.serial,
        course=course_title,
        credit_hours=format(credit_hours, "f") if credit_hours is not None else None,
        note=note,
        trained_on=trained_on.isoformat() if trained_on else None,
    )
    if render:
        _enqueue_render(certificate)
    notify(
        [deputy.user],
        title=_("Certificate issued: %(course)s") % {"course": course_title},
        body=_("Serial number %(serial)s. Download it from My certificates.")
        % {"serial": certificate.serial},
        url=reverse("certificates:mine"),
        key=f"certificate-issued:{certificate.serial}",
    )
    return certificate


def years_after(day, years: int):
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _enqueue_render(certificate: Certificate) -> None:
    from .tasks import render_certificate_task

    render_certificate_task.enqueue(certificate.pk)


def issue_certificate(*, enrolment, by=None, expires_on=None, render=True) -> Certificate:
    """Issue the certificate for a completed enrolment, and have its PDF rendered. Issuing
    again, or at the same moment from two requests, returns the one valid certificate the
    deputy already holds for the course.

    `render=False` leaves the PDF to the caller: a batch renders its certificates in one task
    rather than a thousand."""
    if enrolment.completed_at is None:
        raise CertificateError(_("The course is not complete yet."))
    existing = Certificate.objects.valid().filter(
        deputy_id=enrolment.deputy_id, course_id=enrolment.course_id
    )
    certificate = existing.first()
    if certificate is not None:
        return certificate
    deputy = enrolment.deputy
    course = enrolment.course
    try:
        with transaction.atomic():
            return _create(
                deputy=deputy,
                course=course,
                holder_name=deputy.user.name,
                course_title=course.title,
                credit_hours=enrolment.credit_hours or 0,
                template=template_for(course),
                by=by,
                expires_on=expires_on or expiry_for(course),
                render=render,
            )
    except IntegrityError:
        # Another request issued it first: the partial unique constraint kept it to one.
        certificate = existing.first()
        if certificate is None:
            raise
        return certificate


def template_for(course) -> CertificateTemplate:
    """The course's own template, else the default one."""
    if course.certificate_template_id:
        return course.certificate_template
    return default_template()


def expiry_for(course, *, on=None):
    """When a certificate of the course issued `on` (today) expires; None if it does not."""
    if not course.certificate_valid_years:
        return None
    return years_after(on or timezone.localdate(), course.certificate_valid_years)


def issue_by_hand(
    *, deputy, course, credit_hours, note: str, by, trained_on: date | None = None
) -> Certificate:
    """A county officer's certificate for a deputy who has not completed the course here (the
    training was taken in person, or elsewhere): the officer gives the credit hours, the date of
    the training (the certificate gives it as the day the course was done) and the reason,
    which staff see beside the certificate. The deputy must be one the officer manages and
    hold no valid certificate for the course; the enrolment, if any, is left as it is."""
    if not selectors.managed_deputies(by).filter(pk=deputy.pk).exists():
        raise Http404("Only county officers issue certificates, to deputies of their county")
    if deputy.user_id == by.pk:
        raise Http404("Nobody issues their own certificate")
    note = (note or "").strip()
    if not note:
        raise CertificateError(_("Say why the certificate is issued by hand."))
    if trained_on is not None and (error := training_date_error(trained_on)):
        raise CertificateError(error)
    held = Certificate.objects.valid().filter(deputy=deputy, course=course).first()
    if held is not None:
        raise CertificateError(
            _("%(name)s already holds certificate %(serial)s for this course.")
            % {"name": deputy.user.name, "serial": held.serial}
        )
    try:
        with transaction.atomic():
            return _create(
                deputy=deputy,
                course=course,
                holder_name=deputy.user.name,
                course_title=course.title,
                credit_hours=credit_hours,
                template=template_for(course),
                by=by,
                expires_on=expiry_for(course),
                note=note,
                trained_on=trained_on,
            )
    except IntegrityError as exc:
        # Issued a moment ago by another request, or by the deputy completing the course.
        raise CertificateError(
            _("%(name)s already holds a certificate for this course.") % {"name": deputy.user.name}
        ) from exc


def render_certificate(certificate_id: int) -> Certificate:
    """Write the certificate's PDF and its SHA-256. Rendering an already rendered certificate
    changes nothing: the published hash must keep matching the file the deputy downloaded."""
    from .pdf import render_pdf

    certificate = Certificate.objects.select_related("template__seal").get(pk=certificate_id)
    if certificate.is_rendered:
        return certificate
    data = render_pdf(certificate)
    certificate.sha256 = hashlib.sha256(data).hexdigest()
    certificate.rendered_at = timezone.now()
    certificate.pdf.save("certificate.pdf", ContentFile(data), save=False)
    certificate.save(update_fields=["pdf", "sha256", "rendered_at"])
    logger.info("Rendered certificate %s (%d bytes)", certificate.serial, len(data))
    return certificate


@transaction.atomic
def revoke(
    *,
    certificate: Certificate,
    reason: str,
    by,
    category: str = Certificate.RevocationCategory.OTHER,
) -> Certificate:
    """Revoke a valid certificate. The verification page shows the `category` (a
    `Certificate.RevocationCategory`); the `reason`, in the officer's words, is kept for staff
    and the audit log."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status != Certificate.Status.VALID:
        raise CertificateError(_("Only a valid certificate can be revoked."))
    reason = (reason or "").strip()
    if not reason or category not in Certificate.RevocationCategory.values:
        raise CertificateError(_("Choose why the certificate is revoked and give the reason."))
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_category = category
    certificate.revoked_reason = reason
    certificate.revoked_by = by
    certificate.save(
        update_fields=["status", "revoked_at", "revoked_category", "revoked_reason", "revoked_by"]
    )
    audit.record(
        audit.Action.CERTIFICATE_REVOKED,
        by=by,
        county=certificate.county,
        deputy=certificate.deputy,
        serial=certificate.serial,
        course=certificate.course_title,
        category=str(category),
        reason=reason,
    )
    return certificate


@transaction.atomic
def reissue(*, certificate: Certificate, by) -> Certificate:
    """Issue a new certificate (new serial and code, the holder's current name) in place of a
    valid one, which is marked replaced and points to the new one."""
    old = (
        Certificate.objects.select_for_update()
        .select_related("deputy__user", "deputy__township__county")
        .get(pk=certificate.pk)
    )
    if old.status != Certificate.Status.VALID:
        raise CertificateError(_("Only a valid certificate can be re-issued."))
    old.status = Certificate.Status.REPLACED
    old.save(update_fields=["status"])
    new = _create(
        deputy=old.deputy,
        course=old.course,
        holder_name=old.deputy.user.name,
        course_title=old.course_title,
        credit_hours=old.credit_hours,
        template=old.template,
        by=by,
        expires_on=old.expires_on,
        note=old.issue_note,
        trained_on=old.trained_on,
    )
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    audit.record(
        audit.Action.CERTIFICATE_REISSUED,
        by=by,
        county=new.county,
        deputy=old.deputy,
        old_serial=old.serial,
        serial=new.serial,
        course=old.course_title,
    )
    return new


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
        if running.lease_lapsed:
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
    alive = batch.status == CertificateBatch.Status.RUNNING and not batch.lease_lapsed
    _schedule_watch(
        batch_id,
        at=batch.progressed_at + CertificateBatch.LEASE + BATCH_WATCH_SLACK if alive else None,
    )
    if not batch.lease_lapsed:
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


def write_batch_zip(batch: CertificateBatch, certificates, *, beat=None) -> None:
    """Stream the given PDFs, in serial order, into a ZIP on disk, then store it. `beat()` is
    called every BATCH_ZIP_BEAT PDFs."""
    with tempfile.TemporaryFile() as spool:
        # The PDFs' streams are compressed already; deflating saves little but costs nothing
        # next to rendering.
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for n, certificate in enumerate(certificates.iterator(chunk_size=BATCH_CHUNK * 5), 1):
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


def _render_missing(batch_id: int, contents, token: str) -> int:
    """Render the batch's PDFs not rendered yet, a chunk at a time, counting `done` after
    each; asking afresh each time, so a certificate re-issued meanwhile is rendered too, and a
    resumed batch renders only what is left."""
    done = contents.exclude(sha256="").count()
    leases.beat(batch_id, token, done=done)
    while chunk := list(
        contents.filter(sha256="").order_by("serial").values_list("pk", flat=True)[:BATCH_CHUNK]
    ):
        for certificate_id in chunk:
            render_certificate(certificate_id)
        done = contents.exclude(sha256="").count()
        leases.beat(batch_id, token, done=done)
    return done


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


def send_expiry_reminders(*, on=None) -> int:
    """Tell each holder of a valid certificate expiring within `CERTIFICATE_REMINDER_DAYS`,
    once (the key); how many were told. Run daily by `manage.py send_certificate_reminders`."""
    today = on or timezone.localdate()
    until = today + timedelta(days=settings.CERTIFICATE_REMINDER_DAYS)
    told = 0
    for certificate in (
        Certificate.objects.valid()
        .filter(expires_on__gte=today, expires_on__lte=until)
        .select_related("deputy__user")
    ):
        told += notify(
            [certificate.deputy.user],
            title=_("Certificate expires on %(date)s: %(course)s")
            % {"date": certificate.expires_on.isoformat(), "course": certificate.course_title},
            body=_("Take the course again before then to renew it."),
            url=reverse("certificates:mine"),
            key=f"certificate-expiry:{certificate.serial}",
        )
    return told


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
