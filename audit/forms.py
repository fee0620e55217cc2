from django import forms
from django.utils.translation import gettext_lazy as _

from common.widgets import IsoDateInput
from deputies.forms import NoLabelColonMixin

from .models import Action


class AuditFilterForm(NoLabelColonMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("What"), required=False, choices=[("", _("Everything")), *Action.choices]
    )
    q = forms.CharField(label=_("Who or about whom"), required=False, max_length=50)
    since = forms.DateField(label=_("From"), required=False, widget=IsoDateInput())
    until = forms.DateField(label=_("To"), required=False, widget=IsoDateInput())

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data
