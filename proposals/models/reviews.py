"""Staff's reviews of submitted revisions, and the example gallery that publishes one."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..checker import PARTS, Criterion
from .writing import Revision


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
