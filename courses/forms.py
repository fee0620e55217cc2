from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class AssignForm(forms.Form):
    """Whom to assign a course to: whole townships, whole stations and/or chosen deputies,
    each limited to what the staff member may see."""

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

    def __init__(self, *args, townships, stations, deputies, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
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
        if not (data.get("townships") or data.get("stations") or data.get("deputies")):
            raise ValidationError(_("Choose at least one township, liaison station or deputy."))
        return data
