"""Initial training (初任培训) across a place: for one programme and one term, per township (a
county's page), per liaison station (a township's) or per deputy (a station's), how many deputies
have it to do, as a refresher, or are exempted, how many have completed it and how many are
past its due date; and who is overdue, with what they still miss.

A term here is a period: the assignments counted are those of the congress terms in force on
the chosen term's last day (today for the current one), county and township congresses alike
(they are elected together), of the deputies in office that day. Completion and overdue are
counted to the end of that day, as the dashboard counts "as of" a day.

Scope comes from `deputies.selectors`: the place is read through `dashboard.places.get_place`
and every deputy counted or listed is one `deputies_visible_to` the user. A fixed number of
queries whatever the number of deputies.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, Enrolment, Programme, ProgrammeAssignment
from deputies.models import Deputy, LiaisonStation, Term, Township, in_office_on
from deputies.selectors import deputies_visible_to
from quizzes.models import Attempt
from studysessions.models import Attendance, StudySession

from .dashboard.figures import Window, percent, prefixed
from .dashboard.places import Place
from .terms import choose, term_label

Kind = ProgrammeAssignment.Kind
LEVELS = ("county", "township", "station")
# The overdue list on the page stops here; the spreadsheet holds them all.
OVERDUE_SHOWN = 200


def training_url(level: str, pk, *, export=False) -> str:
    return reverse(f"dashboard:{level}_training{'_overdue' if export else ''}", args=[pk])


@dataclass
class TrainingFigures:
    to_do: int = 0  # required or a refresher: the deputies with work in the programme
    refresher: int = 0
    exempted: int = 0
    completed: int = 0
    overdue: int = 0

    @property
    def completion(self) -> int | None:
        return percent(self.completed, self.to_do)

    def add(self, other: "TrainingFigures") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class TrainingRow:
    key: object
    label: str
    url: str | None
    figures: TrainingFigures
    highlight: bool = False


@dataclass
class OverdueRow:
    assignment: ProgrammeAssignment
    missing: list[str]

    @property
    def deputy(self) -> Deputy:
        return self.assignment.deputy


@dataclass
class TrainingReport:
    place: Place
    programme: Programme | None
    programmes: list[Programme]
    term: Term | None
    terms: list[Term]
    day: date
    rows: list[TrainingRow] = field(default_factory=list)
    total: TrainingFigures = field(default_factory=TrainingFigures)
    overdue: list[OverdueRow] = field(default_factory=list)

    @property
    def least_advanced(self) -> TrainingRow | None:
        return next((row for row in self.rows if row.highlight), None)

    @property
    def term_label(self) -> str:
        return term_label(self.term) if self.term else ""

    @property
    def overdue_not_shown(self) -> int:
        return max(self.total.overdue - len(self.overdue), 0)


def programmes_offered() -> list[Programme]:
    """Every programme, each marked `is_assigned` when any deputy has it. One query."""
    return list(
        Programme.objects.select_related("refresher")
        .annotate(is_assigned=Exists(ProgrammeAssignment.objects.filter(programme=OuterRef("pk"))))
        .order_by("title", "pk")
    )


def default_programme(programmes: list[Programme]) -> Programme | None:
    """The first programme assigned to anyone, else the first."""
    return next((p for p in programmes if p.is_assigned), programmes[0] if programmes else None)


def _in_period(term: Term | None, day: date) -> Q:
    """Assignments of the congress terms in force on `day` in the term's county (those given
    outside any term count with the current one); every assignment when no term is known."""
    if term is None:
        return Q()
    period = (
        Q(term__county_id=term.county_id)
        & (Q(term__starts_on__isnull=True) | Q(term__starts_on__lte=day))
        & (Q(term__ends_on__isnull=True) | Q(term__ends_on__gte=day))
    )
    return period | Q(term__isnull=True) if term.is_current else period


def assignments_in(user, place: Place, programme: Programme, term: Term | None, day: date):
    """The programme's assignments counted: of the deputies of the place the user may see who
    were in office on `day`, in the period of `term`."""
    return ProgrammeAssignment.objects.filter(
        _in_period(term, day),
        in_office_on(day, "deputy__"),
        prefixed(place.deputies, "deputy__"),
        programme=programme,
        deputy__in=deputies_visible_to(user),
    )


def _overdue_q(window: Window) -> Q:
    return (
        ~Q(kind=Kind.EXEMPTED)
        & Q(due_date__lt=window.as_of)
        & (Q(completed_at__isnull=True) | Q(completed_at__gte=window.end))
    )


def training_report(
    user,
    place: Place,
    *,
    programmes: list[Programme],
    programme_id: int | None,
    terms: list[Term],
    term_id: int | None,
    overdue_limit: int | None = OVERDUE_SHOWN,
) -> TrainingReport:
    """The report of a place already in the user's scope (`get_place`), for a programme (the
    default one if none is chosen) and a term (the current one if none is chosen). Http404 for
    a programme or term not offered."""
    if programme_id is None:
        programme = default_programme(programmes)
    else:
        programme = next((p for p in programmes if p.pk == programme_id), None)
        if programme is None:
            raise Http404("No such programme")
    today = timezone.localdate()
    if term_id is None:
        term_id = next((t.pk for t in terms if t.is_current), None)
    term, day = choose(terms, term_id, None, today)
    report = TrainingReport(
        place=place, programme=programme, programmes=programmes, term=term, terms=terms, day=day
    )
    if programme is None:
        return report
    window = Window(day)
    assignments = assignments_in(user, place, programme, term, day)
    key = "deputy_id" if place.key == "pk" else f"deputy__{place.key}"
    figures: dict = {}
    for row in (
        assignments.values(key)
        .annotate(
            to_do=Count("pk", filter=~Q(kind=Kind.EXEMPTED)),
            refresher=Count("pk", filter=Q(kind=Kind.REFRESHER)),
            exempted=Count("pk", filter=Q(kind=Kind.EXEMPTED)),
            completed=Count("pk", filter=~Q(kind=Kind.EXEMPTED) & Q(completed_at__lt=window.end)),
            overdue=Count("pk", filter=_overdue_q(window)),
        )
        .order_by()
    ):
        figures[row[key]] = TrainingFigures(
            **{name: row[name] for name in TrainingFigures.__dataclass_fields__}
        )
    for value in figures.values():
        report.total.add(value)
    report.rows = _rows(user, place, figures, day)
    _mark_least_advanced(report.rows)
    report.overdue = overdue_rows(assignments, programme, term, window, limit=overdue_limit)
    return report


def _rows(user, place: Place, figures: dict, day: date) -> list[TrainingRow]:
    def row(key, label, url):
        return TrainingRow(key, label, url, figures.get(key, TrainingFigures()))

    if place.level == "county":
        townships = Township.objects.filter(county=place.obj).order_by("name")
        return [row(t.pk, t.name, training_url("township", t.pk)) for t in townships]
    if place.level == "township":
        stations = LiaisonStation.objects.filter(township=place.obj).order_by("name")
        rows = [row(s.pk, s.name, training_url("station", s.pk)) for s in stations]
        if None in figures:
            rows.append(row(None, _("No liaison station"), None))
        return rows
    deputies = (
        deputies_visible_to(user)
        .filter(place.deputies, in_office_on(day))
        .select_related("user")
        .order_by("user__name", "pk")
    )
    return [
        row(d.pk, d.user.name, reverse("reports:deputy_archive", args=[d.pk])) for d in deputies
    ]


def _mark_least_advanced(rows: list[TrainingRow]) -> None:
    """Highlight the row furthest behind, as the dashboard does: the lowest completion among
    rows with deputies to train; ties go to the one with more left to do, then the first by
    name. Only when there are at least two to compare."""
    candidates = [row for row in rows if row.figures.to_do]
    if len(candidates) < 2:
        return

    def behind(row):
        f = row.figures
        return (f.completed / f.to_do, -(f.to_do - f.completed))

    min(candidates, key=behind).highlight = True


def overdue_rows(assignments, programme, term, window: Window, *, limit) -> list[OverdueRow]:
    """The overdue assignments, by township, station and name, each with what its deputy still
    misses of the programme (or of its refresher, for a refresher), counted to the window's
    end: courses not completed, group study hours short of those asked since the term began,
    the final test not passed. Five queries whatever their number."""
    overdue = (
        assignments.filter(_overdue_q(window))
        .select_related("deputy__user", "deputy__township", "deputy__station", "term")
        .order_by("deputy__township__name", "deputy__station__name", "deputy__user__name", "pk")
    )
    rows = list(overdue[:limit] if limit is not None else overdue)
    works = {programme.pk: programme}
    if programme.refresher_id:
        works[programme.refresher_id] = programme.refresher
    courses: dict[int, list[CoursePage]] = {pk: [] for pk in works}
    through = Programme.courses.through
    for programme_id, course in (
        (link.programme_id, link.coursepage)
        for link in through.objects.filter(programme_id__in=list(works))
        .select_related("coursepage")
        .order_by("coursepage__path")
    ):
        if course.live:
            courses[programme_id].append(course)
    deputy_ids = overdue.values("deputy_id")
    done = set(
        Enrolment.objects.filter(
            deputy_id__in=deputy_ids,
            course_id__in=[c.pk for listed in courses.values() for c in listed],
            completed_at__lt=window.end,
        ).values_list("deputy_id", "course_id")
    )
    passed = set(
        Attempt.objects.filter(
            deputy_id__in=deputy_ids,
            quiz_id__in=[w.final_test_id for w in works.values() if w.final_test_id],
            passed=True,
            submitted_at__lt=window.end,
        ).values_list("deputy_id", "quiz_id")
    )
    since = _study_since(term)
    hours = {
        row["deputy_id"]: Decimal(str(row["hours"] or 0)).quantize(Decimal("0.1"))
        for row in Attendance.objects.filter(
            deputy_id__in=deputy_ids,
            session__status=StudySession.Status.SCHEDULED,
            session__starts_at__lt=window.held_before,
            **({"session__starts_at__gte": since} if since else {}),
        )
        .values("deputy_id")
        .annotate(hours=Sum("session__credit_hours"))
        .order_by()
    }
    result = []
    for assignment in rows:
        work = programme
        if assignment.kind == Kind.REFRESHER and programme.refresher_id:
            work = programme.refresher
        deputy_id = assignment.deputy_id
        missing = [c.title for c in courses[work.pk] if (deputy_id, c.pk) not in done]
        attended = hours.get(deputy_id, Decimal("0.0"))
        if work.study_hours and attended < work.study_hours:
            missing.append(
                _("group study: %(attended)s of %(needed)s credit hours")
                % {"attended": attended, "needed": work.study_hours}
            )
        if work.final_test_id and (deputy_id, work.final_test_id) not in passed:
            missing.append(_("final test not passed"))
        result.append(OverdueRow(assignment, missing))
    return result


def _study_since(term: Term | None) -> datetime | None:
    """Group study counts from the first day of the term, when it is known."""
    if term is None or term.starts_on is None:
        return None
    return timezone.make_aware(datetime.combine(term.starts_on, time.min))
