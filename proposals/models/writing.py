"""Exercises and what deputies write in them: one draft per exercise, saved as they type, and the
numbered revisions each submission freezes."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..checker import PARTS


class Genre(models.TextChoices):
    SUGGESTION = "suggestion", _("Suggestion")
    MOTION = "motion", _("Motion")
    # A deliberation speech (审议发言) on a report: its exercises are made and kept in step by
    # the app that holds the reports (deliberation), with the report's text as `material`.
    DELIBERATION = "deliberation", _("Deliberation speech")
    # An inspection's or survey's plan and its report (视察/调研方案, 视察/调研报告): each
    # inspection has an exercise of each, made by the app that holds it (inspections) and
    # never live: its drafts are started for the deputies who write them (`start_draft`).
    VISIT_PLAN = "visit_plan", _("Inspection plan")
    VISIT_REPORT = "visit_report", _("Inspection or survey report")


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

# How long a spoken text of the genre usually runs, in minutes, and how fast it is read aloud
# (the checker's length rule reads at the same pace): a deliberation speech runs 3 to 5
# minutes at about 250 characters a minute.
SPOKEN_MINUTES = {Genre.DELIBERATION: (3, 5)}
CHARS_PER_MINUTE = 250

# What the exercise's page says a text of the genre needs: a heading and a paragraph.
GENRE_NEEDS = {
    Genre.SUGGESTION: (
        _("What a suggestion needs"),
        _(
            "A suggestion asks the government or another body to solve a problem. Any deputy "
            "can make one on their own; it is answered within three months of being referred, "
            "or six months for a complex matter (Deputy Law, article 51)."
        ),
    ),
    Genre.MOTION: (
        _("What a motion needs"),
        _(
            "A motion asks the congress to decide something within its powers. It is made "
            "jointly by several deputies and has a subject, grounds and a plan."
        ),
    ),
    Genre.DELIBERATION: (
        _("What a deliberation speech needs"),
        _(
            "A deliberation speech tells the meeting what you make of the report: what works, "
            "what falls short and the evidence for it, questions put to named departments, and "
            "suggestions saying who should do what by when. It usually runs three to five "
            "minutes."
        ),
    ),
    Genre.VISIT_PLAN: (
        _("What an inspection plan needs"),
        _(
            "An inspection plan says why the deputies go, where, in what order and when, who "
            "takes part, and the questions to answer on site: one a line, each naming a place "
            "or thing and something that can be counted or checked there (Deputy Law, "
            "articles 29 and 30)."
        ),
    ),
    Genre.VISIT_REPORT: (
        _("What an inspection report needs"),
        _(
            "An inspection or survey report gives the basic facts, the problems found with the "
            "evidence seen on site, and suggestions saying who should do what by when. Deputies "
            "suggest and criticise; they do not handle problems themselves (Deputy Law, "
            "article 31)."
        ),
    ),
}


# What an exercise credits when an editor says nothing else: half a credit hour (学时 of 45
# minutes), about the time a first draft and one revision take.
DEFAULT_CREDIT_HOURS = Decimal("0.5")


def spoken_minutes(size: int, per_minute: int = CHARS_PER_MINUTE) -> float:
    """`size` characters read aloud, in minutes rounded to half a minute (0 for none)."""
    return round(size / max(per_minute, 1) * 2) / 2


class Exercise(models.Model):
    """A practice task: a scenario, and the genre and level to write for."""

    title = models.CharField(_("title"), max_length=120)
    genre = models.CharField(_("genre"), max_length=12, choices=Genre.choices)
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
    credit_hours = models.DecimalField(
        _("credit hours"),
        max_digits=4,
        decimal_places=1,
        default=DEFAULT_CREDIT_HOURS,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Credit hours (学时) a deputy earns when their draft is accepted; 0 for none. A "
            "change counts for drafts accepted afterwards, not for those accepted already."
        ),
    )
    # The text the draft responds to, which the checker reads beside it (for a deliberation
    # speech, the report deliberated), and the page where the deputy reads it; "" for none.
    material = models.TextField(_("material"), blank=True)
    material_url = models.CharField(_("address of the material"), max_length=200, blank=True)
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

    @property
    def needs_heading(self) -> str:
        return GENRE_NEEDS[self.genre][0]

    @property
    def needs_text(self) -> str:
        return GENRE_NEEDS[self.genre][1]

    @property
    def spoken_minutes_range(self) -> tuple[int, int] | None:
        """(shortest, longest) usual minutes when the text is spoken, None when it is not."""
        return SPOKEN_MINUTES.get(self.genre)

    @property
    def chars_per_minute(self) -> int:
        return CHARS_PER_MINUTE

    @property
    def checker_context(self) -> dict:
        """What the checker reads beside the text (`services.check_parts`): for a speech, the
        material it deliberates and that it is a whole speech."""
        if self.genre != Genre.DELIBERATION:
            return {}
        return {"report": self.material or None, "speech": True}

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
    def accepted(self):
        return self.filter(status=Draft.Status.ACCEPTED)

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
    # Set once, when the draft is accepted (`services.accept`): when, and the exercise's
    # credit hours then, so that an editor changing them later rewrites no deputy's record
    # (as a course's hours are kept on the enrolment at completion).
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    credit_hours = models.DecimalField(
        _("credit hours earned"), max_digits=4, decimal_places=1, null=True, blank=True
    )

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

    @property
    def is_empty(self) -> bool:
        return not any(str(text).strip() for text in (self.parts or {}).values())

    @property
    def spoken_minutes(self) -> float:
        """The estimated time to read the draft aloud, to half a minute: characters other than
        spaces at the exercise's pace."""
        size = sum(len("".join(str(text).split())) for text in (self.parts or {}).values())
        return spoken_minutes(size, self.exercise.chars_per_minute)


class Revision(models.Model):
    """A submitted version of a draft, with the checker's report on it as it was then."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revision"))
    # Snapshots: what was checked, under which genre and level.
    genre = models.CharField(max_length=12, choices=Genre.choices)
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
