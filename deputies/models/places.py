"""The administrative places: counties, townships and the liaison stations in them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..validators import validate_county_code, validate_township_code


class County(models.Model):
    name = models.CharField(_("name"), max_length=50)
    code = models.CharField(
        _("division code"),
        max_length=6,
        unique=True,
        validators=[validate_county_code],
        help_text=_("The national administrative division code, 6 digits, such as 330523."),
    )
    former_deputies_keep_access = models.BooleanField(
        _("former deputies keep their archive"),
        default=True,
        help_text=_(
            "A deputy who leaves office can still sign in to read their own learning archive "
            "and download their certificates, and nothing else."
        ),
    )

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Township(models.Model):
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="townships", verbose_name=_("county")
    )
    name = models.CharField(_("name"), max_length=50)
    code = models.CharField(
        _("division code"),
        max_length=9,
        blank=True,
        validators=[validate_township_code],
        help_text=_(
            "Optional: the national administrative division code, 9 digits starting with the "
            "county's code, such as 330523001."
        ),
    )

    class Meta:
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        ordering = ["county", "name"]
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="township_unique_in_county"),
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="township_unique_code",
                violation_error_code="unique",
                violation_error_message=_("Another township already has this code."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        county_code = self.county.code if self.county_id else ""
        if self.code and county_code and not self.code.startswith(county_code):
            raise ValidationError(
                {
                    "code": _("A township's code starts with its county's code, %(county_code)s.")
                    % {"county_code": county_code}
                }
            )


class LiaisonStation(models.Model):
    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="stations", verbose_name=_("township")
    )
    name = models.CharField(_("name"), max_length=80)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("liaison station")
        verbose_name_plural = _("liaison stations")
        ordering = ["township", "name"]
        constraints = [
            models.UniqueConstraint(fields=["township", "name"], name="station_unique_in_township")
        ]

    def __str__(self):
        return self.name
