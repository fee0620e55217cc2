"""Practice in writing suggestions (建议) and motions (议案).

An exercise gives a scenario and asks for one genre at one level of congress. A deputy writes
one draft per exercise; it saves itself as they type, and `saved_version` counts the saves, so
a page holding an older version (a second tab, a second phone) is refused instead of writing
over newer text. Submitting freezes the text and the checker's report into a numbered
revision: staff review a revision, and the example gallery publishes one, never the draft that
may still change.

The checker (`checker/`) is plain Python; its rules are rows here (`CheckRule`), so editors
can reword a message, cite another article or switch a rule off without a release.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .checker import DETECTORS, GENRES, LEVELS, PARTS, Criterion, Rule, rule_problems


class Genre(models.TextChoices):
    SUGGESTION = "suggestion", _("Suggestion")
    MOTION = "motion", _("Motion")


class Level(models.TextChoices):
    TOWNSHIP = "township", _("Township congress")
    COUNTY = "county", _("County congress")


class Severity(models.TextChoices):
    ERROR = "error", _("Must fix")
    WARNING = "warning", _("Worth improving")


class CheckRuleQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(enabled=True)


class CheckRule(models.Model):
    """One rule of the checker, as editors keep it. `as_rule()` hands it to the checker."""

    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("A fixed name the rule is known by.")
    )
    # Not a choices field: the detectors are code, and adding one must not need a migration.
    # clean() checks that the checker has it.
    kind = models.CharField(
        _("detector"), max_length=40, help_text=_("Which of the checker's tests applies the rule.")
    )
    criterion = models.CharField(_("criterion"), max_length=10, choices=Criterion.choices)
    name = models.CharField(_("name"), max_length=120)
    message = models.TextField(_("message"), help_text=_("What the deputy is told is wrong."))
    fix = models.TextField(_("how to fix it"))
    basis = models.TextField(
        _("basis"), help_text=_("The law or practice behind it, e.g. 代表法第十五条.")
    )
    words = models.TextField(
        _("words"), blank=True, help_text=_("Words or phrases the test looks for, one a line.")
    )
    parts = models.JSONField(
        _("parts"), default=list, blank=True, help_text=_("None chosen: every part.")
    )
    genres = models.JSONField(
        _("genres"), default=list, blank=True, help_text=_("None chosen: both genres.")
    )
    levels = models.JSONField(
        _("levels"), default=list, blank=True, help_text=_("None chosen: both levels.")
    )
    severity = models.CharField(
        _("severity"), max_length=8, choices=Severity.choices, default=Severity.ERROR
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=20,
        help_text=_("Points a finding takes off its criterion's score of 100."),
    )
    params = models.JSONField(
        _("settings"),
        default=dict,
        blank=True,
        help_text=_('The test\'s own settings, as a JSON object, e.g. {"min": 20}.'),
    )
    enabled = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CheckRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("checker rule")
        verbose_name_plural = _("checker rules")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return f"{self.code} · {self.name}"

    @property
    def word_list(self) -> list[str]:
        return [line.strip() for line in self.words.splitlines() if line.strip()]

    def as_dict(self) -> dict:
        """The rule in the shape of `rule_defaults.DEFAULT_RULES`."""
        return {
            "code": self.code,
            "kind": self.kind,
            "criterion": self.criterion,
            "name": self.name,
            "message": self.message,
            "fix": self.fix,
            "basis": self.basis,
            "words": self.word_list,
            "parts": list(self.parts or ()),
            "genres": list(self.genres or ()),
            "levels": list(self.levels or ()),
            "severity": self.severity,
            "weight": self.weight,
            "params": dict(self.params or {}),
        }

    def as_rule(self) -> Rule:
        return Rule.from_dict(self.as_dict())

    def clean(self):
        """Field by field where a field is at fault, then whatever else keeps the checker from
        running the rule (which it would otherwise skip on deputies' pages)."""
        errors = {}
        if self.kind not in DETECTORS:
            errors["kind"] = _(
                "The checker has no test called %(kind)s. Choose one of: %(kinds)s."
            ) % {
                "kind": self.kind,
                "kinds": ", ".join(sorted(DETECTORS)),
            }
        for name, allowed in (("genres", GENRES), ("levels", LEVELS)):
            error = _list_error(getattr(self, name), allowed)
            if error:
                errors[name] = error
        genres = [g for g in self.genres if g in GENRES] if isinstance(self.genres, list) else []
        error = _list_error(
            self.parts, list(dict.fromkeys(p for g in genres or GENRES for p in PARTS[g]))
        )
        if error:
            errors["parts"] = error
        if not isinstance(self.params, dict):
            errors["params"] = _("Write the settings as a JSON object: {} when there are none.")
        if errors:
            raise ValidationError(errors)
        problems = rule_problems(self.as_rule())
        if problems:
            raise ValidationError(problems)


def _list_error(value, allowed) -> str | None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return _('Give a list of names, e.g. ["title"]; [] for all.')
    unknown = [item for item in value if item not in allowed]
    if unknown:
        return _("Unknown: %(unknown)s. Choose from: %(allowed)s.") % {
            "unknown": ", ".join(unknown),
            "allowed": ", ".join(allowed),
        }
    return None


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


class Review(models.Model):
    """Staff's review of a revision: a score on each criterion, a comment on each part, and
    whether the draft goes back to the deputy or is accepted."""

    class Decision(models.TextChoices):
        RETURNED = "returned", _("Return for changes")
        ACCEPTED = "accepted", _("Accept")

    MAX_SCORE = 5

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposal_reviews",
        verbose_name=_("reviewer"),
    )
    # {criterion: 0..MAX_SCORE}
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    # {part: comment}
    comments = models.JSONField(_("comments"), default=dict, blank=True)
    general_comment = models.TextField(_("general comment"), blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    created_at = models.DateTimeField(_("reviewed"), default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["revision", "created_at", "pk"]

    def __str__(self):
        return f"{self.revision} · {self.decision}"

    def clean(self):
        errors = {}
        scores = self.scores if isinstance(self.scores, dict) else None
        if scores is None or any(
            key not in Criterion.values
            or not isinstance(value, int)
            or not 0 <= value <= self.MAX_SCORE
            for key, value in scores.items()
        ):
            errors["scores"] = _("Give each criterion a whole score from 0 to %(max)d.") % {
                "max": self.MAX_SCORE
            }
        comments = self.comments if isinstance(self.comments, dict) else None
        parts = PARTS.get(self.revision.genre, ()) if self.revision_id else ()
        if comments is None or any(
            key not in parts or not isinstance(value, str) for key, value in comments.items()
        ):
            errors["comments"] = _("Comment only on the parts of this genre.")
        if errors:
            raise ValidationError(errors)


class Example(models.Model):
    """An accepted revision shown to other deputies in the example gallery, with its author's
    consent (`Draft.consent_to_publish`)."""

    revision = models.OneToOneField(Revision, on_delete=models.CASCADE, related_name="example")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    show_author = models.BooleanField(
        _("show the author's name"), default=False, help_text=_("Otherwise shown unsigned.")
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Why it is a good example."))

    class Meta:
        verbose_name = _("example")
        verbose_name_plural = _("examples")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return str(self.revision)
