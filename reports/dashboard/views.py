"""The dashboard pages: a place in the user's scope (county, township, station, or every county
for a superuser), its rows, charts and figures, and the same as a spreadsheet. Outside the
user's scope a place does not exist (404)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from deputies.selectors import staff_or_404

from .. import charts, exports
from ..forms import DashboardForm
from ..terms import choose, terms_in_view
from ..training import LEVELS as TRAINING_LEVELS
from ..training import training_url
from .duties import LEVELS as DUTIES_LEVELS
from .duties import duties_url, overdue_matters
from .places import get_place, home_place, place_url, places_of
from .selectors import dashboard, deputy_count, live_courses

SORT_KEYS = {
    "name": lambda row: row.label,
    "participation": lambda row: (
        row.figures.participation is None,
        row.figures.participation or 0,
    ),
    "completion": lambda row: (row.figures.completion is None, row.figures.completion or 0),
    "overdue": lambda row: row.figures.overdue_deputies,
    "hours": lambda row: row.figures.hours_per_deputy or 0,
    "pass": lambda row: (row.figures.pass_rate is None, row.figures.pass_rate or 0),
    "attendance": lambda row: (row.figures.attendance is None, row.figures.attendance or 0),
}


def _filters(request, courses, terms):
    form = DashboardForm(request.GET, courses=courses, today=timezone.localdate(), terms=terms)
    return form, form.is_valid()


@login_required
@never_cache
def home(request):
    """Straight to the user's one place (every county for a superuser); a list when they look
    after several."""
    staff_or_404(request.user, "Only staff have the dashboard")
    target = home_place(request.user)
    if target is not None:
        return redirect(place_url(*target))
    places = places_of(request.user)
    return render(request, "reports/dashboard_home.html", {"places": places})


@login_required
@never_cache
def place(request, level, pk=None):
    place = get_place(request.user, level, pk)
    courses = live_courses()
    terms = terms_in_view(level, place.obj)
    form, valid = _filters(request, courses, terms)
    if not valid:
        context = {"place": place, "form": form, "level": level, "pk": pk}
        return render(request, "reports/dashboard.html", context, status=400)
    data = form.cleaned_data
    board = dashboard(
        request.user,
        level,
        pk,
        course_id=data["course"],
        as_of=data["as_of"],
        term_id=data.get("term"),
        place=place,
        courses=courses,
        terms=terms,
    )
    sort = data["sort"] or "name"
    rows = sorted(board.rows, key=SORT_KEYS[sort.lstrip("-")], reverse=sort.startswith("-"))
    deputy_rows = level in ("station", "unassigned")
    columns = _columns(deputy_rows)
    name_column = Column(str(place.row_label), "text", None, "name")
    for column in [name_column, *columns]:
        if column.sort:
            following = f"-{column.sort}" if sort == column.sort else column.sort
            column.href = "?" + _query(request, drop="sort", sort=following)
            column.aria_sort = {column.sort: "ascending", f"-{column.sort}": "descending"}.get(sort)
    context = {
        "board": board,
        "columns": columns,
        "name_column": name_column,
        "table": [(row, [c.cell(row.figures) for c in columns]) for row in rows],
        "totals": [c.cell(board.total) for c in columns],
        "export_url": reverse(f"dashboard:{level}_export", args=[pk] if pk else []),
        "training_url": training_url(level, pk) if level in TRAINING_LEVELS else None,
        "register_url": (
            reverse("exports:register", args=[level, pk])
            if level in ("county", "township", "station")
            else None
        ),
        "duties": _duties_card(request.user, place, board.as_of),
        "place": place,
        "form": form,
        "level": level,
        "pk": pk,
        "rows": rows,
        "sort": sort,
        "deputy_rows": deputy_rows,
        "export_query": _query(request, drop="sort"),
    }
    if board.course is None and not deputy_rows:
        for course in board.courses:
            course.query = _query(request, drop="course", course=course.pk)
        context["matrix"] = [
            (row, [_course_cell(row.by_course.get(course.pk)) for course in board.courses])
            for row in rows
        ]
    if not deputy_rows:
        # Both charts mark the row furthest behind, which counts the deputies not yet enrolled
        # (not always the lowest bar of either): said in words, not by colour alone, and
        # short, to fit after a full bar on a phone.
        marker = _("Behind")
        context["participation_bars"] = charts.bar_chart(
            [
                charts.Bar(
                    label=row.label,
                    value=row.figures.participation,
                    url=row.url,
                    note=f"{row.figures.participants}/{row.figures.eligible}",
                    highlight=row.highlight,
                )
                for row in board.rows
            ],
            title=_("Participation: %(rows)s") % {"rows": place.rows_heading},
            id_prefix="participation",
            highlight_label=marker,
        )
        context["bars"] = charts.bar_chart(
            [
                charts.Bar(
                    label=row.label,
                    value=row.figures.completion,
                    url=row.url,
                    # Nobody enrolled: "no data" says it, without a 0/0.
                    note=f"{row.figures.completed}/{row.figures.enrolled}"
                    if row.figures.enrolled
                    else "",
                    highlight=row.highlight,
                )
                for row in board.rows
            ],
            title=_("Completion rate: %(rows)s") % {"rows": place.rows_heading},
            id_prefix="bars",
            highlight_label=marker,
        )
    context["trend"] = charts.trend_chart(
        [charts.TrendPoint(w.starts_on, w.completions, w.cumulative) for w in board.weeks],
        title=_("Courses completed week by week"),
        id_prefix="trend",
    )
    return render(request, "reports/dashboard.html", context)


def _duties_card(user, place, as_of) -> dict | None:
    """The card that leads to the place's voters' matters: how many are overdue on the
    dashboard's day. One query."""
    if place.level not in DUTIES_LEVELS:
        return None
    return {
        "overdue": overdue_matters(user, place, as_of).count(),
        "url": f"{duties_url(place.level, place.obj.pk)}?as_of={as_of.isoformat()}",
    }


def _query(request, *, drop: str, **extra) -> str:
    params = request.GET.copy()
    params.pop(drop, None)
    params.update(extra)
    return params.urlencode()


def _course_cell(pair) -> dict | None:
    if not pair:
        return None
    completed, enrolled = pair
    return {
        "completed": completed,
        "enrolled": enrolled,
        "percent": round(100 * completed / enrolled),
    }


@dataclass
class Column:
    label: str
    kind: str  # "int", "percent" or "hours": how the template writes the value
    value: object  # Figures -> value
    sort: str | None = None
    href: str = ""
    aria_sort: str | None = None

    def cell(self, figures) -> str:
        """The value as the table writes it: "—" for none, percentages with their sign."""
        value = self.value(figures)
        if value is None:
            return "—"
        return f"{value}%" if self.kind == "percent" else str(value)


def _columns(deputy_rows: bool) -> list[Column]:
    """The table's columns; a deputy's row leaves out what only adds up over several."""
    columns = [
        None if deputy_rows else Column(_("Deputies"), "int", lambda f: f.deputies),
        None
        if deputy_rows
        else Column(_("Participation"), "percent", lambda f: f.participation, "participation"),
        Column(_("Enrolments"), "int", lambda f: f.enrolled),
        Column(_("Completions"), "int", lambda f: f.completed),
        Column(_("Completion"), "percent", lambda f: f.completion, "completion"),
        Column(_("Overdue"), "int", lambda f: f.overdue_deputies, "overdue"),
        Column(_("Credit hours"), "hours", lambda f: f.hours),
        None
        if deputy_rows
        else Column(_("Per deputy"), "hours", lambda f: f.hours_per_deputy, "hours"),
        Column(_("Quiz pass rate"), "percent", lambda f: f.pass_rate, "pass"),
        Column(_("Group-study attendance"), "percent", lambda f: f.attendance, "attendance"),
    ]
    return [column for column in columns if column is not None]


@login_required
@never_cache
def export(request, level, pk=None):
    place = get_place(request.user, level, pk)
    terms = terms_in_view(level, place.obj)
    form, valid = _filters(request, live_courses(), terms)
    if not valid:
        context = {"place": place, "form": form, "level": level, "pk": pk}
        return render(request, "reports/dashboard.html", context, status=400)
    data = form.cleaned_data
    term, as_of = choose(terms, data.get("term"), data["as_of"], timezone.localdate())
    params = {
        "level": level,
        "pk": pk,
        "course_id": data["course"],
        "as_of": as_of.isoformat(),
        "term_id": term.pk if term else None,
    }
    filename = f"dashboard-{level}{f'-{pk}' if pk else ''}-{as_of.isoformat()}.xlsx"
    return exports.respond(
        request, kind="dashboard", params=params, filename=filename, rows=deputy_count(place, as_of)
    )
