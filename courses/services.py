"""Writes about learning: enrolment and assignment, reading time, completion and credit hours,
reminders of due dates.

Reading time is honest by construction. The browser says how many seconds the lesson was on
screen since it last reported; the server credits no more than has really passed on its own
clock since it last counted (`LessonProgress.clock`). A forged report cannot credit more than
real time; two open tabs share one clock and cannot double it; a report lost on a weak
connection is carried in the next one, so nothing is lost.
"""

import functools
from math import ceil

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record
from deputies.models import County, Deputy, User
from notifications.selectors import audience_preview
from notifications.services import notify
from quizzes.models import Attempt

from .models import CoursePage, Enrolment, LessonPage, LessonProgress
from .selectors import course_exercises, lessons_of, started_deputies
from .signals import course_completed


class EnrolmentError(ValueError):
    pass


def required_seconds(lesson: LessonPage) -> int:
    """Time on screen that counts a lesson as read: a share of its estimated minutes."""
    return ceil(lesson.estimated_minutes * 60 * settings.LESSON_READING_SHARE)


@transaction.atomic
def enrol(*, deputy, course: CoursePage, assigned_by=None) -> Enrolment:
    """Enrol a deputy; enrolling twice changes nothing. Deputies choose electives meant for
    them (`CoursePage.is_for`); staff (`assigned_by`) assign any course."""
    if assigned_by is None and course.required:
        raise EnrolmentError(_("Required courses are assigned by the county congress."))
    if assigned_by is None and not course.is_for(deputy):
        raise EnrolmentError(
            _(
                "This elective is meant for: %(audience)s. Ask your liaison station if you "
                "would like to take it."
            )
            % {"audience": course.audience_text()}
        )
    enrolment, created = Enrolment.objects.get_or_create(
        deputy=deputy,
        course=course,
        defaults={
            "source": Enrolment.Source.ASSIGNED if assigned_by else Enrolment.Source.CHOSEN,
            "assigned_by": assigned_by,
            "due_date": course.due_date,
        },
    )
    if created:
        complete_if_done(enrolment)  # lessons read before enrolling count too
    return enrolment


def start_reading(*, deputy, lesson: LessonPage) -> LessonProgress:
    """Start the server's clock when a lesson is opened; reopening restarts it, so time spent
    away from the lesson is never counted. One statement, whether the lesson is opened for the
    first time or again (`_start_reading_sql`); the row as the clock left it."""
    now = timezone.now()
    return next(
        iter(
            LessonProgress.objects.raw(
                _start_reading_sql(), [deputy.pk, lesson.pk, 0, False, now, None]
            )
        )
    )


@functools.cache
def _start_reading_sql() -> str:
    """An INSERT of the row, or on its (deputy, lesson) pair an UPDATE of its clock, handing
    back the row: both SQLite and PostgreSQL have INSERT … ON CONFLICT … RETURNING. Two first
    openings at once make one row. Written once a process from the model's table and columns."""
    qn = connection.ops.quote_name
    field = LessonProgress._meta.get_field
    deputy, lesson, clock = field("deputy"), field("lesson"), field("clock")
    fields = [deputy, lesson, field("seconds"), field("reached_end"), clock, field("completed_at")]
    columns = ", ".join(qn(each.column) for each in fields)
    returned = ", ".join(qn(each.column) for each in LessonProgress._meta.concrete_fields)
    return (
        f"INSERT INTO {qn(LessonProgress._meta.db_table)} ({columns}) "  # noqa: S608 (model names, quoted)
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({qn(deputy.column)}, {qn(lesson.column)}) "
        f"DO UPDATE SET {qn(clock.column)} = excluded.{qn(clock.column)} "
        f"RETURNING {returned}"
    )


@transaction.atomic
def record_reading(*, deputy, lesson: LessonPage, seconds: int, at_end: bool) -> LessonProgress:
    """Credit `seconds` of visible time, reported by the browser, within what the server's
    clock allows; mark the end reached; complete the lesson (and the course) when due."""
    now = timezone.now()
    progress = (
        LessonProgress.objects.select_for_update().filter(deputy=deputy, lesson=lesson).first()
    )
    if progress is None:
        # A report without an opened page: start the clock, credit nothing yet (two such
        # reports at once make one row: nothing was there to lock).
        progress, _created = LessonProgress.objects.get_or_create(
            deputy=deputy, lesson=lesson, defaults={"clock": now}
        )
        return progress
    elapsed = max(0, int((now - progress.clock).total_seconds()))
    cap = settings.LESSON_MAX_REPORT_SECONDS
    credit = max(0, min(int(seconds), elapsed, cap))
    progress.seconds += credit
    # The clock moves only when a report arrives, so a lost report's seconds come with the
    # next one and still fit within the time that has passed.
    progress.clock = now
    progress.reached_end = progress.reached_end or bool(at_end)
    if (
        progress.completed_at is None
        and progress.reached_end
        and progress.seconds >= required_seconds(lesson)
    ):
        progress.completed_at = now
    progress.save()
    if progress.completed_at == now:
        complete_courses(deputy=deputy, lesson=lesson)
    return progress


def complete_courses(*, deputy, lesson: LessonPage) -> None:
    """After a lesson is read: complete the deputy's enrolment in its course if it is done."""
    course = lesson.get_parent().specific
    enrolment = Enrolment.objects.active().filter(deputy=deputy, course=course).first()
    if enrolment is not None:
        complete_if_done(enrolment)


def complete_if_done(enrolment: Enrolment) -> None:
    """Mark the enrolment complete once every live lesson of its course is read, its final
    test, if it has one, passed, and every live writing exercise in its lessons done (the
    deputy's draft accepted); credit the course's hours (学时 are credited only at full
    completion).

    The enrolment's row is locked first: two requests finishing a course's last parts at the
    same moment (two lessons in two tabs, a lesson and the final test) take turns, and the second
    counts what the first wrote. Without it, on PostgreSQL each would miss the other's work and
    neither complete the course."""
    with transaction.atomic():
        done_at = (
            Enrolment.objects.select_for_update()
            .filter(pk=enrolment.pk)
            .values_list("completed_at", flat=True)
            .first()
        )
        if done_at is not None:
            enrolment.completed_at = done_at  # completed a moment ago by another request
            return
        _complete_if_done(enrolment)


def _complete_if_done(enrolment: Enrolment) -> None:
    course = enrolment.course
    lessons = list(course.lessons())
    done = LessonProgress.objects.filter(
        deputy=enrolment.deputy, lesson__in=lessons, completed_at__isnull=False
    ).count()
    if not lessons or done < len(lessons):
        return
    if course.final_test_id and not passed_final_test(enrolment.deputy, course):
        return
    if not all(exercise.done for exercise in course_exercises(lessons, deputy=enrolment.deputy)):
        return
    enrolment.completed_at = timezone.now()
    enrolment.credit_hours = course.hours_for(sum(x.estimated_minutes for x in lessons))
    enrolment.save(update_fields=["completed_at", "credit_hours"])
    # The one place a completed course is announced: certificates issue its certificate.
    course_completed.send(sender=Enrolment, enrolment=enrolment)
    # A course may be the last part of a training programme (初任培训).
    from .programmes import complete_programmes

    complete_programmes(deputy=enrolment.deputy)


def passed_final_test(deputy, course: CoursePage) -> bool:
    return Attempt.objects.filter(deputy=deputy, quiz_id=course.final_test_id, passed=True).exists()


def complete_final_tests(*, deputy, quiz) -> None:
    """After the deputy passes a quiz: complete the courses it is the final test of."""
    for enrolment in (
        Enrolment.objects.active()
        .filter(deputy=deputy, course__final_test=quiz)
        .select_related("course")
    ):
        complete_if_done(enrolment)


def complete_exercise_courses(*, deputy, exercise) -> None:
    """After the deputy's draft of a writing exercise is accepted (by staff, or by the checker
    where the exercise lets it decide): complete the deputy's courses whose live lessons have
    the exercise in them. Run on proposals' `exercise_accepted` signal (courses/hooks.py)."""
    enrolments = list(
        Enrolment.objects.active().filter(deputy=deputy).select_related("course").order_by("pk")
    )
    lessons = lessons_of([enrolment.course for enrolment in enrolments])
    for enrolment in enrolments:
        own = [x for x in lessons if x.path.startswith(enrolment.course.path)]
        if any(exercise.pk in lesson.exercise_ids() for lesson in own):
            complete_if_done(enrolment)


@transaction.atomic
def mark_lessons_studied(*, deputy, lessons) -> None:
    """Count lessons as studied without reading time: the deputy studied them together at a
    liaison station (group study attendance; run on studysessions' `lessons_studied_together`
    signal, courses/hooks.py). Completes the courses that are now done. Lessons already
    completed keep their date."""
    now = timezone.now()
    studied = []
    for lesson in lessons:
        progress, created = LessonProgress.objects.get_or_create(
            deputy=deputy, lesson=lesson, defaults={"clock": now, "completed_at": now}
        )
        if not created:
            if progress.completed_at is not None:
                continue
            LessonProgress.objects.filter(pk=progress.pk).update(completed_at=now)
        studied.append(lesson)
    # Courses only once every lesson is written: the enrolment's lock is taken after the
    # progress rows', in the order record_reading takes them, so the two never deadlock.
    for lesson in studied:
        complete_courses(deputy=deputy, lesson=lesson)


# The course's own due date, when the caller does not choose another.
COURSE_DUE_DATE = object()

# Reminders: a deputy hears once when a course is due within this many days, once when overdue.
REMINDER_DAYS = 7


def _course_path(course: CoursePage) -> str:
    """The course page's path on this site (notifications link only to paths)."""
    parts = course.get_url_parts()
    return parts[2] if parts else ""


@transaction.atomic
def assign_course(
    *, course: CoursePage, deputies, assigned_by, due_date=COURSE_DUE_DATE
) -> tuple[int, int]:
    """Enrol every given deputy in the course, due on `due_date` (by default the course's);
    returns (newly enrolled, already enrolled). Deputies already enrolled are left as they
    are, their due date too. The caller passes deputies already limited to what
    `assigned_by` may see.

    The newly enrolled are told in their notification centre (and by e-mail where
    configured), and the assignment is in the audit log: one entry for each county it reached
    (for a county's staff, one), with how many and where. Assigning the same deputies again,
    or twice at once (a double submission), enrols, tells and logs nobody twice: the course's
    row is locked while it runs."""
    if due_date is COURSE_DUE_DATE:
        due_date = course.due_date
    list(CoursePage.objects.select_for_update(of=("self",)).filter(pk=course.pk).values("pk"))
    wanted = set(deputies.values_list("pk", flat=True))
    already = enrolled_already(course, wanted)
    new = sorted(wanted - already)
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                deputy_id=pk,
                course=course,
                source=Enrolment.Source.ASSIGNED,
                assigned_by=assigned_by,
                due_date=due_date,
            )
            for pk in new
        ],
        # A deputy choosing the elective at the same moment keeps their own enrolment.
        ignore_conflicts=True,
    )
    if not new:
        return 0, len(already)
    # Deputies who read lessons before being assigned get their completion now.
    readers = set(
        LessonProgress.objects.filter(
            deputy_id__in=new, lesson__in=course.lessons(), completed_at__isnull=False
        ).values_list("deputy_id", flat=True)
    )
    for enrolment in Enrolment.objects.filter(course=course, deputy_id__in=readers):
        complete_if_done(enrolment)
    _tell_assigned(course, new, due_date)
    preview = audience_preview(Deputy.objects.filter(pk__in=new))
    for county_id, count, places in preview.by_county():
        record(
            Action.COURSE_ASSIGNED,
            by=assigned_by,
            county=County(pk=county_id),
            course=course.title,
            count=count,
            places=places,
            due=due_date.isoformat() if due_date else "—",
        )
    return len(new), len(already)


def enrolled_already(course: CoursePage, deputy_ids) -> set[int]:
    """Which of these deputies already take the course."""
    return set(
        Enrolment.objects.filter(course=course, deputy_id__in=deputy_ids).values_list(
            "deputy_id", flat=True
        )
    )


def _tell_assigned(course: CoursePage, deputy_ids, due_date) -> int:
    """Tell newly enrolled deputies, in the site's language (one message reaches many)."""
    users = User.objects.filter(deputy__pk__in=deputy_ids, is_active=True)
    with translation.override(settings.LANGUAGE_CODE):
        body = (
            _("Assigned to you, due %(date)s. It is in “My learning” on the home page.")
            % {"date": due_date.isoformat()}
            if due_date
            else _("Assigned to you. It is in “My learning” on the home page.")
        )
        return notify(
            users,
            title=(_("New course: %(course)s") % {"course": course.title})[:200],
            body=body,
            url=_course_path(course),
        )


@transaction.atomic
def withdraw_assignment(*, enrolment: Enrolment, by) -> None:
    """Withdraw a course assigned to a deputy who has not started it (no lesson opened, no
    quiz of it attempted): the enrolment is removed, as if never made, so that no report
    counts a course the deputy was never really given; the audit log keeps that it was
    (COURSE_WITHDRAWN), and the deputy is told. A course the deputy chose, completed or
    started stays: EnrolmentError says why. The caller has checked that `by` may see the deputy."""
    locked = Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    if locked is None:
        raise EnrolmentError(_("The deputy no longer takes this course."))
    if locked.source != Enrolment.Source.ASSIGNED:
        raise EnrolmentError(_("The deputy chose this course: it is theirs, not withdrawn."))
    if locked.completed_at is not None:
        raise EnrolmentError(_("The deputy has completed this course: it is not withdrawn."))
    if started_deputies(enrolment.course, [enrolment.deputy_id]):
        raise EnrolmentError(
            _("The deputy has started this course: it can no longer be withdrawn.")
        )
    locked.delete()
    record(Action.COURSE_WITHDRAWN, by=by, deputy=enrolment.deputy, course=enrolment.course.title)
    # The deputy was told of the assignment: tell them it is gone, or the old message misleads.
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            [enrolment.deputy.user],
            title=(_("Course withdrawn: %(course)s") % {"course": enrolment.course.title})[:200],
            body=_("This course is no longer assigned to you."),
        )


def send_due_reminders(*, on=None) -> int:
    """Remind deputies of courses due within REMINDER_DAYS days, and of courses overdue: one
    reminder per enrolment and stage, whichever day it runs and however often (the key);
    never for completed courses, withdrawn ones (they no longer exist) or deputies out of
    office. Run daily by `manage.py send_course_reminders`; returns how many were sent.

    One query reads every enrolment to remind, with its deputy's account; then one sending
    for each course, due date and stage: the queries grow with the courses, not the deputies."""
    today = on or timezone.localdate()
    base = Enrolment.objects.filter(deputy__is_active=True, deputy__user__is_active=True)
    stages = (
        ("due-soon", base.due_within(REMINDER_DAYS, on=today)),
        ("overdue", base.overdue(on=today)),
    )
    groups: dict[tuple[str, int, object], list] = {}
    for stage, enrolments in stages:
        for enrolment in enrolments.select_related("deputy__user"):
            key = (stage, enrolment.course_id, enrolment.due_date)
            groups.setdefault(key, []).append(enrolment.deputy.user)
    courses = CoursePage.objects.in_bulk({course_id for (_stage, course_id, _due) in groups})
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for (stage, course_id, due), users in groups.items():
            course = courses.get(course_id)
            if course is None:
                continue
            words = {"course": course.title, "date": due.isoformat()}
            if stage == "overdue":
                title = _("Overdue: %(course)s") % words
                body = _("It was due on %(date)s. Finish it as soon as you can.") % words
            else:
                title = _("Due on %(date)s: %(course)s") % words
                body = _("Finish it by then. It is in “My learning” on the home page.") % words
            sent += notify(
                users,
                title=title[:200],
                body=body,
                url=_course_path(course),
                key=f"course-{stage}:{course_id}:{due.isoformat()}",
            )
    return sent
