"""manage.py seed_scale: the shape it promises, the same data for the same seed, and no second
run over its own rows. Every query keeps to the command's own rows (county codes 9xxxxx, mobiles
150…, course slugs scale-…)."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from wagtail.models import Page

from certificates.models import Certificate, SerialCounter
from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonProgress
from deputies.models import County, Deputy, LiaisonStation, StaffRole, Township, User
from quizzes.models import Attempt
from studysessions.models import Attendance, Invitation, StudySession
from training_site.scale.builder import PASSWORD

pytestmark = pytest.mark.django_db


def seed(*args, deputies=200):
    out = io.StringIO()
    call_command("seed_scale", "--deputies", str(deputies), *args, stdout=out)
    return out.getvalue()


def test_builds_the_promised_shape():
    output = seed()

    county = County.objects.get(code__startswith="9")  # one county up to about 3,750
    assert county.code == "900001"
    deputies = Deputy.objects.filter(user__mobile__startswith="150")
    assert deputies.count() == 200
    assert deputies.filter(township__county=county).count() == 200
    townships = Township.objects.filter(county=county)
    assert 3 <= townships.count() <= 4  # about 65 deputies each
    # In each township: 10% county deputies, 3% out of office, 5% without a station.
    for township in townships.annotate(n=Count("deputies")):
        members = deputies.filter(township=township)
        assert members.filter(level=Deputy.Level.COUNTY).count() == round(township.n * 0.1)
        assert members.filter(is_active=False).count() == round(township.n * 0.03)
        assert members.filter(station=None).count() == round(township.n * 0.05)
    stations_per_township = townships.annotate(n=Count("stations")).values_list("n", flat=True)
    assert all(2 <= n <= 5 for n in stations_per_township)
    assert not deputies.exclude(station=None).exclude(station__township=F("township")).exists()

    # Three courses under the course list, 60 lessons between them, the tree whole.
    courses = list(CoursePage.objects.filter(slug__startswith="scale-").order_by("path"))
    assert len(courses) == 3
    assert all(isinstance(course.get_parent().specific, CourseIndexPage) for course in courses)
    assert sum(course.lessons().count() for course in courses) == 60
    assert all(course.lessons().exists() for course in courses)
    assert [course.due_date < timezone.localdate() for course in courses if course.due_date] == [
        True,
        False,
    ]
    assert Page.find_problems() == ([], [], [], [], [])

    # Required courses: every deputy of their audience; the elective: some, by choice.
    for course in courses:
        enrolled = set(Enrolment.objects.filter(course=course).values_list("deputy", flat=True))
        audience = set(course.audience(deputies).values_list("pk", flat=True))
        if course.required:
            assert enrolled == audience
        else:
            assert enrolled and enrolled < audience
            assert not Enrolment.objects.filter(course=course).exclude(source="chosen").exists()

    # Complete: every lesson read, the final test passed, the credit hours credited.
    enrolments = Enrolment.objects.filter(course__in=courses)
    completed = enrolments.completed().select_related("course")
    assert 0 < completed.count() < enrolments.count()
    sixteen_weeks_ago = timezone.now() - timedelta(weeks=16, days=1)
    for enrolment in completed:
        course = enrolment.course
        lessons = list(course.lessons())
        assert enrolment.credit_hours == course.hours_for(sum(x.estimated_minutes for x in lessons))
        assert sixteen_weeks_ago < enrolment.completed_at < timezone.now()
        read = LessonProgress.objects.filter(
            deputy=enrolment.deputy, lesson__in=lessons, completed_at__isnull=False
        )
        assert read.count() == len(lessons)
        if course.final_test_id:
            assert (
                Attempt.objects.finished()
                .filter(deputy=enrolment.deputy, quiz=course.final_test_id, passed=True)
                .exists()
            )
    assert not enrolments.active().exclude(credit_hours=None).exists()
    assert Certificate.objects.filter(county=county).count() == completed.count()
    assert SerialCounter.objects.get(county=county).last == completed.count()

    first = next(course for course in courses if course.final_test_id)
    finished = Attempt.objects.finished().filter(quiz=first.final_test_id)
    assert finished.filter(passed=True).exists() and finished.filter(passed=False).exists()
    assert not finished.filter(passed=None).exists()

    # Uneven by township: one is far behind the county.
    rates = [
        t.done / t.total
        for t in townships.annotate(
            total=Count("deputies__enrolments", filter=Q(deputies__enrolments__course=first)),
            done=Count(
                "deputies__enrolments",
                filter=Q(
                    deputies__enrolments__course=first,
                    deputies__enrolments__completed_at__isnull=False,
                ),
            ),
        )
    ]
    county_rate = completed.filter(course=first).count() / first.enrolments.count()
    assert min(rates) < county_rate / 2

    # Group study: invitations to the station's deputies; attendance only of the invited,
    # about 70% of them at the sessions held.
    here = Q(session__station__township__county=county)
    sessions = StudySession.objects.filter(station__township__county=county)
    stations = LiaisonStation.objects.filter(township__county=county)
    assert sessions.count() >= 2 * stations.count() * 0.9
    invitations = Invitation.objects.filter(here)
    assert not invitations.exclude(deputy__station=F("session__station")).exists()
    invited = Invitation.objects.filter(session=OuterRef("session"), deputy=OuterRef("deputy"))
    attendances = Attendance.objects.filter(here)
    assert not attendances.exclude(Exists(invited)).exists()
    held = invitations.filter(session__status="scheduled", session__starts_at__lt=timezone.now())
    assert 0.5 < attendances.count() / held.count() < 0.9

    # The accounts printed, with the password that signs them in.
    officer = User.objects.get(mobile="15100000001")
    assert officer.staff_roles.get().county == county
    assert officer.check_password(PASSWORD)
    assert StaffRole.objects.filter(kind="township", user__mobile="15200000001").exists()
    assert StaffRole.objects.filter(kind="station", user__mobile="15300000001").exists()
    assert "15100000001" in output and PASSWORD in output


def snapshot():
    """The data set by its natural keys: ids and timestamps left out."""
    mine = Q(deputy__user__mobile__startswith="150")
    return {
        "deputies": list(
            Deputy.objects.filter(user__mobile__startswith="150")
            .order_by("user__mobile")
            .values_list(
                "user__mobile",
                "user__name",
                "gender",
                "level",
                "is_active",
                "township__name",
                "station__name",
            )
        ),
        "progress": list(
            LessonProgress.objects.filter(mine)
            .order_by("deputy__user__mobile", "lesson__path")
            .values_list("deputy__user__mobile", "lesson__title", "seconds", "reached_end")
        ),
        "attempts": list(
            Attempt.objects.filter(mine)
            .order_by("deputy__user__mobile", "number")
            .values_list("deputy__user__mobile", "number", "status", "score", "passed")
        ),
        "attendance": list(
            Attendance.objects.filter(mine)
            .order_by("session__station__name", "deputy__user__mobile")
            .values_list("session__station__name", "session__topic", "deputy__user__mobile")
            .distinct()
        ),
    }


def built_with(seed_value):
    with transaction.atomic():
        seed("--seed", str(seed_value), "--lessons", "6", deputies=120)
        data = snapshot()
        transaction.set_rollback(True)
    return data


def test_the_same_seed_builds_the_same_data():
    first = built_with(1)
    assert first["progress"] and first["attempts"] and first["attendance"]
    assert built_with(1) == first
    assert built_with(2) != first


def test_refuses_to_build_twice_and_changes_nothing():
    seed("--lessons", "3", deputies=50)

    def counts():
        return [
            User.objects.filter(mobile__startswith="15").count(),
            County.objects.filter(code__startswith="9").count(),
            CoursePage.objects.filter(slug__startswith="scale-").count(),
            Enrolment.objects.filter(deputy__user__mobile__startswith="150").count(),
        ]

    before = counts()
    with pytest.raises(CommandError, match="nothing was changed"):
        seed("--lessons", "3", deputies=50)
    assert counts() == before


def test_refuses_too_few_lessons():
    with pytest.raises(CommandError, match="at least 3"):
        seed("--lessons", "2")
    assert not County.objects.filter(code__startswith="9").exists()
