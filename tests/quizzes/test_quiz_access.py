"""Deputies open only quizzes placed where they meet them: in a live lesson, or as a live
course's final test. A quiz still being written, or left in a draft, cannot be opened or taken
by its id; results of a quiz taken before it was withdrawn stay visible to the deputy."""

import pytest
from django.urls import reverse

from courses.factories import LessonPageFactory, PlacedQuizFactory
from quizzes.factories import QuizFactory, SingleChoiceQuestionFactory
from quizzes.models import Attempt
from quizzes.services import start_attempt, submit_attempt


@pytest.fixture
def signed_in(client, deputy):
    client.force_login(deputy.user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def quiz_block(quiz):
    return [{"type": "quiz", "value": {"quiz": str(quiz.pk), "intro": ""}}]


def opens(client, quiz) -> bool:
    """Whether the deputy can open the quiz's page and start it."""
    page = client.get(reverse("quizzes:detail", args=[quiz.pk]))
    started = client.post(reverse("quizzes:start", args=[quiz.pk]))
    return page.status_code == 200 and started.status_code == 302


def test_a_quiz_placed_nowhere_cannot_be_opened_or_taken_by_id(signed_in, course):
    quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])

    assert signed_in.get(reverse("quizzes:detail", args=[quiz.pk])).status_code == 404
    assert signed_in.post(reverse("quizzes:start", args=[quiz.pk])).status_code == 404
    # Without an attempt there is nothing to answer or submit.
    assert not Attempt.objects.exists()


def test_a_quiz_in_a_draft_lesson_is_closed_until_the_lesson_is_published(signed_in, course):
    quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
    lesson = LessonPageFactory(parent=course, slug="draft", body=quiz_block(quiz))
    lesson.unpublish()

    assert not opens(signed_in, quiz)

    lesson.save_revision().publish()
    assert opens(signed_in, quiz)


def test_a_live_course_s_final_test_opens(signed_in, course):
    quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
    course.final_test = quiz
    course.save_revision().publish()
    assert opens(signed_in, quiz)


def test_an_unpublished_course_s_final_test_is_closed(signed_in, course):
    quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
    course.final_test = quiz
    course.save_revision().publish()
    course.unpublish()
    assert not opens(signed_in, quiz)


def test_a_quiz_taken_out_of_its_lesson_closes(signed_in, course):
    quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
    lesson = LessonPageFactory(parent=course, slug="one", body=quiz_block(quiz))
    lesson.body = '[{"type": "text", "value": "<p>No quiz any more.</p>"}]'
    lesson.save_revision().publish()
    assert not opens(signed_in, quiz)


def test_results_of_a_later_withdrawn_quiz_stay_visible(signed_in, deputy, course):
    quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
    lesson = LessonPageFactory(parent=course, slug="one", body=quiz_block(quiz))
    attempt = submit_attempt(attempt=start_attempt(quiz=quiz, deputy=deputy))
    lesson.unpublish()

    page = signed_in.get(reverse("quizzes:detail", args=[quiz.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Your attempts" in html and "Start the quiz" not in html and "Try again" not in html
    assert "no longer open" in html
    assert signed_in.get(reverse("quizzes:result", args=[attempt.pk])).status_code == 200
    assert signed_in.post(reverse("quizzes:start", args=[quiz.pk])).status_code == 404
    assert Attempt.objects.count() == 1


def test_the_quiz_page_asks_no_more_for_the_check(signed_in, deputy, django_assert_num_queries):
    """Session, user, deputy, the quiz with whether it is open (one query), its attempts, the
    picks and the draws; the menu's queries. The check adds none."""
    quiz = PlacedQuizFactory(questions=[SingleChoiceQuestionFactory()])
    url = reverse("quizzes:detail", args=[quiz.pk])
    signed_in.get(url)  # warm the site cache, as a running server has it
    with django_assert_num_queries(9):
        assert signed_in.get(url).status_code == 200
