"""Importing and exporting questions in the content admin: an upload page that imports a file and
shows what it left out, the Excel template, and an export of the bank or of one category. Their
menu items go in the question bank's menu (cms/bank.py)."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from common.admin_views import AdminFormView

from ..formats.detect import QuestionFileError, read_question_file
from ..formats.xlsx import question_template_xlsx
from ..models import Category
from ..transfer import (
    export_questions_gift,
    export_questions_xlsx,
    import_questions,
    questions_for_export,
)
from .forms import category_tree_choices

IMPORT_PERMISSION = "quizzes.add_question"
EXPORT_PERMISSION = "quizzes.view_question"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SUFFIXES = (".xlsx", ".gift", ".txt")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Question file"),
        help_text=gettext_lazy(
            "Excel made from the template (.xlsx), Moodle GIFT (.gift or .txt) or Aiken (.txt)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[
            ("", gettext_lazy("Recognise it from the file")),
            ("xlsx", gettext_lazy("Excel from the template (.xlsx)")),
            ("gift", "Moodle GIFT"),
            ("aiken", "Aiken"),
        ],
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check the file"),
        required=False,
        help_text=gettext_lazy("Show what would be imported, and store nothing."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise ValidationError(_("Upload a .xlsx, .gift or .txt file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        return upload


class QuestionImportView(AdminFormView):
    form_class = QuestionImportForm
    template_name = "quizzes/cms/transfer/import.html"
    page_title = gettext_lazy("Import questions")
    header_icon = "upload"
    permission_required = IMPORT_PERMISSION
    url_name = "quizzes_question_import"
    submit_button_label = gettext_lazy("Import")
    submit_button_active_label = gettext_lazy("Importing…")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["template_url"] = reverse("quizzes_question_template")
        context["export_url"] = reverse("quizzes_question_export")
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            report = read_question_file(
                upload.name, upload.read(), format=form.cleaned_data["format"] or None
            )
        except QuestionFileError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        result = import_questions(report=report, dry_run=form.cleaned_data["dry_run"])
        # The page shows what happened, above an empty form for the next file.
        context = self.get_context_data(
            form=self.form_class(),
            filename=upload.name,
            result=result,
            rejected=result.rejected,
            duplicates=[item for item in result.skipped if item.duplicate],
        )
        return self.render_to_response(context)


class QuestionExportForm(forms.Form):
    category = forms.ChoiceField(
        label=gettext_lazy("Category"),
        required=False,
        help_text=gettext_lazy("Its subcategories included."),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[
            ("xlsx", gettext_lazy("Excel from the template (.xlsx)")),
            ("gift", "Moodle GIFT (.gift)"),
        ],
        initial="xlsx",
        required=False,
        help_text=gettext_lazy(
            "GIFT keeps titles and each answer's feedback and weights, which Excel does not."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_tree_choices(blank_label=_("The whole bank"))


class QuestionExportView(AdminFormView):
    form_class = QuestionExportForm
    template_name = "quizzes/cms/transfer/export.html"
    page_title = gettext_lazy("Export questions")
    header_icon = "download"
    permission_required = EXPORT_PERMISSION
    url_name = "quizzes_question_export"
    submit_button_label = gettext_lazy("Download")
    submit_button_active_label = gettext_lazy("Exporting…")

    def form_valid(self, form):
        category = Category.objects.filter(pk=form.cleaned_data["category"] or None).first()
        questions = questions_for_export(category)
        name = f"questions-{category.pk}-" if category else "questions-"
        name = f"{name}{timezone.localdate():%Y-%m-%d}"
        if form.cleaned_data["format"] == "gift":
            response = HttpResponse(
                export_questions_gift(questions), content_type="text/plain; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.gift"'
            return response
        return _xlsx_response(export_questions_xlsx(questions), f"{name}.xlsx")


def question_template(request):
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    return _xlsx_response(question_template_xlsx(), "question-template.xlsx")


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@hooks.register("register_admin_urls")
def register_question_transfer_urls():
    return [
        path(
            "question-transfer/import/",
            QuestionImportView.as_view(),
            name="quizzes_question_import",
        ),
        path("question-transfer/template/", question_template, name="quizzes_question_template"),
        path(
            "question-transfer/export/",
            QuestionExportView.as_view(),
            name="quizzes_question_export",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_question_bank_menu_item")
def register_import_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Import questions"),
        reverse("quizzes_question_import"),
        icon_name="upload",
        order=400,
        permission=IMPORT_PERMISSION,
    )


@hooks.register("register_question_bank_menu_item")
def register_export_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Export questions"),
        reverse("quizzes_question_export"),
        icon_name="download",
        order=410,
        permission=EXPORT_PERMISSION,
    )
