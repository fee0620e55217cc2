"""The courses' page in the content admin: the lessons an amendment leaves to check, and the
editor's word that a lesson has been checked against the new text."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import page_permission_policy

from materials.models import LawVersion

from .citations import amendments_to_check
from .models import LessonPage
from .models.basis import basis_text
from .review import ReviewError, mark_checked


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


class MarkCheckedView(View):
    """POST: the lesson has been read against the version's text (`version` in the form): it
    now follows that text and leaves the list. Only for those who may edit the lesson."""

    http_method_names = ["post"]

    def post(self, request, lesson_id):
        lesson = get_object_or_404(LessonPage, pk=lesson_id)
        if not (
            can_edit_lessons(request.user) and lesson.permissions_for_user(request.user).can_edit()
        ):
            raise PermissionDenied
        version = get_object_or_404(
            LawVersion.objects.select_related("law"), pk=request.POST.get("version") or 0
        )
        try:
            mark_checked(lesson=lesson, version=version, user=request.user)
        except ReviewError as exc:
            messages.error(request, str(exc))
        else:
            basis = lesson.bases.filter(law=version.law).first()
            messages.success(
                request,
                _("“%(lesson)s” now follows %(text)s.")
                % {
                    "lesson": lesson.title,
                    "text": basis_text(basis.name, basis.amended_on, basis.kind),
                },
            )
        return redirect("courses_lessons_to_check")
