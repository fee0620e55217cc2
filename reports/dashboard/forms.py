from django import forms
from django.utils.translation import gettext_lazy as _

from common.widgets import IsoDateInput

from ..forms import checked_as_of


class AsOfForm(forms.Form):
    """The voters' matters page's one choice, in the query string: the day counted to (today
    by default), no later than today."""

    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        widget=IsoDateInput(),
        error_messages={"invalid": _("Enter a date such as 2026-01-31.")},
    )

    def __init__(self, data=None, *, today):
        super().__init__(data)
        self.today = today
        self.fields["as_of"].widget.attrs["max"] = today.isoformat()

    def clean_as_of(self):
        return checked_as_of(self.cleaned_data["as_of"], today=self.today) or self.today
