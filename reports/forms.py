from django import forms
from django.utils.translation import gettext_lazy as _

from common.widgets import IsoDateInput

from .terms import term_label, within


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


def checked_as_of(day, *, today):
    """A day figures are counted to, as a form gave it (None: none given): no later than
    `today` (nothing is counted yet past it) nor before 2000 (a slip of the keyboard)."""
    if day is not None and day > today:
        raise forms.ValidationError(
            _("Figures can only be counted up to today (%(today)s).") % {"today": today.isoformat()}
        )
    if day is not None and day.year < 2000:
        raise forms.ValidationError(_("Choose a day from 2000 on."))
    return day


class DashboardForm(forms.Form):
    """The dashboard's filters, all in the query string: a course (or every course), a term
    of the place's congress, the day the figures are counted to, and the column the rows are
    ordered by. A past term counts to its last day unless a day inside it is given
    (`reports.terms.choose`); a day outside the term chosen is refused."""

    course = forms.TypedChoiceField(label=_("Course"), required=False, coerce=int, empty_value=None)
    term = forms.TypedChoiceField(label=_("Term"), required=False, coerce=int, empty_value=None)
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        widget=IsoDateInput(),
        error_messages={"invalid": _("Enter a date such as 2026-01-31.")},
    )
    sort = forms.ChoiceField(
        required=False, choices=[(s, s) for s in SORTS] + [(f"-{s}", s) for s in SORTS]
    )

    def __init__(self, data, *, courses, today, terms=()):
        super().__init__(data)
        self.today = today
        self.terms = list(terms)
        self.fields["course"].choices = [("", _("All courses"))] + [
            (course.pk, course.title) for course in courses
        ]
        by_day = _("By the day chosen (the current term by default)")
        self.fields["term"].choices = [("", by_day)] + [
            (term.pk, term_label(term)) for term in self.terms
        ]
        if not self.terms:
            del self.fields["term"]
        self.fields["as_of"].widget.attrs["max"] = today.isoformat()

    def clean_as_of(self):
        return checked_as_of(self.cleaned_data["as_of"], today=self.today)

    def clean(self):
        data = super().clean()
        term_id, day = data.get("term"), data.get("as_of")
        term = next((t for t in self.terms if t.pk == term_id), None)
        if term is not None and day is not None and not within(term, day):
            self.add_error(
                "as_of",
                _("%(day)s is not in %(term)s. Choose a day inside it, or leave the day empty.")
                % {"day": day.isoformat(), "term": term_label(term)},
            )
        return data


class TrainingForm(forms.Form):
    """The initial-training page's choices, in the query string: a programme (the first one
    assigned to anyone by default) and a term of the place's congress (the current one by
    default)."""

    programme = forms.TypedChoiceField(
        label=_("Programme"), required=False, coerce=int, empty_value=None
    )
    term = forms.TypedChoiceField(label=_("Term"), required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, files=None, *, programmes, terms):
        super().__init__(data, files)
        self.fields["programme"].choices = [(p.pk, p.title) for p in programmes]
        self.fields["term"].choices = [(t.pk, term_label(t)) for t in terms]
        if not terms:
            del self.fields["term"]


class ArchiveTermForm(forms.Form):
    """The archive's optional `?term=`: one of the terms the deputy held a seat in."""

    term = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose one of the terms the deputy served in.")},
    )

    def __init__(self, data=None, files=None, *, seats):
        super().__init__(data, files)
        self.terms = {seat.term.pk: seat.term for seat in seats}
        self.fields["term"].choices = [("", "")] + [
            (pk, term_label(term)) for pk, term in self.terms.items()
        ]

    @property
    def chosen(self):
        return self.terms.get(self.cleaned_data.get("term"))
