"""Forms of the question bank's admin: the rules an editor's question or quiz must meet before it
is saved, checked across a question's options, answers, article links and a quiz's draws."""

from django import forms
from django.forms.formsets import ORDERING_FIELD_NAME
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from common.numerals import law_number
from materials.lawtext import chinese_numeral
from materials.models import Article, Chapter, LawPage, LawVersion
from materials.selectors import current_version_ids

from ..models import Difficulty, Question
from ..selectors import category_paths


def category_tree_choices(blank_label="---------") -> list[tuple]:
    """Categories as their paths in tree order, in one query (a category's name alone does not
    say where it sits, and its path would cost a query per level)."""
    paths = category_paths()
    return [("", blank_label), *sorted(paths.items(), key=lambda item: item[1])]


class CategoryChoicesMixin:
    """Shows the `category` (or `parent`) field's choices as paths."""

    category_field = "category"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get(self.category_field)
        if field is not None:
            field.choices = category_tree_choices()


class QuestionForm(CategoryChoicesMixin, WagtailAdminModelForm):
    """The form of every question type."""


class CategoryForm(CategoryChoicesMixin, WagtailAdminModelForm):
    category_field = "parent"

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        node = parent
        while node is not None and self.instance.pk:
            if node.pk == self.instance.pk:
                raise forms.ValidationError(_("A category cannot sit inside itself."))
            node = node.parent
        return parent


class RowForm(WagtailAdminModelForm):
    """A child row (option, answer, article, draw, chosen question).

    Its place in the order is not a change, so an empty row offered and left empty is ignored
    rather than refused. Its select fields take `choices` the formset read once for all rows.
    """

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, options in (choices or {}).items():
            if name in self.fields:
                self.fields[name].choices = options

    def has_changed(self):
        return any(name != ORDERING_FIELD_NAME for name in self.changed_data)


class CheckedInlinePanel(InlinePanel):
    """An InlinePanel whose rows are checked together by `formset_class`, and built by
    `form_class` when given."""

    def __init__(self, relation_name, *args, formset_class=None, form_class=RowForm, **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.formset_class = formset_class
        self.form_class = form_class

    def clone_kwargs(self):
        return {
            **super().clone_kwargs(),
            "formset_class": self.formset_class,
            "form_class": self.form_class,
        }

    def get_form_options(self):
        options = super().get_form_options()
        formset_options = options["formsets"][self.relation_name]
        if self.formset_class:
            formset_options["formset"] = self.formset_class
        formset_options["form"] = self.form_class
        return options


class AcceptedAnswerForm(RowForm):
    """A blank's accepted answer: one given without a credit scores in full."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "credit" in self.fields:
            self.fields["credit"].required = False

    def clean_credit(self):
        credit = self.cleaned_data.get("credit")
        return 100 if credit is None else credit

    def has_changed(self):
        return any(name not in (ORDERING_FIELD_NAME, "credit") for name in self.changed_data)


class RowsFormSet(BaseChildFormSet):
    """A child formset that knows which of its rows will be kept, and offers `blank_rows`
    empty rows on a new object's form."""

    blank_rows = 0

    def shared_choices(self) -> dict[str, list]:
        """Choices of the rows' select fields, by field name, read once for all rows."""
        return {}

    @cached_property
    def _shared_choices(self):
        return self.shared_choices()

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "choices": self._shared_choices}

    def total_form_count(self):
        total = super().total_form_count()
        if not self.is_bound and not self.initial_form_count():
            return max(total, self.blank_rows)
        return total

    def kept_forms(self) -> list:
        """Valid rows not marked for deletion, leaving out blank rows added and left empty."""
        return [
            form
            for form in self.forms
            if form.is_valid()
            and not self._should_delete_form(form)
            and (form.instance.pk or form.has_changed())
        ]


class OptionsFormSet(RowsFormSet):
    blank_rows = 4  # as many as most choice questions have

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        kept = self.kept_forms()
        if len(kept) < 2:
            raise forms.ValidationError(_("Give at least two options."))
        self.check_correct(sum(1 for form in kept if form.cleaned_data.get("is_correct")))

    def check_correct(self, correct: int):
        raise NotImplementedError


class SingleChoiceOptionsFormSet(OptionsFormSet):
    def check_correct(self, correct):
        if correct != 1:
            raise forms.ValidationError(_("Mark exactly one option as correct."))


class MultipleChoiceOptionsFormSet(OptionsFormSet):
    def check_correct(self, correct):
        if correct < 1:
            raise forms.ValidationError(_("Mark at least one option as correct."))


class AcceptedAnswersFormSet(RowsFormSet):
    blank_rows = 1

    def clean(self):
        super().clean()
        if not any(form.errors for form in self.forms) and not self.kept_forms():
            raise forms.ValidationError(_("Give at least one accepted answer."))


def law_choices(blank_label="---------") -> list[tuple]:
    """The library's laws by short name, in one query (a county's library holds a handful, so
    a list serves editors better than the page chooser)."""
    laws = LawPage.objects.order_by("path").values_list("pk", "short_name")
    return [("", blank_label), *laws]


def _versions_in_force(law_ids) -> dict[int, LawVersion]:
    versions = LawVersion.objects.filter(pk__in=current_version_ids(), law_id__in=law_ids)
    return {version.law_id: version for version in versions}


class ArticleLinksFormSet(RowsFormSet):
    """An article tested must exist in its law's version in force, when the law's text is
    imported (a law known only by study notes is taken at its word)."""

    def shared_choices(self):
        return {"law": law_choices()}

    def get_unique_error_message(self, unique_check):
        return _("The same article is listed twice.")

    def clean(self):
        super().clean()
        kept = [form for form in self.kept_forms() if form.cleaned_data.get("law")]
        if not kept:
            return
        versions = _versions_in_force({form.cleaned_data["law"].pk for form in kept})
        numbers = set(
            Article.objects.filter(version__in=versions.values()).values_list(
                "version__law_id", "number"
            )
        )
        for form in kept:
            law, number = form.cleaned_data["law"], form.cleaned_data.get("article")
            version = versions.get(law.pk)
            if version is None or number is None or (law.pk, number) in numbers:
                continue
            form.add_error(
                "article",
                _(
                    "%(law)s has no article %(number)s (第%(numeral)s条) in its version in "
                    "force of %(date)s."
                )
                % {
                    "law": law.short_name,
                    "number": number,
                    "numeral": chinese_numeral(number),
                    "date": version.effective_date.isoformat(),
                },
            )


class DrawsFormSet(RowsFormSet):
    """A draw draws at least one question; a chapter needs its law, and the law's version in
    force must have that chapter."""

    def shared_choices(self):
        return {
            "category": category_tree_choices(_("Any category")),
            "law": law_choices(_("Any law")),
            "difficulty": [("", _("Any difficulty")), *Difficulty.choices],
        }

    def clean(self):
        super().clean()
        kept = self.kept_forms()
        for form in kept:
            if form.cleaned_data.get("count") == 0:
                form.add_error("count", _("Draw at least one question."))
        chaptered = [form for form in kept if form.cleaned_data.get("chapter") is not None]
        for form in chaptered:
            if not form.cleaned_data.get("law"):
                form.add_error("chapter", _("Choose the law whose chapter this is."))
        chaptered = [form for form in chaptered if form.cleaned_data.get("law")]
        if not chaptered:
            return
        versions = _versions_in_force({form.cleaned_data["law"].pk for form in chaptered})
        chapters = set(
            Chapter.objects.filter(version__in=versions.values()).values_list(
                "version__law_id", "number"
            )
        )
        for form in chaptered:
            law, number = form.cleaned_data["law"], form.cleaned_data["chapter"]
            if law.pk not in versions:
                form.add_error(
                    "chapter",
                    _("This law's text is not imported, so its chapters are not known."),
                )
            elif (law.pk, number) not in chapters:
                form.add_error(
                    "chapter",
                    _("The version in force of this law has no chapter %(number)s.")
                    % {"number": law_number(number)},
                )


class PicksFormSet(RowsFormSet):
    """A quiz's chosen questions: each once. The chosen questions are read in one query for
    the choosers that show them."""

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "questions": self.chosen_questions}

    @cached_property
    def chosen_questions(self) -> dict[str, Question]:
        ids = [pick.question_id for pick in self.get_queryset() if pick.question_id]
        return {str(q.pk): q for q in Question.objects.non_polymorphic().filter(pk__in=ids)}

    def clean(self):
        # Before the formset's own uniqueness check, which would say it less plainly.
        seen = set()
        for form in self.kept_forms():
            question = form.cleaned_data.get("question")
            if question is None:
                continue
            if question.pk in seen:
                form.add_error("question", _("This question is already chosen."))
            seen.add(question.pk)
        if not any(form.errors for form in self.kept_forms()):
            super().clean()


class PickForm(RowForm):
    def __init__(self, *args, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("question")
        if field is not None and questions:
            field.widget.known = questions
