import pytest

from quizzes.factories import (
    FillBlankQuestionFactory,
    MultipleChoiceQuestionFactory,
    QuizFactory,
    SingleChoiceQuestionFactory,
    TrueFalseQuestionFactory,
)


@pytest.fixture
def quiz(course_index):
    """Four auto-graded questions of four types, in order, answers shown after submitting."""
    return QuizFactory(
        questions=[
            SingleChoiceQuestionFactory(),
            MultipleChoiceQuestionFactory(),
            TrueFalseQuestionFactory(),
            FillBlankQuestionFactory(),
        ],
        pass_mark=75,
    )
