"""Which quizzes deputies may open: those placed where deputies meet them.

The quiz engine knows no course (DESIGN.md), yet a quiz is for deputies only once it is placed
in front of them, and an editor's quiz still being written must not be opened by its id. The
app that places quizzes (`courses`: a quiz block in a live lesson, a live course's final test)
says where, once, at app ready, by `register_placement`: a function that returns a condition
on Quiz rows (a `Q` or an `Exists` over its own tables, `OuterRef("pk")` being the quiz) that
holds where the quiz is placed somewhere live. A quiz no registered condition holds for is
closed to deputies; so is every quiz when nothing is registered.

The conditions are evaluated by the database inside the one query that fetches the quiz, so
opening a quiz asks nothing more, and nothing is kept that could go stale: publishing or
unpublishing a lesson or a course opens or closes its quizzes at once.
"""

from collections.abc import Callable
from functools import reduce
from operator import or_

from django.db.models import Q

_placements: list[Callable[[], Q]] = []


def register_placement(condition: Callable[[], Q]) -> None:
    """Add a place where deputies meet quizzes (called from an AppConfig.ready; registering
    the same function twice keeps one)."""
    if condition not in _placements:
        _placements.append(condition)


def placed() -> Q:
    """The condition on Quiz rows: placed somewhere live, by any registered placement."""
    if not _placements:
        return Q(pk__in=[])
    return reduce(or_, (Q(condition()) for condition in _placements))
