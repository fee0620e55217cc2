"""Questions in: `import_questions` stores what a reader in `quizzes.formats` read, each question
checked as the bank would check it, with its category and law articles looked up once; what
cannot be stored is reported and the import goes on."""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from common.numerals import law_number
from materials.models import LawPage, LawVersion
from materials.services import find_law

from ..formats import CHOICE_TYPES, TYPES, UNIT_LABELS, ParsedQuestion, ParseReport, Skipped
from ..formats.fields import category_path
from ..models import (
    AcceptedAnswer,
    Category,
    FillBlankQuestion,
    MultipleChoiceQuestion,
    Option,
    Question,
    QuestionArticle,
    ShortAnswerQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)

MODELS = {
    "single": SingleChoiceQuestion,
    "multiple": MultipleChoiceQuestion,
    "truefalse": TrueFalseQuestion,
    "blank": FillBlankQuestion,
    "short": ShortAnswerQuestion,
}
MISSING = object()  # a category path not in the bank yet
SAME = {
    "line": gettext_lazy("the same question as on line %(line)d"),
    "row": gettext_lazy("the same question as on row %(line)d"),
    "item": gettext_lazy("the same question as item %(line)d"),
}


class Unusable(Exception):
    """A question that cannot be stored as it is: it is reported, and the import goes on."""

    def __init__(self, reason: str, *, duplicate: bool = False):
        super().__init__(reason)
        self.reason, self.duplicate = reason, duplicate


@dataclass
class ImportResult:
    unit: str
    dry_run: bool = False
    created: Counter = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    # Stored without an explanation, or a short answer without its reference answer: they wait
    # for an editor, and quizzes leave them out until then.
    needs_review: int = 0

    @property
    def total(self) -> int:
        return sum(self.created.values())

    @property
    def unit_label(self) -> str:
        return UNIT_LABELS[self.unit]

    @property
    def rejected(self) -> list[Skipped]:
        """What was left out for a mistake, rather than because the bank already has it."""
        return [item for item in self.skipped if not item.duplicate]

    @property
    def duplicates(self) -> int:
        return len(self.skipped) - len(self.rejected)

    def counts(self) -> list[tuple[str, int]]:
        """(type name, how many), for each type stored, in the bank's order."""
        return [
            (MODELS[key]._meta.verbose_name, self.created[key])
            for key in TYPES
            if self.created[key]
        ]


@transaction.atomic
def import_questions(*, report: ParseReport, dry_run: bool = False) -> ImportResult:
    """Store the questions of a read file, each with its options or answers, tags and the law
    articles it tests, creating the categories along each path as needed.

    One question is skipped and reported, and the others stored, when its law is not in the
    library or the law's version in force has no such article (a law without imported text
    accepts any number), when the model refuses a value, or when the bank already has a
    question of the same type, text and category: a file imported twice is stored once.
    With `dry_run` nothing is kept, and the result tells what would have been stored."""
    result = ImportResult(unit=report.unit, dry_run=dry_run, skipped=list(report.skipped))
    laws, categories = LawArticles(), CategoryPaths()
    first_seen: dict[tuple, int] = {}
    for parsed in report.questions:
        try:
            problems = parsed.problems()
            if problems:
                raise Unusable("；".join(problems))
            links = laws.links(parsed.articles)
            question = _build(parsed)
            path = category_path(parsed.category)
            category = categories.find(path)
            key = (parsed.type, question.stem, path)
            if key in first_seen:
                raise Unusable(SAME[report.unit] % {"line": first_seen[key]}, duplicate=True)
            first_seen[key] = parsed.line
            if category is not MISSING and _in_bank(question, category):
                raise Unusable(_("already in the bank"), duplicate=True)
        except Unusable as unusable:
            result.skipped.append(
                Skipped(parsed.line, unusable.reason, unusable.duplicate, title=parsed.title)
            )
            continue
        question.category = categories.make(path)
        question.article_links = links
        question.save()
        result.created[parsed.type] += 1
        result.needs_review += question.status == Question.Status.NEEDS_REVIEW
    result.skipped.sort(key=lambda item: item.line)
    if dry_run:
        transaction.set_rollback(True)
    return result


def _build(parsed: ParsedQuestion) -> Question:
    """The question, unsaved, with its options or answers and tags, checked as the models
    check them. Missing words a deputy would read make it wait for review."""
    question = MODELS[parsed.type](
        title=parsed.title.strip(),
        stem=parsed.stem.strip(),
        explanation=parsed.explanation.strip(),
        difficulty=parsed.difficulty,
        **_type_fields(parsed),
    )
    missing = [
        name for name in ("explanation", "reference_answer") if getattr(question, name, None) == ""
    ]
    if missing:
        question.status = Question.Status.NEEDS_REVIEW
        # Stored in the site's language, as editors read it (as quizzes.review does).
        with translation.override(settings.LANGUAGE_CODE):
            question.review_reason = (
                _("Imported without a reference answer: add it, then mark the question ready.")
                if "reference_answer" in missing
                else _("Imported without an explanation: add it, then mark the question ready.")
            )
    _check(question, exclude=["category", *missing])
    weights, feedback = _per_answer(parsed)
    if parsed.type in CHOICE_TYPES:
        question.options = [
            _checked(
                Option(
                    text=text.strip(),
                    is_correct=right,
                    weight=weights[i],
                    feedback=feedback[i],
                    sort_order=i,
                )
            )
            for i, (text, right) in enumerate(parsed.options)
        ]
    if parsed.type == "blank":
        question.accepted_answers = [
            _checked(
                AcceptedAnswer(
                    text=text.strip(),
                    credit=100 if weights[i] is None else weights[i],
                    feedback=feedback[i],
                    sort_order=i,
                )
            )
            for i, text in enumerate(parsed.accepted)
        ]
    longest = Tag._meta.get_field("name").max_length
    if any(len(tag) > longest for tag in parsed.tags):
        raise Unusable(_("a tag is longer than %(count)d characters") % {"count": longest})
    question.tags.add(*parsed.tags)
    return question


def _per_answer(parsed: ParsedQuestion) -> tuple[list, list[str]]:
    """The weight and the feedback of each option or accepted answer, None and "" where the
    file gives none; a question without options or answers has none."""
    if parsed.type == "truefalse":  # its feedback is the question's own (TYPE_FIELDS)
        return [], []
    count = len(parsed.options or parsed.accepted)
    if len(parsed.weights) > count or len(parsed.feedback) > count:
        raise Unusable(_("more weights or feedback than answers"))
    weights = parsed.weights + [None] * (count - len(parsed.weights))
    return weights, [text.strip() for text in parsed.feedback] + [""] * (
        count - len(parsed.feedback)
    )


# The fields of each type beyond the base question's.
TYPE_FIELDS = {
    "multiple": lambda parsed: {"partial_credit": parsed.partial_credit},
    "truefalse": lambda parsed: {
        "correct": parsed.answer,
        "feedback_true": (parsed.feedback or ["", ""])[0].strip(),
        "feedback_false": (parsed.feedback or ["", ""])[-1].strip(),
    },
    "short": lambda parsed: {"reference_answer": (parsed.answer or "").strip()},
}


def _type_fields(parsed: ParsedQuestion) -> dict:
    return TYPE_FIELDS[parsed.type](parsed) if parsed.type in TYPE_FIELDS else {}


def _checked(child):
    _check(child, exclude=["question"])
    return child


def _check(instance, *, exclude: list[str]) -> None:
    try:
        # Uniqueness is the import's own business (a question already in the bank is skipped).
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        messages = [
            message
            if name == "__all__"
            else f"{instance._meta.get_field(name).verbose_name}: {message}"
            for name, errors in exc.message_dict.items()
            for message in errors
        ]
        raise Unusable("；".join(messages)) from exc


def _in_bank(question: Question, category: Category | None) -> bool:
    return type(question).objects.filter(stem=question.stem, category=category).exists()


class LawArticles:
    """The law articles a file names, looked up in the library once per law."""

    def __init__(self):
        self.laws: dict[str, LawPage | Unusable] = {}
        self.numbers: dict[int, set[int] | None] = {}

    def links(self, references: list[tuple[str, int]]) -> list[QuestionArticle]:
        links = {}
        for name, number in references:
            law = self.law(name)
            numbers = self.article_numbers(law)
            if numbers is not None and number not in numbers:
                raise Unusable(
                    _("%(law)s has no article %(number)s in its version in force")
                    % {"law": law.short_name, "number": law_number(number)}
                )
            if (law.pk, number) not in links:
                links[law.pk, number] = QuestionArticle(
                    law=law, article=number, sort_order=len(links)
                )
        return list(links.values())

    def law(self, name: str) -> LawPage:
        if name not in self.laws:
            self.laws[name] = _find_law(name)
        found = self.laws[name]
        if isinstance(found, Unusable):
            raise found
        return found

    def article_numbers(self, law: LawPage) -> set[int] | None:
        """The article numbers of the version in force; None for a law without text."""
        if law.pk not in self.numbers:
            version = LawVersion.objects.current().filter(law=law).first()
            self.numbers[law.pk] = (
                set(version.articles.values_list("number", flat=True)) if version else None
            )
        return self.numbers[law.pk]


def _find_law(name: str) -> LawPage | Unusable:
    """A law by its URL name (slug), short name or title, as the library names it."""
    law = LawPage.objects.filter(slug=name).first()
    if law is not None:
        return law
    named = list(LawPage.objects.filter(short_name=name)[:2])
    if len(named) > 1:
        return Unusable(_("several laws are called “%(law)s”: use its URL name") % {"law": name})
    law = named[0] if named else find_law(name)
    if law is None:
        return Unusable(
            _("the law “%(law)s” is not in the law library: use its short name or URL name")
            % {"law": name}
        )
    return law


class CategoryPaths:
    """Categories by their path ("代表法/代表的权利"), looked up once, created when needed."""

    def __init__(self):
        self.known: dict[str, Category] = {}

    def find(self, path: str):
        """The category, None for no path, or MISSING if the bank does not have it yet."""
        for name in path.split("/") if path else []:
            _check(Category(name=name), exclude=["parent"])
        return self._walk(path, create=False)

    def make(self, path: str) -> Category | None:
        return self._walk(path, create=True)

    def _walk(self, path: str, *, create: bool):
        node, parts = None, path.split("/") if path else []
        for depth, name in enumerate(parts, start=1):
            here = "/".join(parts[:depth])
            if here not in self.known:
                found = Category.objects.filter(parent=node, name=name).first()
                if found is None and not create:
                    return MISSING
                if found is None:
                    found = Category(parent=node, name=name)
                    found.save()
                self.known[here] = found
            node = self.known[here]
        return node
