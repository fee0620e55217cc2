"""The mock vote's writes: draft → open → closed and nothing else, ballots only from deputies
checked in, one ballot a deputy a project, the secret ballot at the close, and the tally over
a real session's roll (absent deputies counted by the rule that counts them)."""

import pytest
from django.db import IntegrityError, transaction

from deliberation.models.votes import Ballot, MockVote, VoteProject
from deliberation.votes import selectors, services
from deliberation.votes.services import VoteError
from deliberation.votes.tally import Outcome
from studysessions.services import cancel_session

from .votes_world import deputies_of, present, session_with, vote_at

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def eight(station):
    return deputies_of(station, 8)


@pytest.fixture
def session(station, eight):
    """Eight invited; six checked in, two absent."""
    return session_with(station, eight, present_ones=eight[:6])


def test_state_changes_only_from_the_state_they_start_from(session):
    vote = vote_at(session, open_it=False)
    with pytest.raises(VoteError, match="Only an open vote"):
        services.close_vote(vote=vote)
    services.open_vote(vote=vote)
    with pytest.raises(VoteError, match="Only a draft"):
        services.open_vote(vote=vote)
    project = vote.projects.first()
    for change in (
        lambda: services.add_project(vote=vote, name="新项目"),
        lambda: services.update_project(
            project=project, name="改", description="", cost=None, order=None
        ),
        lambda: services.remove_project(project=project),
        lambda: services.update_vote(vote=vote, title="改", rule="cast", max_chosen=None),
    ):
        with pytest.raises(VoteError, match="can no longer change"):
            change()
    services.close_vote(vote=vote)
    with pytest.raises(VoteError, match="Only an open vote"):
        services.close_vote(vote=vote)
    with pytest.raises(VoteError, match="Only a draft"):
        services.open_vote(vote=vote)
    vote.refresh_from_db()
    assert vote.status == MockVote.Status.CLOSED
    assert vote.projects.count() == 3
    assert vote.projects.first().name == "项目1"


def test_a_vote_needs_a_project_and_a_session_not_cancelled(session):
    vote = vote_at(session, projects=0, open_it=False)
    with pytest.raises(VoteError, match="at least one candidate project"):
        services.open_vote(vote=vote)
    services.add_project(vote=vote, name="路面硬化")
    cancel_session(session=session, reason="台风", cancelled_by=None)
    session.refresh_from_db()
    with pytest.raises(VoteError, match="cancelled"):
        services.open_vote(vote=vote)
    with pytest.raises(VoteError, match="cancelled"):
        services.create_vote(session=session, title="再来", rule="cast")


def test_projects_are_put_last_unless_ordered(session):
    vote = vote_at(session, projects=2, open_it=False)
    services.add_project(vote=vote, name="插在最前", order=0)
    services.add_project(vote=vote, name="最后")
    assert [p.name for p in vote.projects.all()] == ["插在最前", "项目1", "项目2", "最后"]


def test_only_deputies_checked_in_vote(session, eight):
    vote = vote_at(session)
    project = vote.projects.first()
    for absent in eight[6:]:
        with pytest.raises(VoteError, match="Only deputies checked in"):
            services.cast_ballot(vote=vote, deputy=absent, choices={project.pk: "yes"})
    assert not Ballot.objects.exists()


def test_no_ballot_before_opening_or_after_closing(session, eight):
    vote = vote_at(session, open_it=False)
    project = vote.projects.first()
    with pytest.raises(VoteError, match="not opened"):
        services.cast_ballot(vote=vote, deputy=eight[0], choices={project.pk: "yes"})
    services.open_vote(vote=vote)
    services.cast_ballot(vote=vote, deputy=eight[0], choices={project.pk: "yes"})
    services.close_vote(vote=vote)
    with pytest.raises(VoteError, match="closed"):
        services.cast_ballot(vote=vote, deputy=eight[0], choices={project.pk: "no"})
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["yes"]


def test_a_ballot_must_name_the_votes_projects_and_known_choices(session, station, eight):
    vote = vote_at(session)
    other = vote_at(session_with(station, eight, present_ones=eight[:1]))
    with pytest.raises(VoteError):
        services.cast_ballot(vote=vote, deputy=eight[0], choices={})
    with pytest.raises(VoteError):
        services.cast_ballot(vote=vote, deputy=eight[0], choices={other.projects.first().pk: "yes"})
    with pytest.raises(VoteError):
        services.cast_ballot(
            vote=vote, deputy=eight[0], choices={vote.projects.first().pk: "maybe"}
        )
    assert not Ballot.objects.exists()


def test_sending_twice_counts_once_and_the_last_sent_stands(session, eight):
    vote = vote_at(session)
    a, b, c = vote.projects.all()
    services.cast_ballot(vote=vote, deputy=eight[0], choices={a.pk: "yes", b.pk: "no"})
    services.cast_ballot(vote=vote, deputy=eight[0], choices={a.pk: "yes", b.pk: "no"})
    # A second tab, sent later, changes b and adds c; a keeps its vote.
    voted = services.cast_ballot(vote=vote, deputy=eight[0], choices={b.pk: "abstain", c.pk: "yes"})
    assert voted == 3
    assert Ballot.objects.count() == 3
    assert selectors.ballot_of(vote, eight[0]) == {a.pk: "yes", b.pk: "abstain", c.pk: "yes"}


def test_the_database_refuses_a_second_ballot_for_the_same_project(session, eight):
    vote = vote_at(session)
    project = vote.projects.first()
    Ballot.objects.create(project=project, deputy=eight[0], choice="yes")
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(project=project, deputy=eight[0], choice="no")


def test_closing_keeps_the_numbers_and_cuts_ballots_from_names(session, eight):
    vote = vote_at(session)
    project = vote.projects.first()
    for deputy in eight[:5]:
        services.cast_ballot(vote=vote, deputy=deputy, choices={project.pk: "yes"})
    assert selectors.voters_count(vote) == 5
    services.close_vote(vote=vote)
    vote.refresh_from_db()
    assert (vote.expected_at_close, vote.present_at_close, vote.voters_at_close) == (8, 6, 5)
    assert not Ballot.objects.filter(deputy__isnull=False).exists()
    assert Ballot.objects.filter(project=project, choice="yes").count() == 5
    assert selectors.ballot_of(vote, eight[0]) == {}
    # A roll corrected after the close does not change the announced result.
    present(session, eight[6:7])
    tally, _rows = selectors.tally(vote)
    assert (tally.expected, tally.present) == (8, 6)


def test_the_tally_over_a_session_roll(session, eight):
    """Eight expected, six present, two absent: the hand count.

    项目1: 5 for, 1 against      → 5 > 8/2: passed (needed 5)
    项目2: 4 for, 1 against, 1 abstain → 4 = 8/2: not passed, though 4 of the 6 present
    项目3: 3 for, 2 abstain, 1 no vote  → not passed
    """
    vote = vote_at(session)
    p1, p2, p3 = vote.projects.all()
    rows = [
        {p1.pk: "yes", p2.pk: "yes", p3.pk: "yes"},
        {p1.pk: "yes", p2.pk: "yes", p3.pk: "yes"},
        {p1.pk: "yes", p2.pk: "yes", p3.pk: "yes"},
        {p1.pk: "yes", p2.pk: "yes", p3.pk: "abstain"},
        {p1.pk: "yes", p2.pk: "abstain", p3.pk: "abstain"},
        {p1.pk: "no", p2.pk: "no"},
    ]
    for deputy, choices in zip(eight, rows, strict=False):
        services.cast_ballot(vote=vote, deputy=deputy, choices=choices)
    services.close_vote(vote=vote)
    tally, projects = selectors.tally(vote)
    by_name = {p.name: p.result for p in projects}
    assert (tally.expected, tally.present, tally.absent) == (8, 6, 2)
    r1, r2, r3 = by_name["项目1"], by_name["项目2"], by_name["项目3"]
    assert (r1.counts.yes, r1.counts.no, r1.counts.abstain, r1.not_voting) == (5, 1, 0, 0)
    assert (r1.needed, r1.outcome) == (5, Outcome.CHOSEN)
    assert (r2.counts.yes, r2.counts.no, r2.counts.abstain, r2.outcome) == (4, 1, 1, "failed")
    assert (r3.counts.yes, r3.counts.abstain, r3.not_voting, r3.passed) == (3, 2, 1, False)


def test_the_same_ballots_under_the_present_rule(session, eight):
    vote = vote_at(session, rule="present", projects=1)
    project = vote.projects.get()
    for deputy, choice in zip(eight[:6], ["yes"] * 4 + ["no", "abstain"], strict=True):
        services.cast_ballot(vote=vote, deputy=deputy, choices={project.pk: choice})
    tally, _rows = selectors.tally(vote)  # open: counted as the roll stands
    assert (tally.results[0].base, tally.results[0].passed) == (6, True)


def test_a_project_row_and_the_vote_are_cleaned(session):
    vote = vote_at(session, open_it=False, projects=0)
    with pytest.raises(VoteError):
        services.add_project(vote=vote, name="x" * 81)
    with pytest.raises(VoteError):
        services.update_vote(vote=vote, title="t", rule="unknown", max_chosen=None)
    assert not VoteProject.objects.exists()


def test_a_tie_is_settled_by_a_further_round_of_the_tied_projects(session, eight):
    """Eight expected (5 needed), at most 2: 项目1 has 6, 项目2 and 项目3 tie on 5 for the one
    place left. The further round holds only them, for one place, under the same rule."""
    vote = vote_at(session, max_chosen=2)
    p1, p2, p3 = vote.projects.all()
    for n, deputy in enumerate(eight[:6]):
        choices = {p1.pk: "yes", p2.pk: "yes" if n else "no", p3.pk: "yes" if n < 5 else "no"}
        services.cast_ballot(vote=vote, deputy=deputy, choices=choices)
    with pytest.raises(VoteError, match="Only a closed vote"):
        services.further_round(vote=vote)
    services.close_vote(vote=vote)
    tally, _rows = selectors.tally(vote)
    assert (tally.tie.yes, tally.tie.places, tally.chosen_names) == (5, 1, ["项目1"])
    following = services.further_round(vote=vote)
    assert following.is_draft and following.session == session
    assert (following.rule, following.max_chosen) == (vote.rule, 1)
    assert [p.name for p in following.projects.all()] == ["项目2", "项目3"]
    assert following.title == "民生实事项目票决: further round"


def test_no_further_round_without_a_tie(session, eight):
    vote = vote_at(session, max_chosen=2)
    services.close_vote(vote=vote)
    with pytest.raises(VoteError, match="No projects are tied"):
        services.further_round(vote=vote)
    assert MockVote.objects.count() == 1


def test_the_demo_votes_are_seeded_once_and_end_as_the_comments_say(db):
    from deliberation.votes.demo import seed_votes
    from deputies.demo import seed_people
    from studysessions.demo import seed_study_sessions

    seed_people()
    seed_study_sessions()
    assert len(seed_votes()) == 2
    assert seed_votes() == []
    first, second, draft = MockVote.objects.order_by("pk")
    tally, _rows = selectors.tally(first)
    assert (tally.expected, tally.present) == (8, 6)
    assert tally.chosen_names == ["老街背巷路面硬化"]
    assert len(tally.tied_names) == 3 and tally.tie.places == 2
    tally, _rows = selectors.tally(second)
    assert tally.chosen_names == ["社区老年助餐点", "城关小学门口过街信号灯"]
    assert draft.is_draft and draft.projects.count() == 3
    assert not Ballot.objects.filter(deputy__isnull=False).exists()
