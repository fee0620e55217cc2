"""The county dashboard's figures: how far the deputies of a place have come, place by place.

A place is a county (its rows are townships), a township (its rows are liaison stations, and
the deputies with none), a station (its rows are deputies) or, for a superuser, every county.
Each row counts, for the deputies in office there:

- courses: enrolments, completed, completion rate, deputies past a due date (one course, or all);
- participation (参学率): of the deputies in office, those enrolled in at least one course (in
  the chosen course: of those the course is meant for, by level and township);
- credit hours (学时), whatever the course chosen: course hours credited at completion, group
  study attended, certificates issued by hand for training taken elsewhere (counted only
  while the deputy has not completed the same course here, so no hour counts twice), and
  writing practice: the hours each accepted draft (建议, 议案, 审议发言) kept at acceptance;
- quiz pass rate: of the (deputy, quiz) pairs with a finished attempt, those passed (the
  chosen course's final test, or every quiz);
- group-study attendance: of the invitations to sessions held, those the deputy attended.

"As of" a day: everything up to the end of that day (Asia/Shanghai), counted over the deputies
who held a seat that day (`deputies.models.in_office_on`), so a report as of a day of a past
term counts that term's deputies, those who have left since included; the default is today.

Every figure is an aggregate in the database, grouped by the rows' key: the page makes the same
number of queries for 30 deputies or 100,000, and reads no row per deputy except on a station's
page (whose rows are deputies)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Sum
from django.utils import timezone

from certificates.models import Certificate
from courses.models import CoursePage, Enrolment
from deputies.models import Deputy, in_office_on
from proposals.models import Draft
from quizzes.models import Attempt
from studysessions.models import Attendance, Invitation, StudySession

ZERO = Decimal("0.0")
# Weeks the trend chart covers, ending with the week of the "as of" day.
TREND_WEEKS = 12


def percent(part, whole) -> int | None:
    return round(100 * part / whole) if whole else None


def _hours(value) -> Decimal:
    # SQLite hands sums of decimals back as floats: keep one decimal place, exactly.
    return Decimal(str(value or 0)).quantize(Decimal("0.1"))


@dataclass
class Figures:
    deputies: int = 0
    # Deputies in office the courses counted are meant for (all of them, for every course), and
    # of those, how many are enrolled in at least one.
    eligible: int = 0
    participants: int = 0
    enrolled: int = 0
    completed: int = 0
    overdue_deputies: int = 0
    course_hours: Decimal = ZERO
    study_hours: Decimal = ZERO
    certificate_hours: Decimal = ZERO
    practice_hours: Decimal = ZERO
    quiz_tried: int = 0
    quiz_passed: int = 0
    invited: int = 0
    attended: int = 0

    @property
    def completion(self) -> int | None:
        return percent(self.completed, self.enrolled)

    @property
    def participation(self) -> int | None:
        return percent(self.participants, self.eligible)

    @property
    def not_started(self) -> int:
        """Deputies the courses are meant for who are enrolled in none of them."""
        return max(self.eligible - self.participants, 0)

    @property
    def hours(self) -> Decimal:
        return self.course_hours + self.study_hours + self.certificate_hours + self.practice_hours

    @property
    def hours_per_deputy(self) -> Decimal | None:
        if not self.deputies:
            return None
        return (self.hours / self.deputies).quantize(Decimal("0.1"))

    @property
    def pass_rate(self) -> int | None:
        return percent(self.quiz_passed, self.quiz_tried)

    @property
    def attendance(self) -> int | None:
        return percent(self.attended, self.invited)

    def add(self, other: "Figures") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Week:
    starts_on: date
    completions: int
    cumulative: int | None  # completion rate at the week's end, percent


class Window:
    """The moments an "as of" day stands for: the end of that day, on the local calendar."""

    def __init__(self, as_of: date):
        self.as_of = as_of
        self.end = timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min))
        # Sessions count once they have started; a session later today has not been held.
        self.held_before = min(self.end, timezone.now())


class Trend:
    """Completions week by week over the last TREND_WEEKS weeks up to the "as of" day, and the
    completion rate at each week's end. Counted in `aggregate`'s pass over the chosen courses'
    enrolments (no query of its own), by comparing with the weeks' bounds (no function per
    row, which SQLite would run in Python); the rate at a week's end is the total as of the
    day less what came after."""

    def __init__(self, window: Window):
        last_monday = window.as_of - timedelta(days=window.as_of.weekday())
        self.mondays = [
            last_monday - timedelta(weeks=TREND_WEEKS - 1 - n) for n in range(TREND_WEEKS)
        ]
        bounds = [timezone.make_aware(datetime.combine(day, time.min)) for day in self.mondays]
        bounds.append(window.end)  # the last week ends with the "as of" day
        self.counts = {}
        for n in range(TREND_WEEKS):
            start, end = bounds[n], bounds[n + 1]
            self.counts[f"completed_{n}"] = Count(
                "pk", filter=Q(completed_at__gte=start, completed_at__lt=end)
            )
            self.counts[f"enrolled_{n}"] = Count(
                "pk", filter=Q(enrolled_at__gte=start, enrolled_at__lt=end)
            )
        self.found = dict.fromkeys(self.counts, 0)

    def add(self, row: dict) -> None:
        for name in self.counts:
            self.found[name] += row[name]

    def weeks(self, total: Figures) -> list[Week]:
        found, weeks = self.found, []
        for n, monday in enumerate(self.mondays):
            later = range(n + 1, TREND_WEEKS)
            completed_later = sum(found[f"completed_{m}"] for m in later)
            enrolled_later = sum(found[f"enrolled_{m}"] for m in later)
            weeks.append(
                Week(
                    starts_on=monday,
                    completions=found[f"completed_{n}"],
                    cumulative=percent(
                        total.completed - completed_later, total.enrolled - enrolled_later
                    ),
                )
            )
        return weeks


def prefixed(q: Q, prefix: str) -> Q:
    """A Q on Deputy, re-rooted on a model that points to Deputy through `prefix`."""
    if not prefix:
        return q
    rebuilt = Q()
    rebuilt.connector, rebuilt.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            rebuilt.children.append(prefixed(child, prefix))
        else:
            name, value = child
            rebuilt.children.append((f"{prefix}{name}", value))
    return rebuilt


def audience_of(course: CoursePage | None) -> Q | None:
    """The deputies (a Q on Deputy) a course is meant for: its levels, and its townships if it
    names any; None for every course (every deputy in office counts for participation)."""
    if course is None:
        return None
    audience = Q(level__in=course.levels())
    townships = course.audience_townships
    if townships:
        audience &= Q(township_id__in=[t.pk for t in townships])
    return audience


def aggregate(
    deputies: Q,
    key: str,
    window: Window,
    course_ids,
    quiz_ids=None,
    *,
    eligible=None,
    participation=True,
    trend: Trend | None = None,
):
    """Figures for the deputies in office matching `deputies`, grouped by `key` (a Deputy
    field): a dict key -> Figures, and the completion of each course by key: a dict key ->
    {course id: (completed, enrolled)}. Seven queries, one fewer when no quiz is wanted.

    `quiz_ids` None counts every quiz; an empty list counts none. `eligible` (a Q on Deputy)
    narrows the deputies participation counts to those the course is meant for;
    `participation=False` leaves it uncounted (a deputy's own row). A `trend`, if given, is
    counted in the same pass as the enrolments by course."""
    in_office = in_office_on(window.as_of) & deputies
    # The seats' subquery takes the prefix itself: its value is a queryset, not a field.
    on_deputy = in_office_on(window.as_of, "deputy__") & prefixed(deputies, "deputy__")
    by_key = f"deputy__{key}" if key != "pk" else "deputy_id"
    end = window.end
    figures: dict = defaultdict(Figures)
    by_course: dict = defaultdict(dict)

    def grouped(queryset, *fields, **aggregates):
        """The queryset's rows grouped by the key (and `fields`), with the aggregates."""
        return queryset.values(by_key, *fields).annotate(**aggregates).order_by()

    counts = {"n": Count("pk")}
    if eligible is not None:
        counts["eligible"] = Count("pk", filter=eligible)
    for row in Deputy.objects.filter(in_office).values(key).annotate(**counts).order_by():
        figures[row[key]].deputies = row["n"]
        figures[row[key]].eligible = row.get("eligible", row["n"])

    completed = Q(completed_at__lt=end)
    # Each enrolment's own due date: staff may give an assignment another than the course's.
    overdue = Q(due_date__lt=window.as_of) & (
        Q(completed_at__isnull=True) | Q(completed_at__gte=end)
    )
    enrolments = Enrolment.objects.filter(on_deputy, course_id__in=course_ids, enrolled_at__lt=end)
    for row in grouped(
        enrolments,
        "course_id",
        enrolled=Count("pk"),
        completed=Count("pk", filter=completed),
        **(trend.counts if trend else {}),
    ):
        if trend:
            trend.add(row)
        item = figures[row[by_key]]
        item.enrolled += row["enrolled"]
        item.completed += row["completed"]
        by_course[row[by_key]][row["course_id"]] = (row["completed"], row["enrolled"])
    # Deputies overdue, deputies taking part, and the credit hours of every course completed
    # (whichever is chosen): one pass over the enrolments, each figure with its own filter.
    chosen = Q(course_id__in=course_ids, enrolled_at__lt=end)
    taking_part = chosen if eligible is None else chosen & prefixed(eligible, "deputy__")
    per_deputy = {
        "overdue": Count("deputy_id", distinct=True, filter=chosen & overdue),
        "hours": Sum("credit_hours", filter=completed),
    }
    if participation:
        per_deputy["participants"] = Count("deputy_id", distinct=True, filter=taking_part)
    for row in grouped(
        Enrolment.objects.filter(on_deputy).filter(chosen | completed), **per_deputy
    ):
        item = figures[row[by_key]]
        item.overdue_deputies = row["overdue"]
        item.course_hours = _hours(row["hours"])
        item.participants = row.get("participants", 0)

    held = Q(
        session__status=StudySession.Status.SCHEDULED,
        session__starts_at__lt=window.held_before,
    )
    for row in grouped(
        Attendance.objects.filter(on_deputy, held), hours=Sum("session__credit_hours")
    ):
        figures[row[by_key]].study_hours = _hours(row["hours"])
    # Invitations, each with the deputy's attendance if they came (one of each a session and
    # deputy at most): a join the database can hash (an EXISTS per invitation would be a
    # probe per row), and the attendances of those not invited stay out of the rate.
    attendance = FilteredRelation(
        "session__attendances", condition=Q(session__attendances__deputy_id=F("deputy_id"))
    )
    for row in grouped(
        Invitation.objects.filter(on_deputy, held).annotate(attendance=attendance),
        invited=Count("pk"),
        attended=Count("attendance__id"),
    ):
        figures[row[by_key]].invited = row["invited"]
        figures[row[by_key]].attended = row["attended"]

    for row in grouped(_certificates_counted(on_deputy, end), hours=Sum("credit_hours")):
        figures[row[by_key]].certificate_hours = _hours(row["hours"])

    accepted = Draft.objects.accepted().filter(on_deputy, accepted_at__lt=end)
    for row in grouped(accepted, hours=Sum("credit_hours")):
        figures[row[by_key]].practice_hours = _hours(row["hours"])

    if quiz_ids != []:
        attempts = Attempt.objects.finished().filter(on_deputy, submitted_at__lt=end)
        if quiz_ids is not None:
            attempts = attempts.filter(quiz_id__in=quiz_ids)
        passed = Q(passed=True) & (
            Q(graded_at__lt=end) | Q(graded_at__isnull=True, submitted_at__lt=end)
        )
        for row in grouped(
            attempts,
            "quiz_id",
            tried=Count("deputy_id", distinct=True),
            passed=Count("deputy_id", distinct=True, filter=passed),
        ):
            figures[row[by_key]].quiz_tried += row["tried"]
            figures[row[by_key]].quiz_passed += row["passed"]
    return figures, by_course


def _certificates_counted(on_deputy: Q, end: datetime):
    """Certificates whose credit hours count beside the courses completed here: in force at
    `end` (issued by then, not revoked or replaced by then), for a course the deputy had not
    completed here by then. Those are the certificates issued by hand for training taken
    elsewhere, and their re-issues; a completed course's certificate repeats its hours."""
    completed_here = Enrolment.objects.filter(
        deputy_id=OuterRef("deputy_id"), course_id=OuterRef("course_id"), completed_at__lt=end
    )
    return (
        # A programme's certificate (初任培训) repeats its courses' and group study's hours.
        Certificate.objects.filter(on_deputy, issued_at__lt=end, programme__isnull=True)
        .exclude(revoked_at__lt=end)
        .exclude(replaced_by__issued_at__lt=end)
        .exclude(Exists(completed_here))
    )
