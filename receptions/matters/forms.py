"""The register's forms: recording a matter on the phone, each handling step, and scheduling a
reception day. They check the input; the services decide whether the step may be taken."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.widgets import IsoDateInput
from deputies.validators import normalize_mobile, validate_mobile

from ..models import Category, Matter

TEXT_MAX = 4000


class RecordForm(forms.Form):
    station = forms.ModelChoiceField(queryset=None, label=_("Liaison station"))
    category = forms.ChoiceField(
        label=_("What is it about?"), choices=Category.choices, widget=forms.RadioSelect
    )
    raised = forms.CharField(
        label=_("What the voter raised"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In the voter's own words, briefly: what, where, since when."),
    )
    said_on_spot = forms.CharField(
        label=_("What you told the voter on the spot"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    voter_name = forms.CharField(label=_("Voter's name (optional)"), max_length=50, required=False)
    voter_mobile = forms.CharField(
        label=_("Voter's mobile (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    mobile_consent = forms.BooleanField(
        label=_("The voter agrees that the station keeps this number to tell them the answer"),
        required=False,
    )

    def __init__(self, *args, stations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = stations
        choices = list(stations)
        if len(choices) == 1:
            self.fields["station"].initial = choices[0].pk
            self.fields["station"].widget = forms.HiddenInput()

    def clean_voter_mobile(self):
        mobile = normalize_mobile(self.cleaned_data["voter_mobile"])
        if mobile:
            validate_mobile(mobile)
        return mobile

    def clean(self):
        data = super().clean()
        if data.get("voter_mobile") and not data.get("mobile_consent"):
            self.add_error(
                "mobile_consent",
                _("Keep the voter's mobile only if they agree: tick the box, or leave it out."),
            )
        return data


class ReferForm(forms.Form):
    unit = forms.CharField(label=_("Handling unit"), max_length=120)
    due_on = forms.DateField(
        label=_("Answer due"),
        required=False,
        widget=IsoDateInput,
        help_text=_("Leave empty for 15 working days from today (holidays not counted)."),
    )
    note = forms.CharField(label=_("Note"), max_length=TEXT_MAX, required=False)


class FollowUpForm(forms.Form):
    note = forms.CharField(
        label=_("What was asked of the unit"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    due_on = forms.DateField(
        label=_("New due date (optional)"), required=False, widget=IsoDateInput
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("The unit's answer"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class VisitForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("Is the voter satisfied?"),
        choices=Matter.Satisfaction.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=TEXT_MAX, required=False)


class CloseForm(forms.Form):
    closure = forms.ChoiceField(
        label=_("How did it end?"), choices=Matter.Closure.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), max_length=TEXT_MAX, required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is not accepted, and where the voter was sent"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the matter is before a court; the voter was pointed to it."),
    )


# The step each form takes, by the name the page posts.
STEP_FORMS = {
    "refer": ReferForm,
    "follow_up": FollowUpForm,
    "answer": AnswerForm,
    "visit": VisitForm,
    "close": CloseForm,
    "reject": RejectForm,
}


class ReceptionDayForm(forms.Form):
    station = forms.ModelChoiceField(queryset=None, label=_("Liaison station"))
    day = forms.DateField(label=_("Date"), widget=IsoDateInput)
    hours = forms.CharField(
        label=_("Hours"), max_length=40, required=False, help_text=_("For example: 9:00–11:30")
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    months = forms.IntegerField(
        label=_("For how many months"),
        min_value=1,
        max_value=12,
        initial=1,
        required=False,
        help_text=_(
            "1: this day only. More: the same day of each month (the 9th of every month, say); "
            "a month without that day is skipped."
        ),
    )
    on_duty = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Deputies on duty"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, stations, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = stations
        choices = list(stations[:2])
        if len(choices) == 1:
            self.fields["station"].initial = choices[0].pk
        self.fields["on_duty"].queryset = deputies
        self.fields["on_duty"].label_from_instance = lambda d: f"{d.user.name} · {d.station.name}"

    def clean_months(self):
        return self.cleaned_data["months"] or 1

    def clean(self):
        data = super().clean()
        station, on_duty = data.get("station"), data.get("on_duty")
        if station and on_duty and any(d.station_id != station.pk for d in on_duty):
            self.add_error("on_duty", _("Choose deputies of the station."))
        return data
