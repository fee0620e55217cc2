"""Writes about single certificates: issuing, rendering, revoking and re-issuing (certificates in
bulk are batches.py's, the reminders before expiry reminders.py's).

Certificates are issued by `courses` when an enrolment is completed (one explicit call in
`courses.services.complete_if_done`), and by county officers: by hand, in bulk and by
re-issuing. The PDF is rendered
in the background; the task is enqueued inside the issuing transaction, so with the database
backend the worker only sees it once the certificate row is committed, and a rolled-back issue
leaves no task behind.
"""

import hashlib
import logging
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit
from notifications.services import notify

from . import selectors
from .models import (
    Certificate,
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
    programme=None,
    title="",
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
        programme=programme,
        title=title,
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


def issue_programme_certificate(assignment, *, by=None, render=True) -> Certificate:
    """Issue the certificate of a completed programme assignment (初任培训结业证书), and have
    its PDF rendered: for the programme the deputy did (its refresher, for a refresher), headed
    with the programme's certificate title (else the template's), for the programme's credit
    hours: its courses' as credited to the deputy, and its hours of group study. Issuing
    again, or at the same moment from two requests, returns the one valid certificate the
    deputy holds for the programme."""
    from django.db.models import Sum

    from courses.models import Enrolment

    if assignment.completed_at is None:
        raise CertificateError(_("The programme is not complete yet."))
    work = assignment.work
    existing = Certificate.objects.valid().filter(
        deputy_id=assignment.deputy_id, programme_id=work.pk
    )
    certificate = existing.first()
    if certificate is not None:
        return certificate
    courses = work.courses.all()
    credited = Enrolment.objects.filter(
        deputy_id=assignment.deputy_id, course__in=courses
    ).aggregate(hours=Sum("credit_hours"))["hours"]
    # SQLite sums decimals as floats: back to one decimal place.
    hours = (Decimal(str(credited or 0)) + work.study_hours).quantize(Decimal("0.1"))
    deputy = assignment.deputy
    template = work.certificate_template or default_template()
    try:
        with transaction.atomic():
            return _create(
                deputy=deputy,
                course=None,
                programme=work,
                title=work.certificate_title,
                holder_name=deputy.user.name,
                course_title=work.title,
                credit_hours=hours,
                template=template,
                by=by,
                expires_on=None,
                render=render,
            )
    except IntegrityError:
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
    # Saved only if still unrendered: two workers of a batch may render the same certificate
    # at once (batches._render_missing), and the first PDF stays, with its hash.
    saved = Certificate.objects.filter(pk=certificate.pk, sha256="").update(
        pdf=certificate.pdf.name, sha256=certificate.sha256, rendered_at=certificate.rendered_at
    )
    if not saved:
        certificate.pdf.delete(save=False)
        logger.info("Certificate %s was rendered by another worker meanwhile", certificate.serial)
        return Certificate.objects.get(pk=certificate_id)
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
        programme=old.programme,
        title=old.title,
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
