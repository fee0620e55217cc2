"""The question bank: categories, questions of each type, their options and accepted answers,
and the law articles they test.

A question is polymorphic: the base `Question` holds what every question has (stem, explanation,
difficulty, tags, the law articles it tests), and each type is a subclass that knows how to read
an answer from a form, score it and say what the right answer is (`question_types.py` holds
their behaviour).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from polymorphic.managers import PolymorphicManager
from polymorphic.models import PolymorphicModel
from polymorphic.query import PolymorphicQuerySet
from taggit.models import TaggedItemBase

from common.orderable import Orderable

from ..question_types import (
    BlankBehaviour,
    MultipleChoiceBehaviour,
    ShortAnswerBehaviour,
    SingleChoiceBehaviour,
    TrueFalseBehaviour,
)


class Category(models.Model):
    """A shelf of the question bank; categories nest ("代表法/闭会期间的活动")."""

    name = models.CharField(_("name"), max_length=80)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_category_name"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent=None), name="unique_top_category_name"
            ),
        ]

    def __str__(self):
        return self.path

    @property
    def path(self) -> str:
        names, node = [], self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "/".join(reversed(names))


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MEDIUM = "medium", _("Medium")
    HARD = "hard", _("Hard")


class QuestionQuerySet(PolymorphicQuerySet):
    def ready(self):
        """Questions quizzes may use: not waiting for an editor's review, not retired."""
        return self.filter(status=Question.Status.READY)

    def needs_review(self):
        return self.filter(status=Question.Status.NEEDS_REVIEW)

    def testing_article(self, law, number):
        return self.filter(article_links__law=law, article_links__article=number)


class QuestionTag(TaggedItemBase):
    content_object = ParentalKey("Question", on_delete=models.CASCADE, related_name="tagged_items")


class Question(PolymorphicModel, ClusterableModel):
    class Status(models.TextChoices):
        READY = "ready", _("Ready")
        NEEDS_REVIEW = "review", _("Needs review")
        RETIRED = "retired", _("Retired")

    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("category"),
    )
    # Moodle's ::title::, kept so that a GIFT export writes it back and a report names it.
    title = models.CharField(_("title"), max_length=255, blank=True)
    stem = models.TextField(_("question"))
    explanation = models.TextField(
        _("explanation"), help_text=_("Why the right answer is right, shown after answering.")
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=8, choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    tags = ClusterTaggableManager(through=QuestionTag, blank=True, verbose_name=_("tags"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.READY
    )
    review_reason = models.TextField(
        _("why it needs review"), blank=True, help_text=_("Filled in when a law changes.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PolymorphicManager.from_queryset(QuestionQuerySet)()

    # Set by each type: does the platform score it, or do staff?
    auto_graded = True

    class Meta:
        verbose_name = _("question")
        ordering = ["pk"]

    def __str__(self):
        return self.stem[:60]

    @property
    def type_label(self) -> str:
        return self._meta.verbose_name

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY


class QuestionArticle(Orderable):
    """A law article the question tests, by law and number as lessons quote them: a newer
    version that changes or removes the article flags the question for review."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="article_links")
    law = models.ForeignKey(
        "materials.LawPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("law")
    )
    article = models.PositiveSmallIntegerField(_("article number"))

    class Meta(Orderable.Meta):
        verbose_name = _("article tested")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "law", "article"], name="one_link_per_article"
            )
        ]
        # A new version of a law looks up the questions testing each changed article.
        indexes = [models.Index(fields=["law", "article"], name="questions_by_article")]

    def __str__(self):
        return f"{self.law} {self.article}"


class Option(Orderable):
    """A choice of a single- or multiple-choice question."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)
    # Moodle's weights: a share of the points, negative for a penalty. Empty: the question
    # scores by right and wrong options alone.
    weight = models.DecimalField(
        _("weight (%)"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    feedback = models.TextField(
        _("feedback"), blank=True, help_text=_("Shown to whoever chose this option.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("option")

    def __str__(self):
        return self.text


class AcceptedAnswer(Orderable):
    """One accepted answer of a fill-in-the-blank question."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="accepted_answers")
    text = models.CharField(
        _("accepted answer"), max_length=200, help_text=_("* stands for any characters.")
    )
    credit = models.DecimalField(_("credit (%)"), max_digits=8, decimal_places=5, default=100)
    feedback = models.TextField(
        _("feedback"), blank=True, help_text=_("Shown to whoever gave this answer.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("accepted answer")

    def __str__(self):
        return self.text


class SingleChoiceQuestion(SingleChoiceBehaviour, Question):
    class Meta:
        verbose_name = _("single choice")


class MultipleChoiceQuestion(MultipleChoiceBehaviour, Question):
    partial_credit = models.BooleanField(
        _("partial credit"),
        default=False,
        help_text=_(
            "Score each right choice, less each wrong one; otherwise only a fully right "
            "answer scores."
        ),
    )

    class Meta:
        verbose_name = _("multiple choice")


class TrueFalseQuestion(TrueFalseBehaviour, Question):
    correct = models.BooleanField(_("the statement is true"))
    feedback_true = models.TextField(_("feedback on the answer true"), blank=True)
    feedback_false = models.TextField(_("feedback on the answer false"), blank=True)

    class Meta:
        verbose_name = _("true or false")


class FillBlankQuestion(BlankBehaviour, Question):
    class Meta:
        verbose_name = _("fill in the blank")


class ShortAnswerQuestion(ShortAnswerBehaviour, Question):
    reference_answer = models.TextField(
        _("reference answer"), help_text=_("What a good answer covers: guidance for graders.")
    )

    auto_graded = False

    class Meta:
        verbose_name = _("short answer")
