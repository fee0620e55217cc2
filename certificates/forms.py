from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A certificate is well under 100 KB; anything far bigger is not one of ours.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=64,
        help_text=_("Printed under the QR code on the certificate."),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Certificate PDF"),
        help_text=_("The PDF file you were given; it is compared and not kept."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("This file is too large to be a certificate (over 2 MB)."))
        return upload


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown on the public verification page."),
    )
