"""The mock vote, the deputy's side: one page with every project and three large choices each,
reached from the group-study session's page. A deputy of the session who has not checked in
reads why they cannot vote; anyone else gets 404. Once closed, the page shows the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import selectors
from .forms import BallotForm
from .services import VoteError, cast_ballot
from .tally import rule_in_words


@login_required
@never_cache
def ballot(request, pk):
    vote, deputy = selectors.deputy_vote(request.user, pk)
    projects = selectors.projects(vote)
    present = selectors.is_present(vote.session, deputy)
    status = 200
    form = None
    voted = 0
    if vote.is_open and present:
        if request.method == "POST":
            form = BallotForm(request.POST, projects=projects)
            if form.is_valid():
                try:
                    cast_ballot(vote=vote, deputy=deputy, choices=form.choices())
                except VoteError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(
                        request,
                        _("Your vote is recorded. You may change it until voting closes."),
                    )
                    return redirect("deliberation:vote_ballot", pk=vote.pk)
            status = 400
        else:
            mine = selectors.ballot_of(vote, deputy)
            voted = len(mine)
            form = BallotForm(
                initial={BallotForm.field_name_for(pid): choice for pid, choice in mine.items()},
                projects=projects,
            )
    elif request.method == "POST":
        # The vote closed, or the deputy is not checked in, between loading the page and
        # sending it: the page says which.
        status = 409 if vote.is_closed else 403
    context = {
        "vote": vote,
        "session": vote.session,
        "projects": projects,
        "present": present,
        "form": form,
        "rule_lines": rule_in_words(vote.rule, vote.max_chosen),
        "refused": status in (403, 409),
        "voted": voted,
    }
    if vote.is_closed:
        context["tally"], context["projects"] = selectors.tally(vote)
    return render(request, "deliberation/votes/ballot.html", context, status=status)
