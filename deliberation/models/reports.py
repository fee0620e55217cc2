"""Report exercises and the remarks deputies attach to them.

An editor publishes a report (a government work report, a budget execution report, ...) as
sections of paragraphs; a deputy reads it and attaches remarks to paragraphs, each of one of
the four kinds a deliberation speech is made of. A paragraph keeps its row (and so its remarks)
when the editor imports the text again with other paragraphs changed (`reports.importing`)."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proposals.models import Level


class ReportKind(models.TextChoices):
    GOVERNMENT = "government", _("Government work report")
    BUDGET = "budget", _("Report on the budget's execution")
    PRESIDIUM = "presidium", _("Presidium work report")
    SPECIAL = "special", _("Special work report")
    OTHER = "other", _("Other report")


class RemarkKind(models.TextChoices):
    ASSESSMENT = "assessment", _("What works")
    PROBLEM = "problem", _("A problem")
    QUESTION = "question", _("A question")
    SUGGESTION = "suggestion", _("A suggestion")


# The part of a deliberation speech each kind of remark goes into: the parts of the checker's
# `deliberation` genre (proposals.checker), one to one.
CHECKER_PARTS = {
    RemarkKind.ASSESSMENT: "assessment",
    RemarkKind.PROBLEM: "problems",
    RemarkKind.QUESTION: "questions",
    RemarkKind.SUGGESTION: "suggestions",
}


class ReportExerciseQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class ReportExercise(models.Model):
    """A report to deliberate: its text in sections, the task, and optional guidance."""

    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(
        _("kind of report"),
        max_length=12,
        choices=ReportKind.choices,
        default=ReportKind.GOVERNMENT,
    )
    level = models.CharField(_("level of congress"), max_length=10, choices=Level.choices)
    task = models.CharField(
        _("task"),
        max_length=200,
        default="审议本报告，提出审议意见。",
        help_text=_("What the deputy is asked to do, in one sentence."),
    )
    guidance = models.TextField(
        _("guidance"), blank=True, help_text=_("Optional hints shown above the report.")
    )
    live = models.BooleanField(
        _("live"), default=False, help_text=_("Deputies see only live exercises.")
    )
    # The writing exercise of the speech on this report (proposals' engine, genre
    # "deliberation"), made and kept in step by `speeches.services.sync_speech_exercise`.
    speech_exercise = models.OneToOneField(
        "proposals.Exercise",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="report_exercise",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ReportExerciseQuerySet.as_manager()

    class Meta:
        verbose_name = _("report exercise")
        verbose_name_plural = _("report exercises")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class ReportSection(models.Model):
    exercise = models.ForeignKey(ReportExercise, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    # "" for the opening paragraphs before the first heading.
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    # 1: a part (一、 第一部分 #); 2: a point within it (（一） ##).
    depth = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["exercise", "position"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "position"], name="report_section_position")
        ]

    def __str__(self):
        return self.heading or f"{self.exercise_id} · {self.position}"


def new_key() -> str:
    return secrets.token_hex(6)


class ReportParagraph(models.Model):
    """A paragraph of a report. `key` names it in addresses (#p-…) and stays with it while the
    text is imported again unchanged, wherever it moves."""

    exercise = models.ForeignKey(
        ReportExercise, on_delete=models.CASCADE, related_name="paragraphs"
    )
    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=12, default=new_key, editable=False)
    text = models.TextField()

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "key"], name="report_paragraph_key")
        ]

    def __str__(self):
        return self.text[:40]


class RemarkQuerySet(models.QuerySet):
    def of(self, deputy):
        return self.filter(deputy=deputy)


class Remark(models.Model):
    """What a deputy notes on a paragraph while reading: one remark, of one kind.

    A remark whose paragraph an editor removed keeps its text and exercise: it is listed
    among the deputy's remarks as no longer attached."""

    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.CASCADE, related_name="report_remarks"
    )
    exercise = models.ForeignKey(ReportExercise, on_delete=models.CASCADE, related_name="remarks")
    paragraph = models.ForeignKey(
        ReportParagraph,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="remarks",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=RemarkKind.choices)
    text = models.TextField(_("remark"))
    # Words of the paragraph the remark is about, exactly as they are there; "" for the whole.
    quote = models.CharField(_("quoted words"), max_length=500, blank=True)
    # For a question: the department asked (镇财政所).
    department = models.CharField(_("department asked"), max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    # Bumped by every save; a save must name the version it started from (as drafts do).
    saved_version = models.PositiveIntegerField(default=1)

    objects = RemarkQuerySet.as_manager()

    class Meta:
        verbose_name = _("remark")
        verbose_name_plural = _("remarks")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["deputy", "exercise"], name="remarks_of_deputy")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RemarkKind.values), name="remark_kind_known"
            )
        ]

    def __str__(self):
        return f"{self.deputy_id} · {self.get_kind_display()}"

    @property
    def checker_part(self) -> str:
        return CHECKER_PARTS[self.kind]

    @property
    def is_question(self) -> bool:
        return self.kind == RemarkKind.QUESTION
