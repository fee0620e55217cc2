"""Reads of the question bank that span relations: the questions a draw picks from, the
category tree, where a question is used."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from materials.models import Article

from .models import (
    AttemptQuestion,
    Category,
    Question,
    QuestionArticle,
    Quiz,
    QuizDraw,
    QuizQuestion,
)


def _category_children() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    return children


def _subtree(category_id: int, children) -> list[int]:
    found, todo = [], [category_id]
    while todo:
        pk = todo.pop()
        found.append(pk)
        todo.extend(children.get(pk, ()))
    return found


def category_tree_ids(category_id: int) -> list[int]:
    """The category and all its subcategories, at any depth, in one query: the tree is
    small, so it is read whole and walked here rather than joined level by level."""
    return _subtree(category_id, _category_children())


def category_paths() -> dict[int, str]:
    """Every category's path ("代表法/闭会期间的活动") by id, in one query."""
    rows = {
        pk: (name, parent_id)
        for pk, name, parent_id in Category.objects.values_list("pk", "name", "parent_id")
    }
    paths: dict[int, str] = {}

    def path(pk):
        if pk not in paths:
            name, parent_id = rows[pk]
            paths[pk] = f"{path(parent_id)}/{name}" if parent_id in rows else name
        return paths[pk]

    for pk in rows:
        path(pk)
    return paths


def _draw_filter(draw: QuizDraw, children) -> Q:
    """What a question must be to fit the draw, besides ready."""
    fits = Q()
    if draw.category_id:
        fits &= Q(category_id__in=_subtree(draw.category_id, children))
    if draw.law_id:
        links = QuestionArticle.objects.filter(law_id=draw.law_id)
        if draw.chapter is not None:
            numbers = Article.objects.current().filter(
                version__law_id=draw.law_id, chapter__number=draw.chapter
            )
            links = links.filter(article__in=numbers.values("number"))
        fits &= Q(pk__in=links.values("question_id"))
    if draw.difficulty:
        fits &= Q(difficulty=draw.difficulty)
    return fits


def draw_candidates(draw: QuizDraw) -> QuerySet[Question]:
    """The ready questions a random draw may pick from: every filter the draw sets must match.

    - category: the category or any of its subcategories;
    - law: questions with an article link to that law;
    - law and chapter: links whose article number is in that chapter of the version in force
      (a law without imported text has no chapters, so nothing matches);
    - difficulty.

    One query to read the category tree when the draw has a category; the questions are a
    lazy queryset without joins, so it never repeats a question.
    """
    children = _category_children() if draw.category_id else {}
    return Question.objects.ready().filter(_draw_filter(draw, children))


def draw_pool_sizes(draws) -> list[tuple[QuizDraw, int]]:
    """Each draw with how many questions it can pick from, in two queries however many draws
    (the category tree, then one count per draw in a single aggregate)."""
    draws = list(draws)
    if not draws:
        return []
    children = _category_children() if any(draw.category_id for draw in draws) else {}
    counts = Question.objects.ready().aggregate(
        **{
            f"draw_{i}": Count("pk", filter=_draw_filter(draw, children) or None)
            for i, draw in enumerate(draws)
        }
    )
    return [(draw, counts[f"draw_{i}"]) for i, draw in enumerate(draws)]


def question_usage(question: Question) -> dict[str, int]:
    """How many attempts and quizzes use the question: either keeps it from being deleted."""
    return {
        "attempts": AttemptQuestion.objects.filter(question=question).count(),
        "quizzes": QuizQuestion.objects.filter(question=question).values("quiz").distinct().count(),
    }


def quizzes_with_question_counts() -> QuerySet[Quiz]:
    """Every quiz with `question_count`: the questions it chooses plus those its draws ask for,
    counted in the same query."""
    picks = (
        QuizQuestion.objects.filter(quiz=OuterRef("pk"))
        .values("quiz")
        .annotate(n=Count("pk"))
        .values("n")
    )
    drawn = (
        QuizDraw.objects.filter(quiz=OuterRef("pk"))
        .values("quiz")
        .annotate(n=Sum("count"))
        .values("n")
    )
    return Quiz.objects.annotate(
        question_count=Coalesce(Subquery(picks, output_field=IntegerField()), 0)
        + Coalesce(Subquery(drawn, output_field=IntegerField()), 0)
    )
