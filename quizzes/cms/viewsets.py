"""The question bank's viewsets: all questions, each question type, categories, quizzes and the
question chooser. bank.py registers them."""

from django import forms
from django.contrib.auth.models import Permission
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from ..models import (
    Category,
    FillBlankQuestion,
    MultipleChoiceQuestion,
    Question,
    Quiz,
    ShortAnswerQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from . import chooser, listing, views
from .forms import (
    AcceptedAnswerForm,
    AcceptedAnswersFormSet,
    ArticleLinksFormSet,
    CategoryForm,
    CheckedInlinePanel,
    DrawsFormSet,
    MultipleChoiceOptionsFormSet,
    PickForm,
    PicksFormSet,
    QuestionForm,
    SingleChoiceOptionsFormSet,
)
from .panels import DrawPoolsPanel, ReviewStatusPanel

# One set of permissions for the whole bank: whoever may edit questions may edit every type.
# The types' own permission rows are not checked, and not offered in the group editor.
register_permission_policy(Question, ModelPermissionPolicy(Question))
# Feedback on one answer: a sentence or two.
SHORT_TEXT = forms.Textarea(attrs={"rows": 2})


class QuestionViewSet(ModelViewSet):
    """Every question, whatever its type; adding starts with choosing the type, and editing
    or deleting leads to the type's own views."""

    model = Question
    name = "question_bank"
    url_prefix = "questions"
    icon = "help"
    menu_label = _("Questions")
    menu_order = 100
    index_view_class = listing.QuestionIndexView
    filterset_class = listing.QuestionFilterSet
    ordering = "-updated_at"
    list_per_page = 30
    copy_view_enabled = False
    add_to_reference_index = False  # the types register themselves

    @property
    def add_view(self):
        return self.construct_view(listing.QuestionTypeChooseView)

    @property
    def edit_view(self):
        return self.construct_view(listing.QuestionTypeRedirectView, view_name="edit")

    @property
    def delete_view(self):
        return self.construct_view(listing.QuestionTypeRedirectView, view_name="delete")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("review/<int:pk>/", views.ReviewView.as_view(), name="review"),
            path("retire/<int:pk>/", views.RetireView.as_view(), name="retire"),
        ]


def question_panels(*own_panels):
    """A type's form: what every question has, with the type's own fields after the stem."""
    return ObjectList(
        [
            ReviewStatusPanel(),
            FieldPanel("category"),
            FieldPanel("title"),
            FieldPanel("stem"),
            *own_panels,
            FieldPanel("explanation"),
            FieldRowPanel([FieldPanel("difficulty"), FieldPanel("tags")]),
            CheckedInlinePanel(
                "article_links",
                heading=_("Articles tested"),
                label=_("Article tested"),
                panels=[
                    FieldRowPanel([FieldPanel("law", widget=forms.Select), FieldPanel("article")])
                ],
                formset_class=ArticleLinksFormSet,
                help_text=_(
                    "The law and the article's number (第十四条 is 14). When a new version of "
                    "the law changes the article, the question is sent to review."
                ),
            ),
        ],
        base_form_class=QuestionForm,
    )


def options_panel(formset_class):
    return CheckedInlinePanel(
        "options",
        heading=_("Options"),
        label=_("Option"),
        panels=[
            FieldRowPanel([FieldPanel("text"), FieldPanel("is_correct")]),
            FieldRowPanel([FieldPanel("feedback", widget=SHORT_TEXT), FieldPanel("weight")]),
        ],
        formset_class=formset_class,
        help_text=_(
            "A weight (Moodle's, from GIFT) gives an option a share of the points, a negative "
            "one takes points off; the question never scores below nothing. Without weights, "
            "right and wrong options decide."
        ),
    )


class QuestionTypeViewSet(ModelViewSet):
    """One question type's add, edit and delete views. Its listing is the bank's, filtered."""

    icon = "help"
    copy_view_enabled = False
    add_view_class = views.QuestionCreateView
    edit_view_class = views.QuestionEditView
    delete_view_class = views.QuestionDeleteView

    def __init__(self, **kwargs):
        super().__init__(name=f"question_{self.slug}", **kwargs)

    @cached_property
    def slug(self):
        return listing.SLUGS[self.model]

    @cached_property
    def url_prefix(self):
        return f"questions/{self.slug}"

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            index_url_name="question_bank:index",
            index_results_url_name="question_bank:index_results",
            **kwargs,
        )

    @property
    def index_view(self):
        slug = self.slug

        def to_bank(request):
            return HttpResponseRedirect(f"{reverse('question_bank:index')}?kind={slug}")

        return to_bank

    index_results_view = index_view

    def get_permissions_to_register(self):
        return Permission.objects.none()


class SingleChoiceViewSet(QuestionTypeViewSet):
    model = SingleChoiceQuestion
    edit_handler = question_panels(options_panel(SingleChoiceOptionsFormSet))


class MultipleChoiceViewSet(QuestionTypeViewSet):
    model = MultipleChoiceQuestion
    edit_handler = question_panels(
        options_panel(MultipleChoiceOptionsFormSet), FieldPanel("partial_credit")
    )


class TrueFalseViewSet(QuestionTypeViewSet):
    model = TrueFalseQuestion
    edit_handler = question_panels(
        FieldPanel("correct"),
        FieldRowPanel(
            [
                FieldPanel("feedback_true", widget=SHORT_TEXT),
                FieldPanel("feedback_false", widget=SHORT_TEXT),
            ]
        ),
    )


class FillBlankViewSet(QuestionTypeViewSet):
    model = FillBlankQuestion
    edit_handler = question_panels(
        CheckedInlinePanel(
            "accepted_answers",
            heading=_("Accepted answers"),
            label=_("Accepted answer"),
            panels=[
                FieldRowPanel([FieldPanel("text"), FieldPanel("credit")]),
                FieldPanel("feedback", widget=SHORT_TEXT),
            ],
            formset_class=AcceptedAnswersFormSet,
            form_class=AcceptedAnswerForm,
            help_text=_(
                "The first answer that matches scores its credit (in full if left empty). Spaces, "
                "punctuation, case and full-width forms are ignored when comparing."
            ),
        )
    )


class ShortAnswerViewSet(QuestionTypeViewSet):
    model = ShortAnswerQuestion
    edit_handler = question_panels(FieldPanel("reference_answer"))


QUESTION_TYPE_VIEWSETS = [
    SingleChoiceViewSet,
    MultipleChoiceViewSet,
    TrueFalseViewSet,
    FillBlankViewSet,
    ShortAnswerViewSet,
]


class QuestionChooserViewSet(ChooserViewSet):
    model = Question
    name = "question_chooser"
    icon = "help"
    choose_view_class = chooser.QuestionChooseView
    choose_results_view_class = chooser.QuestionChooseResultsView
    base_widget_class = chooser.QuestionChooserWidget
    choose_one_text = _("Choose a question")
    choose_another_text = _("Choose another question")
    edit_item_text = _("Edit this question")


class QuizChooserViewSet(ChooserViewSet):
    """The chooser of a lesson's quiz block (courses.blocks.QuizChooserBlock). A chosen quiz
    is a reference Wagtail's reference index records, so the quiz's usage lists the lessons
    and deleting it is refused while one uses it (views.QuizDeleteView)."""

    model = Quiz
    icon = "tasks"
    choose_view_class = chooser.QuizChooseView
    choose_results_view_class = chooser.QuizChooseResultsView
    choose_one_text = _("Choose a quiz")
    choose_another_text = _("Choose another quiz")
    edit_item_text = _("Edit the quiz")
    # Only the lesson block uses it; a course's final test keeps its own widget.
    register_widget = False


quiz_chooser = QuizChooserViewSet("quiz_chooser", url_prefix="quizzes/choose-quiz")


class CategoryViewSet(ModelViewSet):
    model = Category
    name = "question_categories"
    icon = "folder-open-1"
    menu_label = _("Categories")
    menu_order = 200
    index_view_class = views.CategoryIndexView
    delete_view_class = views.CategoryDeleteView
    copy_view_enabled = False
    search_fields = ["name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("parent")], base_form_class=CategoryForm
    )


class QuizViewSet(ModelViewSet):
    model = Quiz
    name = "quiz_admin"  # "quizzes" is the deputies' pages' namespace
    url_prefix = "quizzes"
    icon = "tasks"
    menu_label = _("Quizzes")
    menu_order = 300
    index_view_class = views.QuizIndexView
    delete_view_class = views.QuizDeleteView
    inspect_view_class = views.QuizInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "description",
        "time_limit_minutes",
        "attempts_allowed",
        "pass_mark",
        "show_answers",
        "due_date",
        "layout",
        "shuffle_questions",
        "shuffle_options",
        "picks",
        "draws",
    ]
    copy_view_enabled = False
    search_fields = ["title"]
    search_backend_name = None
    list_display = [
        "title",
        Column("question_count", label=_("Questions"), sort_key="question_count"),
        "pass_mark",
        "due_date",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("time_limit_minutes"), FieldPanel("attempts_allowed")]
                    ),
                    FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("due_date")]),
                ],
                heading=_("Rules"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("show_answers"), FieldPanel("layout")]),
                    FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]),
                ],
                heading=_("How it is shown"),
            ),
            CheckedInlinePanel(
                "picks",
                heading=_("Chosen questions"),
                label=_("Chosen question"),
                panels=[FieldRowPanel([FieldPanel("question"), FieldPanel("points")])],
                formset_class=PicksFormSet,
                form_class=PickForm,
            ),
            DrawPoolsPanel(),
            CheckedInlinePanel(
                "draws",
                heading=_("Random draws"),
                label=_("Random draw"),
                panels=[
                    FieldRowPanel([FieldPanel("count"), FieldPanel("points")]),
                    FieldPanel("category"),
                    FieldRowPanel([FieldPanel("law", widget=forms.Select), FieldPanel("chapter")]),
                    FieldPanel("difficulty"),
                ],
                formset_class=DrawsFormSet,
                help_text=_(
                    "Each attempt draws its own random questions, ready ones only, never one "
                    "already chosen or drawn."
                ),
            ),
        ]
    )
