"""Two confirmations of the same assignment at once (a double tap, two tabs) enrol, tell and
log once: the course's row is locked while assigning. Through the real view, each request in
its own thread and connection (tests/concurrency/conftest.py explains the meeting)."""

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from courses import services
from courses.models import Enrolment
from deputies.factories import DeputyFactory
from notifications.models import Notification
from tests.concurrency.racing import Meeting, client_for, race, statuses

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_confirmations_at_once_assign_once(course, station_staff, station, monkeypatch):
    for n in range(3):
        DeputyFactory(station=station, user__mobile=f"1350000000{n}")
    url = reverse("course_assign", args=[course.pk])
    tabs = [client_for(station_staff) for _ in range(2)]
    digest = tabs[0].post(url, {"stations": [station.pk]}).context["digest"]
    meeting = Meeting(2)
    # Each has read who is enrolled already before either writes, unless the lock keeps the
    # second out until the first has committed.
    monkeypatch.setattr(services, "enrolled_already", meeting.after(services.enrolled_already))

    responses = race(
        *(lambda tab=tab: tab.post(url, {"stations": [station.pk], "confirm": digest})
          for tab in tabs),
        meeting=meeting,
    )  # fmt: skip

    assert statuses(responses) == [302, 302]  # the second enrols nobody: all were, by then
    assert Enrolment.objects.count() == 3
    assert Notification.objects.count() == 3
    assert AuditEntry.objects.filter(action=Action.COURSE_ASSIGNED).count() == 1
