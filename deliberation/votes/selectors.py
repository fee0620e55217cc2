"""Reads of the mock vote. Staff reach a vote through the group-study sessions in their scope
(`studysessions.selectors.staff_sessions`): outside it the vote does not exist (404). A deputy
reaches an opened or closed vote of a session they may attend.

The secret ballot: nothing here returns who voted what to anyone but the deputy themselves
(`ballot_of`); staff get counts only."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from deliberation.models.votes import Ballot, MockVote, VoteProject
from deputies.models import Deputy
from deputies.selectors import deputy_or_404
from studysessions.models import Attendance, StudySession
from studysessions.selectors import may_attend, staff_sessions

from . import tally as tallies


def staff_votes(user) -> QuerySet[MockVote]:
    return MockVote.objects.filter(session__in=staff_sessions(user))


def staff_vote(user, pk) -> MockVote:
    return get_object_or_404(staff_votes(user).select_related("session__station"), pk=pk)


def staff_project(vote: MockVote, pk) -> VoteProject:
    return get_object_or_404(vote.projects.all(), pk=pk)


def session_votes(session: StudySession, *, drafts: bool) -> list[MockVote]:
    votes = MockVote.objects.filter(session=session)
    if not drafts:
        votes = votes.exclude(status=MockVote.Status.DRAFT)
    return list(votes.order_by("created_at", "pk"))


def deputy_vote(user, pk) -> tuple[MockVote, Deputy]:
    """An opened or closed vote of a session the signed-in deputy may attend, and the deputy;
    404 for anyone else, and for a vote still in draft."""
    deputy = deputy_or_404(user, "Only deputies vote")
    vote = get_object_or_404(
        MockVote.objects.exclude(status=MockVote.Status.DRAFT).select_related("session__station"),
        pk=pk,
    )
    if not (may_attend(vote.session, deputy) or is_present(vote.session, deputy)):
        raise Http404("Not a deputy of this session")
    return vote, deputy


def projects(vote: MockVote) -> list[VoteProject]:
    return list(vote.projects.all())


def expected_count(session: StudySession) -> int:
    """All the deputies expected at the session: those invited, and those who checked in
    without an invitation (a whole-station session), present or not."""
    return (
        Deputy.objects.filter(
            Q(study_invitations__session=session) | Q(study_attendances__session=session)
        )
        .distinct()
        .count()
    )


def present_count(session: StudySession) -> int:
    return Attendance.objects.filter(session=session).count()


def is_present(session: StudySession, deputy) -> bool:
    return Attendance.objects.filter(session=session, deputy=deputy).exists()


def voters_count(vote: MockVote) -> int:
    """Deputies who have voted on at least one project (while the vote is open)."""
    return (
        Ballot.objects.filter(project__vote=vote, deputy__isnull=False)
        .values("deputy")
        .distinct()
        .count()
    )


def ballot_of(vote: MockVote, deputy) -> dict[int, str]:
    """The deputy's own votes, by project id: shown to them alone, while the vote is open."""
    return dict(
        Ballot.objects.filter(project__vote=vote, deputy=deputy).values_list("project_id", "choice")
    )


def _counted(vote: MockVote) -> list[VoteProject]:
    def of(choice):
        return Count("ballots", filter=Q(ballots__choice=choice))

    return list(
        vote.projects.annotate(
            yes=of(Ballot.Choice.YES), no=of(Ballot.Choice.NO), abstain=of(Ballot.Choice.ABSTAIN)
        )
    )


def turnout(vote: MockVote) -> dict:
    """While the vote is open: how many have voted, never how. The numbers for and against
    wait for the close, so that no one votes by the running count."""
    rows = list(vote.projects.annotate(cast=Count("ballots")))
    return {
        "expected": expected_count(vote.session),
        "present": present_count(vote.session),
        "voters": voters_count(vote),
        "projects": rows,
    }


def tally(vote: MockVote) -> tuple[tallies.Tally, list[VoteProject]]:
    """The vote's count by its rule, each project paired with its result (`project.result`).
    Closed: against the numbers kept at the close; otherwise as they stand."""
    rows = _counted(vote)
    if vote.is_closed:
        expected, present = vote.expected_at_close or 0, vote.present_at_close or 0
    else:
        expected, present = expected_count(vote.session), present_count(vote.session)
    result = tallies.count(
        rule=vote.rule,
        counts=[tallies.Counts(p.pk, p.yes, p.no, p.abstain) for p in rows],
        expected=expected,
        present=present,
        max_chosen=vote.max_chosen,
    )
    by_key = {r.counts.key: r for r in result.results}
    for project in rows:
        project.result = by_key[project.pk]
    result.chosen_names = [p.name for p in rows if p.result.outcome == tallies.Outcome.CHOSEN]
    if result.tie:
        result.tied_names = [p.name for p in rows if p.pk in result.tie.keys]
    return result, rows
