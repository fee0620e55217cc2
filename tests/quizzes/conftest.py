import pytest

from quizzes.models import (
    AcceptedAnswer,
    FillBlankQuestion,
    MultipleChoiceQuestion,
    Option,
    Quiz,
    QuizQuestion,
    ShortAnswerQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from tests.courses.conftest import course, course_index  # noqa: F401 (fixtures)


def single(stem="代表每届任期几年？", right="五年", wrong=("三年", "四年", "十年")):
    question = SingleChoiceQuestion(stem=stem, explanation="代表法第二条：每届任期五年。")
    question.options = [Option(text=right, is_correct=True)] + [Option(text=w) for w in wrong]
    question.save()
    return question


def multiple(partial=False):
    question = MultipleChoiceQuestion(
        stem="代表在闭会期间可以做哪些事？", explanation="集体活动为主。", partial_credit=partial
    )
    question.options = [
        Option(text="视察", is_correct=True),
        Option(text="专题调研", is_correct=True),
        Option(text="直接处理案件"),
        Option(text="联系选民", is_correct=True),
    ]
    question.save()
    return question


def true_false(correct=True):
    return TrueFalseQuestion.objects.create(
        stem="乡镇人大代表由选民直接选举。", explanation="选举法规定直接选举。", correct=correct
    )


def blank():
    question = FillBlankQuestion(stem="代表每届任期____年。", explanation="五年。")
    question.accepted_answers = [AcceptedAnswer(text="五"), AcceptedAnswer(text="5")]
    question.save()
    return question


def short():
    return ShortAnswerQuestion.objects.create(
        stem="怎样写好一条建议？", explanation="要具体。", reference_answer="问题、原因、办法。"
    )


def make_quiz(*questions, **fields):
    fields.setdefault("shuffle_questions", False)
    fields.setdefault("shuffle_options", False)
    quiz = Quiz.objects.create(title="代表法小测", **fields)
    for i, question in enumerate(questions):
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=i)
    return quiz


@pytest.fixture
def quiz(db):
    """Four auto-graded questions of four types, in order, answers shown after submitting."""
    return make_quiz(single(), multiple(), true_false(), blank(), pass_mark=75)
