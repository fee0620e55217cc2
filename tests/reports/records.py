"""Rows written directly, with the dates the report tests name: courses completed, quizzes
taken, sessions attended, enrolments and attempts of the dashboard's county."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from certificates.factories import CertificateFactory
from courses.factories import CoursePageFactory, LessonPageFactory
from courses.models import CoursePage, Enrolment, LessonProgress
from quizzes.factories import AttemptFactory
from studysessions.factories import AttendanceFactory
from studysessions.models import Invitation, StudySession

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=SHANGHAI)


def make_course(index, title, slug, hours, lessons=2) -> CoursePage:
    course = CoursePageFactory(
        parent=index, title=title, slug=slug, summary="……", credit_hours=Decimal(hours)
    )
    for n in range(lessons):
        LessonPageFactory(parent=course, slug=f"{slug}-{n}")
    return course


def complete_on(deputy, course, by, when):
    """Complete the course the way courses does (issuing its certificate), then date the
    completion and the reading."""
    certificate = CertificateFactory(deputy=deputy, course=course, by=by)
    Enrolment.objects.filter(deputy=deputy, course=course).update(completed_at=when)
    LessonProgress.objects.filter(deputy=deputy, lesson__path__startswith=course.path).update(
        completed_at=when
    )
    return certificate


def attend(deputy, station, *, topic, when, hours="1.5"):
    session = StudySession.objects.create(
        station=station,
        topic=topic,
        starts_at=when,
        ends_at=when.replace(hour=when.hour + 2),
        place="联络站会议室",
        credit_hours=Decimal(hours),
    )
    AttendanceFactory(session=session, deputy=deputy)
    return session


def take_quiz(deputy, quiz, *, number, score, passed, when):
    return AttemptFactory(
        quiz=quiz, deputy=deputy, number=number, score=Decimal(score), passed=passed,
        submitted_at=when,
    )  # fmt: skip


# The dashboard's county ---------------------------------------------------------------


def dashboard_at(month, day, hour=10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=SHANGHAI)


def enrol_on(deputy, course, completed=None):
    enrolment = Enrolment.objects.create(
        deputy=deputy,
        course=course,
        source=Enrolment.Source.ASSIGNED,
        completed_at=completed,
        credit_hours=course.credit_hours if completed else None,
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=dashboard_at(1, 5))
    enrolment.refresh_from_db()
    return enrolment


def attempt(deputy, quiz, number, *, passed, when, graded=None):
    return AttemptFactory(
        quiz=quiz, deputy=deputy, number=number, passed=passed, submitted_at=when,
        graded_at=graded or when,
    )  # fmt: skip


def session(station, when, hours, *, invited, came, cancelled=False):
    held = StudySession.objects.create(
        station=station,
        topic="集中学习",
        starts_at=when,
        ends_at=when.replace(hour=when.hour + 2),
        place="会议室",
        credit_hours=Decimal(hours),
        status=StudySession.Status.CANCELLED if cancelled else StudySession.Status.SCHEDULED,
    )
    for deputy in invited:
        Invitation.objects.create(session=held, deputy=deputy)
    for deputy in came:
        AttendanceFactory(session=held, deputy=deputy)
    return held
