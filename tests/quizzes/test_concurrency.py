"""Fifty deputies submit at the same moment, each from two tabs: every attempt is graded once,
none is lost, on SQLite and on PostgreSQL."""

import threading

import pytest
from django.db import close_old_connections, connection

from deputies.factories import DeputyFactory
from quizzes.models import Attempt, AttemptQuestion, WrongAnswer
from quizzes.services import field_name, save_answer, start_attempt, submit_attempt

from .conftest import make_quiz, single, true_false

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEPUTIES = 50


def test_fifty_attempts_submitted_at_once_are_each_graded_once(station):
    right, wrong = single(), true_false(correct=False)
    quiz = make_quiz(right, wrong, pass_mark=50)
    attempts = []
    for n in range(DEPUTIES):
        deputy = DeputyFactory(station=station, user__mobile=f"1350000{n:04d}")
        attempt = start_attempt(quiz=quiz, deputy=deputy)
        first, second = attempt.items.order_by("position")
        correct = right.options.get(is_correct=True).pk
        save_answer(attempt=attempt, item=first, data={field_name(first): str(correct)})
        save_answer(attempt=attempt, item=second, data={field_name(second): "true"})
        attempts.append(attempt)

    barrier = threading.Barrier(DEPUTIES * 2)
    errors = []

    def submit(attempt):
        try:
            barrier.wait(timeout=30)
            submit_attempt(attempt=Attempt.objects.get(pk=attempt.pk))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    # Two submissions per attempt, as from two tabs, all released together.
    threads = [threading.Thread(target=submit, args=(a,)) for a in attempts for _tab in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()

    assert errors == []
    graded = Attempt.objects.filter(status=Attempt.Status.GRADED)
    assert graded.count() == DEPUTIES
    assert set(graded.values_list("score", flat=True)) == {1}
    assert AttemptQuestion.objects.filter(score__isnull=True).count() == 0
    # Each deputy's wrong answer is in their book once, not twice.
    assert WrongAnswer.objects.count() == DEPUTIES
    assert set(WrongAnswer.objects.values_list("times_wrong", flat=True)) == {1}
