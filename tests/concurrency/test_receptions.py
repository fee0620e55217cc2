"""The reception register at the same moment: two clerks closing the same voter's matter, and
two matters recorded at once at one station. Through the real views."""

import pytest
from django.urls import reverse

from receptions.matters import services
from receptions.matters.services import Voter
from receptions.models import Category, Matter, Step
from tests.concurrency.racing import client_for, race, statuses

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _visited(station, deputy, clerk):
    matter = services.record_matter(
        station=station,
        recorded_by=deputy.user,
        category=Category.ROADS,
        raised="桥面塌了",
        voter=Voter("周大妈", "13912340001", True),
    )
    services.refer(matter=matter, by=clerk, unit="镇交通办")
    services.record_answer(matter=matter, by=clerk, answer="已修")
    return services.record_visit(matter=matter, by=clerk, satisfaction="satisfied")


def test_two_clerks_closing_the_same_matter_close_it_once(
    station, deputy, station_staff, township_staff, meeting, monkeypatch
):
    matter = _visited(station, deputy, station_staff)
    # Each request has read the matter, still waiting to be closed, before either writes.
    monkeypatch.setattr(services, "_locked", meeting.after(services._locked))
    url = reverse("receptions:matter_step", args=[matter.pk, "close"])
    clerks = [client_for(station_staff), client_for(township_staff)]

    responses = race(
        lambda: clerks[0].post(url, {"close-closure": "solved"}),
        lambda: clerks[1].post(url, {"close-closure": "explained"}),
        meeting=meeting,
    )

    assert statuses(responses) == [302, 302]
    assert Step.objects.filter(matter=matter, kind=Step.Kind.CLOSE).count() == 1
    told = sorted(str(m) for r in responses for m in r.wsgi_request._messages)
    assert told == ["Saved.", "This matter is closed already."]
    matter.refresh_from_db()
    winner = Step.objects.get(matter=matter, kind=Step.Kind.CLOSE)
    assert matter.status == Matter.Status.CLOSED
    assert matter.closure == ("solved" if winner.by == station_staff else "explained")


def test_two_matters_recorded_at_once_get_two_numbers(
    station, deputy, station_staff, meeting, monkeypatch
):
    # Each request has locked (or, without the lock, merely read) the station before either
    # counts the year's matters.
    monkeypatch.setattr(services, "_next_number", meeting.before(services._next_number))
    url = reverse("receptions:record")
    phones = [client_for(deputy.user), client_for(station_staff)]
    data = {"station": station.pk, "category": "water", "raised": "停水"}

    responses = race(*(lambda c=c: c.post(url, data) for c in phones), meeting=meeting)

    assert statuses(responses) == [302, 302]
    assert sorted(Matter.objects.values_list("number", flat=True)) == [1, 2]
