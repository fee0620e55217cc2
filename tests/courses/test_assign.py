"""Staff assign courses to the deputies they may see, and only those."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from courses.factories import LessonPageFactory
from courses.models import Enrolment
from courses.services import enrol, start_reading
from deputies.factories import DeputyFactory
from notifications.models import Notification
from quizzes.factories import QuizFactory, SingleChoiceQuestionFactory
from quizzes.services import start_attempt

from .assigning import assign


def enrolled(course):
    return set(Enrolment.objects.filter(course=course).values_list("deputy__user__name", flat=True))


def test_township_staff_assign_a_whole_station(
    client, course, township_staff, station, deputy, other_station_deputy
):
    client.force_login(township_staff)

    response = assign(client, course, {"stations": [station.pk]}, headers={"accept-language": "en"})

    assert response.status_code == 302
    assert enrolled(course) == {deputy.user.name}
    again = assign(client, course, {"stations": [station.pk]}, headers={"accept-language": "en"})
    assert again.status_code == 200 and Enrolment.objects.count() == 1
    assert "Nobody new: every deputy chosen already takes the course." in again.content.decode()
    page = client.get(reverse("course_overview"), headers={"accept-language": "en"})
    assert "1 of your deputies take it; 0 have completed it." in page.content.decode()


def test_county_officer_assigns_a_township(
    client, course, county_officer, township, deputy, other_station_deputy, other_county_deputy
):
    client.force_login(county_officer)
    assign(client, course, {"townships": [township.pk]})
    assert enrolled(course) == {deputy.user.name, other_station_deputy.user.name}


def test_station_staff_cannot_reach_other_stations(
    client, course, station_staff, deputy, other_station_deputy, other_station
):
    client.force_login(station_staff)

    response = client.post(
        reverse("course_assign", args=[course.pk]),
        {"stations": [other_station.pk], "deputies": [other_station_deputy.pk]},
        headers={"accept-language": "en"},
    )

    assert response.status_code == 400  # not a choice they are offered
    assert not Enrolment.objects.exists()


def test_choosing_nobody_is_explained(client, course, station_staff):
    client.force_login(station_staff)
    response = client.post(
        reverse("course_assign", args=[course.pk]), {}, headers={"accept-language": "en"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the course&#x27;s audience, or at least one township" in html


def test_chosen_deputies_only(client, course, station_staff, station, deputy):
    other = DeputyFactory(station=station, user__mobile="13600000021")
    client.force_login(station_staff)
    assign(client, course, {"deputies": [other.pk]})
    assert enrolled(course) == {other.user.name}


def test_deputies_and_editors_do_not_assign(client, course, deputy, editor):
    for user in (deputy.user, editor):
        client.force_login(user)
        assert client.get(reverse("course_overview")).status_code == 404
        assert client.get(reverse("course_assign", args=[course.pk])).status_code == 404


def test_overview_queries_do_not_grow(client, course_index, course, county_officer, station,
                                      django_assert_max_num_queries):  # fmt: skip
    LessonPageFactory(parent=course, slug="a")
    for n in range(30):
        DeputyFactory(station=station, user__mobile=f"135{n:08d}")
    client.force_login(county_officer)
    client.get(reverse("course_overview"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("course_overview")).status_code == 200


# The preview, the due date, telling the deputies, the audit log ------------------------------


def test_the_preview_shows_who_by_place_and_enrols_nobody_until_confirmed(
    client, course, township_staff, station, deputy, other_station_deputy
):
    for n in range(6):
        DeputyFactory(station=station, user__name=f"代表{n}", user__mobile=f"1350000000{n}")
    client.force_login(township_staff)
    url = reverse("course_assign", args=[course.pk])

    preview = client.post(url, {"stations": [station.pk]}, headers={"accept-language": "en"})

    assert preview.status_code == 200 and not Enrolment.objects.exists()
    html = preview.content.decode()
    assert "7 deputies will be enrolled" in html
    assert "递铺街道 · 递铺代表联络站" in html and "7 deputies" in html
    assert "代表0、代表1、代表2、代表3、代表4 and 2 more" in html
    assert other_station_deputy.user.name not in html.split('id="preview-heading"')[1]
    assert "Confirm: assign to 7 deputies" in html


def test_a_choice_changed_after_the_preview_is_previewed_again(
    client, course, township_staff, station, other_station, deputy, other_station_deputy
):
    client.force_login(township_staff)
    url = reverse("course_assign", args=[course.pk])
    digest = client.post(url, {"stations": [station.pk]}).context["digest"]

    response = client.post(
        url,
        {"stations": [station.pk, other_station.pk], "confirm": digest},
        headers={"accept-language": "en"},
    )

    assert response.status_code == 200 and not Enrolment.objects.exists()
    html = response.content.decode()
    assert "The choice changed since the preview" in html
    assert "2 deputies will be enrolled" in html


def test_assigning_tells_each_new_deputy_once_and_is_audited(
    client, course, township_staff, station, deputy, other_station_deputy, mailoutbox, settings,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.NOTIFICATIONS_EMAIL = True
    deputy.user.email = "wang@example.cn"
    deputy.user.save()
    enrol(deputy=other_station_deputy, course=course, assigned_by=township_staff)
    due = timezone.localdate() + timedelta(days=30)
    client.force_login(township_staff)
    data = {"townships": [deputy.township_id], "due_date": due.isoformat()}

    with django_capture_on_commit_callbacks(execute=True):
        assign(client, course, data)
        assign(client, course, data)  # again: nobody new

    [told] = Notification.objects.all()
    assert told.user == deputy.user
    assert told.title == f"新课程：{course.title}" and due.isoformat() in told.body
    assert told.url == course.url
    assert [m.to for m in mailoutbox] == [["wang@example.cn"]]
    [entry] = AuditEntry.objects.filter(action=Action.COURSE_ASSIGNED)
    assert entry.actor == township_staff and entry.county_id == deputy.township.county_id
    assert entry.detail == {
        "course": course.title,
        "count": 1,
        "places": "递铺街道 1",
        "due": due.isoformat(),
    }
    assert Enrolment.objects.get(deputy=deputy).due_date == due
    # The deputy assigned before keeps their own enrolment and its date.
    assert Enrolment.objects.get(deputy=other_station_deputy).due_date is None


def test_a_double_submission_assigns_tells_and_logs_once(
    client, course, station_staff, station, deputy
):
    client.force_login(station_staff)
    url = reverse("course_assign", args=[course.pk])
    digest = client.post(url, {"stations": [station.pk]}).context["digest"]
    confirm = {"stations": [station.pk], "confirm": digest}

    first, second = client.post(url, confirm), client.post(url, confirm)

    assert first.status_code == 302 and second.status_code == 200
    assert Enrolment.objects.count() == 1 and Notification.objects.count() == 1
    assert AuditEntry.objects.filter(action=Action.COURSE_ASSIGNED).count() == 1


def test_the_due_date_is_the_course_s_unless_another_is_chosen(
    client, course, station_staff, station, deputy, other_station_deputy
):
    course.due_date = timezone.localdate() + timedelta(days=10)
    course.save_revision().publish()
    client.force_login(station_staff)
    url = reverse("course_assign", args=[course.pk])

    page = client.get(url).content.decode()
    assert f'value="{course.due_date.isoformat()}"' in page  # ISO whatever the language

    missing = client.post(url, {"stations": [station.pk], "due_date": ""})
    assert missing.status_code == 400 and missing.context["form"].errors["due_date"]
    past = timezone.localdate() - timedelta(days=1)
    late = client.post(
        url, {"stations": [station.pk], "due_date": past.isoformat()}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert late.status_code == 400
    assert "Choose a due date from today on." in late.content.decode()

    assign(client, course, {"stations": [station.pk], "due_date": course.due_date.isoformat()})
    assert Enrolment.objects.get().due_date == course.due_date


def test_a_course_without_a_due_date_may_be_assigned_without(
    client, course, station_staff, station, deputy
):
    client.force_login(station_staff)
    assign(client, course, {"stations": [station.pk]})
    assert Enrolment.objects.get().due_date is None


def test_assign_page_queries_do_not_grow(client, course, county_officer, station,
                                         django_assert_max_num_queries):  # fmt: skip
    for n in range(30):
        DeputyFactory(station=station, user__mobile=f"135{n:08d}")
    client.force_login(county_officer)
    url = reverse("course_assign", args=[course.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
    # The preview: the choices, the chosen by place with their names, those already taking it.
    with django_assert_max_num_queries(17):
        assert client.post(url, {"stations": [station.pk]}).context["preview"].total == 30


# Withdrawing an assignment not started -------------------------------------------------------


def withdraw(client, course, deputy, **kwargs):
    return client.post(reverse("course_withdraw", args=[course.pk, deputy.pk]), **kwargs)


def test_an_assignment_not_started_is_withdrawn_and_audited(client, course, station_staff, deputy):
    LessonPageFactory(parent=course, slug="a")
    enrol(deputy=deputy, course=course, assigned_by=station_staff)
    client.force_login(station_staff)

    response = withdraw(client, course, deputy)

    assert response.status_code == 302
    assert response.url == reverse("course_enrolments", args=[course.pk])
    assert not Enrolment.objects.exists()
    [entry] = AuditEntry.objects.filter(action=Action.COURSE_WITHDRAWN)
    assert (entry.actor, entry.deputy) == (station_staff, deputy)
    assert entry.detail == {"deputy": deputy.user.name, "course": course.title}
    [told] = Notification.objects.filter(user=deputy.user)
    assert told.title == f"已撤回课程：{course.title}"


@pytest.mark.parametrize("how", ["opened a lesson", "tried its quiz", "completed", "chose it"])
def test_a_started_completed_or_chosen_course_is_not_withdrawn(
    client, course, station_staff, deputy, how
):
    lesson = LessonPageFactory(parent=course, slug="a")
    source = {"assigned_by": None} if how == "chose it" else {"assigned_by": station_staff}
    if how == "chose it":
        course.required = False
        course.save_revision().publish()
    enrolment = enrol(deputy=deputy, course=course, **source)
    if how == "opened a lesson":
        start_reading(deputy=deputy, lesson=lesson)
    elif how == "tried its quiz":
        quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
        lesson.body = json.dumps([{"type": "quiz", "value": {"quiz": str(quiz.pk), "intro": ""}}])
        lesson.save_revision().publish()
        start_attempt(quiz=quiz, deputy=deputy)
    elif how == "completed":
        Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=timezone.now())
    client.force_login(station_staff)

    response = withdraw(client, course, deputy, follow=True, headers={"accept-language": "en"})

    assert Enrolment.objects.filter(pk=enrolment.pk).exists()
    assert not AuditEntry.objects.filter(action=Action.COURSE_WITHDRAWN).exists()
    assert "message--error" in response.content.decode()


def test_withdrawing_outside_one_s_scope_is_not_found(
    client, course, station_staff, other_station_deputy, county_officer
):
    enrol(deputy=other_station_deputy, course=course, assigned_by=county_officer)
    client.force_login(station_staff)
    assert withdraw(client, course, other_station_deputy).status_code == 404
    assert Enrolment.objects.exists()


def test_who_takes_a_course_lists_only_one_s_deputies_with_their_state(
    client, course, station_staff, deputy, other_station_deputy, county_officer
):
    lesson = LessonPageFactory(parent=course, slug="a")
    started = DeputyFactory(station=deputy.station, user__name="已开始", user__mobile="13500000001")
    for person in (deputy, started, other_station_deputy):
        enrol(deputy=person, course=course, assigned_by=county_officer)
    start_reading(deputy=started, lesson=lesson)
    client.force_login(station_staff)

    page = client.get(
        reverse("course_enrolments", args=[course.pk]), headers={"accept-language": "en"}
    )

    html = page.content.decode()
    assert deputy.user.name in html and "已开始" in html
    assert other_station_deputy.user.name not in html
    assert html.count("Not started") == 1 and html.count(">Started<") == 1
    assert html.count(">Withdraw<") == 1  # only the one not started
    assert reverse("course_withdraw", args=[course.pk, deputy.pk]) in html


def test_who_takes_a_course_queries_do_not_grow(client, course, county_officer, station,
                                                django_assert_max_num_queries):  # fmt: skip
    LessonPageFactory(parent=course, slug="a")
    for n in range(30):
        person = DeputyFactory(station=station, user__mobile=f"135{n:08d}")
        enrol(deputy=person, course=course, assigned_by=county_officer)
    client.force_login(county_officer)
    url = reverse("course_enrolments", args=[course.pk])
    client.get(url)
    with django_assert_max_num_queries(11):
        assert client.get(url).status_code == 200
