"""Learning at the same moment: enrolling from two tabs, two tabs of one lesson reporting, and
the last two lessons of a course finished at once. Through the real views."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from courses import services as course_services
from courses.factories import CoursePageFactory
from courses.models import Enrolment, LessonProgress
from courses.services import enrol, required_seconds
from tests.concurrency.racing import MEET_SECONDS, client_for, race, statuses

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def report(browser, lesson, *, seconds, at_end):
    url = reverse("report_reading", args=[lesson.pk])
    return lambda: browser.post(url, {"seconds": seconds, "at_end": "1" if at_end else "0"})


def test_two_tabs_reporting_at_once_neither_double_count_nor_lose_the_end(
    deputy, meeting, monkeypatch
):
    """Both tabs have read the lesson's progress before either writes it; the one that reached
    the end writes first. Time is not counted twice, and reaching the end is not lost."""
    lesson = CoursePageFactory(law=True, lessons=1).lessons().get()
    LessonProgress.objects.create(
        deputy=deputy, lesson=lesson, clock=timezone.now() - timedelta(seconds=100)
    )
    at_end_saved, mine = threading.Event(), threading.local()
    real_save = LessonProgress.save

    def save(self, *args, **kwargs):
        if meeting.wait() and not mine.at_end:
            at_end_saved.wait(timeout=MEET_SECONDS)
        real_save(self, *args, **kwargs)
        if mine.at_end:
            at_end_saved.set()

    monkeypatch.setattr(LessonProgress, "save", save)

    def tab(at_end):
        browser = client_for(deputy.user)
        post = report(browser, lesson, seconds=60, at_end=at_end)

        def send():
            mine.at_end = at_end
            return post()

        return send

    responses = race(tab(True), tab(False), meeting=meeting)

    assert statuses(responses) == [200, 200]
    progress = LessonProgress.objects.get()
    assert progress.reached_end
    # 60 s from the first report to be counted, and at most the few seconds that passed between
    # the two: never 60 twice.
    assert 60 <= progress.seconds <= 60 + 2 * MEET_SECONDS + 5


def test_the_last_two_lessons_finished_at_once_complete_the_course_once(
    deputy, meeting, monkeypatch
):
    """Each tab finishes a different lesson; both have saved their lesson before either asks
    whether the course is done. The course is completed, its hours credited and its
    certificate issued, once."""
    course = CoursePageFactory(law=True, lessons=2)
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    lessons = list(course.lessons())
    for lesson in lessons:
        LessonProgress.objects.create(
            deputy=deputy,
            lesson=lesson,
            seconds=required_seconds(lesson) - 10,
            clock=timezone.now() - timedelta(minutes=5),
        )
    monkeypatch.setattr(
        course_services, "complete_courses", meeting.before(course_services.complete_courses)
    )
    tabs = [client_for(deputy.user) for _ in lessons]

    responses = race(
        *(report(tab, x, seconds=10, at_end=True) for tab, x in zip(tabs, lessons, strict=True)),
        meeting=meeting,
    )

    assert statuses(responses) == [200, 200]
    assert all(r.json()["complete"] for r in responses)
    enrolment = Enrolment.objects.get()
    assert enrolment.completed_at is not None
    assert enrolment.credit_hours == Decimal("2.5")
    assert Certificate.objects.filter(deputy=deputy).count() == 1


def test_enrolling_from_two_tabs_makes_one_enrolment(deputy, meeting, monkeypatch):
    course = CoursePageFactory(law=True, lessons=1, required=False)
    # Both requests have found the deputy not enrolled.
    monkeypatch.setattr(
        Enrolment.objects, "get_or_create", meeting.before(Enrolment.objects.get_or_create)
    )
    url = reverse("enrol_elective", args=[course.pk])
    tabs = [client_for(deputy.user) for _ in range(2)]

    responses = race(*(lambda t=t: t.post(url) for t in tabs), meeting=meeting)

    assert statuses(responses) == [302, 302]
    assert Enrolment.objects.filter(deputy=deputy, course=course).count() == 1


def test_opening_a_lesson_for_the_first_time_in_two_tabs_makes_one_clock(deputy):
    """Both tabs find no reading clock for the lesson: one row is written, both pages open."""
    lesson = CoursePageFactory(law=True, lessons=1).lessons().get()
    tabs = [client_for(deputy.user) for _ in range(4)]

    responses = race(*(lambda t=t: t.get(lesson.url) for t in tabs))

    assert statuses(responses) == [200, 200, 200, 200]
    assert LessonProgress.objects.filter(deputy=deputy, lesson=lesson).count() == 1
