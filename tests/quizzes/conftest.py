import pytest

from courses.factories import PlacedQuizFactory
from quizzes.factories import (
    FillBlankQuestionFactory,
    MultipleChoiceQuestionFactory,
    SingleChoiceQuestionFactory,
    TrueFalseQuestionFactory,
)


@pytest.fixture
def quiz(course_index):
    """Four auto-graded questions of four types, in order, answers shown after submitting."""
    return PlacedQuizFactory(
        questions=[
            SingleChoiceQuestionFactory(),
            MultipleChoiceQuestionFactory(),
            TrueFalseQuestionFactory(),
            FillBlankQuestionFactory(),
        ],
        pass_mark=75,
    )
