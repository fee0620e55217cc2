"""A small, hand-counted record for the archive tests: two courses (one completed in 2025, one
in 2026), a quiz passed at the second attempt, a group-study session attended, an accepted
draft and a certificate. Rows are written directly, with the dates the expectations name."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from certificates.models import CertificateTemplate
from courses.models import CoursePage, Enrolment, LessonProgress
from proposals.models import Draft, Review, Revision
from quizzes.models import Attempt, Quiz
from studysessions.models import Attendance, StudySession
from tests.certificates.conftest import complete
from tests.courses.conftest import add_lesson, course_index  # noqa: F401 (fixture)
from tests.proposals.conftest import GOOD, make_exercise

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=SHANGHAI)


def make_course(index, title, slug, hours, lessons=2) -> CoursePage:
    course = index.add_child(
        instance=CoursePage(title=title, slug=slug, summary="……", credit_hours=Decimal(hours))
    )
    for n in range(lessons):
        add_lesson(course, f"{slug}-{n}")
    return course


def complete_on(deputy, course, by, when):
    """Complete the course the way courses does (issuing its certificate), then date the
    completion and the reading."""
    certificate = complete(deputy, course, by)
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
    Attendance.objects.create(session=session, deputy=deputy, method=Attendance.Method.MANUAL)
    return session


def take_quiz(deputy, quiz, *, number, score, passed, when):
    return Attempt.objects.create(
        quiz=quiz,
        deputy=deputy,
        number=number,
        status=Attempt.Status.GRADED,
        score=Decimal(score),
        max_score=Decimal("4"),
        passed=passed,
        submitted_at=when,
        graded_at=when,
    )


def accepted_draft(deputy, exercise, *, reviewer, when):
    draft = Draft.objects.create(
        deputy=deputy, exercise=exercise, parts=GOOD, status=Draft.Status.ACCEPTED
    )
    first = Revision.objects.create(
        draft=draft, number=1, genre=exercise.genre, level=exercise.level, parts=GOOD,
        overall=62, passed=False, submitted_at=when.replace(day=1),
    )  # fmt: skip
    Review.objects.create(
        revision=first, reviewer=reviewer, decision=Review.Decision.RETURNED,
        general_comment="写具体些。", created_at=when.replace(day=2),
    )  # fmt: skip
    second = Revision.objects.create(
        draft=draft, number=2, genre=exercise.genre, level=exercise.level, parts=GOOD,
        overall=88, passed=True, submitted_at=when.replace(day=3),
    )  # fmt: skip
    Review.objects.create(
        revision=second, reviewer=reviewer, decision=Review.Decision.ACCEPTED, created_at=when
    )
    return draft


@pytest.fixture
def record(deputy, station, course_index, county_officer):  # noqa: F811
    """The deputy's record: see the module's docstring."""
    CertificateTemplate.objects.create(issuing_body="安吉县人大常委会", is_default=True)
    first = make_course(course_index, "代表法入门", "daibiaofa", "2.5")
    second = make_course(course_index, "监督法要点", "jiandufa", "3.0", lessons=1)
    certificate = complete_on(deputy, first, county_officer, at(2025, 6, 1))
    complete_on(deputy, second, county_officer, at(2026, 3, 2))
    quiz = Quiz.objects.create(title="代表法小测", pass_mark=75)
    take_quiz(deputy, quiz, number=1, score="2", passed=False, when=at(2026, 3, 1))
    take_quiz(deputy, quiz, number=2, score="3", passed=True, when=at(2026, 3, 5))
    attend(deputy, station, topic="学习监督法", when=at(2026, 4, 10))
    draft = accepted_draft(deputy, make_exercise(), reviewer=county_officer, when=at(2026, 5, 20))
    return {"certificate": certificate, "quiz": quiz, "draft": draft}
