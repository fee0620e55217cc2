import pytest

from courses.factories import CoursePageFactory


@pytest.fixture
def course(db):
    """A course of two lessons, 2.5 credit hours: completing it issues a certificate."""
    return CoursePageFactory(law=True)
