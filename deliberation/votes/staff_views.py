"""The mock vote, the station's side: set it up at a group-study session (title, rule, candidate
projects) while it is a draft, open it, close it, and show the result on the projector.

Staff reach a vote through the sessions in their scope, as on group study's own staff pages;
anyone else gets 404. No page here shows who voted what: the tally is counts only, and the
ballots are cut from the deputies when the vote closes (`services.close_vote`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from deputies.selectors import staff_or_404
from studysessions.selectors import staff_session

from . import selectors, services
from .forms import ProjectForm, VoteForm
from .tally import rule_in_words


def _staff(request) -> None:
    staff_or_404(request.user, "Only staff hold mock votes")


@login_required
def create(request, session_pk):
    _staff(request)
    session = staff_session(request.user, session_pk)
    form = VoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vote = services.create_vote(
                session=session, created_by=request.user, **form.vote_fields()
            )
        except services.VoteError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Mock vote created: now add the candidate projects."))
            return redirect("deliberation:vote_manage", pk=vote.pk)
    return render(request, "deliberation/votes/vote_form.html", {"form": form, "session": session})


@login_required
def manage(request, pk):
    """The vote's page for staff: its rule and projects, and the step it is at."""
    _staff(request)
    vote = selectors.staff_vote(request.user, pk)
    context = {
        "vote": vote,
        "session": vote.session,
        "rule_lines": rule_in_words(vote.rule, vote.max_chosen),
        "project_form": ProjectForm() if vote.is_draft else None,
    }
    if vote.is_open:
        context["turnout"] = selectors.turnout(vote)
        context["projects"] = context["turnout"]["projects"]
    else:
        context["projects"] = selectors.projects(vote)
    return render(request, "deliberation/votes/manage.html", context)


@login_required
def edit(request, pk):
    _staff(request)
    vote = selectors.staff_vote(request.user, pk)
    if not vote.is_draft:
        messages.error(request, _("The vote has been opened: it can no longer change."))
        return redirect("deliberation:vote_manage", pk=pk)
    initial = {"title": vote.title, "rule": vote.rule, "max_chosen": vote.max_chosen}
    form = VoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_vote(vote=vote, **form.vote_fields())
        except services.VoteError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Mock vote saved."))
            return redirect("deliberation:vote_manage", pk=pk)
    context = {"form": form, "session": vote.session, "vote": vote}
    return render(request, "deliberation/votes/vote_form.html", context)


@login_required
def project_add(request, pk):
    _staff(request)
    vote = selectors.staff_vote(request.user, pk)
    return _project_form(request, vote, None)


@login_required
def project_edit(request, pk, project_pk):
    _staff(request)
    vote = selectors.staff_vote(request.user, pk)
    return _project_form(request, vote, selectors.staff_project(vote, project_pk))


def _project_form(request, vote, project):
    if not vote.is_draft:
        messages.error(request, _("The vote has been opened: it can no longer change."))
        return redirect("deliberation:vote_manage", pk=vote.pk)
    initial = (
        {
            "name": project.name,
            "description": project.description,
            "cost": project.cost,
            "order": project.order,
        }
        if project
        else None
    )
    form = ProjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if project is None:
                services.add_project(vote=vote, **form.project_fields())
            else:
                services.update_project(project=project, **form.project_fields())
        except services.VoteError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Project saved."))
            return redirect("deliberation:vote_manage", pk=vote.pk)
    context = {"form": form, "vote": vote, "session": vote.session, "project": project}
    status = 400 if request.method == "POST" else 200
    return render(request, "deliberation/votes/project_form.html", context, status=status)


@require_POST
@login_required
def project_remove(request, pk, project_pk):
    _staff(request)
    vote = selectors.staff_vote(request.user, pk)
    project = selectors.staff_project(vote, project_pk)
    try:
        services.remove_project(project=project)
    except services.VoteError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Project removed."))
    return redirect("deliberation:vote_manage", pk=pk)


@require_POST
@login_required
def open_view(request, pk):
    _staff(request)
    vote = selectors.staff_vote(request.user, pk)
    try:
        services.open_vote(vote=vote)
    except services.VoteError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Voting is open: the deputies checked in can vote from their phones.")
        )
    return redirect("deliberation:vote_manage", pk=pk)


@require_POST
@login_required
def close_view(request, pk):
    _staff(request)
    vote = selectors.staff_vote(request.user, pk)
    try:
        services.close_vote(vote=vote)
    except services.VoteError as exc:
        messages.error(request, str(exc))
        return redirect("deliberation:vote_manage", pk=pk)
    messages.success(request, _("Voting is closed: here is the result."))
    return redirect("deliberation:vote_results", pk=pk)


@require_POST
@login_required
def further_round_view(request, pk):
    _staff(request)
    vote = selectors.staff_vote(request.user, pk)
    try:
        following = services.further_round(vote=vote, created_by=request.user)
    except services.VoteError as exc:
        messages.error(request, str(exc))
        return redirect("deliberation:vote_manage", pk=pk)
    messages.success(
        request, _("A further round on the tied projects is ready: open it when the deputies are.")
    )
    return redirect("deliberation:vote_manage", pk=following.pk)


@login_required
@never_cache
def results(request, pk):
    """The result for the projector, in large type. While the vote is open it shows how many
    have voted and refreshes itself (static/js/votes.js); the numbers for and against appear
    when voting closes."""
    _staff(request)
    vote = selectors.staff_vote(request.user, pk)
    context = {
        "vote": vote,
        "session": vote.session,
        "projector": request.GET.get("screen") == "1",
        "rule_lines": rule_in_words(vote.rule, vote.max_chosen),
    }
    if vote.is_closed:
        context["tally"], context["projects"] = selectors.tally(vote)
    elif vote.is_open:
        context["turnout"] = selectors.turnout(vote)
        context["projects"] = context["turnout"]["projects"]
    else:
        context["projects"] = selectors.projects(vote)
    return render(request, "deliberation/votes/results.html", context)
