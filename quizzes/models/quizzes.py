"""Quizzes and what deputies do with them: a quiz is built from chosen questions and random
draws; an attempt fixes the questions drawn, in order, as rows; grade changes, the wrong-answer
book and daily practice keep what each deputy answered.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from common.orderable import Orderable

from .bank import Category, Difficulty, Question


class QuizQuerySet(models.QuerySet):
    def with_open(self):
        """Each quiz with `is_open`: placed where deputies may open it (quizzes.access)."""
        from ..access import placed

        return self.annotate(
            is_open=models.ExpressionWrapper(placed(), output_field=models.BooleanField())
        )

    def open_to_deputies(self):
        from ..access import placed

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
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    @property
    def is_graded(self) -> bool:
        return self.status == self.Status.GRADED

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
