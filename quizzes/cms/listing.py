"""The listing of every question, whatever its type, and the way to add one: choose the type,
then the type's own form.

Rows are read from the base table (one query a page whatever the mix of types); each row's type
comes from its content type, and its links lead to its type's views.
"""

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ..models import (
    Difficulty,
    FillBlankQuestion,
    MultipleChoiceQuestion,
    Question,
    ShortAnswerQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from ..selectors import category_paths, category_tree_ids
from .forms import category_tree_choices

# Each type: its URL slug (the viewset is named "question_<slug>"), model and a line for editors.
QUESTION_TYPES = [
    ("single", SingleChoiceQuestion, gettext_lazy("One right answer among the options.")),
    ("multiple", MultipleChoiceQuestion, gettext_lazy("One or more right answers to tick.")),
    ("truefalse", TrueFalseQuestion, gettext_lazy("A statement to judge true or false.")),
    ("blank", FillBlankQuestion, gettext_lazy("A word or number to write in; scored by list.")),
    ("short", ShortAnswerQuestion, gettext_lazy("A few sentences, graded by staff.")),
]
SLUGS = {model: slug for slug, model, _description in QUESTION_TYPES}
MODELS = {slug: model for slug, model, _description in QUESTION_TYPES}
TYPE_CHOICES = [(slug, capfirst(model._meta.verbose_name)) for slug, model in MODELS.items()]
REVIEW_LISTING = "?status=" + Question.Status.NEEDS_REVIEW


def question_type(question) -> type[Question]:
    """The question's own type, also for a row read from the base table (its content type
    comes from Django's cache, not a query)."""
    return ContentType.objects.get_for_id(question.polymorphic_ctype_id).model_class()


def type_label(question) -> str:
    return capfirst(question_type(question)._meta.verbose_name)


def type_url(question, view_name: str) -> str:
    return reverse(f"question_{SLUGS[question_type(question)]}:{view_name}", args=[question.pk])


# The listing of every question


class QuestionFilterSet(WagtailFilterSet):
    kind = ChoiceFilter(
        label=gettext_lazy("Type"),
        choices=TYPE_CHOICES,
        method="filter_kind",
        empty_label=gettext_lazy("Any type"),
    )
    category = ChoiceFilter(
        label=gettext_lazy("Category"),
        choices=lambda: category_tree_choices()[1:],
        method="filter_category",
        empty_label=gettext_lazy("Any category"),
        help_text=gettext_lazy("Its subcategories included."),
    )
    status = ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=Question.Status.choices,
        empty_label=gettext_lazy("Any status"),
    )
    difficulty = ChoiceFilter(
        label=gettext_lazy("Difficulty"),
        choices=Difficulty.choices,
        empty_label=gettext_lazy("Any difficulty"),
    )

    class Meta:
        model = Question
        fields = []

    def filter_kind(self, queryset, name, value):
        return queryset.filter(polymorphic_ctype=ContentType.objects.get_for_model(MODELS[value]))

    def filter_category(self, queryset, name, value):
        return queryset.filter(category_id__in=category_tree_ids(int(value)))


class StatusColumn(Column):
    """The status, with the reason a question waits for review under it."""

    cell_template_name = "quizzes/cms/bank/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["ready"] = instance.status == Question.Status.READY
        context["reasons"] = instance.review_reason.splitlines()
        return context


class QuestionIndexView(generic.IndexView):
    """Every question of every type. Rows come from the base table, so a page costs the same
    queries whatever the mix of types."""

    page_title = gettext_lazy("Questions")
    add_item_label = gettext_lazy("Add a question")
    search_fields = ["stem"]
    search_backend_name = None

    def get_base_queryset(self):
        return Question.objects.non_polymorphic().all()

    @cached_property
    def category_paths(self):
        return category_paths()

    @cached_property
    def columns(self):
        return [
            self._get_title_column("__str__"),
            Column("type", label=_("Type"), accessor=type_label, width="10%"),
            Column(
                "category",
                label=_("Category"),
                accessor=lambda question: self.category_paths.get(question.category_id, ""),
                width="12%",
            ),
            Column(
                "difficulty",
                label=_("Difficulty"),
                accessor="get_difficulty_display",
                sort_key="difficulty",
                width="8%",
            ),
            StatusColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
                width="18%",
            ),
            DateColumn("updated_at", label=_("Updated"), sort_key="updated_at", width="10%"),
        ]

    def get_edit_url(self, instance):
        if self.user_has_permission("change"):
            return type_url(instance, "edit")

    def get_delete_url(self, instance):
        if self.user_has_permission("delete"):
            return type_url(instance, "delete")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != Question.Status.READY and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Review"),
                    url=reverse("question_bank:review", args=[instance.pk]),
                    icon_name="warning",
                    priority=15,
                )
            )
        return buttons


class QuestionTypeChooseView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Adding a question starts with its type, as adding a page does in Wagtail."""

    model = Question
    permission_required = "add"
    template_name = "quizzes/cms/bank/choose_type.html"
    page_title = gettext_lazy("Add a question")
    header_icon = "help"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Questions")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["types"] = [
            {
                "label": model._meta.verbose_name,
                "description": description,
                "url": reverse(f"question_{slug}:add"),
            }
            for slug, model, description in QUESTION_TYPES
        ]
        return context


class QuestionTypeRedirectView(View):
    """The base listing's edit and delete URLs lead to the question's own type's views, which
    check permissions."""

    view_name = "edit"

    def get(self, request, pk):
        question = get_object_or_404(Question.objects.non_polymorphic(), pk=pk)
        return redirect(type_url(question, self.view_name))
