"""The attempt rules: starting, saving answers, the server's clock, grading once, staff grades."""

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import timezone

from courses.factories import PlacedQuizFactory
from quizzes.factories import (
    FillBlankQuestionFactory,
    MultipleChoiceQuestionFactory,
    ShortAnswerQuestionFactory,
    SingleChoiceQuestionFactory,
    TrueFalseQuestionFactory,
)
from quizzes.models import Attempt, AttemptQuestion, GradeChange, WrongAnswer
from quizzes.question_types import AnswerError, normalise
from quizzes.services import (
    QuizError,
    choose_questions,
    expire_if_due,
    grade_answer,
    save_answer,
    start_attempt,
    submit_attempt,
)


@pytest.fixture(autouse=True)
def english(in_english):
    """The rules' messages are asserted in English."""


def answer(attempt, position, value):
    """Save an answer the way the form sends it: `value` is a string, a list, or an option's
    text for choice questions."""
    item = attempt.items.get(position=position)
    question = item.question.get_real_instance()
    data = QueryDict(mutable=True)
    name = item.field_name
    options = {o.text: str(o.pk) for o in question.options.all()}
    values = value if isinstance(value, list) else [value]
    data.setlist(name, [options.get(v, v) for v in values])
    return save_answer(attempt=attempt, item=item, data=data)


def test_an_attempt_holds_the_quiz_questions_in_order(quiz, deputy):
    attempt = start_attempt(quiz=quiz, deputy=deputy)

    assert attempt.number == 1 and attempt.status == Attempt.Status.IN_PROGRESS
    stems = [i.question.stem for i in attempt.items.select_related("question")]
    assert stems[0] == "代表每届任期几年？" and len(stems) == 4
    assert attempt.max_score == 4
    assert start_attempt(quiz=quiz, deputy=deputy).pk == attempt.pk  # resumed, not a new one


def test_shuffled_quizzes_draw_a_new_order_per_attempt(deputy):
    quiz = PlacedQuizFactory(
        questions=[*(SingleChoiceQuestionFactory(stem=f"第{n}题") for n in range(12))],
        shuffle_questions=True,
    )

    orders = [[q.pk for q, _points in choose_questions(quiz, random.Random(n))] for n in (1, 2)]

    assert orders[0] != orders[1] and sorted(orders[0]) == sorted(orders[1])


def test_attempts_allowed_are_enforced(quiz, deputy):
    quiz.attempts_allowed = 1
    quiz.save()
    submit_attempt(attempt=start_attempt(quiz=quiz, deputy=deputy))

    with pytest.raises(QuizError, match="used all 1 attempts"):
        start_attempt(quiz=quiz, deputy=deputy)
    assert Attempt.objects.count() == 1


def test_a_quiz_without_questions_cannot_start(deputy):
    with pytest.raises(QuizError):
        start_attempt(quiz=PlacedQuizFactory(), deputy=deputy)
    assert not Attempt.objects.exists()


def test_an_unreadable_answer_saves_nothing(quiz, deputy, other_station_deputy):
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    foreign = SingleChoiceQuestionFactory(stem="别的题")

    with pytest.raises(AnswerError):
        answer(attempt, 1, str(foreign.options.first().pk))  # an option of another question
    with pytest.raises(AnswerError):
        answer(attempt, 3, "maybe")
    assert not attempt.items.filter(response__isnull=False).exists()


def test_answers_are_graded_once_however_often_submitted(quiz, deputy):
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    answer(attempt, 1, "五年")
    answer(attempt, 2, ["视察", "专题调研"])  # not all: all-or-nothing scores 0
    answer(attempt, 3, "true")
    answer(attempt, 4, " ５。")  # full-width digit, spaces and punctuation: still 5

    graded = submit_attempt(attempt=attempt)
    again = submit_attempt(attempt=Attempt.objects.get(pk=attempt.pk))

    assert graded.status == again.status == Attempt.Status.GRADED
    assert graded.score == again.score == 3 and graded.passed  # 3 of 4 = 75 %
    assert [i.score for i in attempt.items.all()] == [1, 0, 1, 1]
    assert WrongAnswer.objects.get().question_id == attempt.items.get(position=2).question_id
    assert WrongAnswer.objects.get().times_wrong == 1  # the second submission added nothing


def test_partial_credit_for_multiple_choice(deputy):
    quiz = PlacedQuizFactory(
        questions=[MultipleChoiceQuestionFactory(partial_credit=True)], pass_mark=50
    )
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    answer(attempt, 1, ["视察", "专题调研", "直接处理案件"])  # two right, one wrong, of three

    graded = submit_attempt(attempt=attempt)

    assert graded.items.get().score == Decimal("0.3")  # (2 - 1) / 3 of a point, to a tenth
    assert not graded.passed


def test_blank_answers_are_compared_after_normalising(db):
    assert normalise("　Ｆｉｖｅ，年 ") == normalise("five年")
    question = FillBlankQuestionFactory()
    assert question.fraction({"text": "五"}) == 1
    assert question.fraction({"text": "六"}) == 0
    assert question.fraction(None) == 0


def test_the_time_limit_holds_whatever_the_browser_says(deputy):
    quiz = PlacedQuizFactory(
        questions=[SingleChoiceQuestionFactory(), TrueFalseQuestionFactory()], time_limit_minutes=10
    )
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    answer(attempt, 1, "五年")
    late = attempt.deadline + timedelta(seconds=30)

    item = attempt.items.get(position=2)
    with pytest.raises(QuizError, match="Time is up"):
        save_answer(attempt=attempt, item=item, data=QueryDict(f"{item.field_name}=true"), now=late)

    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED
    assert attempt.items.get(position=2).response is None  # the late answer was not kept
    assert attempt.score == 1


def test_an_abandoned_attempt_is_submitted_when_next_seen(deputy):
    quiz = PlacedQuizFactory(questions=[SingleChoiceQuestionFactory()], time_limit_minutes=5)
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    attempt.refresh_from_db()

    assert expire_if_due(attempt).status == Attempt.Status.GRADED
    # Starting again begins attempt 2, since the first is over.
    assert start_attempt(quiz=quiz, deputy=deputy).number == 2


def test_after_each_question_the_answer_is_judged_and_locked(deputy):
    quiz = PlacedQuizFactory(
        questions=[SingleChoiceQuestionFactory(), TrueFalseQuestionFactory()], show_answers="each"
    )
    attempt = start_attempt(quiz=quiz, deputy=deputy)

    saved = answer(attempt, 1, "三年")

    assert saved.feedback and saved.fraction == 0
    with pytest.raises(QuizError, match="can no longer change"):
        answer(attempt, 1, "五年")
    assert attempt.items.get(position=1).locked


def test_short_answers_wait_for_staff_and_every_grade_change_is_kept(deputy, station_staff):
    quiz = PlacedQuizFactory(
        questions=[SingleChoiceQuestionFactory(), ShortAnswerQuestionFactory()], pass_mark=60
    )
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    answer(attempt, 1, "五年")
    answer(attempt, 2, "先调研，再写明问题和办法。")

    attempt = submit_attempt(attempt=attempt)
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.score is None

    item = attempt.items.get(position=2)
    with pytest.raises(QuizError):
        grade_answer(item=item, score=Decimal(2), comment="", by=station_staff)
    grade_answer(item=item, score=Decimal("0.5"), comment="要写办法", by=station_staff)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.score == Decimal("1.5")
    assert attempt.passed  # 75 %

    grade_answer(item=item, score=Decimal(0), comment="重新评分", by=station_staff)
    attempt.refresh_from_db()
    assert attempt.score == 1 and not attempt.passed  # 50 %
    history = list(GradeChange.objects.values_list("old_score", "new_score", "changed_by"))
    assert history == [
        (None, Decimal("0.5"), station_staff.pk),
        (Decimal("0.5"), Decimal("0.0"), station_staff.pk),
    ]


def test_an_unanswered_short_answer_scores_nothing_without_staff(deputy):
    attempt = start_attempt(
        quiz=PlacedQuizFactory(questions=[ShortAnswerQuestionFactory()]), deputy=deputy
    )
    assert submit_attempt(attempt=attempt).status == Attempt.Status.GRADED


def test_a_started_attempt_cannot_be_graded_by_staff(deputy, station_staff):
    attempt = start_attempt(
        quiz=PlacedQuizFactory(questions=[ShortAnswerQuestionFactory()]), deputy=deputy
    )
    with pytest.raises(QuizError):
        grade_answer(item=attempt.items.get(), score=Decimal(1), comment="", by=station_staff)
    assert not AttemptQuestion.objects.filter(score__isnull=False).exists()
