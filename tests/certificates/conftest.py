import pytest

from certificates.factories import CertificateFactory
from courses.factories import CoursePageFactory, EnrolmentFactory
from deputies.factories import DeputyFactory


@pytest.fixture
def course(db):
    """代表法入门: two lessons, 2.5 credit hours."""
    return CoursePageFactory(law=True)


@pytest.fixture
def other_certificate(other_station_deputy, course, template, county_officer):
    return CertificateFactory(deputy=other_station_deputy, course=course, by=county_officer)


@pytest.fixture
def graduates(station, course, template, county_officer):
    """Five deputies of the county who completed the course: the first through the course
    (so already holding a rendered certificate), the others with no certificate yet."""
    deputies = [
        DeputyFactory(station=station, user__name=name, user__mobile=f"136000001{i:02d}")
        for i, name in enumerate(["陈一", "林二", "黄三", "周四", "吴五"])
    ]
    CertificateFactory(deputy=deputies[0], course=course, by=county_officer)
    for deputy in deputies[1:]:  # completed before certificates existed
        EnrolmentFactory(deputy=deputy, course=course, completed=True)
    return deputies
