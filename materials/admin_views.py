"""The law import page in the content admin."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from training_site.admin_views import AdminFormView

from .forms import LawImportForm
from .lawtext import LawParseError, read_law_file
from .services import LawImportError, import_law


class LawImportView(AdminFormView):
    form_class = LawImportForm
    template_name = "materials/admin/law_import.html"
    page_title = gettext_lazy("Import a law")
    header_icon = "doc-full"
    permission_required = "materials.add_lawversion"
    url_name = "materials_law_import"
    submit_button_label = gettext_lazy("Import")
    submit_button_active_label = gettext_lazy("Importing…")

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            parsed = read_law_file(upload.name, upload.read())
            result = import_law(
                parsed=parsed,
                effective_date=form.cleaned_data["effective_date"],
                source_name=upload.name,
                short_name=form.cleaned_data["short_name"] or None,
            )
        except LawParseError as exc:
            form.add_error(
                "file",
                _("Line %(line)d: %(message)s. Nothing was imported.")
                % {"line": exc.line, "message": exc.message},
            )
            return self.form_invalid(form)
        except LawImportError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
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
                self.request,
                _(
                    "Imported %(title)s, in force from %(date)s: %(chapters)d chapters, "
                    "%(sections)d sections, %(articles)d articles."
                )
                % counts,
            )
        else:
            messages.info(
                self.request,
                _("%(title)s of %(date)s was already imported; nothing changed.") % counts,
            )
        return redirect(version.law.url)
