"""Reads of training programmes (初任培训): how far each deputy has come in theirs, for the
deputy's own pages, the staff register and the completion check.

A programme asks three things (`courses.models.Programme`): its courses completed, its hours of
group study attended since the term began, its final test passed. `progress_of` measures them
for any number of assignments in a fixed number of queries.
"""

from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.utils import timezone

from quizzes.models import Attempt
from studysessions.models import Attendance, StudySession

from .models import CoursePage, Enrolment, Programme, ProgrammeAssignment

ZERO = Decimal("0.0")


@dataclass
class ProgrammeProgress:
    """One assignment with what its deputy has done of the programme's parts."""

    assignment: ProgrammeAssignment
    courses: list = field(default_factory=list)  # the work's live courses, in order
    courses_done: set = field(default_factory=set)  # ids of those the deputy completed
    hours_attended: Decimal = ZERO
    test_passed: bool = False

    @property
    def programme(self) -> Programme:
        """What the deputy does: the programme, or its refresher."""
        return self.assignment.work

    @property
    def deputy(self):
        return self.assignment.deputy

    @property
    def course_count(self) -> int:
        return len(self.courses)

    @property
    def done_count(self) -> int:
        return sum(1 for course in self.courses if course.pk in self.courses_done)

    @property
    def hours_needed(self) -> Decimal:
        return self.programme.study_hours

    @property
    def hours_shown(self) -> Decimal:
        """Hours attended, at most those needed (more are welcome but count no further)."""
        return min(self.hours_attended, self.hours_needed)

    @property
    def has_test(self) -> bool:
        return self.programme.final_test_id is not None

    @property
    def courses_complete(self) -> bool:
        return self.done_count == self.course_count

    @property
    def study_complete(self) -> bool:
        return self.hours_attended >= self.hours_needed

    @property
    def test_complete(self) -> bool:
        return not self.has_test or self.test_passed

    @property
    def is_complete(self) -> bool:
        return self.courses_complete and self.study_complete and self.test_complete

    @property
    def parts_done(self) -> int:
        """Courses, the group study and the final test, each a part."""
        study = 1 if self.hours_needed and self.study_complete else 0
        return self.done_count + study + (1 if self.has_test and self.test_passed else 0)

    @property
    def parts(self) -> int:
        return self.course_count + (1 if self.hours_needed else 0) + (1 if self.has_test else 0)

    @property
    def percent(self) -> int:
        if self.assignment.completed_at is not None:
            return 100
        return round(100 * self.parts_done / self.parts) if self.parts else 0

    @property
    def overdue(self) -> bool:
        return self.assignment.is_overdue()

    def course_rows(self) -> list[tuple]:
        """(course, done) in the programme's order."""
        return [(course, course.pk in self.courses_done) for course in self.courses]


def study_since(assignment: ProgrammeAssignment) -> datetime:
    """Group study counts from the first day of the assignment's term, else from when it was
    given."""
    term = assignment.term
    if term is not None and term.starts_on is not None:
        return timezone.make_aware(datetime.combine(term.starts_on, time.min))
    return assignment.assigned_at


def _live_courses():
    return Prefetch(
        "courses", queryset=CoursePage.objects.live().order_by("path"), to_attr="live_courses"
    )


def with_parts(assignments):
    """The assignments' queryset with what `progress_of` reads on each row."""
    return assignments.select_related(
        "programme__refresher__final_test", "programme__final_test", "term"
    )


def progress_of(assignments, *, now=None) -> list[ProgrammeProgress]:
    """Progress of each assignment (rows of `with_parts`), exempted ones included (they have
    nothing to do). At most four queries however many assignments: the programmes' courses,
    the completed enrolments, the passed final tests, the group study attended."""
    assignments = list(assignments)
    if not assignments:
        return []
    now = now or timezone.now()
    works = {}
    for assignment in assignments:
        works.setdefault(assignment.work.pk, assignment.work)
    prefetch_related_objects(list(works.values()), _live_courses())
    doing = [a for a in assignments if not a.is_exempted]
    deputy_ids = {a.deputy_id for a in doing}
    course_ids = {c.pk for w in works.values() for c in w.live_courses}
    done = set()
    if deputy_ids and course_ids:
        done = set(
            Enrolment.objects.completed()
            .filter(deputy_id__in=deputy_ids, course_id__in=course_ids)
            .values_list("deputy_id", "course_id")
        )
    tests = {w.final_test_id for w in works.values() if w.final_test_id}
    passed = set()
    if deputy_ids and tests:
        passed = set(
            Attempt.objects.filter(deputy_id__in=deputy_ids, quiz_id__in=tests, passed=True)
            .values_list("deputy_id", "quiz_id")
            .distinct()
        )
    attended: dict[int, list] = {}
    hours_wanted = [a for a in doing if a.work.study_hours]
    if hours_wanted:
        since = min(study_since(a) for a in hours_wanted)
        for deputy_id, starts_at, hours in (
            Attendance.objects.filter(
                Q(session__starts_at__gte=since, session__starts_at__lte=now),
                deputy_id__in={a.deputy_id for a in hours_wanted},
            )
            .exclude(session__status=StudySession.Status.CANCELLED)
            .values_list("deputy_id", "session__starts_at", "session__credit_hours")
        ):
            attended.setdefault(deputy_id, []).append((starts_at, hours))
    rows = []
    for assignment in assignments:
        work = works[assignment.work.pk]
        progress = ProgrammeProgress(assignment=assignment, courses=work.live_courses)
        if not assignment.is_exempted:
            progress.courses_done = {
                c.pk for c in work.live_courses if (assignment.deputy_id, c.pk) in done
            }
            progress.test_passed = (assignment.deputy_id, work.final_test_id) in passed
            since = study_since(assignment)
            total = sum(
                (
                    Decimal(str(h))
                    for at, h in attended.get(assignment.deputy_id, [])
                    if at >= since
                ),
                ZERO,
            )
            progress.hours_attended = total.quantize(Decimal("0.1"))
        rows.append(progress)
    return rows


def my_programmes(deputy) -> list[ProgrammeProgress]:
    """The deputy's programmes to do (not exempted), the latest of each programme, newest
    first: what the top of "My learning" shows. Five queries at most, one when there is none."""
    assignments = list(
        with_parts(ProgrammeAssignment.objects.to_do().filter(deputy=deputy)).order_by(
            "-assigned_at", "-pk"
        )
    )
    latest = {}
    for assignment in assignments:
        latest.setdefault(assignment.programme_id, assignment)
    return progress_of(list(latest.values()))


def my_programme(deputy, programme_pk) -> ProgrammeProgress | None:
    """The deputy's latest assignment of the programme (exempted too), with its progress."""
    assignment = (
        with_parts(ProgrammeAssignment.objects.filter(deputy=deputy, programme_id=programme_pk))
        .order_by("-assigned_at", "-pk")
        .first()
    )
    if assignment is None:
        return None
    return progress_of([assignment])[0]


def upcoming_study(deputy, *, limit=3, now=None) -> list[StudySession]:
    """The next group study sessions the deputy may attend at their station: invited, or open
    to the whole station. One query."""
    now = now or timezone.now()
    if deputy.station_id is None:
        return []
    return list(
        StudySession.objects.scheduled()
        .upcoming(now)
        .filter(station_id=deputy.station_id)
        .filter(Q(whole_station=True) | Q(invitations__deputy=deputy))
        .distinct()
        .order_by("starts_at")[:limit]
    )


def programmes_for_staff(deputies) -> list[Programme]:
    """Every programme with `assigned`, `to_do`, `completed` and `overdue`: how many of the given
    deputies have it, have work in it, have finished it, are past its due date. Two queries."""
    today = timezone.localdate()
    counts = {
        row["programme"]: row
        for row in ProgrammeAssignment.objects.filter(deputy__in=deputies)
        .values("programme")
        .annotate(
            assigned=Count("pk"),
            to_do=Count("pk", filter=~Q(kind=ProgrammeAssignment.Kind.EXEMPTED)),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            overdue=Count(
                "pk",
                filter=Q(completed_at__isnull=True, due_date__lt=today)
                & ~Q(kind=ProgrammeAssignment.Kind.EXEMPTED),
            ),
        )
    }
    programmes = list(Programme.objects.order_by("title"))
    for programme in programmes:
        row = counts.get(programme.pk, {})
        for key in ("assigned", "to_do", "completed", "overdue"):
            setattr(programme, key, row.get(key, 0))
    return programmes


def programme_assignments(programme: Programme, deputies, *, kind: str = "", state: str = ""):
    """The programme's assignments of the given deputies (already limited to the reader's
    scope), by township and name, optionally of one kind, or only the overdue ones: a queryset
    to page through, then hand to `progress_of`."""
    assignments = ProgrammeAssignment.objects.filter(programme=programme, deputy__in=deputies)
    if kind:
        assignments = assignments.filter(kind=kind)
    if state == "overdue":
        assignments = assignments.overdue()
    elif state == "completed":
        assignments = assignments.filter(completed_at__isnull=False)
    return (
        with_parts(assignments)
        .select_related("deputy__user", "deputy__township", "deputy__station")
        .order_by("deputy__township__name", "deputy__user__name", "-assigned_at", "pk")
    )
