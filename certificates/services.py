"""Writes about certificates: issuing, rendering, revoking and re-issuing.

Certificates are issued by `courses` when an enrolment is completed (one explicit call in
`courses.services.complete_if_done`), and by county officers by re-issuing. The PDF is rendered
in the background; the task is enqueued inside the issuing transaction, so with the database
backend the worker only sees it once the certificate row is committed, and a rolled-back issue
leaves no task behind.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Certificate, CertificateTemplate, SerialCounter

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


def _create(*, deputy, course, holder_name, course_title, credit_hours, template, by, expires_on):
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
        expires_on=expires_on,
    )
    certificate.full_clean(exclude=["pdf", "sha256", "code"])
    certificate.save()
    _enqueue_render(certificate)
    return certificate


def _enqueue_render(certificate: Certificate) -> None:
    from .tasks import render_certificate_task

    render_certificate_task.enqueue(certificate.pk)


def issue_certificate(*, enrolment, by=None, expires_on=None) -> Certificate:
    """Issue the certificate for a completed enrolment, and have its PDF rendered. Issuing
    again, or at the same moment from two requests, returns the one valid certificate the
    deputy already holds for the course."""
    if enrolment.completed_at is None:
        raise CertificateError(_("The course is not complete yet."))
    existing = Certificate.objects.valid().filter(
        deputy_id=enrolment.deputy_id, course_id=enrolment.course_id
    )
    certificate = existing.first()
    if certificate is not None:
        return certificate
    deputy = enrolment.deputy
    try:
        with transaction.atomic():
            return _create(
                deputy=deputy,
                course=enrolment.course,
                holder_name=deputy.user.name,
                course_title=enrolment.course.title,
                credit_hours=enrolment.credit_hours or 0,
                template=default_template(),
                by=by,
                expires_on=expires_on,
            )
    except IntegrityError:
        # Another request issued it first: the partial unique constraint kept it to one.
        certificate = existing.first()
        if certificate is None:
            raise
        return certificate


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
def revoke(*, certificate: Certificate, reason: str, by) -> Certificate:
    """Revoke a valid certificate, with the reason the verification page shows."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status != Certificate.Status.VALID:
        raise CertificateError(_("Only a valid certificate can be revoked."))
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Give the reason for revoking the certificate."))
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason
    certificate.revoked_by = by
    certificate.save(update_fields=["status", "revoked_at", "revoked_reason", "revoked_by"])
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
    )
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    return new
