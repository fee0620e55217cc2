"""The dashboard of a place (`dashboard`): its rows (townships, stations or deputies) with their
figures (figures.py), the least advanced row marked, the total and the weekly trend."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage
from deputies.models import County, Deputy, LiaisonStation, Term, Township, in_office_on

from ..terms import choose, term_label, terms_in_view
from .figures import Figures, Trend, Week, Window, aggregate, audience_of
from .places import Place, get_place, place_url


@dataclass
class Row:
    key: object
    label: str
    url: str | None
    figures: Figures
    # Completion of each course on the page, by course id: (completed, enrolled).
    by_course: dict = field(default_factory=dict)
    highlight: bool = False


def live_courses() -> list[CoursePage]:
    return list(CoursePage.objects.live().order_by("-required", "path"))


@dataclass
class Dashboard:
    place: Place
    as_of: date
    course: CoursePage | None
    courses: list[CoursePage]
    rows: list[Row]
    total: Figures
    weeks: list[Week]
    # The chosen course's final test, or None when the course has none (no pass rate then).
    has_quiz: bool = True
    # The term the "as of" day falls in (or the one chosen), of the terms the place offers.
    term: Term | None = None
    terms: list[Term] = field(default_factory=list)

    @property
    def term_label(self) -> str:
        return term_label(self.term) if self.term else ""

    @property
    def least_advanced(self) -> Row | None:
        return next((row for row in self.rows if row.highlight), None)


def dashboard(
    user,
    level: str,
    pk=None,
    *,
    course_id=None,
    as_of: date | None = None,
    term_id: int | None = None,
    place: Place | None = None,
    courses: list[CoursePage] | None = None,
    terms: list[Term] | None = None,
) -> Dashboard:
    """The dashboard of a place in the user's scope (else 404), for one course or all, as of a
    day: today by default, or the last day of a past term chosen (`reports.terms.choose`). A
    fixed number of queries whatever the number of deputies. A view that has read the place,
    the live courses and the place's terms already passes them in."""
    place = place or get_place(user, level, pk)
    courses = live_courses() if courses is None else courses
    terms = terms_in_view(place.level, place.obj) if terms is None else terms
    term, as_of = choose(terms, term_id, as_of, timezone.localdate())
    course = None
    if course_id is not None:
        course = next((c for c in courses if c.pk == course_id), None)
        if course is None:
            raise Http404("No such live course")
    window = Window(as_of)
    course_ids = [course.pk] if course else [c.pk for c in courses]
    quiz_ids = None if course is None else ([course.final_test_id] if course.final_test_id else [])

    trend = Trend(window)
    figures, by_course = aggregate(
        place.deputies,
        place.key,
        window,
        course_ids,
        quiz_ids,
        eligible=audience_of(course),
        trend=trend,
    )
    if place.level == "all":
        figures, by_course = _by_county(figures, by_course)
    rows = _rows(place, figures, by_course, window.as_of)
    total = Figures()
    for key_figures in figures.values():
        total.add(key_figures)
    _mark_least_advanced(rows)
    weeks = trend.weeks(total)
    return Dashboard(
        place=place,
        as_of=window.as_of,
        course=course,
        courses=courses,
        rows=rows,
        total=total,
        weeks=weeks,
        has_quiz=quiz_ids != [],
        term=term,
        terms=terms,
    )


def _by_county(figures: dict, by_course: dict) -> tuple[dict, dict]:
    """Figures and each course's completion by township, added up by county: exact, as each
    figure counts a deputy (or a deputy's quiz) in their one township."""
    county_of = dict(Township.objects.values_list("pk", "county_id"))
    counties: dict = defaultdict(Figures)
    courses: dict = defaultdict(dict)
    for township, township_figures in figures.items():
        counties[county_of[township]].add(township_figures)
    for township, pairs in by_course.items():
        county = courses[county_of[township]]
        for course_id, (completed, enrolled) in pairs.items():
            done, of = county.get(course_id, (0, 0))
            county[course_id] = (done + completed, of + enrolled)
    return counties, courses


def _rows(place: Place, figures: dict, by_course: dict, as_of: date) -> list[Row]:
    def row(key, label, url):
        return Row(key, label, url, figures.get(key, Figures()), by_course.get(key, {}))

    if place.level == "all":
        counties = County.objects.order_by("code")
        # Counties have no field on Deputy: the figures came by township (`_by_county`).
        return [row(c.pk, c.name, place_url("county", c.pk)) for c in counties]
    if place.level == "county":
        townships = Township.objects.filter(county=place.obj).order_by("name")
        return [row(t.pk, t.name, place_url("township", t.pk)) for t in townships]
    if place.level == "township":
        stations = LiaisonStation.objects.filter(township=place.obj).order_by("name")
        rows = [row(s.pk, s.name, place_url("station", s.pk)) for s in stations]
        if None in figures:
            unassigned = place_url("unassigned", place.obj.pk)
            rows.append(row(None, _("No liaison station"), unassigned))
        return rows
    deputies = (
        Deputy.objects.filter(place.deputies, in_office_on(as_of))
        .select_related("user")
        .order_by("user__name", "pk")
    )
    return [
        row(d.pk, d.user.name, reverse("reports:deputy_archive", args=[d.pk])) for d in deputies
    ]


def _mark_least_advanced(rows: list[Row]) -> None:
    """Highlight the row furthest behind: the lowest completion counting each deputy not yet
    enrolled as a course not done (so a place where nobody is enrolled is at 0 %, not left
    out); ties go to the one with more left to do, then the lower participation, then the first
    by name. Among rows with something to do."""

    def behind(row):
        f = row.figures
        to_do = f.enrolled + f.not_started
        return (f.completed / to_do, -(to_do - f.completed), f.participation or 0)

    candidates = [row for row in rows if row.figures.enrolled + row.figures.not_started]
    if len(candidates) < 2:
        return
    min(candidates, key=behind).highlight = True


def course_label(course: CoursePage | None) -> str:
    return course.title if course else _("All courses")


def deputy_count(place: Place, as_of: date) -> int:
    """The deputies in office in the place on `as_of`: the rows an export of it holds."""
    return Deputy.objects.filter(place.deputies, in_office_on(as_of)).count()
