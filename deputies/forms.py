from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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
