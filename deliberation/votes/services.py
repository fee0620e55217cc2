"""Writes of the mock vote. A vote goes draft → open → closed, each step a function that checks
the state it starts from on the row locked for the change, so that a ballot cast as the clerk
closes the vote is either in before the close or refused after it."""

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from deliberation.models.votes import Ballot, MockVote, VoteProject

from . import selectors


class VoteError(Exception):
    """A change refused, with a message for the person who asked."""


def _locked(vote: MockVote) -> MockVote:
    return MockVote.objects.select_for_update().select_related("session").get(pk=vote.pk)


def _require(vote: MockVote, status: str, message: str) -> None:
    if vote.status != status:
        raise VoteError(message)


def _draft_only(vote: MockVote) -> None:
    _require(vote, MockVote.Status.DRAFT, _("The vote has been opened: it can no longer change."))


def _saved(instance):
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise VoteError(" ".join(exc.messages)) from exc
    instance.save()
    return instance


@transaction.atomic
def create_vote(
    *, session, title: str, rule: str, max_chosen: int | None = None, created_by=None
) -> MockVote:
    """A draft vote at a group-study session that is not cancelled."""
    if session.is_cancelled:
        raise VoteError(_("This session was cancelled: no vote can be held at it."))
    return _saved(
        MockVote(
            session=session,
            title=title,
            rule=rule,
            max_chosen=max_chosen,
            created_by=created_by,
        )
    )


@transaction.atomic
def update_vote(*, vote: MockVote, title: str, rule: str, max_chosen: int | None) -> MockVote:
    vote = _locked(vote)
    _draft_only(vote)
    vote.title, vote.rule, vote.max_chosen = title, rule, max_chosen
    return _saved(vote)


@transaction.atomic
def add_project(
    *,
    vote: MockVote,
    name: str,
    description: str = "",
    cost: Decimal | None = None,
    order: int | None = None,
) -> VoteProject:
    """A candidate project, last unless `order` says otherwise."""
    vote = _locked(vote)
    _draft_only(vote)
    if order is None:
        order = (vote.projects.aggregate(last=Max("order"))["last"] or 0) + 1
    return _saved(
        VoteProject(vote=vote, name=name, description=description, cost=cost, order=order)
    )


@transaction.atomic
def update_project(
    *, project: VoteProject, name: str, description: str, cost: Decimal | None, order: int | None
) -> VoteProject:
    _draft_only(_locked(project.vote))
    project.name, project.description, project.cost = name, description, cost
    if order is not None:
        project.order = order
    return _saved(project)


@transaction.atomic
def remove_project(*, project: VoteProject) -> None:
    _draft_only(_locked(project.vote))
    project.delete()


@transaction.atomic
def open_vote(*, vote: MockVote) -> MockVote:
    """Open the vote to the deputies present: it needs a project and a session not cancelled."""
    vote = _locked(vote)
    _require(vote, MockVote.Status.DRAFT, _("Only a draft vote can be opened."))
    if vote.session.is_cancelled:
        raise VoteError(_("This session was cancelled: no vote can be held at it."))
    if not vote.projects.exists():
        raise VoteError(_("Add at least one candidate project before opening the vote."))
    vote.status = MockVote.Status.OPEN
    vote.opened_at = timezone.now()
    vote.save(update_fields=["status", "opened_at"])
    return vote


@transaction.atomic
def close_vote(*, vote: MockVote) -> MockVote:
    """Close the vote: the numbers the rule counts against are kept as they stand, and the
    ballots are cut from the deputies who cast them (the secret ballot)."""
    vote = _locked(vote)
    _require(vote, MockVote.Status.OPEN, _("Only an open vote can be closed."))
    vote.expected_at_close = selectors.expected_count(vote.session)
    vote.present_at_close = selectors.present_count(vote.session)
    vote.voters_at_close = selectors.voters_count(vote)
    vote.status = MockVote.Status.CLOSED
    vote.closed_at = timezone.now()
    vote.save()
    Ballot.objects.filter(project__vote=vote).update(deputy=None)
    return vote


@transaction.atomic
def further_round(*, vote: MockVote, created_by=None, title: str = "") -> MockVote:
    """A draft vote at the same session on the projects tied for the last places of a closed
    vote, under the same rule, choosing as many as places were left: how the tie is settled by
    the deputies rather than by the platform."""
    vote = _locked(vote)
    _require(vote, MockVote.Status.CLOSED, _("Only a closed vote has a result to settle."))
    tally, projects = selectors.tally(vote)
    if tally.tie is None:
        raise VoteError(_("No projects are tied for the last place: no further round is needed."))
    following = create_vote(
        session=vote.session,
        title=title or _("%(title)s: further round") % {"title": vote.title},
        rule=vote.rule,
        max_chosen=tally.tie.places,
        created_by=created_by,
    )
    for order, project in enumerate((p for p in projects if p.pk in tally.tie.keys), start=1):
        add_project(
            vote=following,
            name=project.name,
            description=project.description,
            cost=project.cost,
            order=order,
        )
    return following


@transaction.atomic
def cast_ballot(*, vote: MockVote, deputy, choices: Mapping[int, str]) -> int:
    """Record the deputy's votes, `choices` mapping a project's id to a Ballot.Choice; a project
    left out keeps the deputy's earlier vote, if any. Only while the vote is open, only by a
    deputy checked in at the session. Sending the same ballot twice, or from two tabs, leaves
    one ballot a project (the last sent). Returns how many projects the deputy has voted on."""
    vote = _locked(vote)
    if not vote.is_open:
        raise VoteError(
            _("Voting has closed: your ballot was not counted.")
            if vote.is_closed
            else _("Voting has not opened yet.")
        )
    if not selectors.is_present(vote.session, deputy):
        raise VoteError(
            _(
                "Only deputies checked in at the session vote. Check in by scanning the "
                "station's screen, or ask the staff to mark you present."
            )
        )
    projects = set(vote.projects.values_list("pk", flat=True))
    if not choices or not set(choices) <= projects:
        raise VoteError(_("Choose for, against or abstain on at least one project."))
    valid = set(Ballot.Choice.values)
    if not set(choices.values()) <= valid:
        raise VoteError(_("Choose for, against or abstain."))
    # The vote's row is locked: two tabs sending at once take turns here, and the second
    # finds the first's ballots. The unique constraint (project, deputy) stands behind it.
    mine = {b.project_id: b for b in Ballot.objects.filter(project__vote=vote, deputy=deputy)}
    changed = []
    for project_id, choice in choices.items():
        ballot = mine.get(project_id)
        if ballot is not None and ballot.choice != choice:
            ballot.choice = choice
            changed.append(ballot)
    Ballot.objects.bulk_update(changed, ["choice"])
    Ballot.objects.bulk_create(
        Ballot(project_id=project_id, deputy=deputy, choice=choice)
        for project_id, choice in choices.items()
        if project_id not in mine
    )
    return Ballot.objects.filter(project__vote=vote, deputy=deputy).count()
