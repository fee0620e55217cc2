"""Exercises and what deputies write in them: one draft per exercise, saved as they type, and the
numbered revisions each submission freezes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..checker import PARTS


class Genre(models.TextChoices):
    SUGGESTION = "suggestion", _("Suggestion")
    MOTION = "motion", _("Motion")


class Level(models.TextChoices):
    TOWNSHIP = "township", _("Township congress")
    COUNTY = "county", _("County congress")


class ExerciseQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


# How many deputies must sign a motion jointly at each level (地方组织法第二十二条), as the
# drafting page tells the deputy. The checker's co-signers rule has the same numbers in its
# settings; a test keeps the two in step.
COSIGNERS_MIN = {Level.TOWNSHIP: 5, Level.COUNTY: 10}


class Exercise(models.Model):
    """A practice task: a scenario, and the genre and level to write for."""

    title = models.CharField(_("title"), max_length=120)
    genre = models.CharField(_("genre"), max_length=10, choices=Genre.choices)
    level = models.CharField(_("level of congress"), max_length=10, choices=Level.choices)
    scenario = models.TextField(
        _("scenario"), help_text=_("What happened, in plain paragraphs separated by a blank line.")
    )
    guidance = models.TextField(
        _("guidance"), blank=True, help_text=_("Optional hints shown under the scenario.")
    )
    pass_by_checker = models.BooleanField(
        _("done when the checker passes"),
        default=False,
        help_text=_(
            "Ticked: a submission the checker passes is accepted at once, one it does not pass "
            "comes straight back to the deputy. Unticked: staff review every submission."
        ),
    )
    live = models.BooleanField(
        _("live"), default=False, help_text=_("Deputies see only live exercises.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        verbose_name = _("writing exercise")
        verbose_name_plural = _("writing exercises")
        # In the order editors added them: a series builds from the simple to the harder.
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def part_names(self) -> tuple[str, ...]:
        return PARTS[self.genre]

    @property
    def cosigners_min(self) -> int | None:
        return COSIGNERS_MIN[self.level] if self.genre == Genre.MOTION else None

    def clean(self):
        # A draft's text is kept by part; another genre has other parts, and the drafts already
        # written would lose theirs.
        if self.pk and self.drafts.exists():
            saved = Exercise.objects.values("genre").get(pk=self.pk)
            if saved["genre"] != self.genre:
                raise ValidationError(
                    {"genre": _("Deputies have started drafts; the genre can no longer change.")}
                )


class DraftQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("exercise").order_by("-updated_at", "-pk")


class Draft(models.Model):
    class Status(models.TextChoices):
        WRITING = "writing", _("Writing")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        ACCEPTED = "accepted", _("Accepted")

    EDITABLE = (Status.WRITING, Status.RETURNED)

    deputy = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.CASCADE,
        related_name="proposal_drafts",
        verbose_name=_("deputy"),
    )
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, related_name="drafts", verbose_name=_("exercise")
    )
    # The genre's parts by name (checker.PARTS); a part not written yet is "".
    parts = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WRITING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    # Bumped by every save; a save must name the version it started from.
    saved_version = models.PositiveIntegerField(default=0)
    consent_to_publish = models.BooleanField(_("may be shown as an example"), default=False)
    consent_at = models.DateTimeField(null=True, blank=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [
            # Two taps on "Start writing", or two tabs, make one draft.
            models.UniqueConstraint(fields=["deputy", "exercise"], name="one_draft_per_exercise")
        ]
        # Staff's review queue: submitted drafts, oldest first.
        indexes = [models.Index(fields=["status", "updated_at"], name="drafts_by_status")]

    def __str__(self):
        return f"{self.deputy_id} · {self.exercise_id}"

    @property
    def editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_writing(self) -> bool:
        return self.status == self.Status.WRITING

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_returned(self) -> bool:
        return self.status == self.Status.RETURNED

    @property
    def is_done(self) -> bool:
        """Whether the exercise counts as done: accepted by staff, or by the checker where the
        exercise says the checker decides."""
        return self.status == self.Status.ACCEPTED

    def text_of(self, part: str) -> str:
        return (self.parts or {}).get(part, "")


class Revision(models.Model):
    """A submitted version of a draft, with the checker's report on it as it was then."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revision"))
    # Snapshots: what was checked, under which genre and level.
    genre = models.CharField(max_length=10, choices=Genre.choices)
    level = models.CharField(max_length=10, choices=Level.choices)
    parts = models.JSONField(default=dict)
    report = models.JSONField(default=dict)
    overall = models.PositiveSmallIntegerField(_("score"))
    passed = models.BooleanField(_("passed the checker"))
    # The draft's saved_version this revision froze: a second tap on Submit finds it unchanged.
    saved_version = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["draft", "number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="revision_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_from_one"),
        ]

    def __str__(self):
        return f"{self.draft} #{self.number}"
