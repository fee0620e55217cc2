"""Roster uploads and the county term changes (换届) confirmed from them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .places import County


class RosterImport(models.Model):
    """An uploaded roster file, kept until its uploader confirms or it is applied."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roster_imports"
    )
    county = models.ForeignKey(County, on_delete=models.CASCADE, related_name="roster_imports")
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.filename


class TermChange(models.Model):
    """A county's term change (换届) on the platform: the first day of the new terms, their
    numbers (the county congress's and each township's), the new term's roster (a stored
    upload), and what was chosen for the re-elected deputies' initial training. Checked and
    shown first; confirmed once; nothing of the old term is deleted."""

    class ReelectedChoice(models.TextChoices):
        EXEMPTED = "exempted", _("Exempted from initial training")
        REFRESHER = "refresher", _("A refresher course instead")
        REQUIRED = "required", _("The whole initial training, as new deputies")

    county = models.ForeignKey(County, on_delete=models.CASCADE, related_name="term_changes")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    upload = models.OneToOneField(
        RosterImport, on_delete=models.CASCADE, related_name="term_change"
    )
    starts_on = models.DateField(_("first day of the new term"))
    county_number = models.PositiveSmallIntegerField(_("the county congress's new term"))
    # {township id (as text): its congress's new term number}
    township_numbers = models.JSONField(default=dict)
    # The terms current when the change was checked: a change confirmed after another has
    # opened new terms meanwhile is refused.
    previous_terms = models.JSONField(default=list)
    reelected_choice = models.CharField(
        _("re-elected deputies"),
        max_length=10,
        choices=ReelectedChoice.choices,
        default=ReelectedChoice.EXEMPTED,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reelected_count = models.PositiveIntegerField(default=0)
    new_count = models.PositiveIntegerField(default=0)
    left_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("term change")
        verbose_name_plural = _("term changes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.county} · {self.starts_on}"
