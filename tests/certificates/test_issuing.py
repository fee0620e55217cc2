import re

import pytest

from certificates.factories import CertificateFactory
from certificates.models import Certificate
from certificates.services import (
    CertificateError,
    issue_certificate,
    reissue,
    revoke,
)
from courses.models import Enrolment
from courses.services import complete_if_done


def test_completing_a_course_issues_one_certificate(certificate, deputy, course):
    assert certificate.holder_name == "王秀英"
    assert certificate.course_title == "代表法入门"
    assert str(certificate.credit_hours) == "2.5"
    assert certificate.is_rendered  # the immediate backend rendered it at once
    enrolment = Enrolment.objects.get(deputy=deputy, course=course)
    complete_if_done(enrolment)
    issue_certificate(enrolment=enrolment)
    assert Certificate.objects.filter(deputy=deputy, course=course).count() == 1


def test_no_certificate_before_the_course_is_complete(deputy, course, template, in_english):
    enrolment = Enrolment.objects.create(deputy=deputy, course=course, source="assigned")
    with pytest.raises(CertificateError, match="not complete"):
        issue_certificate(enrolment=enrolment)
    assert not Certificate.objects.exists()


def test_serials_count_per_county_and_year(
    certificate, other_certificate, other_county_deputy, course, county_officer
):
    year = certificate.issued_at.year
    assert certificate.serial == f"330523-{year}-000001"
    assert other_certificate.serial == f"330523-{year}-000002"
    elsewhere = CertificateFactory(deputy=other_county_deputy, course=course, by=county_officer)
    assert elsewhere.serial == f"330521-{year}-000001"
    assert re.fullmatch(r"\d{6}-\d{4}-\d{6}", elsewhere.serial)


def test_codes_are_long_random_and_unique(certificate, other_certificate):
    for code in (certificate.code, other_certificate.code):
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", code)  # 16 random bytes = 128 bits
    assert certificate.code != other_certificate.code
    assert certificate.serial not in certificate.code


def test_revoke_needs_a_reason_and_a_valid_certificate(certificate, county_officer, in_english):
    with pytest.raises(CertificateError, match="reason"):
        revoke(certificate=certificate, reason=" ", by=county_officer)
    revoked = revoke(certificate=certificate, reason="信息有误", by=county_officer)
    assert revoked.status == Certificate.Status.REVOKED
    assert revoked.revoked_at is not None
    with pytest.raises(CertificateError, match="Only a valid"):
        revoke(certificate=revoked, reason="again", by=county_officer)


def test_reissue_gives_a_new_serial_and_code_and_marks_the_old_replaced(
    certificate, county_officer
):
    new = reissue(certificate=certificate, by=county_officer)
    new.refresh_from_db()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REPLACED
    assert certificate.replaced_by == new
    assert new.status == Certificate.Status.VALID
    assert new.serial != certificate.serial
    assert new.code != certificate.code
    assert new.sha256 and new.sha256 != certificate.sha256
