"""Fifty deputies submit at the same moment: every attempt is graded once, none is lost; one
attempt submitted from several tabs at once is graded once; and an answer saved while its attempt
is submitted is either graded or refused, never kept ungraded. On SQLite and on PostgreSQL."""

import threading

import pytest
from django.db import close_old_connections, connection

from courses.factories import PlacedQuizFactory
from deputies.factories import DeputyFactory
from quizzes.factories import SingleChoiceQuestionFactory, TrueFalseQuestionFactory
from quizzes.models import Attempt, AttemptQuestion, WrongAnswer
from quizzes.services import QuizError, save_answer, start_attempt, submit_attempt

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEPUTIES = 50
ROUNDS = 12  # deputies each answering and submitting at once


def test_fifty_attempts_submitted_at_once_are_each_graded_once(station):
    right, wrong = SingleChoiceQuestionFactory(), TrueFalseQuestionFactory(correct=False)
    quiz = PlacedQuizFactory(questions=[right, wrong], pass_mark=50)
    attempts = []
    for n in range(DEPUTIES):
        deputy = DeputyFactory(station=station, user__mobile=f"1350000{n:04d}")
        attempt = start_attempt(quiz=quiz, deputy=deputy)
        first, second = attempt.items.order_by("position")
        correct = right.options.get(is_correct=True).pk
        save_answer(attempt=attempt, item=first, data={first.field_name: str(correct)})
        save_answer(attempt=attempt, item=second, data={second.field_name: "true"})
        attempts.append(attempt)

    assert submit_all_at_once(attempts) == []
    graded = Attempt.objects.filter(status=Attempt.Status.GRADED)
    assert graded.count() == DEPUTIES
    assert set(graded.values_list("score", flat=True)) == {1}
    assert AttemptQuestion.objects.filter(score__isnull=True).count() == 0
    assert WrongAnswer.objects.count() == DEPUTIES
    assert set(WrongAnswer.objects.values_list("times_wrong", flat=True)) == {1}


def test_one_attempt_submitted_from_many_tabs_at_once_is_graded_once(deputy):
    quiz = PlacedQuizFactory(
        questions=[SingleChoiceQuestionFactory(), TrueFalseQuestionFactory(correct=False)]
    )
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    second = attempt.items.get(position=2)
    save_answer(attempt=attempt, item=second, data={second.field_name: "true"})

    assert submit_all_at_once([attempt] * 8) == []

    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.score == 0
    # The wrong answers went into the book once, not once a tab.
    assert list(WrongAnswer.objects.values_list("times_wrong", flat=True)) == [1, 1]


def test_an_answer_saved_while_its_attempt_is_submitted_is_graded_or_refused(station):
    """Each deputy's last answer and their submission leave at the same moment (a tap on the
    last question, then on "Submit", on a slow connection). Whichever the database takes first,
    the attempt is graded once; the answer is in its grade, or it was refused and is not in the
    attempt at all: never written after the grading, where no score would ever count it."""
    question = SingleChoiceQuestionFactory()
    right = str(question.options.get(is_correct=True).pk)
    quiz = PlacedQuizFactory(questions=[question], pass_mark=50)
    pairs = []
    for n in range(ROUNDS):
        deputy = DeputyFactory(station=station, user__mobile=f"1350001{n:04d}")
        attempt = start_attempt(quiz=quiz, deputy=deputy)
        pairs.append((attempt, attempt.items.select_related("question").get()))
    barrier = threading.Barrier(2 * ROUNDS)
    refused, errors = set(), []

    def answer(attempt, item):
        try:
            barrier.wait(timeout=30)
            save_answer(attempt=attempt, item=item, data={item.field_name: right})
        except QuizError:
            refused.add(attempt.pk)
        except Exception as exc:  # asserted below: there are none
            errors.append(exc)
        finally:
            connection.close()

    def submit(attempt):
        try:
            barrier.wait(timeout=30)
            submit_attempt(attempt=Attempt.objects.get(pk=attempt.pk))
        except Exception as exc:  # asserted below: there are none
            errors.append(exc)
        finally:
            connection.close()

    threads = []
    for attempt, item in pairs:
        threads.append(threading.Thread(target=answer, args=(attempt, item)))
        threads.append(threading.Thread(target=submit, args=(attempt,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()

    assert errors == []
    for attempt, item in pairs:
        attempt.refresh_from_db()
        item.refresh_from_db()
        assert attempt.status == Attempt.Status.GRADED
        if attempt.pk in refused:
            assert (item.response, item.score, attempt.passed) == (None, 0, False)
        else:
            assert (item.response, item.score, attempt.passed) == ({"option": int(right)}, 1, True)


def submit_all_at_once(attempts) -> list[Exception]:
    """Submit each attempt from its own thread (its own database connection), all released
    together; return what went wrong."""
    barrier = threading.Barrier(len(attempts))
    errors = []

    def submit(attempt):
        try:
            barrier.wait(timeout=30)
            submit_attempt(attempt=Attempt.objects.get(pk=attempt.pk))
        except Exception as exc:  # the caller asserts there are none
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return errors
