"""The question chooser of a quiz's chosen questions: search by stem, filter by type and
category; retired questions are not offered. The quiz chooser of a lesson's quiz block
(courses.blocks.QuizChooserBlock): search by title."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser
from wagtail.admin.widgets.chooser import BaseChooser

from ..models import Question, Quiz
from ..selectors import category_tree_ids
from .forms import category_tree_choices
from .listing import MODELS, TYPE_CHOICES, type_label


class QuestionChooserFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=gettext_lazy("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Search")}),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Type"),
        required=False,
        choices=[("", gettext_lazy("Any type")), *TYPE_CHOICES],
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )
    category = forms.ChoiceField(
        label=gettext_lazy("Category"),
        required=False,
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_tree_choices(_("Any category"))

    def filter(self, objects):
        if search := self.cleaned_data.get("q"):
            objects = objects.filter(stem__icontains=search)
            self.is_searching, self.search_query = True, search
        if kind := self.cleaned_data.get("kind"):
            objects = objects.filter(
                polymorphic_ctype=ContentType.objects.get_for_model(MODELS[kind])
            )
        if category := self.cleaned_data.get("category"):
            objects = objects.filter(category_id__in=category_tree_ids(int(category)))
        return objects


class QuestionChooseViewMixin:
    filter_form_class = QuestionChooserFilterForm
    per_page = 20

    def get_object_list(self):
        # Retired questions are not offered; a question in review may be chosen, and joins
        # attempts once it is ready again.
        return (
            Question.objects.non_polymorphic()
            .exclude(status=Question.Status.RETIRED)
            .order_by("-updated_at")
        )

    @property
    def title_column(self):
        column = super().title_column
        column.label = _("Question")
        return column

    @property
    def columns(self):
        return [
            self.title_column,
            Column("type", label=_("Type"), accessor=type_label),
            Column("difficulty", label=_("Difficulty"), accessor="get_difficulty_display"),
            Column("status", label=_("Status"), accessor="get_status_display"),
        ]


class QuestionChooserWidget(BaseChooser):
    """Shows a chosen question from its base row: one query, not one per table of its type."""

    known: dict | None = None  # questions the form has read already, by id (PickForm)

    def get_instance(self, value):
        if value is None or isinstance(value, Question):
            return value
        if self.known and str(value) in self.known:
            return self.known[str(value)]
        return Question.objects.non_polymorphic().filter(pk=value).first()


class QuestionChooseView(QuestionChooseViewMixin, chooser.ChooseView):
    pass


class QuestionChooseResultsView(QuestionChooseViewMixin, chooser.ChooseResultsView):
    pass


class QuizChooserFilterForm(BaseFilterForm):
    """Quizzes are not in the search index: a title containing the words."""

    q = forms.CharField(
        label=gettext_lazy("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Search")}),
    )

    def filter(self, objects):
        if search := (self.cleaned_data.get("q") or "").strip():
            objects = objects.filter(title__icontains=search)
            self.is_searching, self.search_query = True, search
        return objects


class QuizChooseViewMixin:
    filter_form_class = QuizChooserFilterForm
    per_page = 20

    def get_object_list(self):
        return Quiz.objects.order_by("title", "pk")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("pass_mark", label=_("Pass mark"), accessor="pass_mark"),
            Column("due_date", label=_("Due date"), accessor="due_date"),
        ]


class QuizChooseView(QuizChooseViewMixin, chooser.ChooseView):
    pass


class QuizChooseResultsView(QuizChooseViewMixin, chooser.ChooseResultsView):
    pass
