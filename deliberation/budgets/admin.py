"""Budget exercises in the content admin: the exercises (a ModelViewSet whose form edits the
lines too), each exercise's table page (upload a table with its row report, see the table,
propose questions), the template to fill in, and the queue of proposed questions (in the
question bank's menu, like the questions the law proposes): approve, edit then approve, reject.
Editors with the exercise permissions may keep exercises; editors who may add questions to the
bank decide the proposals; anyone else in the admin is refused as Wagtail refuses."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from quizzes.cms.transfer import PermissionMenuItem

from ..models import BudgetExercise, BudgetProposal
from .reading import BudgetFileError
from .selectors import pending_proposals, shown_table
from .services import (
    BudgetProposalError,
    approve_proposal,
    import_table,
    propose_questions,
    reject_proposal,
)
from .template import template_xlsx

EXERCISE_PERMISSION = "deliberation.change_budgetexercise"
QUEUE_PERMISSION = "quizzes.add_question"
MAX_UPLOAD_MB = 5
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class BudgetUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Budget table (.xlsx)"),
        help_text=gettext_lazy(
            "The lines replace the table's lines. A title and a unit row above the header, "
            "section rows 一、收入 and 二、支出 and total rows are understood."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an Excel workbook (.xlsx)."))
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB: is it a budget table?")
                % {"size": MAX_UPLOAD_MB}
            )
        return upload


class BudgetProposalForm(forms.Form):
    stem = forms.CharField(label=gettext_lazy("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    answer = forms.CharField(label=gettext_lazy("Right answer"), max_length=300)
    distractors = forms.CharField(
        label=gettext_lazy("Wrong choices"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line, each different from the answer and the others."),
    )
    explanation = forms.CharField(
        label=gettext_lazy("Explanation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Shown after answering: the computation with the figures."),
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _message(error: BudgetProposalError) -> str:
    detail = error.args[0]
    return " ".join(str(v) for v in detail.values()) if isinstance(detail, dict) else str(detail)


class BudgetAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"
    permission = EXERCISE_PERMISSION

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _table_url(exercise_id) -> str:
    return reverse("budget_exercises:table", args=[exercise_id])


class TableView(BudgetAdminView):
    """An exercise's table: upload one (with the row report), see it, propose questions, and
    decide its proposals."""

    template_name = "deliberation/budgets/admin_table.html"
    page_title = gettext_lazy("Budget table")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.exercise = get_object_or_404(
            BudgetExercise.objects.prefetch_related("lines"), pk=kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.exercise.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("budget_exercises:index"), "label": _("Budget exercises")},
            {"url": "", "label": self.exercise.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", BudgetUploadForm())
        proposals = list(self.exercise.proposals.select_related("question").order_by("pk"))
        context.update(
            exercise=self.exercise,
            table=shown_table(self.exercise),
            pending=[p for p in proposals if p.status == BudgetProposal.Status.PENDING],
            decided=[p for p in proposals if p.status != BudgetProposal.Status.PENDING],
            can_decide=self.request.user.has_perm(QUEUE_PERMISSION),
            back=_table_url(self.exercise.pk),
        )
        return context

    def post(self, request, pk):
        form = BudgetUploadForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            try:
                report = import_table(
                    exercise=self.exercise,
                    content=form.cleaned_data["file"].read(),
                    user=request.user,
                )
            except BudgetFileError as error:
                form.add_error("file", str(error))
            else:
                if report.ok:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d line read; the table is replaced.",
                            "%(count)d lines read; the table is replaced.",
                            len(report.lines),
                        )
                        % {"count": len(report.lines)},
                    )
                    return redirect(_table_url(pk))
        return self.render_to_response(self.get_context_data(form=form, report=report))


class TemplateDownloadView(BudgetAdminView):
    def get(self, request):
        response = HttpResponse(template_xlsx(), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="budget-template.xlsx"'
        return response


class ProposeView(BudgetAdminView):
    http_method_names = ["post"]

    def post(self, request, pk):
        exercise = get_object_or_404(BudgetExercise.objects.prefetch_related("lines"), pk=pk)
        result = propose_questions(exercise=exercise)
        messages.success(
            request,
            _(
                "%(created)d new questions proposed; %(existing)d were proposed before from the "
                "same figures and are left as they were."
            )
            % {"created": result.created, "existing": result.existing},
        )
        return redirect(_table_url(pk))


def _back(request) -> str:
    target = request.POST.get("next", "")
    exercise = target.removeprefix("exercise-")
    if exercise.isdigit():
        return _table_url(int(exercise))
    return reverse("deliberation_budget_queue")


class QueueView(BudgetAdminView):
    """Every proposal waiting, by exercise; approve or reject those ticked."""

    template_name = "deliberation/budgets/admin_queue.html"
    page_title = gettext_lazy("Proposed budget questions")
    permission = QUEUE_PERMISSION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposals = list(pending_proposals()[:200])
        groups: dict = {}
        for proposal in proposals:
            groups.setdefault(proposal.exercise, []).append(proposal)
        context.update(groups=list(groups.items()))
        return context

    def post(self, request):
        ids = [pk for pk in request.POST.getlist("ids") if pk.isdigit()]
        action = request.POST.get("action")
        proposals = list(BudgetProposal.objects.pending().filter(pk__in=ids))
        if not proposals or action not in ("approve", "reject"):
            messages.error(request, _("Tick the proposals to approve or reject first."))
            return redirect(_back(request))
        done, failed = 0, []
        for proposal in proposals:
            try:
                if action == "approve":
                    approve_proposal(proposal=proposal, user=request.user)
                else:
                    reject_proposal(
                        proposal=proposal, user=request.user, reason=request.POST.get("reason", "")
                    )
                done += 1
            except BudgetProposalError as error:
                failed.append(f"{proposal}: {_message(error)}")
        if action == "approve":
            text = ngettext(
                "%(count)d proposal approved: it is in the question bank.",
                "%(count)d proposals approved: they are in the question bank.",
                done,
            )
        else:
            text = ngettext("%(count)d proposal rejected.", "%(count)d proposals rejected.", done)
        messages.success(request, text % {"count": done})
        for line in failed:
            messages.error(request, line)
        return redirect(_back(request))


class EditView(BudgetAdminView):
    """Edit a proposal, then approve it: nothing is saved while the edit has a mistake."""

    template_name = "deliberation/budgets/admin_edit.html"
    page_title = gettext_lazy("Edit, then approve")
    permission = QUEUE_PERMISSION

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.proposal = get_object_or_404(
            BudgetProposal.objects.select_related("exercise"),
            pk=kwargs["pk"],
            status=BudgetProposal.Status.PENDING,
        )

    def get_page_subtitle(self):
        return self.proposal.exercise.title

    def get_form(self, data=None):
        p = self.proposal
        initial = {
            "stem": p.stem,
            "answer": p.answer,
            "distractors": "\n".join(p.distractors),
            "explanation": p.explanation,
        }
        return BudgetProposalForm(data, initial=initial)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context.update(proposal=self.proposal, back=_table_url(self.proposal.exercise_id))
        return context

    def post(self, request, pk):
        form = self.get_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                approve_proposal(
                    proposal=self.proposal,
                    user=request.user,
                    stem=data["stem"],
                    answer=data["answer"],
                    distractors=_lines(data["distractors"]),
                    explanation=data["explanation"],
                )
            except BudgetProposalError as error:
                detail = error.args[0]
                for field, message in (
                    detail if isinstance(detail, dict) else {None: detail}
                ).items():
                    form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("Approved: the question is in the question bank."))
                return redirect(_table_url(self.proposal.exercise_id))
        return self.render_to_response(self.get_context_data(form=form))


class DecisionView(BudgetAdminView):
    http_method_names = ["post"]
    permission = QUEUE_PERMISSION

    def post(self, request, pk):
        proposal = get_object_or_404(BudgetProposal, pk=pk)
        try:
            self.decide(proposal)
        except BudgetProposalError as error:
            messages.error(request, _message(error))
        return redirect(_back(request))


class ApproveView(DecisionView):
    def decide(self, proposal):
        approve_proposal(proposal=proposal, user=self.request.user)
        messages.success(
            self.request,
            _("Approved: “%(question)s” is in the question bank.") % {"question": proposal},
        )


class RejectView(DecisionView):
    def decide(self, proposal):
        reason = self.request.POST.get(f"reason-{proposal.pk}") or self.request.POST.get(
            "reason", ""
        )
        reject_proposal(proposal=proposal, user=self.request.user, reason=reason)
        messages.success(self.request, _("Rejected: “%(question)s”.") % {"question": proposal})


class BudgetExerciseViewSet(ModelViewSet):
    model = BudgetExercise
    name = "budget_exercises"
    url_prefix = "deliberation/budgets"
    icon = "table"
    menu_label = gettext_lazy("Budget exercises")
    menu_order = 280
    add_to_admin_menu = True
    list_display = ["title", "level", "year", "live", "updated_at"]
    list_filter = ["level", "live"]
    search_fields = ["title"]
    search_backend_name = None
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("year"), FieldPanel("unit")]),
        FieldPanel("introduction"),
        FieldPanel("source"),
        FieldPanel("quiz"),
        FieldPanel("live"),
        InlinePanel(
            "lines", heading=gettext_lazy("Lines of the table"), label=gettext_lazy("Line")
        ),
    ]

    @property
    def index_view_class(self):
        viewset = self

        class IndexView(super().index_view_class):
            def get_list_more_buttons(self, instance):
                buttons = super().get_list_more_buttons(instance)
                return [
                    ListingButton(
                        _("Table and questions"),
                        url=reverse(viewset.get_url_name("table"), args=[instance.pk]),
                        icon_name="table",
                        priority=5,
                    ),
                    *buttons,
                ]

        return IndexView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/table/", TableView.as_view(), name="table"),
            path("<int:pk>/propose/", ProposeView.as_view(), name="propose"),
            path("template.xlsx", TemplateDownloadView.as_view(), name="template"),
        ]


budget_exercises = BudgetExerciseViewSet()


@hooks.register("register_admin_viewset")
def register_budget_exercises():
    return budget_exercises


@hooks.register("register_admin_urls")
def register_budget_queue_urls():
    return [
        path("budget-questions/", QueueView.as_view(), name="deliberation_budget_queue"),
        path("budget-questions/<int:pk>/", EditView.as_view(), name="deliberation_budget_edit"),
        path(
            "budget-questions/<int:pk>/approve/",
            ApproveView.as_view(),
            name="deliberation_budget_approve",
        ),
        path(
            "budget-questions/<int:pk>/reject/",
            RejectView.as_view(),
            name="deliberation_budget_reject",
        ),
    ]


@hooks.register("register_question_bank_menu_item")
def register_budget_queue_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Proposed budget questions"),
        reverse("deliberation_budget_queue"),
        icon_name="table",
        order=130,
        permission=QUEUE_PERMISSION,
    )


@hooks.register("register_log_actions")
def register_budget_log_actions(actions):
    actions.register_action(
        "deliberation.budget_import",
        gettext_lazy("Import budget table"),
        gettext_lazy("Budget table imported"),
    )
    actions.register_action(
        "deliberation.budget_approve",
        gettext_lazy("Approve budget question"),
        gettext_lazy("Made from a budget table"),
    )
    actions.register_action(
        "deliberation.budget_reject",
        gettext_lazy("Reject budget question"),
        gettext_lazy("Proposed budget question rejected"),
    )
