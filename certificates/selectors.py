"""Reads of certificates, scoped through `deputies.selectors` like every read of personal
data. Outside the reader's scope a certificate does not exist (404)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from courses.models import CoursePage, Enrolment
from deputies.selectors import deputies_in_care_of, deputy_of, scope_for

from .models import Certificate, CertificateBatch
from .models.certificates import normalise_code


def own_certificates(user) -> QuerySet[Certificate]:
    deputy = deputy_of(user)
    if deputy is None:
        return Certificate.objects.none()
    return Certificate.objects.filter(deputy=deputy).for_listing()


def expiring_soon(deputy, *, on=None) -> list[Certificate]:
    """The deputy's valid certificates that expire within `CERTIFICATE_REMINDER_DAYS`: the home
    page reminds them in time to renew."""
    today = on or timezone.localdate()
    until = today + timedelta(days=settings.CERTIFICATE_REMINDER_DAYS)
    return list(
        Certificate.objects.valid()
        .filter(deputy=deputy, expires_on__gte=today, expires_on__lte=until)
        .order_by("expires_on")
    )


def certificates_in_care_of(user) -> QuerySet[Certificate]:
    """Certificates of the deputies a staff member looks after."""
    return Certificate.objects.filter(deputy__in=deputies_in_care_of(user)).for_listing()


def may_manage(user) -> bool:
    """Revoking and re-issuing is the county congress's: county officers and superusers."""
    scope = scope_for(user)
    return scope.everything or bool(scope.county_ids)


def managed_deputies(user):
    """The deputies whose certificates the user may issue, revoke and re-issue: those of their
    counties (everyone for a superuser), not themselves. None for anyone else."""
    from deputies.models import Deputy

    if not may_manage(user):
        return Deputy.objects.none()
    scope = scope_for(user)
    deputies = deputies_in_care_of(user)
    if not scope.everything:
        deputies = deputies.filter(township__county_id__in=scope.county_ids)
    return deputies


def completed_enrolments(user, course) -> QuerySet[Enrolment]:
    """Completed enrolments in a course of the deputies the user manages, with what issuing a
    certificate for them reads."""
    return (
        Enrolment.objects.completed()
        .filter(course=course, deputy__in=managed_deputies(user))
        .select_related("deputy__user", "deputy__township__county", "course")
        .order_by("pk")
    )


def batch_courses(user) -> list[CoursePage]:
    """Courses that deputies the user manages have completed, each with `completed` (how many)
    and `missing` (how many of them hold no valid certificate for it yet). Two queries."""
    if not may_manage(user):
        return []
    holds_certificate = Certificate.objects.valid().filter(
        deputy_id=OuterRef("deputy_id"), course_id=OuterRef("course_id")
    )
    counts = {
        row["course_id"]: row
        for row in Enrolment.objects.completed()
        .filter(deputy__in=managed_deputies(user))
        .annotate(has_certificate=Exists(holds_certificate))
        .values("course_id")
        .annotate(completed=Count("pk"), missing=Count("pk", filter=Q(has_certificate=False)))
    }
    courses = list(CoursePage.objects.filter(pk__in=counts).order_by("title"))
    for course in courses:
        course.completed = counts[course.pk]["completed"]
        course.missing = counts[course.pk]["missing"]
    return courses


def recent_batches(user, limit=5) -> list[CertificateBatch]:
    return list(
        CertificateBatch.objects.requested_by(user)
        .select_related("course")
        .order_by("-created_at", "-pk")[:limit]
    )


def own_batch(user, pk) -> CertificateBatch:
    """One of the user's own batches, while they may still issue; anyone else's is a 404."""
    if not may_manage(user):
        raise Http404("Only county officers issue in bulk")
    return get_object_or_404(
        CertificateBatch.objects.requested_by(user).select_related("course"), pk=pk
    )


def courses_to_issue(deputy) -> QuerySet[CoursePage]:
    """Live courses the deputy holds no valid certificate for: what an officer may issue by
    hand."""
    # A programme's certificate names no course: its NULL would empty a NOT IN.
    held = Certificate.objects.valid().filter(deputy=deputy, course__isnull=False)
    held = held.values("course_id")
    return CoursePage.objects.live().exclude(pk__in=held).order_by("title")


def managed_certificates(user) -> QuerySet[Certificate]:
    """Certificates the user may revoke or re-issue: their counties' deputies, not their own."""
    scope = scope_for(user)
    if not may_manage(user):
        return Certificate.objects.none()
    certificates = Certificate.objects.exclude(deputy__user_id=user.pk)
    if not scope.everything:
        certificates = certificates.filter(deputy__township__county_id__in=scope.county_ids)
    return certificates


def downloadable_certificate(user, pk) -> Certificate:
    """A certificate whose PDF the user may download: their own, or one of a deputy in their
    care. Anyone else's is a 404."""
    deputy = deputy_of(user)
    allowed = Q(deputy__in=deputies_in_care_of(user))
    if deputy is not None:
        allowed |= Q(deputy=deputy)
    return get_object_or_404(Certificate.objects.filter(allowed), pk=pk)


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate a verification code names (after `normalise_code`), or None. The code
    is the only key: no lookup by serial, and an unknown code looks like any other."""
    code = normalise_code(code)
    if not code:
        return None
    return Certificate.objects.select_related("replaced_by").filter(code=code).first()
