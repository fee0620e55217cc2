"""The staff's form to create an inspection, and the deputy's finding (sent by the form or,
from the phone's queue, by the page's script with the same fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.widgets import IsoDateInput

from .models import Inspection
from .services import InspectionError, parse_stops


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Inspection.Kind.choices)
    station = forms.ModelChoiceField(queryset=None, label=_("Liaison station"))
    title = forms.CharField(
        label=_("Inspection topic"),
        max_length=120,
        help_text=_("What is inspected, e.g. “农村饮水安全工程”."),
    )
    starts_on = forms.DateField(label=_("Date"), widget=IsoDateInput)
    ends_on = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=IsoDateInput,
        help_text=_("Leave empty for a one-day inspection."),
    )
    stops = forms.CharField(
        label=_("Places, in route order"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: the place, a colon, then what to look at there."),
    )
    organiser = forms.ModelChoiceField(
        queryset=None,
        label=_("Writes the plan and the report"),
        help_text=_("A deputy of the group, often its leader."),
    )
    deputies = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Participating deputies"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, stations, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = stations
        self.fields["organiser"].queryset = deputies
        self.fields["deputies"].queryset = deputies
        # A township's or county's staff choose among several stations' deputies.
        self.fields["organiser"].label_from_instance = _named
        self.fields["deputies"].label_from_instance = _named

    def clean_stops(self):
        try:
            return parse_stops(self.cleaned_data["stops"])
        except InspectionError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day cannot come before the first."))
        station = data.get("station")
        chosen = [
            *data.get("deputies", []),
            *([data["organiser"]] if data.get("organiser") else []),
        ]
        if station and any(d.station_id != station.pk for d in chosen):
            self.add_error("deputies", _("Choose deputies of the station."))
        return data


def _named(deputy) -> str:
    return f"{deputy.user.name} · {deputy.station.name}" if deputy.station_id else deputy.user.name


class FindingForm(forms.Form):
    uuid = forms.UUIDField(widget=forms.HiddenInput)
    stop = forms.TypedChoiceField(label=_("Place"), coerce=int)
    text = forms.CharField(
        label=_("What you found"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you saw, counted or were told: the facts, not the praise."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    keep_location = forms.BooleanField(
        label=_("Keep the place where the photo was taken"),
        required=False,
        help_text=_(
            "Unticked, the phone's location is removed from the photo. Tick it only for a "
            "public place such as a road or a works, never a person's home."
        ),
    )

    def __init__(self, *args, stops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stop"].choices = [(s.pk, f"{s.position}. {s.place}") for s in stops]
