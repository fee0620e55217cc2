"""The law import pages in the content admin: upload, then a preview the editor confirms.

The uploaded file is held on the server (`PendingLawImport`) between the two steps, for its
uploader only, and read again when confirmed: nothing reaches the library before the editor
has seen what it will be, with its warnings.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.admin_views import AdminFormView

from .forms import LawImportConfirmForm, LawImportForm
from .lawtext import LawParseError, read_law_file
from .models import PendingLawImport
from .services import (
    ImportResult,
    LawImportError,
    confirm_upload,
    hold_upload,
    parse_pending,
    preview_import,
)


def parse_error_text(exc: LawParseError) -> str:
    return _("Line %(line)d: %(message)s. Nothing was imported.") % {
        "line": exc.line,
        "message": exc.message,
    }


class LawImportView(AdminFormView):
    form_class = LawImportForm
    template_name = "materials/admin/law_import.html"
    page_title = gettext_lazy("Import a law")
    header_icon = "doc-full"
    permission_required = "materials.add_lawversion"
    url_name = "materials_law_import"
    submit_button_label = gettext_lazy("Preview")
    submit_button_active_label = gettext_lazy("Reading…")

    def form_valid(self, form):
        name, content = form.law_file()
        try:
            read_law_file(name, content)
        except LawParseError as exc:
            form.add_error(
                "file" if form.cleaned_data.get("file") else "text", parse_error_text(exc)
            )
            return self.form_invalid(form)
        pending = hold_upload(
            user=self.request.user,
            file_name=name,
            content=content,
            effective_date=form.cleaned_data["effective_date"],
            short_name=form.cleaned_data["short_name"],
        )
        return redirect("materials_law_import_preview", token=pending.token)


class LawImportPreviewView(AdminFormView):
    """What the held upload would import, and the button that imports it."""

    form_class = LawImportConfirmForm
    template_name = "materials/admin/law_import_preview.html"
    page_title = gettext_lazy("Check before importing")
    header_icon = "doc-full"
    permission_required = "materials.add_lawversion"
    url_name = "materials_law_import_preview"
    submit_button_label = gettext_lazy("Import")
    submit_button_active_label = gettext_lazy("Importing…")

    def dispatch(self, request, *args, token, **kwargs):
        if not request.user.has_perm(self.permission_required):
            raise PermissionDenied
        # Another editor's upload is not found, as if it did not exist.
        self.pending = get_object_or_404(PendingLawImport, token=token, uploaded_by=request.user)
        if self.pending.expired:
            self.pending.delete()
            messages.error(request, _("This upload has expired; upload the file again."))
            return redirect("materials_law_import")
        try:
            parsed = parse_pending(self.pending)
        except LawParseError as exc:  # read at upload; only a changed parser gets here
            self.pending.delete()
            messages.error(request, parse_error_text(exc))
            return redirect("materials_law_import")
        self.preview = preview_import(parsed=parsed, effective_date=self.pending.effective_date)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "warnings": bool(self.preview.warnings)}

    def get_action_url(self) -> str:
        return reverse(self.url_name, args=[self.pending.token])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending"] = self.pending
        context["preview"] = self.preview
        context["articles"] = [
            (heading, article)
            for heading, article in (
                (_("First article"), self.preview.first),
                (_("Last article"), self.preview.last),
            )
            if article is not None
        ]
        return context

    def form_valid(self, form):
        try:
            result = confirm_upload(
                pending=self.pending,
                accept_warnings=form.cleaned_data.get("accept_warnings", False),
            )
        except LawParseError as exc:
            form.add_error(None, parse_error_text(exc))
            return self.form_invalid(form)
        except LawImportError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        report(self.request, result)
        return redirect(result.version.law.url)


def report(request, result: ImportResult) -> None:
    version = result.version
    counts = {
        "title": version.title,
        "date": version.effective_date.isoformat(),
        "chapters": result.chapters,
        "sections": result.sections,
        "articles": result.articles,
    }
    if result.created:
        messages.success(
            request,
            _(
                "Imported %(title)s, in force from %(date)s: %(chapters)d chapters, "
                "%(sections)d sections, %(articles)d articles."
            )
            % counts,
        )
        for notice in result.notices:
            messages.info(request, notice)
    else:
        messages.info(
            request, _("%(title)s of %(date)s was already imported; nothing changed.") % counts
        )
