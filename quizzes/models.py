"""The question bank and quizzes.

A question is polymorphic: the base `Question` holds what every question has (stem, explanation,
difficulty, tags, the law articles it tests), and each type is a subclass that knows how to read
an answer from a form, score it and say what the right answer is (`question_types.py` holds
their behaviour). A quiz is built from chosen questions and random draws; an attempt fixes the
questions drawn, in order, as rows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from polymorphic.managers import PolymorphicManager
from polymorphic.models import PolymorphicModel
from polymorphic.query import PolymorphicQuerySet
from taggit.models import TaggedItemBase
from wagtail.models import Orderable

from .question_types import (
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


class QuizQuerySet(models.QuerySet):
    def with_open(self):
        """Each quiz with `is_open`: placed where deputies may open it (quizzes.access)."""
        from .access import placed

        return self.annotate(
            is_open=models.ExpressionWrapper(placed(), output_field=models.BooleanField())
        )

    def open_to_deputies(self):
        from .access import placed

        return self.filter(placed())


class Quiz(ClusterableModel):
    class ShowAnswers(models.TextChoices):
        AFTER_EACH = "each", _("After each question")
        AFTER_SUBMIT = "submit", _("After submitting")
        AFTER_DUE = "due", _("After the due date")
        NEVER = "never", _("Never")

    class Layout(models.TextChoices):
        ONE_PER_PAGE = "one", _("One question a screen")
        ALL = "all", _("All questions on one page")

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty: no time limit.")
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0: as many as the deputy likes.")
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=60, help_text=_("Percentage of the points needed to pass.")
    )
    show_answers = models.CharField(
        _("show the right answers"),
        max_length=8,
        choices=ShowAnswers.choices,
        default=ShowAnswers.AFTER_SUBMIT,
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    layout = models.CharField(
        _("layout"), max_length=4, choices=Layout.choices, default=Layout.ONE_PER_PAGE
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuizQuerySet.as_manager()

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self):
        return self.title


class QuizQuestion(Orderable):
    """A question chosen by hand for a quiz."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="picks")
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    points = models.DecimalField(_("points"), max_digits=4, decimal_places=1, default=1)

    class Meta(Orderable.Meta):
        verbose_name = _("chosen question")
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "question"],
                name="question_once_per_quiz",
                violation_error_message=_("This question is already chosen."),
            )
        ]


class QuizDraw(Orderable):
    """A random draw: "5 questions from 代表法 chapter 3". Every filter given must match."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="draws")
    count = models.PositiveSmallIntegerField(_("how many"), default=5)
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from category"),
        help_text=_("Its subcategories included."),
    )
    law = models.ForeignKey(
        "materials.LawPage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("testing law"),
    )
    chapter = models.PositiveSmallIntegerField(
        _("chapter"), null=True, blank=True, help_text=_("With a law: its chapter in force.")
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=8, choices=Difficulty.choices, blank=True
    )
    points = models.DecimalField(_("points each"), max_digits=4, decimal_places=1, default=1)

    class Meta(Orderable.Meta):
        verbose_name = _("random draw")
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=1),
                name="draw_at_least_one",
                violation_error_message=_("Draw at least one question."),
            ),
            models.CheckConstraint(
                condition=Q(chapter__isnull=True) | Q(law__isnull=False),
                name="chapter_of_a_law",
                violation_error_message=_("Choose the law whose chapter this is."),
            ),
        ]


class AttemptQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Attempt.Status.IN_PROGRESS)

    def finished(self):
        return self.exclude(status=Attempt.Status.IN_PROGRESS)

    def awaiting_grading(self):
        return self.filter(status=Attempt.Status.SUBMITTED)


class Attempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "open", _("In progress")
        SUBMITTED = "submitted", _("Awaiting grading")
        GRADED = "graded", _("Graded")

    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    passed = models.BooleanField(null=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("attempt")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "deputy", "number"], name="attempt_number"),
            # Two tabs starting at once get one attempt, not two.
            models.UniqueConstraint(
                fields=["quiz", "deputy"],
                condition=Q(status="open"),
                name="one_open_attempt",
            ),
        ]

    def __str__(self):
        return f"{self.deputy} · {self.quiz} #{self.number}"

    @property
    def percent(self):
        if self.score is None or not self.max_score:
            return None
        return round(100 * self.score / self.max_score)


class AttemptQuestion(models.Model):
    """One question of an attempt, in its place, with the deputy's answer and its score."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    points = models.DecimalField(max_digits=4, decimal_places=1, default=1)
    # The answer as the question type reads it (`Question.parse_answer`); None: unanswered.
    response = models.JSONField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Set when the right answer was shown after this question: the answer can no longer change.
    locked = models.BooleanField(default=False)
    # The number of the latest change the deputy made to this answer. The page's script counts
    # its changes per question and sends the number with each answer (kept on the phone until
    # the server has it): an answer whose number is not above this one is a repeat or was
    # overtaken by a later change, and is not saved. A form posted without the script counts
    # one more.
    answer_seq = models.PositiveIntegerField(default=0)
    score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    comment = models.TextField(blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="attempt_position"),
            models.UniqueConstraint(fields=["attempt", "question"], name="attempt_question"),
        ]

    def __str__(self):
        return f"{self.attempt} · {self.position}"

    @property
    def field_name(self) -> str:
        """The answer's name in the form: one per question of the attempt."""
        return f"q{self.pk}"

    @property
    def is_right(self) -> bool | None:
        if self.score is None:
            return None
        return self.score >= self.points


class GradeChange(models.Model):
    """Every change of a staff-given grade: who, when, from what, to what, and why."""

    item = models.ForeignKey(AttemptQuestion, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    old_score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    new_score = models.DecimalField(max_digits=4, decimal_places=1)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.item}: {self.old_score} → {self.new_score}"


class WrongAnswer(models.Model):
    """A question in a deputy's wrong-answer book (错题本), with its place in spaced practice.

    It stays until answered right on `settings.PRACTICE_MASTERY_DAYS` separate days; a wrong
    practice answer starts the count again.
    """

    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.CASCADE, related_name="wrong_answers"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    first_wrong_at = models.DateTimeField(default=timezone.now)
    last_wrong_at = models.DateTimeField()
    times_wrong = models.PositiveSmallIntegerField(default=1)
    due_on = models.DateField()
    right_days = models.PositiveSmallIntegerField(default=0)
    last_right_on = models.DateField(null=True, blank=True)
    mastered_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["deputy", "question"], name="one_wrong_entry")
        ]

    def __str__(self):
        return f"{self.deputy} · {self.question}"


class PracticeAnswer(models.Model):
    """An answer given in practice: kept apart from attempts, so practice never changes an
    exam result."""

    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.CASCADE, related_name="practice_answers"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    response = models.JSONField()
    correct = models.BooleanField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-answered_at"]
        indexes = [models.Index(fields=["deputy", "answered_at"], name="practice_by_day")]

    def __str__(self):
        return f"{self.deputy} · {self.question} · {self.correct}"
