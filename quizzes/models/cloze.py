"""Questions the law proposes (`quizzes.cloze`): each a fact in numbers found in an imported law
version, made into a fill-in-the-blank or a single choice, waiting for an editor to approve,
edit or reject it. An approved proposal points at the question it became."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClozeProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ClozeProposal.Status.PENDING)


class ClozeProposal(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class Kind(models.TextChoices):
        HEADCOUNT = "headcount", _("Head count")
        PERIOD = "period", _("Period or deadline")
        SHARE = "share", _("Share")
        AGE = "age", _("Age")
        TERM = "term", _("Term of office")
        TIMES = "times", _("Number of times")

    class QuestionType(models.TextChoices):
        BLANK = "blank", _("Fill in the blank")
        CHOICE = "choice", _("Single choice")

    version = models.ForeignKey(
        "materials.LawVersion",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("law version"),
    )
    article = models.ForeignKey(
        "materials.Article", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    question_type = models.CharField(_("question type"), max_length=6, choices=QuestionType.choices)
    # The clause as the law says it, and where the blank falls in it.
    sentence = models.TextField(_("sentence"))
    blank_start = models.PositiveSmallIntegerField()
    blank_end = models.PositiveSmallIntegerField()
    stem = models.TextField(_("question"))
    answer = models.CharField(_("answer"), max_length=100)
    accepted_answers = models.JSONField(_("accepted answers"), default=list, blank=True)
    distractors = models.JSONField(_("wrong choices"), default=list, blank=True)
    explanation = models.TextField(_("explanation"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(_("why it was rejected"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    question = models.ForeignKey(
        "quizzes.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("question made"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClozeProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposed question")
        verbose_name_plural = _("proposed questions")
        ordering = ["version", "article__number", "blank_start", "question_type"]
        constraints = [
            # Proposing again from the same text finds the same proposals: none twice, and a
            # rejected one stays rejected.
            models.UniqueConstraint(
                fields=["article", "sentence", "blank_start", "question_type"],
                name="one_proposal_per_blank",
            )
        ]

    def __str__(self):
        return self.stem[:60]

    @property
    def before_blank(self) -> str:
        return self.sentence[: self.blank_start]

    @property
    def blank(self) -> str:
        return self.sentence[self.blank_start : self.blank_end]

    @property
    def after_blank(self) -> str:
        return self.sentence[self.blank_end :]

    @property
    def other_accepted(self) -> list[str]:
        """The accepted answers besides the answer itself (3 beside 三)."""
        return [text for text in self.accepted_answers if text != self.answer]
