"""The courses' page in the content admin: the lessons an amendment leaves to check."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import page_permission_policy

from .citations import amendments_to_check


def can_edit_lessons(user) -> bool:
    """Whether the user may edit pages somewhere (lessons are pages; editors may edit all)."""
    return page_permission_policy.user_has_any_permission(user, ["change", "publish"])


class LessonsToCheckView(WagtailAdminTemplateMixin, TemplateView):
    """For each law's newest version, the lessons quoting an article it changed, each quote
    with where its words went, each lesson with a link to its edit page."""

    template_name = "courses/admin/lessons_to_check.html"
    page_title = gettext_lazy("Lessons to check after an amendment")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not can_edit_lessons(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "amendments": amendments_to_check()}
