"""Factories shared by the tests and the demo seeding command: questions of each type, quizzes
and attempts.

A question's options and accepted answers are given as its children (`options=[Option(...)]`)
and saved with it. A quiz made here is placed nowhere, so deputies cannot open it: quizzes know
no course. courses.factories.PlacedQuizFactory puts one in a lesson, as deputies meet quizzes.
"""

from decimal import Decimal

import factory
from django.utils import timezone

from deputies.factories import DeputyFactory

from .models import (
    AcceptedAnswer,
    Attempt,
    FillBlankQuestion,
    MultipleChoiceQuestion,
    Option,
    Quiz,
    QuizQuestion,
    ShortAnswerQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)


class SingleChoiceQuestionFactory(factory.django.DjangoModelFactory):
    """代表每届任期几年？ with one right option and three wrong ones, right first."""

    class Meta:
        model = SingleChoiceQuestion

    class Params:
        right = "五年"
        wrong = ("三年", "四年", "十年")

    stem = "代表每届任期几年？"
    explanation = "代表法第二条：每届任期五年。"
    options = factory.LazyAttribute(
        lambda o: [Option(text=o.right, is_correct=True)] + [Option(text=w) for w in o.wrong]
    )


class MultipleChoiceQuestionFactory(factory.django.DjangoModelFactory):
    """Four options, three of them right (the first, second and fourth)."""

    class Meta:
        model = MultipleChoiceQuestion

    stem = "代表在闭会期间可以做哪些事？"
    explanation = "集体活动为主。"
    partial_credit = False
    options = factory.LazyFunction(
        lambda: [
            Option(text="视察", is_correct=True),
            Option(text="专题调研", is_correct=True),
            Option(text="直接处理案件"),
            Option(text="联系选民", is_correct=True),
        ]
    )


class TrueFalseQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrueFalseQuestion

    stem = "乡镇人大代表由选民直接选举。"
    explanation = "选举法规定直接选举。"
    correct = True


class FillBlankQuestionFactory(factory.django.DjangoModelFactory):
    """代表每届任期____年, accepting 五 and 5."""

    class Meta:
        model = FillBlankQuestion

    stem = "代表每届任期____年。"
    explanation = "五年。"
    accepted_answers = factory.LazyFunction(
        lambda: [AcceptedAnswer(text="五"), AcceptedAnswer(text="5")]
    )


class ShortAnswerQuestionFactory(factory.django.DjangoModelFactory):
    """Graded by a person."""

    class Meta:
        model = ShortAnswerQuestion

    stem = "怎样写好一条建议？"
    explanation = "要具体。"
    reference_answer = "问题、原因、办法。"


class QuizFactory(factory.django.DjangoModelFactory):
    """A quiz of `questions`, in the order given, neither they nor their options shuffled,
    placed in no lesson (courses.factories.PlacedQuizFactory places one)."""

    class Meta:
        model = Quiz
        skip_postgeneration_save = True

    title = "代表法小测"
    shuffle_questions = False
    shuffle_options = False

    @factory.post_generation
    def questions(quiz, create, extracted, **kwargs):
        for i, question in enumerate(extracted or ()):
            QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=i)


class AttemptFactory(factory.django.DjangoModelFactory):
    """A graded attempt written directly, dated `submitted_at` (now unless given): for records
    and reports, which read attempts and do not take them. Score out of 4."""

    class Meta:
        model = Attempt

    quiz = factory.SubFactory(QuizFactory)
    deputy = factory.SubFactory(DeputyFactory)
    number = 1
    status = Attempt.Status.GRADED
    passed = True
    score = factory.LazyAttribute(lambda o: Decimal(4 if o.passed else 1))
    max_score = Decimal(4)
    submitted_at = factory.LazyFunction(timezone.now)
    graded_at = factory.LazyAttribute(lambda o: o.submitted_at)
