"""The question bank's editing views in the content admin: a "Question bank" menu with all
questions (and those needing review), categories and quizzes.

Other modules may add items to the menu with the `register_question_bank_menu_item` hook.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import policy_registry

from ..models import Question
from .listing import REVIEW_LISTING
from .viewsets import (
    QUESTION_TYPE_VIEWSETS,
    CategoryViewSet,
    QuestionChooserViewSet,
    QuestionViewSet,
    QuizViewSet,
    quiz_chooser,
)


class QuestionBankGroup(ViewSetGroup):
    menu_label = _("Question bank")
    menu_icon = "help"
    menu_order = 260
    items = (QuestionViewSet, CategoryViewSet, QuizViewSet)
    submenu_hook = "register_question_bank_menu_item"


@hooks.register("register_admin_viewset")
def register_question_bank():
    return [
        QuestionBankGroup(),
        *(viewset() for viewset in QUESTION_TYPE_VIEWSETS),
        QuestionChooserViewSet(),
        quiz_chooser,
    ]


class NeedsReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Question).user_has_permission(request.user, "change")


@hooks.register("register_question_bank_menu_item")
def register_needs_review_menu_item():
    return NeedsReviewMenuItem(
        _("Needs review"),
        reverse("question_bank:index") + REVIEW_LISTING,
        icon_name="warning",
        order=110,
    )


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action("quizzes.mark_ready", _("Mark ready"), _("Put back in use"))
    actions.register_action("quizzes.retire", _("Retire"), _("Retired"))
