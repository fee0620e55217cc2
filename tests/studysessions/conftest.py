from datetime import timedelta

import pytest
from django.utils import timezone

from studysessions.services import schedule_session
from tests.courses.conftest import course, course_index  # noqa: F401


def make_session(station, *, starts_in=timedelta(minutes=10), minutes=90, invitees=None, **fields):
    """A session at `station` starting `starts_in` from now, inviting `invitees` (the whole
    station by default)."""
    starts_at = timezone.now() + starts_in
    whole = invitees is None
    if whole:
        invitees = list(station.deputies.all())
    fields.setdefault("topic", "学习代表法")
    fields.setdefault("place", "联络站会议室")
    (session,) = schedule_session(
        station=station,
        created_by=None,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        invitees=invitees,
        whole_station=whole,
        **fields,
    )
    return session


@pytest.fixture
def session(station, deputy):
    return make_session(station)
