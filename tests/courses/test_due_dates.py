"""An enrolment's own due date is what "overdue" means everywhere: my learning, the course
page, the staff's course overview, the dashboard. Existing enrolments took their course's."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from courses.factories import LessonPageFactory
from courses.models import Enrolment, LessonQuiz
from courses.selectors import courses_for_staff, my_learning
from courses.services import assign_course, enrol
from deputies.models import Deputy
from quizzes.factories import QuizFactory, SingleChoiceQuestionFactory
from reports.dashboard.selectors import dashboard


def test_the_deputy_s_own_due_date_decides_overdue(
    client, course, county, deputy, other_station_deputy, county_officer
):
    LessonPageFactory(parent=course, slug="only")
    today = timezone.localdate()
    course.due_date = today - timedelta(days=1)  # the course's date has passed...
    course.save_revision().publish()
    enrol(deputy=other_station_deputy, course=course, assigned_by=county_officer)
    later = today + timedelta(days=20)  # ...but this deputy was given three weeks more
    assign_course(
        course=course,
        deputies=Deputy.objects.filter(pk=deputy.pk),
        assigned_by=county_officer,
        due_date=later,
    )

    [mine] = my_learning(deputy)
    assert (mine.due_date, mine.overdue) == (later, False)
    assert my_learning(other_station_deputy)[0].overdue
    assert Enrolment.objects.overdue().get().deputy == other_station_deputy
    [row] = [c for c in courses_for_staff(Deputy.objects.all()) if c.pk == course.pk]
    assert (row.enrolled, row.overdue) == (2, 1)
    board = dashboard(county_officer, "county", county.pk, as_of=today)
    assert board.total.overdue_deputies == 1

    client.force_login(deputy.user)
    home = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert f"due {later.isoformat()}" in home and "Overdue" not in home
    page = client.get(course.url, headers={"accept-language": "en"}).content.decode()
    assert later.isoformat() in page and "Overdue" not in page
    client.force_login(other_station_deputy.user)
    page = client.get(course.url, headers={"accept-language": "en"}).content.decode()
    assert "Overdue" in page


def test_an_elective_takes_the_course_s_due_date(elective, deputy):
    elective.due_date = timezone.localdate() + timedelta(days=5)
    elective.save_revision().publish()
    assert enrol(deputy=deputy, course=elective).due_date == elective.due_date


def test_existing_enrolments_are_given_their_course_s_due_date(course, deputy, county_officer):
    course.due_date = timezone.localdate() + timedelta(days=9)
    course.save_revision().publish()
    enrolment = enrol(deputy=deputy, course=course, assigned_by=county_officer)
    Enrolment.objects.filter(pk=enrolment.pk).update(due_date=None)  # as before the migration
    migration = importlib.import_module("courses.migrations.0008_enrolment_due_date")

    migration.give_enrolments_their_course_due_date(apps, None)

    enrolment.refresh_from_db()
    assert enrolment.due_date == course.due_date


def test_existing_lessons_place_their_quizzes(course):
    quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
    body = [{"type": "quiz", "value": {"quiz": str(quiz.pk), "intro": ""}}]
    lesson = LessonPageFactory(parent=course, slug="q", body=body)
    LessonQuiz.objects.all().delete()  # as before the migration
    migration = importlib.import_module("courses.migrations.0007_lesson_quiz_places")

    migration.place_existing_quizzes(apps, None)

    assert list(LessonQuiz.objects.values_list("lesson_id", "quiz_id")) == [(lesson.pk, quiz.pk)]
