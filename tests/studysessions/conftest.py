import pytest

from studysessions.factories import StudySessionFactory


@pytest.fixture
def session(station, deputy):
    """A session of the whole station (the deputy invited), starting in ten minutes."""
    return StudySessionFactory(station=station)
