"""Reads of quizzes and attempts for the pages that show them, in a fixed number of queries."""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from materials.models import Article

from .models import Attempt, Question, QuestionArticle, Quiz


def own_attempt(deputy, pk) -> Attempt:
    """The deputy's attempt, or 404: nobody sees another deputy's attempt this way."""
    attempt = Attempt.objects.select_related("quiz").filter(pk=pk, deputy=deputy).first()
    if attempt is None:
        raise Http404("No such attempt")
    return attempt


def attempts_at(quiz: Quiz, deputy) -> list[Attempt]:
    return list(Attempt.objects.filter(quiz=quiz, deputy=deputy).order_by("number"))


def specific_questions(ids) -> dict[int, Question]:
    """The questions by id as their own types, options and accepted answers fetched: one query
    for the base rows, one per type present, one each for options and accepted answers."""
    return {
        q.pk: q
        for q in Question.objects.filter(pk__in=ids).prefetch_related("options", "accepted_answers")
    }


def attempt_items(attempt: Attempt, *, only=None) -> list:
    """The attempt's questions in order (or only the item with the pk `only`), each item
    carrying its specific `question`, the `options` in the order this deputy sees them, and its
    form field `name`."""
    from .services import field_name

    items = list(attempt.items.filter(pk=only) if only else attempt.items.all())
    questions = specific_questions([item.question_id for item in items])
    shuffle = attempt.quiz.shuffle_options
    for item in items:
        item.question = questions[item.question_id]
        item.name = field_name(item)
        ordered = getattr(item.question, "ordered_options", None)
        item.options = ordered(seed=item.pk if shuffle else None) if ordered else []
        item.seed = item.pk if shuffle else None
    return items


def answers_shown(attempt: Attempt, today=None) -> bool:
    """Whether the result may show the right answers and explanations, by the quiz's rule."""
    rule = attempt.quiz.show_answers
    if attempt.status == Attempt.Status.IN_PROGRESS or rule == Quiz.ShowAnswers.NEVER:
        return False
    if rule == Quiz.ShowAnswers.AFTER_DUE and attempt.quiz.due_date:
        return (today or timezone.localdate()) > attempt.quiz.due_date
    return True


def attach_articles(items: list) -> None:
    """Give each item `articles`: the law articles its question tests, with their text in force
    (or, for a law whose text is not imported, just the law and number). Three queries."""
    links = list(
        QuestionArticle.objects.filter(question_id__in={i.question_id for i in items})
        .select_related("law")
        .order_by("sort_order", "pk")
    )
    wanted = Q()
    for link in links:
        wanted |= Q(version__law_id=link.law_id, number=link.article)
    found = {}
    if links:
        found = {
            (a.version.law_id, a.number): a
            for a in Article.objects.current()
            .filter(wanted)
            .select_related("version")
            .prefetch_related("parts")
        }
    for item in items:
        item.articles = [
            {"link": link, "text": found.get((link.law_id, link.article))}
            for link in links
            if link.question_id == item.question_id
        ]


def result_items(attempt: Attempt, *, only=None) -> list:
    """The attempt's questions for the result page: the deputy's answer in words, the right
    answer and the articles, and whether it was right."""
    items = attempt_items(attempt, only=only)
    attach_articles(items)
    for item in items:
        question = item.question
        item.given = question.answer_text(item.response, seed=item.seed)
        item.right_answer = question.right_answer_text(seed=item.seed)
    return items
