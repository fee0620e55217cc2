from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class AssignForm(forms.Form):
    """Whom to assign a course to: everyone it is meant for, whole townships, whole stations
    and/or chosen deputies, each limited to what the staff member may see."""

    audience = forms.BooleanField(required=False)
    townships = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Whole townships"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    stations = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Whole liaison stations"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    deputies = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Chosen deputies"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, townships, stations, deputies, audience_size, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["audience"].label = ngettext(
            "Everyone the course is meant for in your area (%(count)d deputy)",
            "Everyone the course is meant for in your area (%(count)d deputies)",
            audience_size,
        ) % {"count": audience_size}
        self.fields["townships"].queryset = townships
        self.fields["stations"].queryset = stations
        self.fields["deputies"].queryset = deputies
        self.fields["deputies"].label_from_instance = lambda d: (
            f"{d.user.name}（{d.station.name if d.station else d.township.name}）"
        )
        self.fields["stations"].label_from_instance = lambda s: f"{s.name}（{s.township.name}）"
        # Station staff have no township to offer: show only the choices that exist.
        for name in ("townships", "stations"):
            if not self.fields[name].queryset.exists():
                del self.fields[name]

    def clean(self):
        data = super().clean()
        chosen = ("audience", "townships", "stations", "deputies")
        if not any(data.get(name) for name in chosen):
            raise ValidationError(
                _("Choose the course's audience, or at least one township, station or deputy.")
            )
        return data
