"""Writing exercises in lessons: the block shows the deputy's draft, the pages' queries stay
fixed, and a course is complete only once its exercises are accepted."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.demo import seed_certificates
from certificates.models import Certificate, CertificateTemplate
from common import generations
from courses.demo import seed_courses
from courses.factories import CoursePageFactory, LessonPageFactory, read_lessons
from courses.models import Enrolment, LessonProgress
from courses.selectors import course_exercises, my_learning
from courses.services import (
    complete_exercise_courses,
    complete_if_done,
    enrol,
)
from deputies.factories import DeputyFactory, UserFactory
from proposals.demo import GRADUATE, ROAD, seed_proposals
from proposals.factories import GOOD, VAGUE, ExerciseFactory
from proposals.models import Draft
from proposals.services import start_draft, submit_draft


def exercise_block(exercise, intro=""):
    return {"type": "exercise", "value": {"exercise": exercise.pk, "intro": intro}}


def text_block(text="课文。"):
    return {"type": "text", "value": f"<p>{text}</p>"}


def accept(draft):
    """What staff accepting the draft does to it; the review service then calls the hook."""
    Draft.objects.filter(pk=draft.pk).update(status=Draft.Status.ACCEPTED)
    complete_exercise_courses(deputy=draft.deputy, exercise=draft.exercise)


def enrolment_of(deputy, course):
    return Enrolment.objects.get(deputy=deputy, course=course)


@pytest.fixture
def certificate_template(db):
    return CertificateTemplate.objects.create(
        issuing_body="安吉县人大常委会", signatory="代表工作委员会", is_default=True
    )


def queries(client, url) -> int:
    client.get(url)  # the first visit starts the reading clock; count a second one
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# The block in a lesson


def test_the_block_shows_the_exercise_and_my_draft(english, deputy, course):
    exercise = ExerciseFactory(
        title="<script>alert(1)</script>村道",
        scenario="村民反映<b>村道</b>坏了。\n第二行。\n\n下雨天坑里积水，第二段不显示。",
    )
    lesson = LessonPageFactory(
        parent=course,
        slug="a",
        body=[text_block(), exercise_block(exercise, "<i>现在</i>动手写。")],
    )
    english.force_login(deputy.user)

    page = english.get(lesson.url).text
    assert "Writing exercise" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;村道" in page and "<script>alert" not in page
    assert "&lt;i&gt;现在&lt;/i&gt;动手写。" in page
    assert "村民反映&lt;b&gt;村道&lt;/b&gt;坏了。<br>第二行。" in page
    assert "第二段不显示" not in page
    assert "Suggestion" in page and "Township congress" in page
    assert "Not started" in page
    assert f'href="{reverse("proposals:exercise", args=[exercise.pk])}"' in page

    draft = start_draft(deputy=deputy, exercise=exercise)
    page = english.get(lesson.url).text
    assert "Not started" not in page and "Writing" in page and "Continue writing" in page
    assert f'href="{reverse("proposals:draft", args=[draft.pk])}"' in page
    assert "once liaison station or township staff accept it" in page

    Draft.objects.filter(pk=draft.pk).update(status=Draft.Status.RETURNED)
    assert "Returned for changes" in english.get(lesson.url).text

    Draft.objects.filter(pk=draft.pk).update(status=Draft.Status.SUBMITTED)
    page = english.get(lesson.url).text
    assert "Submitted" in page and "Read your draft" in page

    Draft.objects.filter(pk=draft.pk).update(status=Draft.Status.ACCEPTED)
    page = english.get(lesson.url).text
    assert "Accepted" in page and "counts towards the course once" not in page


def test_the_block_shows_no_one_elses_draft(english, deputy, other_station_deputy, course):
    exercise = ExerciseFactory(pass_by_checker=True)
    lesson = LessonPageFactory(parent=course, slug="a", body=[exercise_block(exercise)])
    start_draft(deputy=other_station_deputy, exercise=exercise)
    english.force_login(deputy.user)

    page = english.get(lesson.url).text

    assert "Not started" in page and "Continue writing" not in page
    assert "once a submission passes the checker" in page


def test_without_a_deputy_the_block_only_links_to_the_exercise(english, station_staff, course):
    exercise = ExerciseFactory()
    lesson = LessonPageFactory(parent=course, slug="a", body=[exercise_block(exercise)])
    english.force_login(station_staff)

    page = english.get(lesson.url).text

    assert "村道被货车压坏" in page and "Read the exercise" in page
    assert "Not started" not in page


def test_an_exercise_not_live_is_not_shown(english, deputy, course):
    exercise = ExerciseFactory(title="还没上线的练习", live=False)
    lesson = LessonPageFactory(
        parent=course, slug="a", body=[text_block(), exercise_block(exercise)]
    )
    english.force_login(deputy.user)
    assert "还没上线的练习" not in english.get(lesson.url).text


def test_lesson_queries_do_not_grow_with_exercise_blocks(english, deputy, course):
    exercises = [ExerciseFactory(title=f"练习{n}") for n in range(5)]
    for exercise in exercises[:3]:
        start_draft(deputy=deputy, exercise=exercise)
    none = LessonPageFactory(parent=course, slug="none", body=[text_block()])
    one = LessonPageFactory(parent=course, slug="one", body=[exercise_block(exercises[0])])
    many = LessonPageFactory(
        parent=course,
        slug="many",
        body=[exercise_block(e, f"第{n}题") for n, e in enumerate(exercises)],
    )
    english.force_login(deputy.user)

    baseline = queries(english, none.url)
    # Wagtail fetches the blocks' exercises in one query, and the lesson their drafts in one.
    assert queries(english, one.url) == queries(english, many.url) == baseline + 2
    assert english.get(many.url).text.count("Continue writing") == 3


# What the course asks for


def test_the_course_page_counts_exercises_accepted(english, deputy, course):
    first, second, hidden = (
        ExerciseFactory(title="第一题"),
        ExerciseFactory(title="第二题"),
        ExerciseFactory(title="未上线", live=False),
    )
    LessonPageFactory(parent=course, slug="a", body=[exercise_block(first)])
    LessonPageFactory(
        parent=course,
        slug="b",
        body=[exercise_block(second), exercise_block(first), exercise_block(hidden)],
    )
    accept(start_draft(deputy=deputy, exercise=first))
    english.force_login(deputy.user)

    response = english.get(course.url)

    assert [e.title for e in response.context["exercises"]] == ["第一题", "第二题"]
    page = response.text
    assert "2 exercises" in page and "1 of 2 exercises accepted" in page
    assert "Accepted" in page and "Not started" in page and "未上线" not in page
    assert page.count('id="exercises-h"') == 1


def test_course_page_queries_do_not_grow_with_exercises(english, deputy, course_index, course):
    LessonPageFactory(parent=course, slug="a", body=[exercise_block(ExerciseFactory(title="一"))])
    other = CoursePageFactory(parent=course_index, title="另一课程", slug="other", summary="。")
    LessonPageFactory(
        parent=other,
        slug="a",
        body=[exercise_block(ExerciseFactory(title=f"题{n}")) for n in range(4)],
    )
    LessonPageFactory(
        parent=other, slug="b", body=[exercise_block(ExerciseFactory(title="再一题"))]
    )
    for exercise in course_exercises(list(other.lessons()))[:3]:
        start_draft(deputy=deputy, exercise=exercise)
    english.force_login(deputy.user)

    assert queries(english, course.url) == queries(english, other.url)
    assert "2 of 5 exercises accepted" not in english.get(other.url).text
    assert "0 of 5 exercises accepted" in english.get(other.url).text


def test_my_learning_counts_exercises_in_fixed_queries(deputy, course_index, course):
    lessons = [
        LessonPageFactory(
            parent=course, slug="a", body=[exercise_block(ExerciseFactory(title="甲"))]
        ),
        LessonPageFactory(parent=course, slug="b"),
    ]
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    read_lessons(deputy, *lessons)

    with CaptureQueriesContext(connection) as one_course:
        (row,) = my_learning(deputy)
    assert (row.done, len(row.exercises), row.exercises_done, row.percent) == (2, 1, 0, 67)
    assert row.next_lesson is None and row.next_exercise.title == "甲"
    assert row.enrolment.completed_at is None

    for n in range(3):
        other = CoursePageFactory(parent=course_index, title=f"课程{n}", slug=f"c{n}", summary="。")
        LessonPageFactory(
            parent=other,
            slug=f"x{n}",
            body=[exercise_block(ExerciseFactory(title=f"题{n}{m}")) for m in range(2)],
        )
        enrol(deputy=deputy, course=other, assigned_by=deputy.user)
    accept(start_draft(deputy=deputy, exercise=row.next_exercise))
    cache.delete(generations.PAGES)  # as when any page is published: the lessons read again
    with CaptureQueriesContext(connection) as four_courses:
        rows = my_learning(deputy)
    # The enrolments; the lessons, and the exercises their bodies name (two, kept after); the
    # lessons read; the exercises and the deputy's drafts of them.
    assert len(one_course) == len(four_courses) == 6
    with CaptureQueriesContext(connection) as kept:
        my_learning(deputy)
    assert len(kept) == 4
    done = next(r for r in rows if r.course.pk == course.pk)
    assert done.enrolment.completed_at is not None and done.percent == 100
    assert sorted(len(r.exercises) for r in rows) == [1, 2, 2, 2]


def test_my_learning_without_exercises_makes_no_more_queries(deputy, course):
    LessonPageFactory(parent=course, slug="a")
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    with CaptureQueriesContext(connection) as captured:
        (row,) = my_learning(deputy)
    assert len(captured) == 4 and row.exercises == [] and row.next_exercise is None
    with CaptureQueriesContext(connection) as kept:
        my_learning(deputy)
    assert len(kept) == 2  # the enrolments and the lessons read: the lessons are kept


# Completion


def test_a_course_is_complete_once_its_exercise_is_accepted(
    deputy, course, station_staff, certificate_template
):
    exercise = ExerciseFactory()
    lessons = [
        LessonPageFactory(parent=course, slug="a", body=[text_block(), exercise_block(exercise)]),
        LessonPageFactory(parent=course, slug="b"),
    ]
    course.credit_hours = Decimal("1.5")
    course.save_revision().publish()
    enrol(deputy=deputy, course=course, assigned_by=station_staff)
    read_lessons(deputy, *lessons)
    draft = start_draft(deputy=deputy, exercise=exercise)

    complete_if_done(enrolment_of(deputy, course))
    assert enrolment_of(deputy, course).completed_at is None

    submit_draft(draft=draft, parts=GOOD, saved_version=draft.saved_version)
    draft.refresh_from_db()
    assert draft.status == Draft.Status.SUBMITTED  # staff review it: not done yet
    assert enrolment_of(deputy, course).completed_at is None
    assert not Certificate.objects.exists()

    accept(draft)

    enrolment = enrolment_of(deputy, course)
    assert enrolment.completed_at is not None and enrolment.credit_hours == Decimal("1.5")
    certificate = Certificate.objects.get(deputy=deputy)
    assert certificate.course_id == course.pk and certificate.credit_hours == Decimal("1.5")


def test_a_draft_the_checker_passes_completes_the_course(deputy, course, certificate_template):
    exercise = ExerciseFactory(pass_by_checker=True)
    lesson = LessonPageFactory(
        parent=course, slug="a", body=[exercise_block(exercise)], estimated_minutes=45
    )
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    read_lessons(deputy, lesson)
    draft = start_draft(deputy=deputy, exercise=exercise)

    submit_draft(draft=draft, parts=VAGUE, saved_version=draft.saved_version)
    assert draft.status == Draft.Status.RETURNED
    assert enrolment_of(deputy, course).completed_at is None

    submit_draft(draft=draft, parts=GOOD, saved_version=draft.saved_version)

    assert draft.status == Draft.Status.ACCEPTED
    enrolment = enrolment_of(deputy, course)
    assert enrolment.completed_at is not None and enrolment.credit_hours == Decimal("1.0")
    assert Certificate.objects.filter(deputy=deputy, course=course).count() == 1


def test_reading_the_last_lesson_completes_once_the_exercise_was_accepted(
    deputy, course, certificate_template
):
    exercise = ExerciseFactory()
    first = LessonPageFactory(parent=course, slug="a", body=[exercise_block(exercise)])
    last = LessonPageFactory(parent=course, slug="b")
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    read_lessons(deputy, first)
    accept(start_draft(deputy=deputy, exercise=exercise))
    assert enrolment_of(deputy, course).completed_at is None  # a lesson is still unread

    read_lessons(deputy, last)
    complete_if_done(enrolment_of(deputy, course))

    assert enrolment_of(deputy, course).completed_at is not None


def test_an_exercise_in_an_unpublished_lesson_does_not_count(deputy, course, certificate_template):
    exercise = ExerciseFactory()
    lesson = LessonPageFactory(parent=course, slug="a")
    draft_lesson = LessonPageFactory(parent=course, slug="b", body=[exercise_block(exercise)])
    draft_lesson.unpublish()
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    read_lessons(deputy, lesson)

    complete_if_done(enrolment_of(deputy, course))

    assert enrolment_of(deputy, course).completed_at is not None


def test_an_exercise_not_live_does_not_count(deputy, course, certificate_template):
    lesson = LessonPageFactory(
        parent=course, slug="a", body=[exercise_block(ExerciseFactory(live=False))]
    )
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    read_lessons(deputy, lesson)
    complete_if_done(enrolment_of(deputy, course))
    assert enrolment_of(deputy, course).completed_at is not None


def test_an_accepted_draft_of_another_exercise_does_not_count(
    deputy, other_station_deputy, course, certificate_template
):
    asked, other = ExerciseFactory(title="课程要的"), ExerciseFactory(title="别的练习")
    lesson = LessonPageFactory(parent=course, slug="a", body=[exercise_block(asked)])
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    read_lessons(deputy, lesson)

    accept(start_draft(deputy=deputy, exercise=other))
    accept(start_draft(deputy=other_station_deputy, exercise=asked))
    complete_if_done(enrolment_of(deputy, course))

    assert enrolment_of(deputy, course).completed_at is None
    assert not Certificate.objects.exists()


def test_accepting_completes_only_the_courses_with_the_exercise(
    deputy, course_index, course, certificate_template
):
    exercise = ExerciseFactory()
    with_it = LessonPageFactory(parent=course, slug="a", body=[exercise_block(exercise)])
    other = CoursePageFactory(parent=course_index, title="另一课程", slug="other", summary="。")
    without = LessonPageFactory(parent=other, slug="a")
    for each in (course, other):
        enrol(deputy=deputy, course=each, assigned_by=deputy.user)
    Enrolment.objects.filter(course=other).update(completed_at=None)
    read_lessons(deputy, with_it)
    LessonProgress.objects.create(deputy=deputy, lesson=without, clock=timezone.now())

    accept(start_draft(deputy=deputy, exercise=exercise))

    assert enrolment_of(deputy, course).completed_at is not None
    assert enrolment_of(deputy, other).completed_at is None


def test_an_exercise_accepted_before_enrolling_counts(deputy, elective, certificate_template):
    exercise = ExerciseFactory()
    lesson = LessonPageFactory(parent=elective, slug="a", body=[exercise_block(exercise)])
    read_lessons(deputy, lesson)
    accept(start_draft(deputy=deputy, exercise=exercise))

    enrolment = enrol(deputy=deputy, course=elective)

    assert enrolment.completed_at is not None


# In the content admin


def test_editors_choose_the_exercise_in_the_lesson_editor(client, superuser, course):
    exercise = ExerciseFactory(title="可选的练习")
    lesson = LessonPageFactory(parent=course, slug="a", body=[exercise_block(exercise)])
    client.force_login(superuser)

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
    assert editor.status_code == 200
    assert reverse("exercise_chooser:choose") in editor.text

    modal = client.get(reverse("exercise_chooser:choose"))
    assert modal.status_code == 200
    assert "可选的练习" in modal.json()["html"]
    results = reverse("exercise_chooser:choose_results")
    assert "可选的练习" in client.get(results, {"q": "可选"}).text
    assert "可选的练习" not in client.get(results, {"q": "无此"}).text


# The demo


def test_the_demo_writing_course_asks_for_the_road_exercise_and_its_graduate_did_it(db):
    graduate = DeputyFactory(user__mobile=GRADUATE)
    officer = UserFactory()

    seed_proposals()
    writing = seed_courses()[3]
    certificate = seed_certificates(assigned_by=officer)
    seed_proposals()
    assert [c.pk for c in seed_courses()][3] == writing.pk

    (exercise,) = course_exercises(list(writing.lessons()), deputy=graduate)
    assert exercise.title == ROAD and exercise.done
    lesson = writing.lessons().get(slug="xie-jianyi")
    assert lesson.exercise_ids() == [exercise.pk]
    assert enrolment_of(graduate, writing).completed_at is not None
    assert certificate.deputy == graduate and certificate.course_id == writing.pk
    assert Draft.objects.filter(deputy=graduate).count() == 1


def test_home_shows_the_exercise_left_to_do(english, deputy, course_index, course):
    exercise = ExerciseFactory(title="甲")
    lessons = [LessonPageFactory(parent=course, slug="a", body=[exercise_block(exercise)])]
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    read_lessons(deputy, *lessons)
    english.force_login(deputy.user)
    page = english.get(reverse("home")).text
    assert "1 of 1 lessons read" in page
    assert "0 of 1 exercise accepted" in page
    assert f'href="{reverse("proposals:exercise", args=[exercise.pk])}"' in page
    assert "Writing exercise: 甲" in page
