"""Views of the question bank's admin besides the listing: reviewing and retiring a question,
each type's add, edit and delete views, and the listings, inspect and delete views of categories
and quizzes. Reviewing and retiring go through `quizzes.review`; deleting says what keeps an
object, instead of failing on the database's protection.
"""

from django.db import transaction
from django.db.models import Count, ProtectedError
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.models import ReferenceIndex

from materials.lawtext import chinese_numeral

from ..models import Category, Question, QuizDraw
from ..review import ReviewError, mark_ready, retire
from ..selectors import category_paths, question_usage, quizzes_with_question_counts
from .listing import REVIEW_LISTING, type_url
from .panels import draw_pools


def next_url(request, default: str) -> str:
    """Where to go back to: the `next` the page was given, if it is on this site."""
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}):
        return url
    return default


class QuestionObjectView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Question
    permission_required = "change"
    header_icon = "help"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Question, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("question_bank:index"), "label": _("Questions")},
            {"url": type_url(self.object, "edit"), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            question=self.object,
            type_label=self.object.type_label,
            edit_url=type_url(self.object, "edit"),
            next=next_url(self.request, ""),
        )
        return context


class ReviewView(QuestionObjectView):
    """A question waiting for review, or retired: why, which articles it cites (with what
    changed in their laws), and the way back into use."""

    template_name = "quizzes/cms/bank/review.html"
    page_title = gettext_lazy("Review")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        links = self.object.article_links.select_related("law")
        context.update(
            status=self.object.get_status_display(),
            ready=self.object.status == Question.Status.READY,
            retired=self.object.status == Question.Status.RETIRED,
            reasons=self.object.review_reason.splitlines(),
            links=[
                {
                    "article": f"{link.law.short_name} 第{chinese_numeral(link.article)}条",
                    "changes_url": link.law.url + link.law.reverse_subpage("latest_changes")
                    if link.law.url
                    else "",
                }
                for link in links
            ],
            retire_url=reverse("question_bank:retire", args=[self.object.pk]),
        )
        return context

    def post(self, request, pk):
        try:
            mark_ready(question=self.object, user=request.user)
        except ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Question '%(question)s' is in use again.") % {"question": self.object},
                buttons=[messages.button(type_url(self.object, "edit"), _("Edit"))],
            )
        return redirect(next_url(request, reverse("question_bank:index") + REVIEW_LISTING))


class RetireView(QuestionObjectView):
    template_name = "quizzes/cms/bank/retire.html"
    page_title = gettext_lazy("Retire")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["retired"] = self.object.status == Question.Status.RETIRED
        context["usage"] = question_usage(self.object)
        return context

    def post(self, request, pk):
        try:
            retire(question=self.object, user=request.user)
        except ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Question '%(question)s' retired.") % {"question": self.object}
            )
        return redirect(next_url(request, reverse("question_bank:index")))


# Each type's own views


class BankFormViewMixin:
    """Add and edit views of a question type: back to the listing of all questions."""

    def get_success_url(self):
        return reverse("question_bank:index")

    def get_breadcrumbs_items(self):
        index = reverse("question_bank:index")
        return [
            {**item, "label": _("Questions")} if item.get("url") == index else item
            for item in super().get_breadcrumbs_items()
        ]


class QuestionCreateView(BankFormViewMixin, generic.CreateView):
    pass


class QuestionEditView(BankFormViewMixin, generic.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.status != Question.Status.READY:
            buttons.append(
                Button(
                    _("Review"),
                    url=reverse("question_bank:review", args=[self.object.pk]),
                    icon_name="warning",
                    priority=5,
                )
            )
        return buttons


class BlockedDeleteView(generic.DeleteView):
    """A delete view that says what keeps an object from being deleted, instead of failing on
    the database's protection."""

    template_name = "quizzes/cms/bank/confirm_delete.html"

    def get_blockers(self) -> list[str]:
        return []

    @cached_property
    def blockers(self) -> list[str]:
        return self.get_blockers()

    def get_blocked_message(self) -> str:
        return _("This %(model_name)s cannot be deleted.") % {
            "model_name": self.object._meta.verbose_name
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["blockers"] = self.blockers
        context["blocked_message"] = self.get_blocked_message()
        return context

    def form_valid(self, form):
        if self.blockers:
            messages.error(self.request, " ".join(self.blockers))
            return redirect(self.get_delete_url())
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, _("Something still uses it, so it cannot be deleted."))
            return redirect(self.get_delete_url())


class QuestionDeleteView(BankFormViewMixin, BlockedDeleteView):
    """A question that attempts or quizzes use is kept, for their results: it can be retired
    instead."""

    def get_blocked_message(self):
        return _("This question cannot be deleted.")

    def get_blockers(self):
        usage = question_usage(self.object)
        blockers = []
        if usage["attempts"]:
            blockers.append(
                ngettext(
                    "It was asked in %(count)s attempt, whose result must stay as it was.",
                    "It was asked in %(count)s attempts, whose results must stay as they were.",
                    usage["attempts"],
                )
                % {"count": usage["attempts"]}
            )
        if usage["quizzes"]:
            blockers.append(
                ngettext(
                    "%(count)s quiz chooses it.", "%(count)s quizzes choose it.", usage["quizzes"]
                )
                % {"count": usage["quizzes"]}
            )
        return blockers

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.status != Question.Status.RETIRED:
            context["retire_url"] = reverse("question_bank:retire", args=[self.object.pk])
        return context


class CategoryDeleteView(BlockedDeleteView):
    def get_blockers(self):
        blockers = []
        questions = self.object.questions.count()
        if questions:
            blockers.append(
                ngettext(
                    "It holds %(count)s question; move it to another category first.",
                    "It holds %(count)s questions; move them to another category first.",
                    questions,
                )
                % {"count": questions}
            )
        children = self.object.children.count()
        if children:
            blockers.append(
                ngettext(
                    "It has %(count)s subcategory.", "It has %(count)s subcategories.", children
                )
                % {"count": children}
            )
        draws = QuizDraw.objects.filter(category=self.object).count()
        if draws:
            blockers.append(
                ngettext(
                    "%(count)s random draw of a quiz picks from it.",
                    "%(count)s random draws of quizzes pick from it.",
                    draws,
                )
                % {"count": draws}
            )
        return blockers


class QuizDeleteView(BlockedDeleteView):
    """A quiz that deputies attempted is kept for their results; one that a page uses (a
    lesson's quiz block, a course's final test: Wagtail's reference index knows them) is kept
    until it is taken out of them, so that it never vanishes from a lesson unseen."""

    def get_blockers(self):
        blockers = []
        attempts = self.object.attempts.count()
        if attempts:
            blockers.append(
                ngettext(
                    "Deputies made %(count)s attempt at it, whose result must stay.",
                    "Deputies made %(count)s attempts at it, whose results must stay.",
                    attempts,
                )
                % {"count": attempts}
            )
        users = [
            str(source)
            for source, _references in ReferenceIndex.get_references_to(
                self.object
            ).group_by_source_object()
            if source is not None
        ]
        if users:
            blockers.append(
                ngettext(
                    "%(pages)s uses it: take it out there first.",
                    "%(pages)s use it: take it out there first.",
                    len(users),
                )
                % {"pages": ", ".join(users)}
            )
        return blockers


class QuizInspectView(generic.InspectView):
    labels = {"picks": gettext_lazy("Chosen questions"), "draws": gettext_lazy("Random draws")}

    def get_field_label(self, field_name, field):
        return self.labels.get(field_name) or super().get_field_label(field_name, field)

    def get_picks_display_value(self):
        picks = self.object.picks.select_related("question").order_by("sort_order", "pk")
        return render_to_string("quizzes/cms/bank/picks_list.html", {"picks": picks})

    def get_draws_display_value(self):
        return render_to_string(
            "quizzes/cms/bank/draw_pools_list.html", {"pools": draw_pools(self.object)}
        )


class CategoryIndexView(generic.IndexView):
    def get_base_queryset(self):
        # A category's name is its path (Category.__str__ climbs the parents): three levels
        # come with the row, which covers the bank's trees.
        return Category.objects.select_related("parent__parent__parent").annotate(
            question_count=Count("questions")
        )

    @cached_property
    def columns(self):
        paths = category_paths()
        return [
            self._get_title_column("name"),
            Column("path", label=_("Place in the tree"), accessor=lambda c: paths.get(c.pk)),
            Column("question_count", label=_("Questions"), sort_key="question_count"),
        ]


class QuizIndexView(generic.IndexView):
    def get_base_queryset(self):
        return quizzes_with_question_counts()
