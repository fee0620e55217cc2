"""The checker's rules as rows (`CheckRule`), so that editors can reword a message, cite another
article or switch a rule off without a release."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..checker import DETECTORS, GENRES, LEVELS, PARTS, Criterion, Rule, rule_problems


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
        _("genres"), default=list, blank=True, help_text=_("None chosen: every genre.")
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
