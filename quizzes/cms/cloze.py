"""The queue of questions the law proposes (quizzes.cloze), in the question bank's menu: pending
proposals by law and article, each approved as proposed, edited then approved, or rejected, one
by one or several at once; and the law versions to propose from. Editors who may add questions
to the bank may open it; anyone else in the admin is refused as Wagtail refuses (sent to the
admin home, told why)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from materials.models import LawVersion

from ..cloze.selectors import by_article, pending_proposals, versions_to_propose_from
from ..cloze.services import ProposalError, approve_proposal, propose_questions, reject_proposal
from ..models import ClozeProposal
from .transfer import PermissionMenuItem

PERMISSION = "quizzes.add_question"
PER_PAGE = 40


class ClozeAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


def _queue_url(version_id=None) -> str:
    url = reverse("quizzes_cloze_queue")
    return f"{url}?version={version_id}" if version_id else url


def _back(request) -> str:
    version = request.POST.get("version") or request.GET.get("version")
    return _queue_url(version if version and version.isdigit() else None)


class QueueView(ClozeAdminView):
    template_name = "quizzes/cms/cloze/queue.html"
    page_title = gettext_lazy("Proposed questions")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = self.request.GET.get("version", "")
        version_id = int(chosen) if chosen.isdigit() else None
        page = Paginator(pending_proposals(version_id), PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        context.update(
            groups=by_article(page.object_list),
            page=page,
            chosen=chosen,
            versions=versions_to_propose_from(version_id),
        )
        return context

    def post(self, request):
        """Approve or reject the proposals ticked."""
        ids = [pk for pk in request.POST.getlist("ids") if pk.isdigit()]
        action = request.POST.get("action")
        proposals = list(ClozeProposal.objects.pending().filter(pk__in=ids))
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
            except ProposalError as error:
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


def _message(error: ProposalError) -> str:
    detail = error.args[0]
    return " ".join(detail.values()) if isinstance(detail, dict) else str(detail)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ProposalForm(forms.Form):
    stem = forms.CharField(label=gettext_lazy("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    answer = forms.CharField(
        label=gettext_lazy("Right answer"),
        max_length=100,
        help_text=gettext_lazy("As the article says it."),
    )
    accepted = forms.CharField(
        label=gettext_lazy("Also accepted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line: other ways of writing the answer (3 for 三)."),
    )
    distractors = forms.CharField(
        label=gettext_lazy("Wrong choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line, each different from the answer and the others."),
    )
    explanation = forms.CharField(
        label=gettext_lazy("Explanation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown after answering: cite the article."),
    )

    def __init__(self, *args, proposal: ClozeProposal, **kwargs):
        super().__init__(*args, **kwargs)
        if proposal.question_type == ClozeProposal.QuestionType.BLANK:
            del self.fields["distractors"]
        else:
            del self.fields["accepted"]


class EditView(ClozeAdminView):
    """Edit a proposal, then approve it: nothing is saved while the edit has a mistake."""

    template_name = "quizzes/cms/cloze/edit.html"
    page_title = gettext_lazy("Edit, then approve")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.proposal = get_object_or_404(
            ClozeProposal.objects.select_related("article", "version__law"),
            pk=kwargs["pk"],
            status=ClozeProposal.Status.PENDING,
        )

    def get_page_subtitle(self):
        return f"{self.proposal.version} {self.proposal.article.label}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quizzes_cloze_queue"), "label": _("Proposed questions")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form(self, data=None):
        p = self.proposal
        initial = {
            "stem": p.stem,
            "answer": p.answer,
            "accepted": "\n".join(p.other_accepted),
            "distractors": "\n".join(p.distractors),
            "explanation": p.explanation,
        }
        return ProposalForm(data, initial=initial, proposal=p)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context.update(
            proposal=self.proposal,
            queue_url=_queue_url(self.proposal.version_id),
            reject_url=reverse("quizzes_cloze_reject", args=[self.proposal.pk]),
        )
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
                    accepted=_lines(data.get("accepted", ""))
                    if "accepted" in form.fields
                    else None,
                    distractors=_lines(data.get("distractors", ""))
                    if "distractors" in form.fields
                    else None,
                    explanation=data["explanation"],
                )
            except ProposalError as error:
                detail = error.args[0]
                for field, message in (
                    detail if isinstance(detail, dict) else {None: detail}
                ).items():
                    form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("Approved: the question is in the question bank."))
                return redirect(_queue_url(self.proposal.version_id))
        return self.render_to_response(self.get_context_data(form=form))


class DecisionView(ClozeAdminView):
    """A POST that approves or rejects one proposal as it is, back to the queue."""

    http_method_names = ["post"]

    def post(self, request, pk):
        proposal = get_object_or_404(ClozeProposal, pk=pk)
        try:
            self.decide(proposal)
        except ProposalError as error:
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


class ProposeView(DecisionView):
    """Propose questions from one law version's text."""

    def post(self, request, pk):
        version = get_object_or_404(LawVersion.objects.select_related("law"), pk=pk)
        try:
            result = propose_questions(version=version)
        except ProposalError as error:
            messages.error(request, _message(error))
            return redirect(_queue_url())
        messages.success(
            request,
            _(
                "%(version)s: %(created)d new proposals; %(existing)d were proposed before and "
                "are left as they were."
            )
            % {"version": version, "created": result.created, "existing": result.existing},
        )
        return redirect(_queue_url(version.pk))


@hooks.register("register_admin_urls")
def register_cloze_urls():
    return [
        path("proposed-questions/", QueueView.as_view(), name="quizzes_cloze_queue"),
        path("proposed-questions/<int:pk>/", EditView.as_view(), name="quizzes_cloze_edit"),
        path(
            "proposed-questions/<int:pk>/approve/",
            ApproveView.as_view(),
            name="quizzes_cloze_approve",
        ),
        path(
            "proposed-questions/<int:pk>/reject/", RejectView.as_view(), name="quizzes_cloze_reject"
        ),
        path(
            "proposed-questions/propose/<int:pk>/",
            ProposeView.as_view(),
            name="quizzes_cloze_propose",
        ),
    ]


@hooks.register("register_question_bank_menu_item")
def register_cloze_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Proposed questions"),
        reverse("quizzes_cloze_queue"),
        icon_name="help",
        order=120,
        permission=PERMISSION,
    )


@hooks.register("register_log_actions")
def register_cloze_log_actions(actions):
    actions.register_action(
        "quizzes.cloze_approve",
        gettext_lazy("Approve proposal"),
        gettext_lazy("Made from a proposal of the law text"),
    )
    actions.register_action(
        "quizzes.cloze_reject", gettext_lazy("Reject proposal"), gettext_lazy("Proposal rejected")
    )
