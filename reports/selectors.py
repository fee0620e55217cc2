"""A deputy's learning archive (学习档案): everything they have done on the platform, read from
every app's rows. `reports` reads everyone and nobody imports it.

Who may read whose archive is decided before these functions are called, by
`deputies.selectors` (deputy_or_404, get_visible_deputy): these take a deputy already in scope."""

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrolment, LessonPage, LessonProgress
from deputies.terms import seats_of
from proposals.models import Draft, Revision
from quizzes.models import Attempt
from studysessions.models import Attendance

from .archive import (
    ZERO,
    Archive,
    CourseRow,
    DraftRow,
    LessonRow,
    QuizRow,
    SeatRow,
    SessionRow,
    YearHours,
)
from .duties import duty_rows, record_of_duties
from .terms import within


def _hours(value) -> Decimal:
    # SQLite hands decimals back as floats now and then: keep one decimal place, exactly.
    return Decimal(str(value or 0)).quantize(Decimal("0.1"))


def _day(moment: datetime) -> date:
    """The day of a moment on the local calendar."""
    return timezone.localtime(moment).date()


def _year(moment: datetime | None) -> int | None:
    """The year of a moment on the local (Asia/Shanghai) calendar: a lesson read at 07:00 on
    1 January in Beijing belongs to the new year, though it was still December in UTC."""
    return timezone.localtime(moment).year if moment else None


def learning_archive(deputy, *, year: int | None = None, term=None, seats=None) -> Archive:
    """The deputy's courses, lessons read, quiz results, group study attended, writing practice,
    certificates and credit hours by year, and their record of duties (`reports.duties`:
    reception days, voters' matters, inspections, suggestions, and a summary by year). With
    `year`, only what happened that year (on the local calendar): courses completed or studied
    in it, lessons read, quizzes taken, sessions held, drafts last worked on, certificates
    issued, days on duty, matters received, inspections begun, suggestions referred; `years`
    still lists every year. With `term` (one of the deputy's seats' terms), the same narrowed
    to the term's dates; with both, to the days of the year inside the term.

    Twelve queries whatever the amount of data (seven, and the record of duties' five), and
    one for the seats unless the caller read them already (`deputies.terms.seats_of`). A
    deputy's record is small (tens, at most a few hundred rows), so each kind is read whole
    and the period chosen here: the year list and the sections then come from the same reads.
    """
    if seats is None:
        seats = seats_of(deputy)
    enrolments = list(
        Enrolment.objects.filter(deputy=deputy)
        .select_related("course")
        .order_by("completed_at", "enrolled_at", "pk")
    )
    read = list(
        LessonProgress.objects.filter(deputy=deputy, completed_at__isnull=False)
        .values("lesson_id", "lesson__title", "lesson__path", "completed_at")
        .order_by("-completed_at", "-pk")
    )
    attempts = list(
        Attempt.objects.finished()
        .filter(deputy=deputy)
        .select_related("quiz")
        .only(
            "quiz",
            "quiz__title",
            "status",
            "score",
            "max_score",
            "passed",
            "number",
            "started_at",
            "submitted_at",
        )
        .order_by("quiz__title", "quiz_id", "number")
    )
    attended = list(
        Attendance.objects.filter(deputy=deputy)
        .select_related("session__station")
        .only(
            "session",
            "session__station",
            "session__starts_at",
            "session__topic",
            "session__credit_hours",
            "session__station__name",
        )
        .order_by("-session__starts_at", "-pk")
    )
    drafts = _drafts(deputy)
    certificates = list(Certificate.objects.filter(deputy=deputy).order_by("-issued_at", "-pk"))
    duties = duty_rows(deputy)

    live_lessons = _live_lesson_paths([e.course for e in enrolments])

    def in_term(moment) -> bool:
        return term is None or (moment is not None and within(term, _day(moment)))

    def shown(moment) -> bool:
        return (year is None or _year(moment) == year) and in_term(moment)

    def shown_day(day: date) -> bool:
        return (year is None or day.year == year) and (term is None or within(term, day))

    archive = Archive(deputy=deputy, year=year, term=term, seats=[SeatRow(seat) for seat in seats])
    archive.years = sorted(
        {
            y
            for y in [
                *(_year(e.completed_at) for e in enrolments),
                *(_year(r["completed_at"]) for r in read),
                *(_year(a.submitted_at or a.started_at) for a in attempts),
                *(_year(a.session.starts_at) for a in attended),
                *(_year(row.last_at) for row in drafts),
                *(_year(c.issued_at) for c in certificates),
                *(day.year for day in duties.days()),
            ]
            if y is not None
        },
        reverse=True,
    )

    read = [r for r in read if shown(r["completed_at"])]
    narrowed = year is not None or term is not None
    archive.courses = _course_rows(enrolments, read, live_lessons, shown if narrowed else None)
    archive.lessons = _lesson_rows(read, enrolments)
    archive.quizzes = _quiz_rows([a for a in attempts if shown(a.submitted_at or a.started_at)])
    sessions = [
        SessionRow(
            starts_at=a.session.starts_at,
            topic=a.session.topic,
            station=a.session.station.name,
            hours=_hours(a.session.credit_hours),
        )
        for a in attended
    ]
    archive.sessions = [s for s in sessions if shown(s.starts_at)]
    archive.drafts = [row for row in drafts if shown(row.last_at)]
    archive.certificates = [c for c in certificates if shown(c.issued_at)]
    archive.hours_by_year, archive.hours_total = _hours_by_year(
        enrolments, sessions, certificates, drafts, within=in_term
    )
    if year is not None:
        archive.hours_by_year = [row for row in archive.hours_by_year if row.year == year]
        archive.hours_total = next(iter(archive.hours_by_year), YearHours(year=None))
    archive.duties = record_of_duties(
        duties, sessions=archive.sessions, hours_by_year=archive.hours_by_year, shown=shown_day
    )
    return archive


def _live_lesson_paths(courses) -> list[str]:
    """The paths of the courses' live lessons: what "x of y lessons" counts. One query."""
    if not courses:
        return []
    under = reduce(or_, (Q(path__startswith=course.path) for course in courses))
    return list(
        LessonPage.objects.live()
        .filter(under, depth=courses[0].depth + 1)
        .values_list("path", flat=True)
    )


def _course_rows(enrolments, read, live_lessons, shown=None) -> list[CourseRow]:
    read_paths = {r["lesson__path"] for r in read}
    rows = []
    for enrolment in enrolments:
        path = enrolment.course.path
        own = [p for p in live_lessons if p.startswith(path)]
        row = CourseRow(
            enrolment=enrolment,
            lessons_read=sum(1 for p in own if p in read_paths),
            lessons_total=len(own),
        )
        # A year's (or a term's) archive shows the courses completed in it, or studied in it
        # (`read` holds only the lessons read in it).
        if shown is None or shown(enrolment.completed_at) or row.lessons_read:
            rows.append(row)
    return rows


def _lesson_rows(read, enrolments) -> list[LessonRow]:
    # A lesson's course is its parent page: the enrolled course whose path starts its own.
    titles = {e.course.path: e.course.title for e in enrolments}
    return [
        LessonRow(
            title=r["lesson__title"],
            course_title=next(
                (title for path, title in titles.items() if r["lesson__path"].startswith(path)),
                "",
            ),
            completed_at=r["completed_at"],
        )
        for r in read
    ]


def _quiz_rows(attempts) -> list[QuizRow]:
    """One row per quiz: attempts made, the best score (as a percentage, since drawn questions
    may give attempts different maximums), passed at least once, the last attempt's date."""
    by_quiz = defaultdict(list)
    for attempt in attempts:
        by_quiz[attempt.quiz_id].append(attempt)
    rows = []
    for items in by_quiz.values():
        percents = [a.percent for a in items if a.percent is not None]
        passed = any(a.passed for a in items)
        rows.append(
            QuizRow(
                title=items[0].quiz.title,
                attempts=len(items),
                best_percent=max(percents) if percents else None,
                passed=passed,
                awaiting_number=None
                if passed
                else max(
                    (a.number for a in items if a.status == Attempt.Status.SUBMITTED),
                    default=None,
                ),
                last_at=max(a.submitted_at or a.started_at for a in items),
            )
        )
    return rows


def _drafts(deputy) -> list[DraftRow]:
    """The deputy's drafts with revisions submitted, the latest revision's score and, for an
    accepted draft, when it was accepted (by a reviewer, or by the checker on submission when
    the exercise lets the checker decide) and the credit hours it earned then. One query."""
    latest = Revision.objects.filter(draft=OuterRef("pk")).order_by("-number")
    drafts = (
        Draft.objects.filter(deputy=deputy)
        .select_related("exercise")
        .defer("parts", "exercise__scenario", "exercise__guidance", "exercise__material")
        .annotate(
            revision_count=Count("revisions"),
            last_score=Subquery(latest.values("overall")[:1]),
            last_submitted_at=Subquery(latest.values("submitted_at")[:1]),
        )
        .order_by("-updated_at", "-pk")
    )
    rows = []
    for draft in drafts:
        accepted_at = draft.accepted_at if draft.status == Draft.Status.ACCEPTED else None
        rows.append(
            DraftRow(
                draft=draft,
                revisions=draft.revision_count,
                last_score=draft.last_score,
                accepted_at=accepted_at,
                last_at=accepted_at or draft.last_submitted_at or draft.updated_at,
                hours=_hours(draft.credit_hours) if accepted_at and draft.credit_hours else None,
            )
        )
    return rows


def _hours_by_year(
    enrolments, sessions, certificates, drafts=(), *, within=None
) -> tuple[list[YearHours], YearHours]:
    """Course hours by the year the course was completed (学时 are credited only at full
    completion), group-study hours by the year the session was held, the hours of certificates
    in force for courses not completed here (issued by hand for training taken elsewhere, or
    their re-issues) by the year issued, writing practice's hours (`drafts`, DraftRows) by the
    year the draft was accepted, at the hours kept then, and the totals. A completed course's
    certificate repeats the course's hours and adds nothing: the dashboard counts the same way
    (reports.dashboard). `within` (a moment -> bool) keeps only the hours earned in a period,
    a term's."""

    def counted(moment) -> bool:
        return within is None or within(moment)

    years: dict[int, YearHours] = {}

    def year_row(moment) -> YearHours:
        y = _year(moment)
        return years.setdefault(y, YearHours(year=y))

    completed = set()
    for enrolment in enrolments:
        if enrolment.completed_at:
            completed.add(enrolment.course_id)
            if enrolment.credit_hours and counted(enrolment.completed_at):
                year_row(enrolment.completed_at).course_hours += _hours(enrolment.credit_hours)
    for session in sessions:
        if counted(session.starts_at):
            year_row(session.starts_at).study_hours += session.hours
    ended = (Certificate.Status.REVOKED, Certificate.Status.REPLACED)
    for certificate in certificates:
        # A programme's certificate (初任培训) repeats its courses' and group study's hours.
        if (
            certificate.status not in ended
            and certificate.programme_id is None
            and certificate.course_id not in completed
            and counted(certificate.issued_at)
        ):
            year_row(certificate.issued_at).certificate_hours += _hours(certificate.credit_hours)
    for draft in drafts:
        if draft.hours and counted(draft.accepted_at):
            year_row(draft.accepted_at).practice_hours += draft.hours
    rows = sorted(years.values(), key=lambda row: row.year, reverse=True)
    total = YearHours(
        year=None,
        course_hours=sum((row.course_hours for row in rows), ZERO),
        study_hours=sum((row.study_hours for row in rows), ZERO),
        certificate_hours=sum((row.certificate_hours for row in rows), ZERO),
        practice_hours=sum((row.practice_hours for row in rows), ZERO),
    )
    return rows, total
