"""Questions, categories and law texts for the question bank's tests (admin, review, draws).

Test modules import the fixtures they use from here (`from .fixtures_bank import
categories_fixture`); the functions are named apart from their fixtures so that a test's
parameter does not shadow the import.
"""

import pytest

from materials.lawtext import parse_law
from materials.services import import_law
from quizzes.models import (
    AcceptedAnswer,
    Category,
    FillBlankQuestion,
    Option,
    Question,
    QuestionArticle,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from tests.materials.texts import AMENDED, SAMPLE


def make_question(
    stem="代表每届任期几年？",
    *,
    category=None,
    difficulty="medium",
    status=Question.Status.READY,
    review_reason="",
    cites=(),
):
    """A single-choice question citing `cites`: (law, article number) pairs."""
    question = SingleChoiceQuestion(
        stem=stem,
        explanation="代表法第二条。",
        category=category,
        difficulty=difficulty,
        status=status,
        review_reason=review_reason,
    )
    question.options = [Option(text="五年", is_correct=True), Option(text="三年")]
    question.article_links = [QuestionArticle(law=law, article=number) for law, number in cites]
    question.save()
    return question


def make_true_false(stem="乡镇人大代表由选民直接选举。", **fields):
    return TrueFalseQuestion.objects.create(
        stem=stem, explanation="选举法。", correct=True, **fields
    )


def make_blank(stem="代表每届任期____年。", **fields):
    question = FillBlankQuestion(stem=stem, explanation="五年。", **fields)
    question.accepted_answers = [AcceptedAnswer(text="五")]
    question.save()
    return question


@pytest.fixture(name="sample_law")
def sample_law_fixture(db):
    """A small law imported once (SAMPLE, in force from 2024-06-30)."""
    return import_law(parsed=parse_law(SAMPLE), source_name="sample.md").version.law


@pytest.fixture(name="amended_law")
def amended_law_fixture(sample_law):
    """The same law with its amendment imported too (AMENDED, in force from 2025-01-01):
    article 1 reworded, 3 became 4, 4 removed, a new 3 added, 2, 5 and 6 unchanged."""
    import_law(parsed=parse_law(AMENDED), source_name="amended.md")
    return sample_law


@pytest.fixture(name="categories")
def categories_fixture(db):
    """代表法 with 闭会期间 and its child 视察, and a separate 选举法."""
    law = Category.objects.create(name="代表法")
    recess = Category.objects.create(name="闭会期间", parent=law)
    visits = Category.objects.create(name="视察", parent=recess)
    election = Category.objects.create(name="选举法")
    return {"law": law, "recess": recess, "visits": visits, "election": election}
