from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.widgets import IsoDateInput

from .models import Certificate, earliest_training_date, training_date_error
from .models.certificates import normalise_code

# A certificate is well under 100 KB; anything far bigger is not one of ours.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class CodeForm(forms.Form):
    # Long enough for a pasted verification link; the code is 22 characters.
    code = forms.CharField(
        label=_("Verification code"),
        max_length=200,
        help_text=_(
            "Printed under the QR code on the certificate. Capital and small letters differ."
        ),
        # A phone must not capitalise or "correct" a code.
        widget=forms.TextInput(
            attrs={
                "autocapitalize": "none",
                "autocorrect": "off",
                "autocomplete": "off",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])


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
    category = forms.ChoiceField(
        label=_("Reason for revoking"),
        choices=[("", _("Choose a reason")), *Certificate.RevocationCategory.choices],
        help_text=_("Shown on the public verification page."),
    )
    reason = forms.CharField(
        label=_("Internal note"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Staff see it; the verification page does not."),
    )


class IssueByHandForm(forms.Form):
    """A county officer's certificate for a deputy who did the training outside the platform.
    `courses` is what the deputy holds no valid certificate for yet."""

    course = forms.ModelChoiceField(
        label=_("Course"), queryset=None, empty_label=_("Choose a course")
    )
    credit_hours = forms.DecimalField(
        label=_("Credit hours"),
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("0.5"),
        max_value=Decimal("99.5"),
        required=False,
        help_text=_("Leave empty for the course's own credit hours."),
    )
    trained_on = forms.DateField(
        label=_("Date of the training"),
        # A date input reads and writes YYYY-MM-DD only, whatever the page's language: the
        # Chinese format (2026/05/12) would leave it blank.
        widget=IsoDateInput(),
        input_formats=["%Y-%m-%d"],
        help_text=_(
            "The certificate gives it as the day the course was done (its last day, for a "
            "training of several days)."
        ),
    )
    note = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Why it is issued by hand, for example “attended the county's in-person training "
            "on 12 May”. Staff see it; the verification page does not."
        ),
    )

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
        today = timezone.localdate()
        # The browser's date picker offers only the days the form accepts.
        self.fields["trained_on"].widget.attrs.update(
            min=earliest_training_date(today).isoformat(), max=today.isoformat()
        )

    def clean_trained_on(self):
        day = self.cleaned_data["trained_on"]
        error = training_date_error(day)
        if error:
            raise ValidationError(error)
        return day

    def clean(self):
        cleaned = super().clean()
        course = cleaned.get("course")
        if course is not None and cleaned.get("credit_hours") is None:
            hours = course.hours_for(sum(lesson.estimated_minutes for lesson in course.lessons()))
            if not hours:
                self.add_error("credit_hours", _("This course has no credit hours: give them."))
            cleaned["credit_hours"] = hours
        return cleaned
