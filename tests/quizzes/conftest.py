import json

import pytest
from wagtail.models import Site

from courses.models import CourseIndexPage, CoursePage, LessonPage
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


def make_quiz(*questions, placed=True, **fields):
    """A quiz of these questions. `placed`: in a live lesson of its own live course, as
    deputies meet quizzes (one that is placed nowhere cannot be opened by them)."""
    fields.setdefault("shuffle_questions", False)
    fields.setdefault("shuffle_options", False)
    quiz = Quiz.objects.create(title="代表法小测", **fields)
    for i, question in enumerate(questions):
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=i)
    if placed:
        place_in_lesson(quiz)
    return quiz


def place_in_lesson(quiz) -> LessonPage:
    """Put the quiz in a live lesson, of a live course of its own (under the course list, made
    if there is none yet)."""
    index = CourseIndexPage.objects.first()
    if index is None:
        root = Site.objects.get(is_default_site=True).root_page
        index = root.add_child(instance=CourseIndexPage(title="测验课程", slug="quiz-courses"))
    home = index.add_child(
        instance=CoursePage(title=f"测验 {quiz.pk}", slug=f"quiz-{quiz.pk}", summary="测验。")
    )
    body = [{"type": "quiz", "value": {"quiz": str(quiz.pk), "intro": ""}}]
    return home.add_child(
        instance=LessonPage(
            title=quiz.title, slug=f"quiz-{quiz.pk}", estimated_minutes=5, body=json.dumps(body)
        )
    )


@pytest.fixture
def quiz(course_index):  # noqa: F811 (the quiz's lesson goes under the course list)
    """Four auto-graded questions of four types, in order, answers shown after submitting."""
    return make_quiz(single(), multiple(), true_false(), blank(), pass_mark=75)
