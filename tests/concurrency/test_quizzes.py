"""Quiz taking from two tabs at once: starting, saving one answer twice, submitting twice, and
an answer arriving while the attempt is being submitted. Through the real views."""

import threading
import time
from decimal import Decimal

import pytest
from django.urls import reverse

from certificates.models import Certificate
from courses.factories import CoursePageFactory, LessonProgressFactory, PlacedQuizFactory
from courses.models import Enrolment
from courses.services import enrol
from quizzes import services as quiz_services
from quizzes import views as quiz_views
from quizzes.factories import SingleChoiceQuestionFactory, TrueFalseQuestionFactory
from quizzes.models import Attempt, WrongAnswer
from quizzes.services import save_answer, start_attempt
from tests.concurrency.racing import MEET_SECONDS, client_for, race, statuses

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def post(browser, url, data=None):
    return lambda: browser.post(url, data or {})


def test_two_tabs_starting_a_quiz_get_one_attempt(deputy, meeting, monkeypatch):
    quiz = PlacedQuizFactory(questions=[SingleChoiceQuestionFactory(), TrueFalseQuestionFactory()])
    # Both requests have found no open attempt and drawn their questions before either writes.
    monkeypatch.setattr(
        quiz_services, "choose_questions", meeting.after(quiz_services.choose_questions)
    )
    url = reverse("quizzes:start", args=[quiz.pk])
    tabs = [client_for(deputy.user) for _ in range(2)]

    responses = race(*(post(tab, url) for tab in tabs), meeting=meeting)

    attempt = Attempt.objects.get()
    assert statuses(responses) == [302, 302]
    assert {r.url for r in responses} == {reverse("quizzes:take", args=[attempt.pk])}
    assert attempt.items.count() == 2


def test_a_double_submit_grades_once_and_credits_the_course_once(deputy, meeting, monkeypatch):
    right, wrong = SingleChoiceQuestionFactory(), TrueFalseQuestionFactory(correct=False)
    quiz = PlacedQuizFactory(questions=[right, wrong], pass_mark=50)
    course = CoursePageFactory(law=True, lessons=1, final_test=quiz)
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    LessonProgressFactory(deputy=deputy, lesson=course.lessons().get())
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    first, second = attempt.items.order_by("position")
    correct = right.options.get(is_correct=True).pk
    save_answer(attempt=attempt, item=first, data={first.field_name: str(correct)})
    save_answer(attempt=attempt, item=second, data={second.field_name: "true"})
    # Both requests have loaded the open attempt before either submits it.
    monkeypatch.setattr(quiz_views, "submit_attempt", meeting.before(quiz_views.submit_attempt))
    url = reverse("quizzes:submit", args=[attempt.pk])
    tabs = [client_for(deputy.user) for _ in range(2)]

    responses = race(*(post(tab, url) for tab in tabs), meeting=meeting)

    result = reverse("quizzes:result", args=[attempt.pk])
    assert statuses(responses) == [302, 302]
    assert {r.url for r in responses} == {result}
    # Both tabs then show the one result.
    assert all(tab.get(result).status_code == 200 for tab in tabs)
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score, attempt.passed) == ("graded", 1, True)
    # Graded once: the wrong answer went into the book once.
    assert list(WrongAnswer.objects.values_list("times_wrong", flat=True)) == [1]
    enrolment = Enrolment.objects.get()
    assert enrolment.completed_at is not None
    assert enrolment.credit_hours == Decimal("2.5")
    assert Certificate.objects.count() == 1


def test_a_later_change_sent_first_is_not_overwritten_by_an_earlier_one(
    deputy, meeting, monkeypatch
):
    """Change 2 of an answer reaches the server a moment before change 1 (a retry on a weak
    connection): both requests have read the answer at change 0, change 2 is written first,
    and change 1 must not then overwrite it."""
    question = SingleChoiceQuestionFactory()
    attempt = start_attempt(quiz=PlacedQuizFactory(questions=[question]), deputy=deputy)
    item = attempt.items.get()
    first, later = question.options.order_by("pk")[:2]
    written, mine = threading.Event(), threading.local()
    real = quiz_services.question_for_answers

    def read_then_meet(question):
        found = real(question)
        meeting.wait()
        if mine.seq == 1:
            written.wait(timeout=5)  # change 2 is saved first
        return found

    monkeypatch.setattr(quiz_services, "question_for_answers", read_then_meet)
    url = reverse("quizzes:answer", args=[attempt.pk])

    def change(option, seq):
        browser = client_for(deputy.user)

        def send():
            mine.seq = seq
            response = browser.post(url, {"item": item.pk, "seq": seq, item.field_name: option.pk})
            if seq == 2:
                written.set()
            return response

        return send

    responses = race(change(later, 2), change(first, 1), meeting=meeting)

    assert statuses(responses) == [200, 200]
    assert [r.json().get("stale", False) for r in responses] == [False, True]
    item.refresh_from_db()
    assert item.answer_seq == 2
    assert item.response == real(question).parse_answer(
        {item.field_name: str(later.pk)}, item.field_name
    )


def test_an_answer_sent_while_the_attempt_is_submitted_is_graded_or_refused(deputy, monkeypatch):
    """One tab submits while the other saves an answer: the answer is either saved in time and
    graded, or refused as too late. It is never saved after grading, uncounted."""
    question = SingleChoiceQuestionFactory()
    attempt = start_attempt(quiz=PlacedQuizFactory(questions=[question]), deputy=deputy)
    item = attempt.items.get()
    right = question.options.get(is_correct=True)
    grading = threading.Event()
    real_mistakes, real_read = (
        quiz_services.record_exam_mistakes,
        quiz_services.question_for_answers,
    )

    def grade_slowly(**kwargs):
        # The submission has claimed the attempt and scored its answers, and not yet committed.
        grading.set()
        time.sleep(MEET_SECONDS)
        return real_mistakes(**kwargs)

    def read_once_grading(question):
        grading.wait(timeout=5)
        return real_read(question)

    monkeypatch.setattr(quiz_services, "record_exam_mistakes", grade_slowly)
    monkeypatch.setattr(quiz_services, "question_for_answers", read_once_grading)
    saver, submitter = client_for(deputy.user), client_for(deputy.user)

    answer, submitted = race(
        lambda: saver.post(
            reverse("quizzes:answer", args=[attempt.pk]),
            {"item": item.pk, "seq": 1, item.field_name: right.pk},
        ),
        lambda: submitter.post(reverse("quizzes:submit", args=[attempt.pk])),
    )

    assert submitted.status_code == 302
    item.refresh_from_db()
    attempt.refresh_from_db()
    if answer.status_code == 200:
        # Saved in time: the grade counts it.
        assert answer.json()["saved"] is True
        assert item.response is not None and item.score == 1 and attempt.score == 1
    else:
        # Too late: told so, and nothing was written after grading.
        assert answer.status_code == 409 and answer.json()["over"] is True
        assert item.response is None and item.score == 0 and attempt.score == 0
