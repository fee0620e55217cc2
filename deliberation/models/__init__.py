"""Practice in deliberating reports and budgets (审议).

At a session of their congress deputies deliberate the government's work report, the budget and
its execution, and special reports; between sessions they may hear and discuss special reports
at their station. This app trains it, one concern a module: reading a report and remarking on
it (`reports`), reading a budget's tables (`budgets`), and the mock vote on livelihood projects
that a station holds as group study (`votes`), and the group deliberation of a report at the
station with its summary of deliberation opinions (`groups`). What a deputy writes is checked by
the proposals engine's checker, whose `deliberation` genre holds the rules."""

from .budgets import BudgetExercise, BudgetLine, BudgetProposal
from .groups import CarriedRemark, GroupDeliberation, SectionNote
from .reports import (
    CHECKER_PARTS,
    Remark,
    RemarkKind,
    ReportExercise,
    ReportKind,
    ReportParagraph,
    ReportSection,
)
from .votes import Ballot, MockVote, VoteProject

__all__ = [
    "CHECKER_PARTS",
    "Ballot",
    "BudgetExercise",
    "BudgetLine",
    "BudgetProposal",
    "CarriedRemark",
    "GroupDeliberation",
    "MockVote",
    "Remark",
    "RemarkKind",
    "ReportExercise",
    "ReportKind",
    "ReportParagraph",
    "ReportSection",
    "SectionNote",
    "VoteProject",
]
