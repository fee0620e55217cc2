"""Training programmes (such as initial training) and their assignment to the deputies new in a
term."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .pages import CoursePage


class Programme(models.Model):
    """A training programme such as initial training (初任培训): required courses, hours of group
    study and a final test, given as one assignment with one due date to every deputy new in a
    term (`ProgrammeAssignment`). Completing all of it earns the programme's certificate."""

    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(_("summary"), blank=True)
    courses = models.ManyToManyField(
        CoursePage, related_name="programmes", verbose_name=_("required courses")
    )
    study_hours = models.DecimalField(
        _("group study (credit hours)"),
        max_digits=4,
        decimal_places=1,
        default=0,
        help_text=_(
            "Credit hours of group study at a liaison station to attend between the term's start "
            "and the due date; 0 for none."
        ),
    )
    final_test = models.ForeignKey(
        "quizzes.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("final test"),
    )
    due_days = models.PositiveSmallIntegerField(
        _("days to complete"),
        default=180,
        help_text=_("Counted from the first day of the term (or of the assignment, if later)."),
    )
    for_county_deputies = models.BooleanField(_("for county deputies"), default=True)
    for_township_deputies = models.BooleanField(_("for township deputies"), default=True)
    assign_to_new_deputies = models.BooleanField(
        _("assign to every new deputy"),
        default=True,
        help_text=_("Assigned automatically to each deputy new in a term when the term opens."),
    )
    refresher = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("refresher for re-elected deputies"),
        help_text=_("A shorter programme staff may give a re-elected deputy instead."),
    )
    certificate_title = models.CharField(
        _("certificate title"),
        max_length=120,
        blank=True,
        help_text=_("As printed on the certificate, for example 初任培训结业证书."),
    )
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificate template"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["title"]

    def __str__(self):
        return self.title


class ProgrammeAssignmentQuerySet(models.QuerySet):
    def to_do(self):
        """Assignments with work in them: required or a refresher, not exempted."""
        return self.exclude(kind=ProgrammeAssignment.Kind.EXEMPTED)

    def open(self):
        """To do and not complete yet."""
        return self.to_do().filter(completed_at__isnull=True)

    def overdue(self, on=None):
        return self.open().filter(due_date__lt=on or timezone.localdate())


class ProgrammeAssignment(models.Model):
    """One deputy's place in a programme for one term: required, a refresher, or exempted.

    A refresher is the deputy's place in this programme too (one row a term, whatever the
    kind, so the programme's register counts everyone); what they do is the programme's
    `refresher` (`work`)."""

    class Kind(models.TextChoices):
        REQUIRED = "required", pgettext_lazy("programme kind", "Required")
        REFRESHER = "refresher", pgettext_lazy("programme kind", "Refresher")
        EXEMPTED = "exempted", pgettext_lazy("programme kind", "Exempted")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("programme")
    )
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.CASCADE, related_name="programme_assignments"
    )
    term = models.ForeignKey(
        "deputies.Term", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    assigned_at = models.DateTimeField(auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = ProgrammeAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme assignment")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "deputy", "term"], name="programme_once_a_term"
            ),
            # A deputy given the programme outside any recorded term has it once too (NULLs
            # are distinct to the constraint above).
            models.UniqueConstraint(
                fields=["programme", "deputy"],
                condition=Q(term__isnull=True),
                name="programme_once_without_term",
            ),
        ]
        indexes = [models.Index(fields=["programme", "kind", "completed_at"])]

    def __str__(self):
        return f"{self.deputy} · {self.programme}"

    @property
    def work(self) -> "Programme":
        """What the deputy does: the programme, or its refresher for a refresher (a refresher
        whose programme no longer names one is held to the programme itself)."""
        if self.kind == self.Kind.REFRESHER and self.programme.refresher_id:
            return self.programme.refresher
        return self.programme

    @property
    def is_exempted(self) -> bool:
        return self.kind == self.Kind.EXEMPTED

    def is_overdue(self, on=None) -> bool:
        return (
            self.kind != self.Kind.EXEMPTED
            and self.completed_at is None
            and self.due_date is not None
            and self.due_date < (on or timezone.localdate())
        )


def quiz_set_by_programme() -> Q:
    """Whether a quiz (`OuterRef("pk")`) is a training programme's final test: deputies given
    the programme open it from their programme's page."""
    from django.db.models import Exists, OuterRef

    return Q(Exists(Programme.objects.filter(final_test=OuterRef("pk"))))
