"""The period of an activity register export (活动台账): `?from=YYYY-MM-DD&to=YYYY-MM-DD`."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.widgets import IsoDateInput

# A register covers at most this many years: enough for a whole term (five years).
REGISTER_MAX_YEARS = 5
FIRST_YEAR = 2000
LAST_YEAR = 2100


def years_after(day, years: int):
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _date_field(label):
    return forms.DateField(
        label=label,
        input_formats=["%Y-%m-%d"],
        widget=IsoDateInput(),
        error_messages={
            "required": _("Enter a date."),
            "invalid": _("Enter a date such as 2026-01-31."),
        },
    )


class RegisterPeriodForm(forms.Form):
    """From and to, both included, on the local calendar. Unbound, it offers this year so
    far."""

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        # The query's names are "from" and "to", which Python will not take as attributes.
        self.fields["from"] = _date_field(pgettext_lazy("period", "From"))
        self.fields["to"] = _date_field(pgettext_lazy("period", "To"))
        self.fields["from"].initial = today.replace(month=1, day=1)
        self.fields["to"].initial = today

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        for name, day in (("from", start), ("to", end)):
            if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
                self.add_error(
                    name,
                    _("Choose a date between %(first)d and %(last)d.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
                return data
        if start and end:
            if start > end:
                raise forms.ValidationError(_("The first day must not be after the last day."))
            if end >= years_after(start, REGISTER_MAX_YEARS):
                raise forms.ValidationError(
                    _("A register covers at most %(years)d years. Choose a shorter period.")
                    % {"years": REGISTER_MAX_YEARS}
                )
        return data
