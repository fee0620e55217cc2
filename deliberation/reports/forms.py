"""The deputy's remark form (one per paragraph, and one per remark to change it), and the
editors' form of a report exercise with the report's text pasted in or uploaded."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from deliberation.models import RemarkKind
from materials.docxtext import docx_text
from materials.lawlines import LawParseError
from proposals.models import DEFAULT_CREDIT_HOURS

from .services import MAX_DEPARTMENT_CHARS, MAX_QUOTE_CHARS, MAX_REMARK_CHARS
from .splitting import MAX_TEXT_CHARS, SplitError, report_text, split_report

KIND_HINTS = {
    RemarkKind.ASSESSMENT: _("What the report does well, said concretely."),
    RemarkKind.PROBLEM: _("A problem, with the figure or fact that shows it."),
    RemarkKind.QUESTION: _("A question for a department to answer."),
    RemarkKind.SUGGESTION: _("What should be done, by whom, by when."),
}


class RemarkForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of remark"), choices=RemarkKind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Your remark"),
        max_length=MAX_REMARK_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    quote = forms.CharField(
        label=_("Words quoted from the paragraph (optional)"),
        required=False,
        max_length=MAX_QUOTE_CHARS,
        help_text=_(
            "Copy them exactly, or select them in the paragraph before you tap “Remark on "
            "this paragraph”."
        ),
    )
    department = forms.CharField(
        label=_("Department asked (for a question)"),
        required=False,
        max_length=MAX_DEPARTMENT_CHARS,
        help_text=_("For example 镇财政所 or 镇农业农村办."),
    )
    saved_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        # A page holds a form per paragraph and per remark: `auto_id` ("id_<key>_%s") keeps
        # their fields' ids apart.
        super().__init__(*args, **kwargs)
        # The fields draft.js saves as the deputy types.
        for name in ("kind", "text", "quote", "department"):
            self.fields[name].widget.attrs["data-part"] = name

    def kind_rows(self) -> list[dict]:
        """Each kind's radio button with the hint that says what a remark of it holds."""
        return [
            {"choice": choice, "hint": KIND_HINTS[choice.data["value"]]} for choice in self["kind"]
        ]

    def remark_data(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ("kind", "text", "quote", "department")}


MAX_DOCX_BYTES = 10 * 1024 * 1024


class ReportExerciseForm(WagtailAdminModelForm):
    """The exercise's fields, and its text: pasted in the box (which shows the text as it is
    now, split) or uploaded as a .docx, which then replaces the box. The text is split here,
    so that one that cannot be is refused with the form and nothing is saved; the view
    imports it (`services.import_report`) once the exercise is saved."""

    report_text = forms.CharField(
        label=_("The report's text"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_(
            "Paste the whole report. Lines like 一、… 第一部分… （一）… or starting with # "
            "become section headings; every other line is a paragraph. Page numbers and a "
            "header repeated on each page are left out. Remarks stay on every paragraph whose "
            "text is unchanged."
        ),
    )
    docx = forms.FileField(
        label=_("Or upload a .docx"),
        required=False,
        help_text=_("Its text replaces what is in the box above."),
    )
    # Kept on the speech's writing exercise (which the report exercise makes and keeps in
    # step): the view passes it through (`speeches.services.set_speech_credit_hours`).
    speech_credit_hours = forms.DecimalField(
        label=_("Credit hours of the speech"),
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("0"),
        initial=DEFAULT_CREDIT_HOURS,
        help_text=_(
            "Credit hours (学时) a deputy earns when their speech on this report is accepted; "
            "0 for none. A change counts for speeches accepted afterwards."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            sections = self.instance.sections.prefetch_related("paragraphs")
            self.initial["report_text"] = report_text(sections)
            if self.instance.speech_exercise is not None:
                self.initial["speech_credit_hours"] = self.instance.speech_exercise.credit_hours

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("docx")
        text = cleaned.get("report_text", "")
        if upload:
            if upload.size > MAX_DOCX_BYTES:
                self.add_error(
                    "docx",
                    _("The file is larger than %(mb)d MB: not a report.")
                    % {"mb": MAX_DOCX_BYTES // (1024 * 1024)},
                )
                return cleaned
            try:
                text = docx_text(upload.read())
            except LawParseError as exc:
                self.add_error(
                    "docx",
                    _("This file could not be read (%(reason)s). Nothing was changed.")
                    % {"reason": exc.message},
                )
                return cleaned
        try:
            self.sections = split_report(text)
        except SplitError as exc:
            self.add_error("docx" if upload else "report_text", str(exc))
            return cleaned
        cleaned["report_text"] = text
        return cleaned
