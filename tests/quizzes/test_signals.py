"""`quiz_passed` is sent inside the grading transaction (quizzes/signals.py): a listener that
fails takes the grading back with it, so an attempt is never passed while what its listeners
write (the course it completes) is missing."""

import pytest

from quizzes.factories import QuizFactory, ShortAnswerQuestionFactory, SingleChoiceQuestionFactory
from quizzes.models import Attempt
from quizzes.services import grade_answer, save_answer, start_attempt, submit_attempt
from quizzes.signals import quiz_passed


class ListenerFailed(Exception):
    pass


@pytest.fixture
def failing_listener():
    def receiver(sender, **kwargs):
        raise ListenerFailed

    quiz_passed.connect(receiver, dispatch_uid="test-failing-listener")
    yield
    quiz_passed.disconnect(dispatch_uid="test-failing-listener")


def answer_right(attempt):
    item = attempt.items.get()
    option = item.question.get_real_instance().options.get(is_correct=True)
    save_answer(attempt=attempt, item=item, data={item.field_name: str(option.pk)})


def test_a_failing_listener_leaves_the_attempt_open_to_submit_again(deputy, failing_listener):
    quiz = QuizFactory(questions=[SingleChoiceQuestionFactory()])
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    answer_right(attempt)

    with pytest.raises(ListenerFailed):
        submit_attempt(attempt=attempt)

    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.status == Attempt.Status.IN_PROGRESS and not attempt.passed
    assert attempt.items.get().score is None

    quiz_passed.disconnect(dispatch_uid="test-failing-listener")
    assert submit_attempt(attempt=attempt).passed  # the deputy's second try goes through


def test_a_failing_listener_takes_back_the_grade_that_passed_it(
    deputy, station_staff, failing_listener
):
    quiz = QuizFactory(questions=[ShortAnswerQuestionFactory()])
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    item = attempt.items.get()
    save_answer(attempt=attempt, item=item, data={item.field_name: "问题、原因、办法。"})
    submit_attempt(attempt=attempt)  # awaits grading: not passed yet, nothing sent

    with pytest.raises(ListenerFailed):
        grade_answer(item=item, score=item.points, comment="好", by=station_staff)

    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.status == Attempt.Status.SUBMITTED and not attempt.passed
    assert attempt.items.get().score is None and not item.changes.exists()
