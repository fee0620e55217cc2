"""A course with a final test is complete, and its 学时 credited, only once every lesson is read
and the test passed."""

from courses.factories import LessonPageFactory, PlacedQuizFactory, read_lessons
from courses.models import Enrolment
from courses.services import complete_if_done, enrol
from quizzes.factories import SingleChoiceQuestionFactory
from quizzes.services import save_answer, start_attempt, submit_attempt


def take(quiz, deputy, right: bool):
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    item = attempt.items.get()
    option = item.question.get_real_instance().options.filter(is_correct=right).first()
    save_answer(attempt=attempt, item=item, data={item.field_name: str(option.pk)})
    return submit_attempt(attempt=attempt)


def test_the_course_completes_when_the_final_test_is_passed(course, deputy, station_staff):
    lesson = LessonPageFactory(parent=course, slug="only", estimated_minutes=45)
    course.final_test = PlacedQuizFactory(questions=[SingleChoiceQuestionFactory()])
    course.save_revision().publish()
    enrolment = enrol(deputy=deputy, course=course, assigned_by=station_staff)

    read_lessons(deputy, lesson)
    complete_if_done(enrolment)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None  # lessons read, test not yet passed

    assert not take(course.final_test, deputy, right=False).passed
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None

    assert take(course.final_test, deputy, right=True).passed
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    assert enrolment.completed_at is not None and enrolment.credit_hours == 1
