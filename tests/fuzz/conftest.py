import pytest

from courses.factories import CoursePageFactory


@pytest.fixture
def course(db):
    """The course of the certificate whose verification page the forms tests post files to
    (with `certificate` and `template` from tests/conftest.py)."""
    return CoursePageFactory(law=True)
