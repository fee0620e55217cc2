"""Practice in writing suggestions (建议) and motions (议案).

An exercise gives a scenario and asks for one genre at one level of congress. A deputy writes
one draft per exercise; it saves itself as they type, and `saved_version` counts the saves, so
a page holding an older version (a second tab, a second phone) is refused instead of writing
over newer text. Submitting freezes the text and the checker's report into a numbered
revision: staff review a revision, and the example gallery publishes one, never the draft that
may still change.

The checker (`checker/`) is plain Python; its rules are rows here (`CheckRule`), so editors
can reword a message, cite another article or switch a rule off without a release.

One concern a module: the exercises and what deputies write in them (`writing`), the checker's
rules (`rules`), and staff's reviews and the example gallery (`reviews`). Every model is
importable from `proposals.models` as before."""

from .reviews import Example, Review
from .rules import CheckRule, CheckRuleQuerySet, Severity
from .writing import (
    COSIGNERS_MIN,
    Draft,
    DraftQuerySet,
    Exercise,
    ExerciseQuerySet,
    Genre,
    Level,
    Revision,
)

__all__ = [
    "COSIGNERS_MIN",
    "CheckRule",
    "CheckRuleQuerySet",
    "Draft",
    "DraftQuerySet",
    "Example",
    "Exercise",
    "ExerciseQuerySet",
    "Genre",
    "Level",
    "Review",
    "Revision",
    "Severity",
]
