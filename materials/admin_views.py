"""The law import page in the content admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import LawImportForm
from .lawtext import LawParseError, read_law_file
from .services import LawImportError, import_law


class LawImportView(WagtailAdminTemplateMixin, FormView):
    form_class = LawImportForm
    template_name = "materials/admin/law_import.html"
    page_title = gettext_lazy("Import a law")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("materials.add_lawversion"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("materials_law_import")
        context["submit_button_label"] = _("Import")
        context["submit_button_active_label"] = _("Importing…")
        return context

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
