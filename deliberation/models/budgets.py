"""Reading a budget (预算): an exercise holds a budget's table, income and spending by category
with last year's final figures and this year's budget; the platform proposes reading questions
computed from the table, which wait for an editor to approve them into the question bank."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from common.orderable import Orderable

# Figures up to a trillion in the table's unit, in cents of it: a county's 万元 fit many times.
FIGURE = {"max_digits": 16, "decimal_places": 2}

# The 功能分类 categories counted as spending on people's livelihoods (民生) unless an editor
# says otherwise: a line is marked when its name contains one of these.
LIVELIHOOD_WORDS = ("教育", "社会保障和就业", "卫生健康", "农林水", "城乡社区", "住房保障")


def is_livelihood_name(name: str) -> bool:
    return any(word in name for word in LIVELIHOOD_WORDS)


class BudgetExerciseQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class BudgetExercise(ClusterableModel):
    class Level(models.TextChoices):
        TOWNSHIP = "township", _("Township")
        COUNTY = "county", _("County")

    title = models.CharField(_("title"), max_length=120)
    level = models.CharField(
        _("level"), max_length=8, choices=Level.choices, default=Level.TOWNSHIP
    )
    year = models.PositiveSmallIntegerField(
        _("budget year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year this budget is for; last year's figures are of the year before."),
    )
    unit = models.CharField(_("unit"), max_length=10, default="万元")
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the table: what this budget is.")
    )
    source = models.CharField(
        _("where it came from"),
        max_length=255,
        blank=True,
        help_text=_("The report or file the figures were taken from."),
    )
    live = models.BooleanField(_("live"), default=False, help_text=_("Shown to deputies."))
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("practice quiz"),
        help_text=_(
            "A quiz of the approved budget questions; deputies see a link to it once it is "
            "placed in a live lesson."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BudgetExerciseQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget exercise")
        verbose_name_plural = _("budget exercises")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    @property
    def previous_year(self) -> int:
        return self.year - 1


class BudgetLine(Orderable):
    """One line of the table as printed. Only 类 lines (level 1) make the totals; 款 and 项
    lines beneath them are shown but not added again."""

    class Side(models.TextChoices):
        INCOME = "income", _("Income")
        SPENDING = "spending", _("Spending")

    class Level(models.IntegerChoices):
        CLASS = 1, _("类 (class)")
        SECTION = 2, _("款 (section)")
        ITEM = 3, _("项 (item)")

    exercise = ParentalKey(BudgetExercise, on_delete=models.CASCADE, related_name="lines")
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    name = models.CharField(_("category"), max_length=100, help_text=_("As printed."))
    code = models.CharField(_("code"), max_length=12, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.CLASS)
    previous = models.DecimalField(_("last year's final figure"), default=Decimal(0), **FIGURE)
    current = models.DecimalField(_("this year's budget"), default=Decimal(0), **FIGURE)
    livelihood = models.BooleanField(
        _("livelihood (民生)"),
        default=False,
        help_text=_("Counted in the share of spending on people's livelihoods."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return self.name

    @property
    def change(self) -> Decimal:
        return self.current - self.previous


class BudgetProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=BudgetProposal.Status.PENDING)


class BudgetProposal(models.Model):
    """A single-choice question the table proposes, waiting for an editor."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class Kind(models.TextChoices):
        LARGEST = "largest", _("Largest spending item")
        GROWTH = "growth", _("Fastest growth")
        FALL = "fall", _("Fastest fall")
        LIVELIHOOD = "livelihood", _("Share of livelihood spending")
        TOTAL_CHANGE = "total_change", _("Change of total spending")
        BALANCE = "balance", _("Balance of income and spending")
        RESERVE = "reserve", _("Reserve fund")

    exercise = models.ForeignKey(BudgetExercise, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # What the question was computed from, so that proposing again from the same table finds
    # it and a changed table replaces what still waits.
    fingerprint = models.CharField(max_length=64)
    stem = models.TextField(_("question"))
    answer = models.CharField(_("answer"), max_length=300)
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

    objects = BudgetProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposed budget question")
        verbose_name_plural = _("proposed budget questions")
        ordering = ["exercise", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "kind", "fingerprint"], name="one_budget_proposal_per_figures"
            )
        ]

    def __str__(self):
        return self.stem[:60]
