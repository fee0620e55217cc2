"""Report exercises in the content admin: editors paste or upload the report, see the sections
it made, and publish it. Deputies' remarks are personal data and are not here."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from deliberation.models import ReportExercise

from ..speeches.services import set_speech_credit_hours
from .forms import ReportExerciseForm
from .services import import_report


class ImportingMixin:
    """Saves the exercise, then its text (split by the form), and says what came of it."""

    def save_instance(self):
        instance = super().save_instance()
        self.imported = import_report(exercise=instance, text=self.form.cleaned_data["report_text"])
        hours = self.form.cleaned_data["speech_credit_hours"]
        set_speech_credit_hours(report=instance, hours=hours)
        return instance

    def get_success_message(self, *args):
        said = super().get_success_message(*args)
        result = getattr(self, "imported", None)
        if result is None:
            return said
        parts = [
            said or "",
            _("The text makes %(sections)d sections with %(paragraphs)d paragraphs.")
            % {"sections": result.sections, "paragraphs": result.paragraphs},
        ]
        if result.detached:
            parts.append(
                _(
                    "%(count)d remarks of deputies were on paragraphs no longer in the text: "
                    "they are kept, no longer attached to a paragraph."
                )
                % {"count": result.detached}
            )
        return " ".join(part for part in parts if part)


class ReportCreateView(ImportingMixin, CreateView):
    pass


class ReportEditView(ImportingMixin, EditView):
    pass


class ReportExerciseViewSet(ModelViewSet):
    model = ReportExercise
    name = "report_exercises"
    url_prefix = "deliberation/reports"
    icon = "doc-full"
    menu_label = gettext_lazy("Report exercises")
    add_to_admin_menu = True
    menu_order = 275
    list_display = [
        "title",
        "kind",
        "level",
        BooleanColumn("live", label=gettext_lazy("Live")),
        "updated_at",
    ]
    list_filter = ["kind", "level", "live"]
    search_fields = ["title"]
    search_backend_name = None
    add_view_class = ReportCreateView
    edit_view_class = ReportEditView
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("level")]),
            FieldPanel("task"),
            FieldPanel("guidance"),
            HelpPanel(
                template="deliberation/reports/admin_sections.html",
                heading=gettext_lazy("Sections as deputies see them"),
            ),
            FieldPanel("report_text"),
            FieldPanel("docx"),
            FieldPanel("speech_credit_hours"),
            FieldPanel("live"),
        ],
        base_form_class=ReportExerciseForm,
    )
