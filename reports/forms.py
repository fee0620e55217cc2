from django import forms
from django.utils.translation import gettext_lazy as _

from training_site.widgets import IsoDateInput


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


SORTS = ("name", "participation", "completion", "overdue", "hours", "pass", "attendance")


class DashboardForm(forms.Form):
    """The dashboard's filters, all in the query string: a course (or every course), the day
    the figures are counted to, and the column the rows are ordered by."""

    course = forms.TypedChoiceField(label=_("Course"), required=False, coerce=int, empty_value=None)
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        widget=IsoDateInput(),
        error_messages={"invalid": _("Enter a date such as 2026-01-31.")},
    )
    sort = forms.ChoiceField(
        required=False, choices=[(s, s) for s in SORTS] + [(f"-{s}", s) for s in SORTS]
    )

    def __init__(self, data, *, courses, today):
        super().__init__(data)
        self.today = today
        self.fields["course"].choices = [("", _("All courses"))] + [
            (course.pk, course.title) for course in courses
        ]
        self.fields["as_of"].widget.attrs["max"] = today.isoformat()

    def clean_as_of(self):
        day = self.cleaned_data["as_of"]
        if day is not None and day > self.today:
            raise forms.ValidationError(
                _("Figures can only be counted up to today (%(today)s).")
                % {"today": self.today.isoformat()}
            )
        if day is not None and day.year < 2000:
            raise forms.ValidationError(_("Choose a day from 2000 on."))
        return day
