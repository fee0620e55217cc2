"""A programme is complete once its courses are completed, its hours of group study attended
since the term began and its final test passed; completing it issues its certificate. Each of
the three, done last, completes it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.models import Certificate
from courses.models import ProgrammeAssignment
from courses.programme_selectors import my_programmes

from .programme_helpers import (
    add_course,
    attend,
    finish_courses,
    make_programme,
    open_new_term,
    open_term,
    pass_test,
    seat,
)


@pytest.fixture
def courses(course_index):
    return [
        add_course(course_index, "daibiaofa", hours="2.0"),
        add_course(course_index, "xuanjufa", hours="1.5"),
    ]


@pytest.fixture
def programme(courses):
    return make_programme(courses, study_hours="3.0")


@pytest.fixture
def template(db):
    from certificates.models import CertificateTemplate

    return CertificateTemplate.objects.create(issuing_body="安吉县人大常委会", is_default=True)


@pytest.fixture
def given(programme, township, deputy, template):
    """The deputy, new in a term that began a week ago, given the programme."""
    term = open_term(township, starts_on=timezone.localdate() - timedelta(days=7))
    seat([deputy], term)
    open_new_term(term=term, new=[deputy])
    return ProgrammeAssignment.objects.get(deputy=deputy)


def _state(assignment):
    assignment.refresh_from_db()
    return assignment.completed_at is not None


def test_the_last_part_done_completes_it_whichever_it_is(
    given, programme, courses, deputy, station_staff
):
    finish_courses(deputy, courses)
    assert not _state(given)
    attend(deputy, hours="2.0", by=station_staff)
    assert not _state(given)
    (progress,) = my_programmes(deputy)
    assert (progress.done_count, progress.hours_attended, progress.test_passed) == (
        2,
        Decimal("2.0"),
        False,
    )
    pass_test(deputy, programme.final_test)
    assert not _state(given), "2 of 3 hours of group study"
    attend(deputy, hours="1.0", ago=timedelta(days=1), by=station_staff)
    assert _state(given)

    certificate = Certificate.objects.get(deputy=deputy, programme__isnull=False)
    assert certificate.programme == programme
    assert certificate.course is None
    assert certificate.title == "初任培训结业证书"
    assert certificate.course_title == "初任培训"
    assert certificate.holder_name == "王秀英"
    # The courses' credit hours and the programme's hours of group study.
    assert certificate.credit_hours == Decimal("6.5")
    assert certificate.is_rendered


def test_a_course_completed_last_completes_it(given, programme, courses, deputy, station_staff):
    attend(deputy, hours="3.0", by=station_staff)
    pass_test(deputy, programme.final_test)
    finish_courses(deputy, courses[:1])
    assert not _state(given)
    finish_courses(deputy, courses[1:])
    assert _state(given)


def test_group_study_before_the_term_does_not_count(
    given, programme, courses, deputy, station_staff
):
    attend(deputy, hours="3.0", ago=timedelta(days=30), by=station_staff)
    finish_courses(deputy, courses)
    pass_test(deputy, programme.final_test)
    assert not _state(given)
    (progress,) = my_programmes(deputy)
    assert progress.hours_attended == Decimal("0.0")


def test_a_refresher_is_completed_by_the_refreshers_parts(
    programme, course_index, township, deputy, template, station_staff
):
    short = add_course(course_index, "fuxun", hours="1.0")
    refresher = make_programme(
        [short],
        title="连任代表培训",
        certificate_title="",
        study_hours="0",
        final_test=False,
        assign_to_new_deputies=False,
    )
    programme.refresher = refresher
    programme.save()
    term = open_term(township, starts_on=timezone.localdate())
    seat([deputy], term, reelected=True)
    open_new_term(term=term, reelected=[deputy], choice="refresher")
    assignment = ProgrammeAssignment.objects.get(deputy=deputy)
    finish_courses(deputy, [short])
    assert _state(assignment)
    certificate = Certificate.objects.get(deputy=deputy, programme__isnull=False)
    assert certificate.programme == refresher
    # No certificate title of its own: the template's heading.
    assert (certificate.title, certificate.course_title) == ("", "连任代表培训")
    assert certificate.credit_hours == Decimal("1.0")


def test_exempted_deputies_complete_nothing(programme, courses, township, deputy, template):
    term = open_term(township, starts_on=timezone.localdate())
    seat([deputy], term, reelected=True)
    open_new_term(term=term, reelected=[deputy], choice="exempted")
    from courses.programmes import complete_programmes

    assert complete_programmes(deputy=deputy) == []
    assert not Certificate.objects.exists()
    assert my_programmes(deputy) == []


def test_a_deputy_who_had_done_it_all_completes_it_when_given_it(
    programme, courses, township, deputy, template, station_staff
):
    term = open_term(township, starts_on=timezone.localdate() - timedelta(days=7))
    seat([deputy], term, reelected=True)
    from courses.programmes import enrol_in_work

    enrol_in_work(programme, {deputy.pk: None})
    finish_courses(deputy, courses)
    attend(deputy, hours="3.0", by=station_staff)
    pass_test(deputy, programme.final_test)
    open_new_term(term=term, reelected=[deputy], choice="required")
    assert ProgrammeAssignment.objects.get(deputy=deputy).completed_at is not None
    assert Certificate.objects.filter(deputy=deputy, programme=programme).count() == 1


def test_completing_twice_issues_one_certificate(given, programme, courses, deputy, station_staff):
    from courses.programmes import complete_assignment

    finish_courses(deputy, courses)
    attend(deputy, hours="3.0", by=station_staff)
    pass_test(deputy, programme.final_test)
    assert _state(given)
    assert complete_assignment(given) is False
    assert Certificate.objects.filter(deputy=deputy, programme__isnull=False).count() == 1


def test_the_final_test_opens_to_deputies_given_the_programme(given, programme, client, deputy):
    client.force_login(deputy.user)
    response = client.get(f"/quizzes/{programme.final_test_id}/")
    assert response.status_code == 200
