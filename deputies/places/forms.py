"""The places pages' forms. Model forms check what the models check (codes, unique names); the
services check again, and check who may do it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..forms import NoLabelColonMixin
from ..models import County, LiaisonStation, StaffRole, Township
from ..validators import normalize_code, normalize_mobile, validate_mobile


class _CodeMixin:
    """Codes are typed with full-width digits or spaces as often as not: the field takes a few
    more characters than are stored, and `normalize_code` makes them the stored form before the
    model's validators see them."""

    def clean_code(self):
        return normalize_code(self.cleaned_data.get("code", ""))


class CountyForm(NoLabelColonMixin, _CodeMixin, forms.ModelForm):
    code = forms.CharField(
        label=_("Division code"),
        max_length=12,
        help_text=County._meta.get_field("code").help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"unique": _("Another county already has this code.")},
    )

    class Meta:
        model = County
        fields = ["name", "code", "former_deputies_keep_access"]
        labels = {"name": _("Place name")}


class TownshipForm(NoLabelColonMixin, _CodeMixin, forms.ModelForm):
    """A township of `county`. The county is not a field, so the form checks itself that the
    name is free in it (a model form leaves out constraints on fields it does not show)."""

    code = forms.CharField(
        label=_("Division code (optional)"),
        max_length=15,
        required=False,
        help_text=Township._meta.get_field("code").help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Township
        fields = ["name", "code"]
        labels = {"name": _("Place name")}

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.county = county

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Township.objects.filter(county=self.instance.county, name=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This county already has a township of that name."))
        return name


class StationForm(NoLabelColonMixin, forms.ModelForm):
    class Meta:
        model = LiaisonStation
        fields = ["township", "name", "address"]
        labels = {"township": _("Township"), "name": _("Place name"), "address": _("Address")}

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = county.townships.order_by("name")
        self.fields["township"].empty_label = None

    def clean(self):
        data = super().clean()
        township, name = data.get("township"), (data.get("name") or "").strip()
        taken = LiaisonStation.objects.filter(township=township, name=name)
        if township and name and taken.exclude(pk=self.instance.pk).exists():
            self.add_error("name", _("This township already has a station of that name."))
        return data


class _PersonMixin(forms.Form):
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        help_text=_("They sign in with it."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=50,
        help_text=_("For a new account. Someone who already has an account keeps their name."),
    )

    def clean_mobile(self):
        mobile = normalize_mobile(self.cleaned_data["mobile"])
        validate_mobile(mobile)
        return mobile

    def clean_name(self):
        return self.cleaned_data["name"].strip()


class AppointForm(NoLabelColonMixin, _PersonMixin):
    """A role in one county: station staff (one or more stations), township staff (one
    township) or county officer."""

    KINDS = [
        (StaffRole.Kind.STATION, _("Liaison station staff")),
        (StaffRole.Kind.TOWNSHIP, _("Township congress staff")),
        (StaffRole.Kind.COUNTY, _("County congress officer")),
    ]
    kind = forms.ChoiceField(label=_("Role"), choices=KINDS, widget=forms.RadioSelect)
    stations = forms.ModelMultipleChoiceField(
        label=_("Liaison stations"),
        queryset=LiaisonStation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For liaison station staff: one or more."),
    )
    township = forms.ModelChoiceField(
        label=_("Township"),
        queryset=Township.objects.none(),
        required=False,
        empty_label=_("Choose a township"),
        help_text=_("For township congress staff."),
    )

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        self.county = county
        self.fields["stations"].queryset = (
            LiaisonStation.objects.filter(township__county=county)
            .select_related("township")
            .order_by("township__name", "name")
        )
        self.fields["stations"].label_from_instance = lambda s: f"{s.township.name} · {s.name}"
        self.fields["township"].queryset = county.townships.order_by("name")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == StaffRole.Kind.STATION and not data.get("stations"):
            self.add_error("stations", _("Tick at least one liaison station."))
        if kind == StaffRole.Kind.TOWNSHIP and not data.get("township"):
            self.add_error("township", _("Choose the township."))
        return data

    def places(self) -> list:
        kind = self.cleaned_data["kind"]
        if kind == StaffRole.Kind.STATION:
            return list(self.cleaned_data["stations"])
        if kind == StaffRole.Kind.TOWNSHIP:
            return [self.cleaned_data["township"]]
        return [self.county]


class EditorAppointForm(NoLabelColonMixin, _PersonMixin):
    """A content editor: writes content in /admin/, sees no deputies."""
