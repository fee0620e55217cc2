"""Writing practice in the content admin: the exercises, and the checker's rules. Editors keep
both (the Editors group has their permissions, migration 0003); deputies' drafts are personal
data and are not here."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from .checker import ALL_PARTS, DETECTORS, GENRE_LABELS, GENRES, PART_LABELS, PARTS
from .models import CheckRule, Exercise, Level

# What each of the checker's tests looks for, to choose one by; a test added to the checker
# later shows by its name until it is described here.
KIND_LABELS = {
    "missing": _("A part left empty or too short"),
    "words": _("Listed words or patterns in the text"),
    "topics": _("More than one matter"),
    "concrete": _("Measures with no concrete action, quantity or deadline"),
    "cosigners": _("Too few co-signers for the level"),
    "duplicates": _("A co-signer listed twice"),
    "pattern": _("A part not in the required form"),
    "roster": _("A joint signer not among the deputies of the congress"),
    "formula": _("Remarks that are nothing but formula"),
    "share": _("Parts that take up too much of the text"),
    "tied": _("Problems tied to nothing in the report"),
    "figures": _("No figure cited from the report"),
    "addressee": _("A question or suggestion put to no named body"),
    "length": _("Spoken length far outside the usual"),
}


class CheckRuleForm(WagtailAdminModelForm):
    """Lists as ticks rather than JSON; the model's clean() then checks the whole rule as the
    checker will run it."""

    kind = forms.ChoiceField(
        label=_("Test"),
        choices=lambda: [
            (name, f"{name}: {KIND_LABELS.get(name, name)}") for name in sorted(DETECTORS)
        ],
    )
    parts = forms.MultipleChoiceField(
        label=_("Parts"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        # Labelled with their genre: 问题 is a proposal's part and a speech's.
        choices=lambda: [(name, f"{PART_LABELS[name]} ({_genres_of(name)})") for name in ALL_PARTS],
        help_text=_("None ticked: every part the test reads."),
    )
    genres = forms.MultipleChoiceField(
        label=_("Genres"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=lambda: [(name, GENRE_LABELS[name]) for name in GENRES],
        help_text=_("None ticked: every genre, remarks on a report included."),
    )
    levels = forms.MultipleChoiceField(
        label=_("Levels"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Level.choices,
        help_text=_("None ticked: both."),
    )


def _genres_of(part: str) -> str:
    return "、".join(str(GENRE_LABELS[g]) for g in GENRES if part in PARTS[g])


class CheckRuleViewSet(ModelViewSet):
    model = CheckRule
    name = "proposal_rules"
    url_prefix = "proposals/rules"
    icon = "tasks"
    menu_label = _("Checker rules")
    menu_order = 200
    list_display = ["name", "code", "criterion", "severity", "weight", "enabled"]
    list_filter = ["criterion", "severity", "enabled"]
    ordering = ["sort_order", "code"]
    search_fields = ["code", "name", "message"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
            FieldPanel("kind"),
            FieldRowPanel([FieldPanel("criterion"), FieldPanel("severity"), FieldPanel("weight")]),
            FieldPanel("enabled"),
            FieldPanel("message"),
            FieldPanel("fix"),
            FieldPanel("basis"),
            MultiFieldPanel(
                [FieldPanel("parts"), FieldPanel("genres"), FieldPanel("levels")],
                heading=_("Where it applies"),
            ),
            FieldPanel("words"),
            FieldPanel("params"),
            FieldPanel("sort_order"),
        ],
        base_form_class=CheckRuleForm,
    )


class ExerciseViewSet(ModelViewSet):
    model = Exercise
    name = "proposal_exercises"
    url_prefix = "proposals/exercises"
    icon = "edit"
    menu_label = _("Exercises")
    menu_order = 100
    list_display = ["title", "genre", "level", "credit_hours", "live", "updated_at"]
    list_filter = ["genre", "level", "live"]
    search_fields = ["title", "scenario"]
    search_backend_name = None
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("genre"), FieldPanel("level")]),
        FieldPanel("scenario"),
        FieldPanel("guidance"),
        FieldRowPanel([FieldPanel("pass_by_checker"), FieldPanel("credit_hours")]),
        FieldPanel("live"),
    ]


class WritingPracticeGroup(ViewSetGroup):
    menu_label = _("Writing practice")
    menu_icon = "edit"
    menu_order = 270
    items = (ExerciseViewSet, CheckRuleViewSet)


@hooks.register("register_admin_viewset")
def register_writing_practice():
    return WritingPracticeGroup()


# The chooser of a lesson's *Writing exercise* block (courses.blocks.ExerciseChooserBlock).


class ExerciseSearchForm(BaseFilterForm):
    """Exercises are not in the search index: a title or scenario containing the words."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
    )

    def filter(self, objects):
        term = (self.cleaned_data.get("q") or "").strip()
        if term:
            objects = objects.filter(Q(title__icontains=term) | Q(scenario__icontains=term))
            self.is_searching, self.search_query = True, term
        return objects


class ExerciseChoiceColumns:
    """What to choose an exercise by besides its title: genre, level, and whether it is live
    (only live exercises are shown to deputies and count towards a course)."""

    filter_form_class = ExerciseSearchForm

    @property
    def columns(self):
        return [
            *super().columns,
            Column("genre", label=_("Genre"), accessor="get_genre_display"),
            Column("level", label=_("Level of congress"), accessor="get_level_display"),
            BooleanColumn("live", label=_("Live")),
        ]


class ExerciseChooseView(ExerciseChoiceColumns, ChooseView):
    pass


class ExerciseChooseResultsView(ExerciseChoiceColumns, ChooseResultsView):
    pass


class ExerciseChooserViewSet(ChooserViewSet):
    model = Exercise
    icon = "edit"
    choose_one_text = _("Choose a writing exercise")
    choose_another_text = _("Choose another exercise")
    edit_item_text = _("Edit the exercise")
    choose_view_class = ExerciseChooseView
    choose_results_view_class = ExerciseChooseResultsView
    # Only the lesson block uses it; other forms with an exercise keep their own widget.
    register_widget = False


exercise_chooser = ExerciseChooserViewSet(
    "exercise_chooser", url_prefix="proposals/choose-exercise"
)


@hooks.register("register_admin_viewset")
def register_exercise_chooser():
    return exercise_chooser
