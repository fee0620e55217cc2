from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.widgets import IsoDateInput
from receptions.models import Suggestion

from .services import MAX_CO_UNITS

# No deputy's suggestion on this platform was referred before this.
EARLIEST = date(2000, 1, 1)


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label, required=required, help_text=help_text, widget=IsoDateInput()
    )


def _past_or_today(value):
    if value is not None:
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        if value < EARLIEST:
            raise forms.ValidationError(_("This date is too long ago."))
    return value


class SuggestionForm(forms.Form):
    """The suggestion as the congress referred it: what, to which congress, to which units, on
    which day, and whether it is a complex matter."""

    title = forms.CharField(label=_("Title"), max_length=120)
    level = forms.ChoiceField(
        label=_("Submitted to"),
        choices=Suggestion.Level.choices,
        widget=forms.RadioSelect,
    )
    session = forms.CharField(
        label=_("Session"),
        max_length=80,
        required=False,
        help_text=_("Optional. For example: the fifth session of the 17th congress."),
    )
    main_unit = forms.CharField(
        label=_("Main handling unit"),
        max_length=100,
        help_text=_("The unit the congress's staff referred it to, as on the referral notice."),
    )
    co_units = forms.CharField(
        label=_("Co-handling units"),
        required=False,
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: one unit a line."),
    )
    assigned_on = _date_field(
        _("Date referred"),
        help_text=_("The day the congress's staff referred it to the units (交办)."),
    )
    is_complex = forms.BooleanField(
        label=_("Complex matter: the reply is due within six months"),
        required=False,
        help_text=_("Only where the referral notice says so. Otherwise it is three months."),
    )

    def clean_assigned_on(self):
        return _past_or_today(self.cleaned_data["assigned_on"])

    def clean_co_units(self):
        lines = [line.strip() for line in self.cleaned_data["co_units"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_CO_UNITS:
            raise forms.ValidationError(
                _("Name at most %(count)s co-handling units.") % {"count": MAX_CO_UNITS}
            )
        if any(len(line) > 100 for line in lines):
            raise forms.ValidationError(_("A unit's name is at most 100 characters."))
        return lines

    def suggestion_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "level": data["level"],
            "session": data["session"],
            "main_unit": data["main_unit"],
            "co_units": data["co_units"],
            "assigned_on": data["assigned_on"],
            "is_complex": data["is_complex"],
        }

    @staticmethod
    def initial_from(suggestion: Suggestion) -> dict:
        return {
            "title": suggestion.title,
            "level": suggestion.level,
            "session": suggestion.session,
            "main_unit": suggestion.main_unit,
            "co_units": "\n".join(suggestion.co_unit_names),
            "assigned_on": suggestion.assigned_on,
            "is_complex": suggestion.is_complex,
        }


class StaffSuggestionForm(SuggestionForm):
    """Staff record for a deputy in their care: which one, first."""

    field_order = ["deputy"]

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"] = forms.ModelChoiceField(
            label=_("Deputy"), queryset=deputies, empty_label=_("Choose the deputy")
        )
        self.order_fields(["deputy"])


class SuggestionReplyForm(forms.Form):
    replied_on = _date_field(_("Date of the reply"))
    outcome = forms.ChoiceField(
        label=_("What the reply says of it"),
        choices=Suggestion.Outcome.choices,
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        label=_("What the reply says"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: a few lines, in your own words."),
    )

    def clean_replied_on(self):
        return _past_or_today(self.cleaned_data["replied_on"])


class SatisfactionForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("Are you satisfied with the reply?"),
        choices=Suggestion.Satisfaction.choices,
        widget=forms.RadioSelect,
    )
    said_on = _date_field(
        _("Date the opinion was given"),
        help_text=_("Usually the day the feedback form was returned."),
    )

    def clean_said_on(self):
        return _past_or_today(self.cleaned_data["said_on"])


class SecondReplyForm(SuggestionReplyForm):
    satisfaction = forms.ChoiceField(
        label=_("Satisfied with the second reply?"),
        choices=[("", _("Not known yet")), *Suggestion.Satisfaction.choices],
        required=False,
        widget=forms.RadioSelect,
    )
