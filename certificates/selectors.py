"""Reads of certificates, scoped through `deputies.selectors` like every read of personal
data. Outside the reader's scope a certificate does not exist (404)."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from deputies.selectors import deputies_in_care_of, deputy_of, scope_for

from .models import Certificate


def own_certificates(user) -> QuerySet[Certificate]:
    deputy = deputy_of(user)
    if deputy is None:
        return Certificate.objects.none()
    return Certificate.objects.filter(deputy=deputy).for_listing()


def certificates_in_care_of(user) -> QuerySet[Certificate]:
    """Certificates of the deputies a staff member looks after."""
    return Certificate.objects.filter(deputy__in=deputies_in_care_of(user)).for_listing()


def may_manage(user) -> bool:
    """Revoking and re-issuing is the county congress's: county officers and superusers."""
    scope = scope_for(user)
    return scope.everything or bool(scope.county_ids)


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


def certificate_by_code(code: str) -> Certificate:
    """The certificate a verification code names. The code is the only key: no lookup by
    serial, and an unknown code is the same 404 as any missing page."""
    return get_object_or_404(Certificate.objects.select_related("replaced_by"), code=code)
