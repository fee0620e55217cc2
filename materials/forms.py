from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from training_site.widgets import IsoDateInput

MAX_LAW_FILE_BYTES = 5 * 1024 * 1024


class LawImportForm(forms.Form):
    file = forms.FileField(
        label=_("Law text"),
        help_text=_(
            "The official text as published: .docx or .pdf from the national law database, "
            "or .txt/.md. A scanned PDF has no text to read."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt,.md"}),
    )
    effective_date = forms.DateField(
        label=_("Effective date"),
        required=False,
        help_text=_("Leave empty to use the last date in the text's amendment history."),
        widget=IsoDateInput(),
    )
    short_name = forms.CharField(
        label=_("Short name"),
        required=False,
        max_length=40,
        help_text=_("For a law not yet in the library, for example 代表法."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".docx", ".pdf", ".txt", ".md")):
            raise ValidationError(_("Upload a .docx, .pdf, .txt or .md file."))
        if upload.size > MAX_LAW_FILE_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        return upload


class LawImportConfirmForm(forms.Form):
    """The preview's confirmation: a text with warnings needs the box ticked, one without
    needs nothing but the button."""

    accept_warnings = forms.BooleanField(
        label=_("I have read the warnings; import anyway"),
        error_messages={"required": _("Tick the box to confirm that you have read the warnings.")},
    )

    def __init__(self, *args, warnings: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not warnings:
            del self.fields["accept_warnings"]
