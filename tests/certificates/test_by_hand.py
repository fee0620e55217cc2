"""County officers issue certificates by hand; a course may name its own template."""

from decimal import Decimal

import pytest
from django.urls import reverse

from certificates.models import Certificate, CertificateTemplate
from certificates.services import CertificateError, issue_by_hand
from deputies.factories import UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role

from .conftest import complete


def issue_url(deputy):
    return reverse("certificates:staff_issue", args=[deputy.pk])


def test_officer_issues_by_hand_with_the_courses_hours(english, county_officer, deputy, course):
    english.force_login(county_officer)
    response = english.post(
        issue_url(deputy), {"course": course.pk, "credit_hours": "", "note": "参加县里集中培训"}
    )
    assert response.status_code == 302
    certificate = Certificate.objects.valid().get(deputy=deputy, course=course)
    assert certificate.credit_hours == Decimal("2.5")
    assert certificate.issue_note == "参加县里集中培训"
    assert certificate.issued_by == county_officer
    assert certificate.is_rendered  # immediate tasks in tests
    page = english.get(reverse("certificates:staff_deputy", args=[deputy.pk]))
    assert f"Certificate {certificate.serial} issued" in page.text
    assert "参加县里集中培训" in page.text
    # The deputy's enrolment is untouched: a hand-issued certificate completes nothing.
    assert not deputy.enrolments.filter(completed_at__isnull=False).exists()


def test_officer_gives_other_hours(english, county_officer, deputy, course):
    english.force_login(county_officer)
    english.post(issue_url(deputy), {"course": course.pk, "credit_hours": "4", "note": "线下"})
    assert Certificate.objects.get(deputy=deputy).credit_hours == Decimal("4")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"credit_hours": "", "note": ""}, "This field is required."),
        ({"credit_hours": "0", "note": "线下"}, "greater than or equal to 0.5"),
        ({"credit_hours": "abc", "note": "线下"}, "Enter a number."),
        ({"credit_hours": "100", "note": "线下"}, "less than or equal to 99.5"),
    ],
)
def test_bad_input_is_explained_and_issues_nothing(
    english, county_officer, deputy, course, data, error
):
    english.force_login(county_officer)
    response = english.post(issue_url(deputy), {"course": course.pk, **data})
    assert response.status_code == 400
    assert error in response.text
    assert not Certificate.objects.exists()


def test_a_deputy_holding_one_is_not_issued_another(
    english, county_officer, deputy, course, certificate
):
    english.force_login(county_officer)
    page = english.get(reverse("certificates:staff_deputy", args=[deputy.pk]))
    # The course is no longer offered…
    assert "holds a valid certificate for every course" in page.text
    # …and a forged post is refused with the reason.
    response = english.post(issue_url(deputy), {"course": course.pk, "note": "再发一张"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    with pytest.raises(CertificateError, match="already holds certificate"):
        issue_by_hand(deputy=deputy, course=course, credit_hours=1, note="x", by=county_officer)
    assert Certificate.objects.count() == 1


def test_a_revoked_certificate_may_be_replaced_by_hand(
    english, county_officer, deputy, course, certificate
):
    certificate.status = Certificate.Status.REVOKED
    certificate.save()
    english.force_login(county_officer)
    english.post(issue_url(deputy), {"course": course.pk, "note": "更正后重发"})
    assert Certificate.objects.valid().get(deputy=deputy).serial != certificate.serial


def test_only_the_deputys_county_officers_issue_by_hand(
    client, deputy, other_county_deputy, course, station_staff, township_staff, county_officer
):
    outsider = UserFactory(name="外县干部", mobile="13700000099")
    grant_role(user=outsider, kind=StaffRole.Kind.COUNTY, place=other_county_deputy.township.county)
    for user in [station_staff, township_staff, outsider, other_county_deputy.user]:
        client.force_login(user)
        response = client.post(issue_url(deputy), {"course": course.pk, "note": "线下"})
        assert response.status_code == 404
    client.force_login(station_staff)
    page = client.get(reverse("certificates:staff_deputy", args=[deputy.pk]))
    assert page.status_code == 200
    assert "staff_issue" not in page.text and issue_url(deputy) not in page.text
    assert not Certificate.objects.exists()


def test_nobody_issues_their_own(county_officer, deputy, course):
    from django.http import Http404

    from deputies.factories import DeputyFactory

    own = DeputyFactory(user=county_officer, township=deputy.township)
    with pytest.raises(Http404):
        issue_by_hand(deputy=own, course=course, credit_hours=1, note="x", by=county_officer)


def test_deputy_page_with_the_form_keeps_its_queries(
    english, county_officer, deputy, course, certificate, django_assert_max_num_queries
):
    english.force_login(county_officer)
    url = reverse("certificates:staff_deputy", args=[deputy.pk])
    english.get(url)
    with django_assert_max_num_queries(12):
        english.get(url)


def test_the_courses_own_template_is_used(deputy, course, template, county_officer):
    own = CertificateTemplate.objects.create(title="培训证书", issuing_body="青溪县人大常委会")
    course.certificate_template = own
    course.save()
    certificate = complete(deputy, course, county_officer)
    assert certificate.template == own


def test_without_a_course_template_the_default_is_used(certificate, template):
    assert certificate.template == template
