from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.widgets import IsoDateInput

MAX_LAW_FILE_BYTES = 5 * 1024 * 1024


# Files an editor may well have that cannot be read: said so, with what to do instead.
OLD_WORD = (".doc", ".wps", ".rtf")


class LawImportForm(forms.Form):
    file = forms.FileField(
        label=_("Law text"),
        required=False,
        help_text=_(
            "The official text as published: .docx or .pdf from the national law database, "
            "or .txt/.md. A scanned PDF has no text to read."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt,.md"}),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        required=False,
        max_length=MAX_LAW_FILE_BYTES // 3,  # characters: a CJK character is 3 bytes in UTF-8
        strip=False,
        help_text=_(
            "Copied from the law database's page or from a PDF, title and history included: "
            "broken lines, page numbers and running headers are put right."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
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
        if upload is None:
            return None
        if upload.name.lower().endswith(OLD_WORD):
            raise ValidationError(
                _(
                    "An old Word, WPS or RTF file cannot be read: open it and save it as .docx "
                    "(Word 2007 or later) or as PDF, or paste its text below."
                )
            )
        if not upload.name.lower().endswith((".docx", ".pdf", ".txt", ".md")):
            raise ValidationError(_("Upload a .docx, .pdf, .txt or .md file."))
        if upload.size > MAX_LAW_FILE_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        return upload

    def clean(self):
        data = super().clean()
        given = [
            name
            for name, value in (
                ("file", data.get("file")),
                ("text", (data.get("text") or "").strip()),
            )
            if value
        ]
        if not self.errors and len(given) != 1:
            # On the file field: the admin's form page shows errors by their field.
            self.add_error(
                "file",
                _("Choose a file or paste the text: one of the two.")
                if given
                else _("Choose a file, or paste the text."),
            )
        return data

    def law_file(self) -> tuple[str, bytes]:
        """The file's name and bytes, or the pasted text as a text file's."""
        if self.cleaned_data.get("file"):
            upload = self.cleaned_data["file"]
            return upload.name, upload.read()
        return "pasted.txt", self.cleaned_data["text"].encode("utf-8")


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
