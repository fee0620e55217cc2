"""County officers issue certificates by hand; a course may name its own template."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.factories import CertificateFactory
from certificates.models import Certificate, CertificateTemplate
from certificates.services import CertificateError, issue_by_hand
from deputies.factories import UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role


def issue_url(deputy):
    return reverse("certificates:staff_issue", args=[deputy.pk])


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def by_hand(**data):
    """The form as an officer fills it: a training a month ago, unless the test says."""
    return {"trained_on": days_ago(30).isoformat(), **data}


def test_officer_issues_by_hand_with_the_courses_hours(english, county_officer, deputy, course):
    english.force_login(county_officer)
    response = english.post(
        issue_url(deputy),
        by_hand(course=course.pk, credit_hours="", note="参加县里集中培训"),
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
    english.post(issue_url(deputy), by_hand(course=course.pk, credit_hours="4", note="线下"))
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
    response = english.post(issue_url(deputy), by_hand(course=course.pk, **data))
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
    response = english.post(issue_url(deputy), by_hand(course=course.pk, note="再发一张"))
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
    english.post(issue_url(deputy), by_hand(course=course.pk, note="更正后重发"))
    assert Certificate.objects.valid().get(deputy=deputy).serial != certificate.serial


def test_only_the_deputys_county_officers_issue_by_hand(
    client, deputy, other_county_deputy, course, station_staff, township_staff, county_officer
):
    outsider = UserFactory(name="外县干部", mobile="13700000099")
    grant_role(user=outsider, kind=StaffRole.Kind.COUNTY, place=other_county_deputy.township.county)
    for user in [station_staff, township_staff, outsider, other_county_deputy.user]:
        client.force_login(user)
        response = client.post(issue_url(deputy), by_hand(course=course.pk, note="线下"))
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
    certificate = CertificateFactory(deputy=deputy, course=course, by=county_officer)
    assert certificate.template == own


def test_without_a_course_template_the_default_is_used(certificate, template):
    assert certificate.template == template


def test_the_training_date_is_kept_and_shown_as_the_date_of_the_training(
    english, county_officer, deputy, course
):
    trained_on = days_ago(40)
    english.force_login(county_officer)

    response = english.post(
        issue_url(deputy),
        by_hand(course=course.pk, note="县里集中培训", trained_on=trained_on.isoformat()),
    )

    assert response.status_code == 302
    certificate = Certificate.objects.valid().get(deputy=deputy, course=course)
    assert certificate.trained_on == trained_on
    staff = english.get(reverse("certificates:staff_deputy", args=[deputy.pk]))
    assert f"<dt>Date of the training</dt><dd>{trained_on:%Y-%m-%d}</dd>" in staff.text
    public = english.get(reverse("certificates:verify", args=[certificate.code]))
    assert f"<dt>Date of the training</dt><dd>{trained_on:%Y-%m-%d}</dd>" in public.text
    english.force_login(deputy.user)
    mine = english.get(reverse("certificates:mine"))
    assert f"<dt>Date of the training</dt><dd>{trained_on:%Y-%m-%d}</dd>" in mine.text


@pytest.mark.parametrize(
    ("trained_on", "error"),
    [
        ("", "This field is required."),
        ("12 May", "Enter a valid date."),
        ("tomorrow", "Enter a valid date."),
        (1, "The training cannot be in the future."),
        (-(5 * 366 + 1), "more than 5 years ago"),
        (-(200 * 365), "more than 5 years ago"),
    ],
)
def test_a_training_date_in_the_future_or_long_ago_is_refused(
    english, county_officer, deputy, course, trained_on, error
):
    if isinstance(trained_on, int):
        trained_on = (timezone.localdate() + timedelta(days=trained_on)).isoformat()
    english.force_login(county_officer)

    response = english.post(
        issue_url(deputy), by_hand(course=course.pk, note="线下", trained_on=trained_on)
    )

    assert response.status_code == 400
    assert error in response.text
    assert not Certificate.objects.exists()


def test_the_service_refuses_a_bad_training_date_too(county_officer, deputy, course, in_english):
    for day, error in [
        (days_ago(-1), "in the future"),
        (days_ago(6 * 366), "more than 5 years ago"),
    ]:
        with pytest.raises(CertificateError, match=error):
            issue_by_hand(
                deputy=deputy,
                course=course,
                credit_hours=1,
                note="线下",
                trained_on=day,
                by=county_officer,
            )
    assert not Certificate.objects.exists()


def test_the_date_field_reads_its_own_value_in_chinese(client, county_officer, deputy, course):
    """A date input reads only YYYY-MM-DD: the Chinese format (2026/05/12) would blank it."""
    client.force_login(county_officer)
    trained_on = days_ago(3)

    page = client.post(
        issue_url(deputy),
        by_hand(course=course.pk, note="", trained_on=trained_on.isoformat()),
    )

    assert page.status_code == 400
    assert f'type="date" name="trained_on" value="{trained_on:%Y-%m-%d}"' in page.text
    assert f'max="{timezone.localdate():%Y-%m-%d}"' in page.text


def test_a_reissued_certificate_keeps_the_training_date(county_officer, deputy, course):
    from certificates.services import reissue

    trained_on = days_ago(100)
    first = issue_by_hand(
        deputy=deputy,
        course=course,
        credit_hours=2,
        note="线下",
        trained_on=trained_on,
        by=county_officer,
    )

    assert reissue(certificate=first, by=county_officer).trained_on == trained_on


def test_the_demos_hand_issued_certificate_has_its_training_date(county_officer, course, station):
    from certificates import demo
    from deputies.factories import DeputyFactory

    trained = DeputyFactory(station=station, user__mobile=demo.TRAINED_IN_PERSON)
    course.slug = demo.INTRO_COURSE
    course.save()

    first = demo.seed_by_hand(by=county_officer)
    again = demo.seed_by_hand(by=county_officer)

    assert first == again  # loading the demo twice issues nothing twice
    assert first.deputy == trained and first.issue_note == demo.IN_PERSON_NOTE
    assert first.trained_on == days_ago(demo.IN_PERSON_DAYS_AGO)
