"""The dashboard as spreadsheet tables (the *Export to Excel* of any dashboard): the rows, each
course's completion by row, the weekly trend, and every deputy of the place with their own
figures. The figures are selectors.py's; this only lays them out."""

from datetime import date

from django.utils.translation import gettext as _

from deputies.models import Deputy, in_office_on

from ..tables import Table, exported_by
from .figures import Figures, Window, aggregate, percent
from .places import Place
from .selectors import Dashboard, course_label, dashboard


def dashboard_tables(
    user, level: str, pk=None, *, course_id=None, as_of: date | None = None, term_id=None
) -> list[Table]:
    """What the dashboard shows, as tables for a spreadsheet: the rows, each course's
    completion by row, the weekly trend, and every deputy of the place with their figures.
    Raises Http404 outside the user's scope."""
    board = dashboard(user, level, pk, course_id=course_id, as_of=as_of, term_id=term_id)
    place = board.place
    scope = _("%(place)s · %(course)s · as of %(date)s") % {
        "place": place.title,
        "course": course_label(board.course),
        "date": board.as_of.isoformat(),
    }
    notes = [
        f"{scope} · {board.term_label}" if board.term else scope,
        exported_by(user.name),
    ]
    tables = [
        Table(
            title=_("Overview"),
            columns=[str(place.row_label), *figure_columns()],
            rows=[[row.label, *figure_cells(row.figures)] for row in board.rows]
            + [[_("Total"), *figure_cells(board.total)]],
            notes=notes,
        )
    ]
    if board.course is None and place.level not in ("station", "unassigned"):
        tables.append(
            Table(
                title=_("Completion by course"),
                columns=[str(place.row_label), *(c.title for c in board.courses)],
                rows=[
                    [row.label, *(course_cell(row.by_course.get(c.pk)) for c in board.courses)]
                    for row in board.rows
                ],
                notes=notes,
            )
        )
    tables.append(
        Table(
            title=_("Week by week"),
            columns=[_("Week of"), _("Courses completed"), _("Completion rate (%)")],
            rows=[[w.starts_on, w.completions, w.cumulative] for w in board.weeks],
            notes=notes,
        )
    )
    if place.level not in ("station", "unassigned"):
        tables.append(deputy_table(place, board, notes))
    return tables


def figure_columns() -> list[str]:
    return [
        _("Deputies in office"),
        _("Deputies enrolled"),
        _("Participation (%)"),
        _("Enrolments"),
        _("Completions"),
        _("Completion rate (%)"),
        _("Deputies overdue"),
        _("Credit hours"),
        _("Credit hours per deputy"),
        _("Quiz pass rate (%)"),
        _("Group-study attendance (%)"),
    ]


# The first columns count deputies, which a deputy's own row leaves out.
PER_PLACE = 3


def figure_cells(f: Figures) -> list:
    return [
        f.deputies,
        f.participants,
        f.participation,
        f.enrolled,
        f.completed,
        f.completion,
        f.overdue_deputies,
        f.hours,
        f.hours_per_deputy,
        f.pass_rate,
        f.attendance,
    ]


def course_cell(pair) -> str:
    if not pair:
        return ""
    completed, enrolled = pair
    return f"{completed}/{enrolled} ({percent(completed, enrolled)}%)"


def deputy_table(place: Place, board: Dashboard, notes) -> Table:
    """Every deputy in office in the place, with their own figures: one aggregate pass grouped
    by deputy, plus the names."""
    window = Window(board.as_of)
    course_ids = [board.course.pk] if board.course else [c.pk for c in board.courses]
    quiz_ids = None
    if board.course is not None:
        quiz_ids = [board.course.final_test_id] if board.course.final_test_id else []
    figures, _by_course = aggregate(
        place.deputies, "pk", window, course_ids, quiz_ids, participation=False
    )
    deputies = (
        Deputy.objects.filter(place.deputies, in_office_on(board.as_of))
        .select_related("user", "township", "station")
        .order_by("township__name", "station__name", "user__name", "pk")
    )
    return Table(
        title=_("Deputies"),
        columns=[
            _("Name"),
            _("Township"),
            _("Liaison station"),
            _("Level"),
            *figure_columns()[PER_PLACE:],
        ],
        rows=[
            [
                d.user.name,
                d.township.name,
                d.station.name if d.station else "",
                d.get_level_display(),
                *figure_cells(figures.get(d.pk, Figures()))[PER_PLACE:],
            ]
            for d in deputies.iterator(chunk_size=2000)
        ],
        notes=notes,
    )
