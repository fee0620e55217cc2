"""Questions out: `export_questions_xlsx` writes questions in the template's layout,
`export_questions_gift` as Moodle's GIFT, each of which reads back to the same questions."""

from collections import Counter
from decimal import Decimal

from materials.models import LawPage

from ..formats import ParsedQuestion
from ..formats.gift import write_gift
from ..formats.xlsx import write_questions_xlsx
from ..models import Category, Question
from ..selectors import category_paths, category_tree_ids
from .importer import MODELS

TYPE_OF = {model: key for key, model in MODELS.items()}


def questions_for_export(category: Category | None = None):
    """The questions in use (retired ones left out), or those of one category and its
    subcategories, with everything the export writes."""
    questions = Question.objects.exclude(status=Question.Status.RETIRED)
    if category is not None:
        questions = questions.filter(category__in=category_tree_ids(category.pk))
    return questions.prefetch_related(
        "options", "accepted_answers", "tags", "article_links"
    ).order_by("category", "pk")


def export_questions_xlsx(questions) -> bytes:
    """The questions in the template's layout: importing the file into an empty bank makes the
    same questions again, and into the same bank adds nothing."""
    paths = category_paths()
    labels = law_labels()
    return write_questions_xlsx([_parsed(q, paths=paths, labels=labels) for q in questions])


def export_questions_gift(questions) -> str:
    """The questions as Moodle's GIFT, with their titles, weights and feedback, and their
    difficulty, articles and a short answer's reference answer in comments: importing the text
    gives the same questions."""
    paths = category_paths()
    labels = law_labels()
    return write_gift([_parsed(q, paths=paths, labels=labels) for q in questions])


ANSWERS = {"truefalse": lambda q: q.correct, "short": lambda q: q.reference_answer}
HUNDRED = Decimal(100)


def _answer_details(question: Question, kind: str) -> tuple[list, list[str]]:
    """The weights and the feedback of the question's options, accepted answers or truth, as
    `ParsedQuestion` has them: empty lists where there are none."""
    if kind == "truefalse":
        feedback = [question.feedback_true, question.feedback_false]
        return [], feedback if any(feedback) else []
    options, accepted = list(question.options.all()), list(question.accepted_answers.all())
    weights = [o.weight for o in options] or [
        None if a.credit == HUNDRED else a.credit for a in accepted
    ]
    feedback = [a.feedback for a in options or accepted]
    return (
        weights if any(w is not None for w in weights) else [],
        feedback if any(feedback) else [],
    )


def _parsed(question: Question, *, paths: dict, labels: dict) -> ParsedQuestion:
    kind = TYPE_OF[type(question)]
    weights, feedback = _answer_details(question, kind)
    return ParsedQuestion(
        type=kind,
        title=question.title,
        weights=weights,
        feedback=feedback,
        stem=question.stem,
        options=[(o.text, o.is_correct) for o in question.options.all()],
        answer=ANSWERS[kind](question) if kind in ANSWERS else None,
        accepted=[a.text for a in question.accepted_answers.all()],
        explanation=question.explanation,
        difficulty=question.difficulty,
        category=paths.get(question.category_id, ""),
        tags=sorted(tag.name for tag in question.tags.all()),
        articles=[(labels[link.law_id], link.article) for link in question.article_links.all()],
        partial_credit=getattr(question, "partial_credit", False),
    )


def law_labels() -> dict[int, str]:
    """How the export names each law: its short name, or its URL name where two laws share a
    short name."""
    laws = list(LawPage.objects.values_list("pk", "short_name", "slug"))
    shared = Counter(short for _pk, short, _slug in laws)
    return {pk: short if shared[short] == 1 else slug for pk, short, slug in laws}
