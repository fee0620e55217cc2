from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import LessonsToCheckView, can_edit_lessons


@hooks.register("register_admin_urls")
def register_lessons_to_check_url():
    return [
        path(
            "courses/lessons-to-check/",
            LessonsToCheckView.as_view(),
            name="courses_lessons_to_check",
        )
    ]


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
