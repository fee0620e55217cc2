from django import forms
from django.utils.translation import gettext_lazy as _


class YearForm(forms.Form):
    """The archive's optional `?year=`: a calendar year, or nothing for every year."""

    year = forms.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("The year must be a year such as 2026."),
            "min_value": _("The year must be a year such as 2026."),
            "max_value": _("The year must be a year such as 2026."),
        },
    )
