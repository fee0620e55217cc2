import json
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import Site

from certificates.models import Certificate, CertificateTemplate
from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonPage, LessonProgress
from courses.services import complete_if_done, enrol, required_seconds


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
