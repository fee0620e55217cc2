"""The count of a mock vote, by the rule the exercise states: pure arithmetic on the numbers,
so that the tests can check it against a count done by hand.

"More than half" is strict: of 40 deputies, 20 is half and not enough; 21 is (`needed`).
With "at most N projects", the passing projects with the most 赞成 are chosen; when projects
tie for the last places, the platform picks none of them (not by lot, cost or fewer 反对:
the rule the deputies voted under says nothing of those) and reports the tie, for a further
round on the tied projects or for the meeting to decide as its own rules say.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deliberation.models.votes import MockVote

Rule = MockVote.Rule


class Outcome(StrEnum):
    CHOSEN = "chosen"  # passed (and, with at most N, among the N)
    NOT_CHOSEN = "not_chosen"  # passed, but others had more 赞成 for the N places
    TIED = "tied"  # passed, tied with others for the last places: undecided
    FAILED = "failed"


OUTCOME_LABELS = {
    Outcome.CHOSEN: gettext_lazy("Passed"),
    Outcome.NOT_CHOSEN: gettext_lazy("Passed, not among the chosen"),
    Outcome.TIED: gettext_lazy("Tied: undecided"),
    Outcome.FAILED: gettext_lazy("Not passed"),
}


@dataclass(frozen=True)
class Counts:
    """A project's ballots: `key` is whatever the caller knows the project by."""

    key: object
    yes: int = 0
    no: int = 0
    abstain: int = 0

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain


@dataclass
class ProjectResult:
    counts: Counts
    base: int  # the number whose half 赞成 must exceed
    needed: int  # the least 赞成 that is more than half of `base`
    not_voting: int  # deputies present who cast nothing on the project
    passed: bool
    outcome: Outcome = Outcome.FAILED
    explanation: str = ""
    rank_note: str = ""

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])


@dataclass
class Tie:
    """Projects tied on `yes` for the last `places` of the N."""

    keys: list
    yes: int
    places: int


@dataclass
class Tally:
    rule: str
    max_chosen: int | None
    expected: int
    present: int
    results: list[ProjectResult] = field(default_factory=list)
    tie: Tie | None = None
    tied_names: list[str] = field(default_factory=list)  # filled in by the caller
    chosen_names: list[str] = field(default_factory=list)  # likewise

    @property
    def absent(self) -> int:
        return max(0, self.expected - self.present)

    @property
    def chosen(self) -> list[ProjectResult]:
        return [r for r in self.results if r.outcome == Outcome.CHOSEN]


def more_than_half(base: int) -> int:
    """The least whole number of votes that is more than half of `base`."""
    return base // 2 + 1


def _base(rule: str, counts: Counts, expected: int, present: int) -> int:
    if rule == Rule.EXPECTED:
        return expected
    if rule == Rule.PRESENT:
        return present
    return counts.cast


def _explain(rule: str, yes: int, base: int, needed: int, passed: bool) -> str:
    values = {"yes": yes, "base": base, "needed": needed}
    if base == 0:
        return _("Nobody to count: not passed.")
    if rule == Rule.EXPECTED:
        text = (
            _(
                "%(yes)s for: more than half of all %(base)s deputies expected "
                "(%(needed)s needed): passed."
            )
            if passed
            else _(
                "%(yes)s for: not more than half of all %(base)s deputies expected "
                "(%(needed)s needed): not passed."
            )
        )
    elif rule == Rule.PRESENT:
        text = (
            _(
                "%(yes)s for: more than half of the %(base)s deputies present "
                "(%(needed)s needed): passed."
            )
            if passed
            else _(
                "%(yes)s for: not more than half of the %(base)s deputies present "
                "(%(needed)s needed): not passed."
            )
        )
    else:
        text = (
            _(
                "%(yes)s for: more than half of the %(base)s votes cast, abstentions "
                "included (%(needed)s needed): passed."
            )
            if passed
            else _(
                "%(yes)s for: not more than half of the %(base)s votes cast, abstentions "
                "included (%(needed)s needed): not passed."
            )
        )
    return text % values


def count(
    *, rule: str, counts: list[Counts], expected: int, present: int, max_chosen: int | None = None
) -> Tally:
    """The vote's result: each project passed or not by `rule`, then, with `max_chosen`, the
    passing projects ranked by 赞成 and the tie at the boundary, if any, reported."""
    tally = Tally(rule=rule, max_chosen=max_chosen, expected=expected, present=present)
    for c in counts:
        base = _base(rule, c, expected, present)
        needed = more_than_half(base)
        passed = base > 0 and c.yes >= needed
        tally.results.append(
            ProjectResult(
                counts=c,
                base=base,
                needed=needed,
                not_voting=max(0, present - c.cast),
                passed=passed,
                outcome=Outcome.CHOSEN if passed else Outcome.FAILED,
                explanation=_explain(rule, c.yes, base, needed, passed),
            )
        )
    passing = sorted((r for r in tally.results if r.passed), key=lambda r: -r.counts.yes)
    if max_chosen is None or len(passing) <= max_chosen:
        return tally
    boundary = passing[max_chosen - 1].counts.yes
    above = [r for r in passing if r.counts.yes > boundary]
    at = [r for r in passing if r.counts.yes == boundary]
    places = max_chosen - len(above)
    values = {"n": max_chosen, "yes": boundary}
    if len(at) > places:
        tally.tie = Tie(keys=[r.counts.key for r in at], yes=boundary, places=places)
    for r in passing:
        if r.counts.yes > boundary or (r.counts.yes == boundary and tally.tie is None):
            r.outcome = Outcome.CHOSEN
            r.rank_note = _("Among the %(n)s with the most votes for: chosen.") % values
        elif r.counts.yes == boundary:
            r.outcome = Outcome.TIED
            r.rank_note = _(
                "Tied with %(yes)s for with other projects for the last %(places)s of the "
                "%(n)s places: a further round on the tied projects decides."
            ) % {**values, "places": places}
        else:
            r.outcome = Outcome.NOT_CHOSEN
            r.rank_note = _("Passed, but %(n)s projects had more votes for: not chosen.") % values
    return tally


def rule_in_words(rule: str, max_chosen: int | None) -> list[str]:
    """The rule as the page states it, a sentence a line."""
    lines = {
        Rule.EXPECTED: [
            _(
                "A project passes when more than half of all the deputies expected at the "
                "session vote for it."
            ),
            _(
                "Deputies absent or on leave count in that number: not voting weighs like "
                "voting against."
            ),
        ],
        Rule.PRESENT: [
            _(
                "A project passes when more than half of the deputies present (checked in) "
                "vote for it."
            ),
            _("A deputy present who does not vote weighs like voting against."),
        ],
        Rule.CAST: [
            _("A project passes when more than half of the votes cast on it are for it."),
            _("Abstentions are votes cast; a deputy who casts nothing is not counted."),
        ],
    }[Rule(rule)]
    lines.append(_("Exactly half is not more than half: of 40, 20 is not enough and 21 is."))
    if max_chosen:
        lines.append(
            _(
                "At most %(n)s projects are chosen: of those that pass, the %(n)s with the most "
                "votes for. If projects tie for the last place, the platform picks none of "
                "them: the tie is shown, and a further round on the tied projects decides."
            )
            % {"n": max_chosen}
        )
    return lines
