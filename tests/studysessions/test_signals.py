"""Group study's announcements are sent inside the transaction that records the attendance
(studysessions/signals.py): a listener that fails takes the attendance back with it, so an
attendance never stands while what its listeners write (lessons studied, a programme's
hours) is missing."""

import pytest

from studysessions.attendance import mark_present
from studysessions.factories import StudySessionFactory
from studysessions.models import Attendance
from studysessions.signals import attendance_recorded


class ListenerFailed(Exception):
    pass


@pytest.fixture
def failing_listener():
    def receiver(sender, **kwargs):
        raise ListenerFailed

    attendance_recorded.connect(receiver, dispatch_uid="test-failing-listener")
    yield
    attendance_recorded.disconnect(dispatch_uid="test-failing-listener")


def test_a_failing_listener_leaves_the_deputy_not_checked_in(station, deputy, failing_listener):
    session = StudySessionFactory(station=station)

    with pytest.raises(ListenerFailed):
        mark_present(session=session, deputy=deputy, recorded_by=None)

    assert not Attendance.objects.filter(session=session, deputy=deputy).exists()
