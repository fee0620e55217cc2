from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.widgets import IsoDateInput

from .validators import normalize_mobile, validate_mobile


class NoLabelColonMixin:
    """Labels sit above their fields, so they need no colon (and a half-width one looks wrong
    in Chinese)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ChangePasswordForm(NoLabelColonMixin, PasswordChangeForm):
    pass


class FirstPasswordForm(NoLabelColonMixin, SetPasswordForm):
    """For an account with no password yet (made by the roster import, signed in with a
    one-time code): there is no old password to confirm."""


class MobileSignInForm(NoLabelColonMixin, AuthenticationForm):
    """Sign-in with a mobile number. The field keeps Django's name "username", which is also
    the name django-axes reads to count failures per number."""

    username = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "inputmode": "tel", "autofocus": True}
        ),
    )
    error_messages = {
        "invalid_login": _("The mobile number or the password is wrong. Check both and try again."),
        "inactive": _("This account is closed. Ask your liaison station for help."),
    }

    def clean_username(self):
        mobile = normalize_mobile(self.cleaned_data["username"])
        validate_mobile(mobile)
        return mobile


class RosterUploadForm(NoLabelColonMixin, forms.Form):
    file = forms.FileField(
        label=_("Roster file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    county = forms.ModelChoiceField(queryset=None, label=_("County"), empty_label=None)

    def __init__(self, *args, counties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties
        only = list(counties[:2])
        if len(only) == 1:
            self.fields["county"].widget = forms.HiddenInput()
            self.fields["county"].initial = only[0].pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Upload an Excel .xlsx file. Start from the template."))
        if upload.size > settings.ROSTER_MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)d MB. Split it by township.")
                % {"mb": settings.ROSTER_MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


class DeputyFilterForm(NoLabelColonMixin, forms.Form):
    q = forms.CharField(label=_("Name or mobile number"), required=False, max_length=50)
    township = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Township"), empty_label=_("All townships")
    )
    station = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Liaison station"), empty_label=_("All stations")
    )

    def __init__(self, *args, townships, stations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = townships
        self.fields["station"].queryset = stations


class TermChangeForm(RosterUploadForm):
    """The county's term change: the new terms' first day and numbers, what re-elected deputies
    do about initial training, and the new term's roster. One number field per township."""

    starts_on = forms.DateField(
        label=_("First day of the new term"),
        help_text=_("The day of the new congresses' first sessions."),
        widget=IsoDateInput(),
    )
    county_number = forms.IntegerField(
        label=_("The county congress's new term"), min_value=1, max_value=99
    )
    reelected_choice = forms.ChoiceField(
        label=_("Re-elected deputies' initial training"),
        widget=forms.RadioSelect,
        help_text=_("Staff can change it for each deputy afterwards."),
    )
    field_order = ["county", "starts_on", "county_number"]

    def __init__(self, *args, townships, current_terms, **kwargs):
        from .models import TermChange

        super().__init__(*args, **kwargs)
        self.fields["reelected_choice"].choices = TermChange.ReelectedChoice.choices
        self.fields["reelected_choice"].initial = TermChange.ReelectedChoice.EXEMPTED
        self.fields["file"].label = _("The new term's roster (.xlsx)")
        county_term = current_terms.get(None)
        if county_term:
            self.fields["county_number"].initial = county_term.number + 1
        self.townships = list(townships)
        for township in self.townships:
            term = current_terms.get(township.pk)
            self.fields[f"township_{township.pk}"] = forms.IntegerField(
                label=_("%(township)s congress's new term") % {"township": township.name},
                min_value=1,
                max_value=99,
                initial=term.number + 1 if term else None,
            )

    def township_fields(self):
        return [self[f"township_{t.pk}"] for t in self.townships]

    def clean_starts_on(self):
        from django.utils import timezone

        day = self.cleaned_data["starts_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Open the new term on its first day or after it, not before."))
        return day

    def township_numbers(self) -> dict:
        return {str(t.pk): self.cleaned_data[f"township_{t.pk}"] for t in self.townships}


class TermDatesForm(NoLabelColonMixin, forms.Form):
    starts_on = forms.DateField(label=_("First day"), widget=IsoDateInput())


class LeaveOfficeForm(NoLabelColonMixin, forms.Form):
    last_day = forms.DateField(label=_("Last day in office"), widget=IsoDateInput())
    reason = forms.ChoiceField(label=_("Reason for leaving"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=200,
        help_text=_("For instance the session that accepted a resignation. Staff see it."),
    )

    def __init__(self, *args, seat_started_on=None, **kwargs):
        from .models import Membership

        super().__init__(*args, **kwargs)
        self.seat_started_on = seat_started_on
        self.fields["reason"].choices = [
            choice
            for choice in Membership.EndReason.choices
            if choice[0] != Membership.EndReason.TERM_ENDED
        ]

    def clean_last_day(self):
        from django.utils import timezone

        day = self.cleaned_data["last_day"]
        if day > timezone.localdate():
            raise ValidationError(_("Record it on the day or after, not before."))
        if self.seat_started_on and day < self.seat_started_on:
            raise ValidationError(
                _("The deputy's seat began on %(day)s; the last day cannot come before it.")
                % {"day": self.seat_started_on.isoformat()}
            )
        return day
