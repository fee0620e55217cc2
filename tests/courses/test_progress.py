"""Honest reading time: every rule a deputy or a forger could test."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.factories import CoursePageFactory, LessonPageFactory
from courses.models import Enrolment, LessonProgress
from courses.selectors import my_learning
from courses.services import (
    EnrolmentError,
    enrol,
    record_reading,
    required_seconds,
    start_reading,
)
from proposals.factories import ExerciseFactory


@pytest.fixture
def lesson(course):
    return LessonPageFactory(
        parent=course, slug="one", estimated_minutes=10
    )  # 10 minutes: 360 seconds on screen needed


def seconds_ago(deputy, lesson, seconds):
    """Pretend the server's clock was last read this long ago."""
    LessonProgress.objects.filter(deputy=deputy, lesson=lesson).update(
        clock=timezone.now() - timedelta(seconds=seconds)
    )


def test_required_time_is_a_share_of_the_estimate(lesson, settings):
    settings.LESSON_READING_SHARE = 0.6
    assert required_seconds(lesson) == 360


def test_opening_and_leaving_gives_nothing(deputy, lesson):
    start_reading(deputy=deputy, lesson=lesson)
    progress = record_reading(deputy=deputy, lesson=lesson, seconds=0, at_end=True)
    assert progress.seconds == 0 and progress.completed_at is None


def test_a_forged_report_cannot_credit_more_than_real_time(deputy, lesson):
    start_reading(deputy=deputy, lesson=lesson)
    seconds_ago(deputy, lesson, 20)

    progress = record_reading(deputy=deputy, lesson=lesson, seconds=3600, at_end=True)

    assert 20 <= progress.seconds <= 21
    assert progress.completed_at is None


def test_two_tabs_share_one_clock(deputy, lesson):
    start_reading(deputy=deputy, lesson=lesson)
    seconds_ago(deputy, lesson, 30)

    record_reading(deputy=deputy, lesson=lesson, seconds=30, at_end=False)
    progress = record_reading(deputy=deputy, lesson=lesson, seconds=30, at_end=False)

    assert 30 <= progress.seconds <= 31


def test_a_lost_report_is_carried_by_the_next(deputy, lesson):
    start_reading(deputy=deputy, lesson=lesson)
    seconds_ago(deputy, lesson, 30)  # the report at 15 s never arrived

    progress = record_reading(deputy=deputy, lesson=lesson, seconds=30, at_end=False)

    assert progress.seconds == 30


def test_a_long_silence_counts_at_most_one_report(deputy, lesson, settings):
    settings.LESSON_MAX_REPORT_SECONDS = 300
    start_reading(deputy=deputy, lesson=lesson)
    seconds_ago(deputy, lesson, 3600)

    progress = record_reading(deputy=deputy, lesson=lesson, seconds=3600, at_end=False)

    assert progress.seconds == 300


def test_reopening_restarts_the_clock(deputy, lesson):
    start_reading(deputy=deputy, lesson=lesson)
    seconds_ago(deputy, lesson, 600)  # the deputy went away
    start_reading(deputy=deputy, lesson=lesson)  # and opened the lesson again

    progress = record_reading(deputy=deputy, lesson=lesson, seconds=600, at_end=False)

    assert progress.seconds <= 1


def test_a_lesson_needs_the_time_and_the_end(deputy, lesson):
    start_reading(deputy=deputy, lesson=lesson)
    for _ in range(2):
        seconds_ago(deputy, lesson, 200)
        progress = record_reading(deputy=deputy, lesson=lesson, seconds=200, at_end=False)
    assert progress.seconds >= 360 and progress.completed_at is None

    progress = record_reading(deputy=deputy, lesson=lesson, seconds=0, at_end=True)
    assert progress.completed_at is not None


def test_credit_hours_come_at_full_completion(deputy, course, settings):
    settings.LESSON_READING_SHARE = 0.5
    first = LessonPageFactory(parent=course, slug="a", estimated_minutes=30)
    second = LessonPageFactory(parent=course, slug="b", estimated_minutes=60)
    enrolment = enrol(deputy=deputy, course=course, assigned_by=deputy.user)

    for lesson, seconds in ((first, 900), (second, 1800)):
        start_reading(deputy=deputy, lesson=lesson)
        enrolment.refresh_from_db()
        assert enrolment.completed_at is None and enrolment.credit_hours is None
        for _ in range(seconds // 300):
            seconds_ago(deputy, lesson, 300)
            record_reading(deputy=deputy, lesson=lesson, seconds=300, at_end=True)

    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.credit_hours == Decimal("2.0")  # 90 minutes at 45 a credit hour


def test_deputies_choose_electives_only(deputy, course, elective):
    with pytest.raises(EnrolmentError):
        enrol(deputy=deputy, course=course)
    first = enrol(deputy=deputy, course=elective)
    again = enrol(deputy=deputy, course=elective)
    assert first == again and first.source == Enrolment.Source.CHOSEN


def test_report_endpoint(client, deputy, lesson):
    url = reverse("report_reading", args=[lesson.pk])
    client.force_login(deputy.user)
    client.get(lesson.url)  # opening the lesson starts the clock
    seconds_ago(deputy, lesson, 15)

    response = client.post(url, {"seconds": "15", "at_end": "0"}, headers={"accept-language": "en"})

    assert response.status_code == 200
    # The server's own figures, and its words for them, which the page shows as they are.
    assert response.json() == {
        "seconds": 15,
        "required": 360,
        "reached_end": False,
        "complete": False,
        "percent": 4,
        "text": "About 6 more minutes of reading",
        "note": "This lesson is not counted yet: about 6 more minutes of reading, and reading "
        "to the end of the lesson.",
    }
    assert client.post(url, {"seconds": "many"}).status_code == 400
    assert client.get(url).status_code == 405


def test_only_signed_in_deputies_report(client, lesson, station_staff):
    url = reverse("report_reading", args=[lesson.pk])
    assert client.post(url, {"seconds": "15"}).status_code == 302
    client.force_login(station_staff)
    assert client.post(url, {"seconds": "15"}).status_code == 404
    assert not LessonProgress.objects.exists()


def test_enrol_view(client, deputy, course, elective):
    client.force_login(deputy.user)
    client.post(reverse("enrol_elective", args=[course.pk]))
    client.post(reverse("enrol_elective", args=[elective.pk]))
    assert list(Enrolment.objects.values_list("course_id", flat=True)) == [elective.pk]


def test_my_learning_shows_progress_in_fixed_queries(deputy, course_index, course):
    lessons = [LessonPageFactory(parent=course, slug=slug) for slug in ("a", "b", "c")]
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    LessonProgress.objects.create(
        deputy=deputy, lesson=lessons[0], clock=timezone.now(), completed_at=timezone.now()
    )

    with CaptureQueriesContext(connection) as one_course:
        rows = my_learning(deputy)
    (row,) = rows
    assert (row.done, len(row.lessons), row.percent) == (1, 3, 33)
    assert row.next_lesson.pk == lessons[1].pk

    for n in range(3):
        other = CoursePageFactory(parent=course_index, title=f"课程{n}", slug=f"c{n}", summary="。")
        LessonPageFactory(parent=other, slug=f"x{n}")
        enrol(deputy=deputy, course=other, assigned_by=deputy.user)
    with CaptureQueriesContext(connection) as four_courses:
        assert len(my_learning(deputy)) == 4
    # The enrolments; the courses' lessons, and the exercises their bodies name (two, kept
    # after: the new pages renewed the page tree's generation); the lessons read.
    assert len(one_course) == len(four_courses) == 4
    with CaptureQueriesContext(connection) as kept:
        assert len(my_learning(deputy)) == 4
    assert len(kept) == 2


def test_my_learning_follows_the_lessons_as_they_are_published(deputy, course):
    first = LessonPageFactory(parent=course, slug="a")
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    assert [x.pk for x in my_learning(deputy)[0].lessons] == [first.pk]  # and kept

    second = LessonPageFactory(parent=course, slug="b")
    assert [x.pk for x in my_learning(deputy)[0].lessons] == [first.pk, second.pk]
    exercise = ExerciseFactory(title="新练习")
    second.body = [{"type": "exercise", "value": {"exercise": exercise.pk}}]
    second.save_revision().publish()
    assert [x.pk for x in my_learning(deputy)[0].exercises] == [exercise.pk]
    first.unpublish()
    assert [x.pk for x in my_learning(deputy)[0].lessons] == [second.pk]


def test_the_my_learning_page_is_pinned_whatever_the_courses(
    client, deputy, course_index, course, django_assert_num_queries
):
    LessonPageFactory(parent=course, slug="a")
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    client.force_login(deputy.user)
    client.get("/")  # warm the caches a running site has (the site, the menu's sections)
    # The session and the user; the menu's roles; the deputy, and again with their township
    # and station in one; the enrolments and the lessons done (courses.selectors.my_learning:
    # the courses' lessons are in the cache); the programmes, the practice due, the
    # certificates expiring; the unread badge.
    with django_assert_num_queries(11):
        assert client.get("/").status_code == 200
    for n in range(3):
        other = CoursePageFactory(parent=course_index, title=f"课程{n}", slug=f"c{n}", summary="。")
        LessonPageFactory(parent=other, slug=f"x{n}")
        enrol(deputy=deputy, course=other, assigned_by=deputy.user)
    client.get("/")
    with django_assert_num_queries(11):
        assert "课程2" in client.get("/").content.decode()


def test_home_shows_my_learning(client, deputy, course):
    LessonPageFactory(parent=course, slug="a")
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    client.force_login(deputy.user)

    html = client.get("/", headers={"accept-language": "en"}).content.decode()

    assert "村务课程" in html and "0 of 1 lessons read" in html and "Start: 课 a" in html


def test_lessons_read_before_enrolling_count(deputy, elective):
    lesson = LessonPageFactory(parent=elective, slug="early", estimated_minutes=1)
    LessonProgress.objects.create(
        deputy=deputy, lesson=lesson, clock=timezone.now(), completed_at=timezone.now()
    )

    enrolment = enrol(deputy=deputy, course=elective)

    assert enrolment.completed_at is not None and enrolment.credit_hours == Decimal("0.0")
