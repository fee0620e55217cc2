from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import LessonsToCheckView, MarkCheckedView, can_edit_lessons
from .models import CoursePage, Programme


@hooks.register("register_admin_urls")
def register_lessons_to_check_url():
    return [
        path(
            "courses/lessons-to-check/",
            LessonsToCheckView.as_view(),
            name="courses_lessons_to_check",
        ),
        path(
            "courses/lessons-to-check/<int:lesson_id>/checked/",
            MarkCheckedView.as_view(),
            name="courses_lesson_checked",
        ),
    ]


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(
        "courses.mark_checked",
        _("Mark checked against a new text"),
        _("Checked against a new text of the law"),
    )


class LessonsToCheckMenuItem(MenuItem):
    def is_shown(self, request):
        return can_edit_lessons(request.user)


@hooks.register("register_reports_menu_item")
def register_lessons_to_check_menu_item():
    return LessonsToCheckMenuItem(
        _("Lessons to check after an amendment"),
        reverse("courses_lessons_to_check"),
        name="lessons-to-check",
        icon_name="doc-full",
        order=150,
    )


class ProgrammeForm(WagtailAdminModelForm):
    """A programme's courses are chosen among live courses; its refresher is another one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = CoursePage.objects.live().order_by("path")
        self.fields["courses"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["courses"].choices
        )
        refresher = self.fields["refresher"]
        if self.instance.pk:
            refresher.queryset = refresher.queryset.exclude(pk=self.instance.pk)


class ProgrammeViewSet(ModelViewSet):
    """Training programmes (初任培训) in the content admin, for editors."""

    model = Programme
    name = "programme_admin"  # "programmes" is the deputies' and staff pages' namespace
    url_prefix = "programmes"
    icon = "list-ul"
    menu_label = _("Training programmes")
    menu_order = 290
    add_to_admin_menu = True
    copy_view_enabled = False
    search_fields = ["title"]
    search_backend_name = None
    list_display = ["title", "due_days", "study_hours", "assign_to_new_deputies"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldPanel("courses"),
            FieldPanel("study_hours"),
            FieldPanel("final_test"),
            MultiFieldPanel(
                [
                    FieldPanel("for_county_deputies"),
                    FieldPanel("for_township_deputies"),
                    FieldPanel("assign_to_new_deputies"),
                    FieldPanel("due_days"),
                    FieldPanel("refresher"),
                ],
                heading=_("Who is given it, and by when"),
            ),
            MultiFieldPanel(
                [FieldPanel("certificate_title"), FieldPanel("certificate_template")],
                heading=_("Certificate"),
            ),
        ],
        base_form_class=ProgrammeForm,
    )


@hooks.register("register_admin_viewset")
def register_programmes():
    return ProgrammeViewSet()
