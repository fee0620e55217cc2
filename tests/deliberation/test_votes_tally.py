"""The mock vote's count, against counts done by hand: each rule, abstentions, absent deputies,
the boundary (exactly half is not more than half), and "at most N" with its ties."""

import pytest

from deliberation.models.votes import MockVote
from deliberation.votes.tally import Counts, Outcome, count, more_than_half, rule_in_words

EXPECTED, PRESENT, CAST = MockVote.Rule.EXPECTED, MockVote.Rule.PRESENT, MockVote.Rule.CAST

pytestmark = pytest.mark.usefixtures("in_english")


def one(rule, yes=0, no=0, abstain=0, *, expected=40, present=30):
    tally = count(
        rule=rule, counts=[Counts("p", yes, no, abstain)], expected=expected, present=present
    )
    return tally.results[0]


@pytest.mark.parametrize(("base", "needed"), [(40, 21), (41, 21), (1, 1), (2, 2), (3, 2), (0, 1)])
def test_more_than_half_is_strict(base, needed):
    assert more_than_half(base) == needed


def test_all_expected_counts_the_absent_deputies():
    # 40 expected, 30 present: 20 for is two thirds of those present and half of all: not enough.
    r = one(EXPECTED, yes=20, no=5, abstain=5)
    assert (r.base, r.needed, r.passed) == (40, 21, False)
    assert r.not_voting == 0
    assert r.explanation == (
        "20 for: not more than half of all 40 deputies expected (21 needed): not passed."
    )
    r = one(EXPECTED, yes=21, no=0, abstain=0)
    assert (r.passed, r.outcome, r.not_voting) == (True, Outcome.CHOSEN, 9)
    assert r.explanation == (
        "21 for: more than half of all 40 deputies expected (21 needed): passed."
    )


def test_the_example_of_the_issue_in_chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        r = one(EXPECTED, yes=23, no=10, abstain=4, expected=40, present=38)
    assert r.explanation == "赞成 23 票，超过全体代表 40 人的半数（需 21 票），通过。"


def test_present_rule_counts_those_who_did_not_vote_against():
    # 30 present: 15 is exactly half, not more; abstentions and silence do not help.
    assert not one(PRESENT, yes=15, no=2, abstain=10).passed
    r = one(PRESENT, yes=16, no=0, abstain=0)
    assert (r.base, r.needed, r.passed, r.not_voting) == (30, 16, True, 14)


def test_cast_rule_counts_abstentions_as_votes_cast():
    # 10 for, 5 against, 5 abstaining: 20 cast, 10 is half: not passed.
    r = one(CAST, yes=10, no=5, abstain=5)
    assert (r.base, r.needed, r.passed) == (20, 11, False)
    # Without the abstentions it would have passed: 10 of 15.
    assert one(CAST, yes=10, no=5).passed
    # The absent and those who cast nothing do not count under this rule.
    r = one(CAST, yes=3, no=2, expected=40, present=30)
    assert (r.base, r.passed, r.not_voting) == (5, True, 25)


def test_nobody_to_count_never_passes():
    assert not one(CAST).passed
    assert not one(PRESENT, present=0, expected=0).passed
    assert one(CAST).explanation == "Nobody to count: not passed."


def test_the_same_ballots_pass_or_fail_by_the_rule():
    # 8 expected, 6 present; 4 for, 1 against, 1 abstaining.
    ballots = {"yes": 4, "no": 1, "abstain": 1}
    assert not one(EXPECTED, **ballots, expected=8, present=6).passed  # needs 5
    assert one(PRESENT, **ballots, expected=8, present=6).passed  # needs 4
    assert one(CAST, **ballots, expected=8, present=6).passed  # needs 4 of 6 cast


def at_most(n, yes_counts, *, expected=10, present=10):
    return count(
        rule=EXPECTED,
        counts=[Counts(key, yes=yes) for key, yes in yes_counts.items()],
        expected=expected,
        present=present,
        max_chosen=n,
    )


def outcomes(tally):
    return {r.counts.key: r.outcome for r in tally.results}


def test_at_most_n_takes_those_with_the_most_votes_for():
    tally = at_most(2, {"a": 9, "b": 6, "c": 8, "d": 3})
    assert outcomes(tally) == {
        "a": Outcome.CHOSEN,
        "b": Outcome.NOT_CHOSEN,
        "c": Outcome.CHOSEN,
        "d": Outcome.FAILED,
    }
    assert tally.tie is None
    assert [r.counts.key for r in tally.chosen] == ["a", "c"]


def test_fewer_passing_than_n_are_all_chosen():
    tally = at_most(3, {"a": 9, "b": 2, "c": 6})
    assert outcomes(tally) == {"a": Outcome.CHOSEN, "b": Outcome.FAILED, "c": Outcome.CHOSEN}


def test_a_tie_at_the_boundary_is_reported_not_picked():
    # Two places: a is first; b, c and d tie on 7 for the one place left.
    tally = at_most(2, {"a": 9, "b": 7, "c": 7, "d": 7, "e": 6})
    assert outcomes(tally) == {
        "a": Outcome.CHOSEN,
        "b": Outcome.TIED,
        "c": Outcome.TIED,
        "d": Outcome.TIED,
        "e": Outcome.NOT_CHOSEN,
    }
    assert (tally.tie.keys, tally.tie.yes, tally.tie.places) == (["b", "c", "d"], 7, 1)
    assert "further round" in tally.results[1].rank_note


def test_a_tie_inside_the_n_is_no_tie():
    # b and c tie, but both fit in the three places.
    tally = at_most(3, {"a": 9, "b": 7, "c": 7, "d": 6})
    assert tally.tie is None
    assert outcomes(tally)["d"] == Outcome.NOT_CHOSEN
    assert [r.counts.key for r in tally.chosen] == ["a", "b", "c"]


def test_a_tie_of_all_for_every_place():
    tally = at_most(1, {"a": 8, "b": 8})
    assert (tally.tie.keys, tally.tie.places) == (["a", "b"], 1)
    assert tally.chosen == []


def test_a_project_that_failed_never_enters_the_tie():
    # 10 expected: 6 needed. b has 5 and fails, whatever the places.
    tally = at_most(1, {"a": 6, "b": 5})
    assert tally.tie is None
    assert outcomes(tally) == {"a": Outcome.CHOSEN, "b": Outcome.FAILED}


def test_the_absent_are_shown():
    tally = at_most(None, {"a": 3}, expected=8, present=6)
    assert tally.absent == 2


def test_the_rule_in_words_names_the_boundary_and_the_tie():
    lines = rule_in_words(EXPECTED, 3)
    assert any("absent" in line for line in lines)
    assert any("20 is not enough" in line for line in lines)
    assert any("picks none" in line for line in lines)
    assert not any("picks none" in line for line in rule_in_words(CAST, None))
