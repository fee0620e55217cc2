"""The pages of training programmes: the deputy's card on the home page and their programme's
page (phone first, Chinese and English), and the staff register with its kind form, each with
its fixed number of queries and its 404 for whoever it is not for."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from audit.models import Action, AuditEntry
from courses.models import ProgrammeAssignment
from deputies.factories import DeputyFactory, LiaisonStationFactory, TownshipFactory

from .programme_helpers import (
    add_course,
    attend,
    finish_courses,
    make_programme,
    new_deputies,
    open_new_term,
    open_term,
    seat,
)

Kind = ProgrammeAssignment.Kind


@pytest.fixture
def courses(course_index):
    return [add_course(course_index, "daibiaofa"), add_course(course_index, "xuanjufa")]


@pytest.fixture
def programme(courses):
    return make_programme(courses, study_hours="4.0")


@pytest.fixture
def term(township):
    return open_term(township, starts_on=timezone.localdate() - timedelta(days=7))


@pytest.fixture
def given(programme, term, deputy):
    seat([deputy], term)
    open_new_term(term=term, new=[deputy])
    return ProgrammeAssignment.objects.get(deputy=deputy)


# The deputy's pages -------------------------------------------------------------------------


def test_the_home_page_shows_the_programme_first_with_its_parts(
    given, courses, client, deputy, station_staff
):
    finish_courses(deputy, courses[:1])
    attend(deputy, hours="2.0", by=station_staff)
    client.force_login(deputy.user)
    page = client.get("/").text
    assert page.index("初任培训") < page.index('id="my-learning"')
    assert "课程 1/2 · 集中学习 2/4 学时 · 结业测验 未通过" in strip_tags(page)
    assert f"/learn/programmes/{given.programme_id}/" in page
    assert given.due_date.isoformat() in page


def test_the_card_in_english(given, english, deputy):
    english.force_login(deputy.user)
    page = english.get("/").text
    assert "Courses 0/2 · Group study 0/4 credit hours · Final test not passed" in strip_tags(page)


def test_overdue_is_said_in_words(given, client, deputy):
    ProgrammeAssignment.objects.filter(pk=given.pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(deputy.user)
    page = client.get("/").text
    assert "已逾期" in page
    assert 'class="overdue-text"' in page


def test_an_exempted_deputy_has_no_card(programme, term, deputy, client):
    seat([deputy], term, reelected=True)
    open_new_term(term=term, reelected=[deputy], choice="exempted")
    client.force_login(deputy.user)
    assert "programme-card" not in client.get("/").text
    page = client.get(reverse("programmes:mine", args=[programme.pk]))
    assert "您已免于参加这一培训项目" in page.text


def test_the_programme_page_lists_courses_study_and_the_final_test(
    given, programme, courses, client, deputy
):
    from studysessions.factories import StudySessionFactory

    StudySessionFactory(station=deputy.station, starts_in=timedelta(days=2), topic="学习选举法")
    finish_courses(deputy, courses[:1])
    client.force_login(deputy.user)
    response = client.get(reverse("programmes:mine", args=[programme.pk]))
    assert response.status_code == 200
    page = response.text
    for course in courses:
        assert course.url in page
    assert "已学完" in page and "尚未完成" in page
    assert "学习选举法" in page
    assert f"/quizzes/{programme.final_test_id}/" in page
    assert "下载" not in page  # no certificate yet


def test_the_programme_page_offers_the_certificate_once_complete(
    given, programme, courses, client, deputy, station_staff
):
    from certificates.models import CertificateTemplate
    from tests.courses.programme_helpers import pass_test

    CertificateTemplate.objects.create(issuing_body="安吉县人大常委会", is_default=True)
    finish_courses(deputy, courses)
    attend(deputy, hours="4.0", by=station_staff)
    pass_test(deputy, programme.final_test)
    client.force_login(deputy.user)
    page = client.get(reverse("programmes:mine", args=[programme.pk])).text
    certificate = programme.certificates.get()
    assert reverse("certificates:download", args=[certificate.pk]) in page
    assert "已结业" in page


def test_the_programme_page_works_in_large_font_and_english(given, programme, english, deputy):
    english.force_login(deputy.user)
    english.cookies["large_font"] = "1"
    page = english.get(reverse("programmes:mine", args=[programme.pk])).text
    assert 'class="large-font"' in page
    assert "Courses (0 of 2 completed)" in page
    assert "Take the final test" in page


def test_the_programme_page_is_the_deputys_own(
    given, programme, client, other_station_deputy, station_staff
):
    client.force_login(other_station_deputy.user)
    assert client.get(reverse("programmes:mine", args=[programme.pk])).status_code == 404
    client.force_login(station_staff)
    assert client.get(reverse("programmes:mine", args=[programme.pk])).status_code == 404


def test_the_deputys_pages_take_a_fixed_number_of_queries(
    given, programme, client, deputy, django_assert_max_num_queries
):
    client.force_login(deputy.user)
    client.get("/")  # the session and the site, once
    with django_assert_max_num_queries(40):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("programmes:mine", args=[programme.pk])).status_code == 200


# Staff --------------------------------------------------------------------------------------


def _register(client, programme, **query):
    return client.get(reverse("programmes:staff_programme", args=[programme.pk]), query)


def test_staff_see_their_deputies_with_kind_due_date_and_progress(
    programme, term, deputy, other_township_deputy, other_county_deputy, client, station_staff
):
    seat([deputy], term)
    open_new_term(term=term, new=[deputy, other_township_deputy, other_county_deputy])
    client.force_login(station_staff)
    page = _register(client, programme).text
    assert "王秀英" in page
    assert "张丽华" not in page and "赵志强" not in page
    assert "须参训" in page
    assert "课程 0/2" in page


def test_county_officers_see_their_county_and_filter_by_kind(
    programme, term, deputy, station, other_county_deputy, client, county_officer
):
    again = new_deputies(station, 1)[0]
    seat([deputy], term)
    seat([again], term, reelected=True)
    open_new_term(term=term, new=[deputy, other_county_deputy], reelected=[again])
    client.force_login(county_officer)
    page = _register(client, programme).text
    assert "王秀英" in page and "新代表0" in page and "赵志强" not in page
    exempted = _register(client, programme, kind="exempted").text
    assert "新代表0" in exempted and "王秀英" not in exempted
    assert "连任代表" in exempted  # the note


def test_overdue_filter(given, programme, client, county_officer):
    client.force_login(county_officer)
    assert "王秀英" not in _register(client, programme, state="overdue").text
    ProgrammeAssignment.objects.filter(pk=given.pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    page = _register(client, programme, state="overdue").text
    assert "王秀英" in page and "已逾期" in page


def test_the_register_takes_the_queries_of_three_for_thirty(
    programme, term, station, client, county_officer, django_assert_max_num_queries
):
    def queries(count, first):
        deputies = new_deputies(station, count, first=first)
        seat(deputies, term)
        open_new_term(term=term, new=deputies)
        client.force_login(county_officer)
        _register(client, programme)
        with CaptureQueriesContext(connection) as captured:
            assert _register(client, programme).status_code == 200
        return len(captured)

    few = queries(3, 0)
    assert queries(27, 100) == few
    with django_assert_max_num_queries(30):
        _register(client, programme)


def test_the_staff_overview_counts_and_links(given, programme, client, township_staff):
    client.force_login(township_staff)
    page = client.get(reverse("programmes:staff_overview")).text
    assert reverse("programmes:staff_programme", args=[programme.pk]) in page
    assert "辖区内1名代表须参训，0名已结业。" in page
    assert reverse("programmes:staff_overview") in client.get("/").text
    assert reverse("programmes:staff_overview") in client.get(reverse("course_overview")).text


def test_staff_pages_are_not_for_deputies_or_editors(given, programme, client, deputy, editor):
    for user in (deputy.user, editor):
        client.force_login(user)
        assert _register(client, programme).status_code == 404
        assert client.get(reverse("programmes:staff_overview")).status_code == 404


def _change(client, programme, deputy, **data):
    return client.post(
        reverse("programmes:staff_change_kind", args=[programme.pk, deputy.pk]), data
    )


def test_a_county_officer_exempts_a_deputy_with_a_reason(
    given, programme, client, deputy, county_officer
):
    client.force_login(county_officer)
    refused = _change(client, programme, deputy, kind="exempted", note="")
    assert refused.status_code == 302
    given.refresh_from_db()
    assert given.kind == Kind.REQUIRED
    assert not AuditEntry.objects.filter(action=Action.TRAINING_EXEMPTED).exists()

    _change(client, programme, deputy, kind="exempted", note="已参加市级初任培训")
    given.refresh_from_db()
    assert (given.kind, given.note) == (Kind.EXEMPTED, "已参加市级初任培训")
    entry = AuditEntry.objects.get(action=Action.TRAINING_EXEMPTED)
    assert entry.detail["note"] == "已参加市级初任培训"


def test_station_staff_follow_but_do_not_change(given, programme, client, deputy, station_staff):
    client.force_login(station_staff)
    assert "staff_change_kind" not in _register(client, programme).text
    assert 'name="kind"' not in _register(client, programme).text.split("filters")[-1]
    assert _change(client, programme, deputy, kind="exempted", note="x").status_code == 403


def test_a_deputy_outside_the_scope_cannot_be_changed(programme, term, client, county_officer):
    township = TownshipFactory(name="武康街道", county__name="德清县", county__code="330521")
    outsider = DeputyFactory(station=LiaisonStationFactory(township=township))
    open_new_term(term=term, new=[outsider])
    client.force_login(county_officer)
    assert _change(client, programme, outsider, kind="exempted", note="x").status_code == 404
    assert ProgrammeAssignment.objects.get(deputy=outsider).kind == Kind.REQUIRED
