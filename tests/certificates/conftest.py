import json
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import Site

from certificates.models import Certificate, CertificateTemplate
from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonPage, LessonProgress
from courses.services import complete_if_done, enrol, required_seconds
from deputies.factories import DeputyFactory


@pytest.fixture
def template(db):
    return CertificateTemplate.objects.create(
        issuing_body="安吉县人大常委会", signatory="代表工作委员会", is_default=True
    )


@pytest.fixture
def course(db):
    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=CourseIndexPage(title="学习课程", slug="courses"))
    course = index.add_child(
        instance=CoursePage(
            title="代表法入门", slug="daibiaofa", summary="入门。", credit_hours=Decimal("2.5")
        )
    )
    for slug in ["one", "two"]:
        course.add_child(
            instance=LessonPage(
                title=f"课 {slug}",
                slug=slug,
                estimated_minutes=10,
                body=json.dumps([{"type": "text", "value": f"<p>{slug}</p>"}]),
            )
        )
    return course


def read_everything(deputy, course):
    now = timezone.now()
    for lesson in course.lessons():
        LessonProgress.objects.update_or_create(
            deputy=deputy,
            lesson=lesson,
            defaults={
                "seconds": required_seconds(lesson),
                "reached_end": True,
                "clock": now,
                "completed_at": now,
            },
        )


def complete(deputy, course, by) -> Certificate:
    """Complete the course the way courses does, and return the certificate it issued."""
    enrolment = enrol(deputy=deputy, course=course, assigned_by=by)
    read_everything(deputy, course)
    complete_if_done(Enrolment.objects.get(pk=enrolment.pk))
    return Certificate.objects.valid().get(deputy=deputy, course=course)


@pytest.fixture
def certificate(deputy, course, template, county_officer):
    return complete(deputy, course, county_officer)


@pytest.fixture
def other_certificate(other_station_deputy, course, template, county_officer):
    return complete(other_station_deputy, course, county_officer)


NAMES = ["陈一", "林二", "黄三", "周四", "吴五"]


def finished(deputy, course):
    """A completed enrolment without a certificate (completed before certificates existed)."""
    return Enrolment.objects.create(
        deputy=deputy,
        course=course,
        source=Enrolment.Source.ASSIGNED,
        completed_at=timezone.now(),
        credit_hours=Decimal("2.5"),
    )


@pytest.fixture
def graduates(station, course, template, county_officer):
    """Five deputies of the county who completed the course: the first through the course
    (so already holding a rendered certificate), the others with no certificate yet."""
    deputies = [
        DeputyFactory(station=station, user__name=name, user__mobile=f"136000001{i:02d}")
        for i, name in enumerate(NAMES)
    ]
    complete(deputies[0], course, county_officer)
    for deputy in deputies[1:]:
        finished(deputy, course)
    return deputies
