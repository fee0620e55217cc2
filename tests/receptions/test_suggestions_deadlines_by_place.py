"""`reply_deadlines_by_place`: the replies owed and overdue on a given day, by township and by
station, within the reader's scope, counted as they stood on that day; two queries."""

from datetime import date

import pytest
from django.utils import timezone

from deputies.factories import DeputyFactory, LiaisonStationFactory
from receptions.suggestions import services
from receptions.suggestions.factories import submitted_suggestion
from receptions.suggestions.selectors import reply_deadlines_by_place


@pytest.fixture
def spread(deputy, station, other_station_deputy, other_township_deputy, other_county_deputy):
    """Referred on 2026-01-10 (due 2026-04-10) unless said otherwise."""
    jan = date(2026, 1, 10)
    submitted_suggestion(deputy, assigned_on=jan)
    answered = submitted_suggestion(deputy, assigned_on=jan, title="五月答复")
    services.record_reply(
        suggestion=answered,
        by=deputy.user,
        replied_on=date(2026, 5, 6),
        outcome="resolved",
        summary="",
    )
    services.record_satisfaction(
        suggestion=answered,
        by=deputy.user,
        satisfaction="not_satisfied",
        said_on=date(2026, 5, 8),  # second reply due 2026-06-08
    )
    submitted_suggestion(other_station_deputy, assigned_on=date(2026, 3, 1))  # due 06-01
    submitted_suggestion(other_township_deputy, assigned_on=jan, is_complex=True)  # due 07-10
    submitted_suggestion(other_county_deputy, assigned_on=jan)
    # A deputy of the township with no station: in the township's count only (due 05-01).
    unattached = DeputyFactory(township=station.township, station=None, user__mobile="13600000011")
    assert unattached.station_id is None
    submitted_suggestion(unattached, assigned_on=date(2026, 2, 1))
    # A station with nothing owed is not listed.
    LiaisonStationFactory(township=station.township, name="空站")


def _rows(result):
    """Sorted here: the order of Chinese names is the database's collation."""
    return {
        key: sorted((row.name, row.open, row.overdue) for row in rows)
        for key, rows in result.items()
    }


def test_counts_as_they_stood_on_the_day(spread, county_officer, django_assert_num_queries):
    with django_assert_num_queries(2 + 1):  # the officer's scope, then one query each level
        result = reply_deadlines_by_place(county_officer, on=date(2026, 4, 30))
    # On 30 April: both of the deputy's unanswered and overdue (due 10 April); the other
    # station's not yet due; the complex one due in July. The other county is not counted.
    assert _rows(result) == {
        "townships": [("孝丰镇", 1, 0), ("递铺街道", 4, 2)],
        "stations": [("古城代表联络站", 1, 0), ("孝丰代表联络站", 1, 0), ("递铺代表联络站", 2, 2)],
    }
    # On 7 May the one replied on the 6th is no longer owed; the deputy's opinion came on the
    # 8th, so on 10 June the second reply (due 8 June) is owed and overdue.
    may = _rows(reply_deadlines_by_place(county_officer, on=date(2026, 5, 7)))
    assert ("递铺代表联络站", 1, 1) in may["stations"]
    assert ("递铺街道", 3, 2) in may["townships"]  # the unattached one's, due 1 May
    june = _rows(reply_deadlines_by_place(county_officer, on=date(2026, 6, 10)))
    assert june["stations"] == [
        ("古城代表联络站", 1, 1),
        ("孝丰代表联络站", 1, 0),
        ("递铺代表联络站", 2, 2),
    ]
    # Before any referral, nothing.
    assert _rows(reply_deadlines_by_place(county_officer, on=date(2025, 12, 31))) == {
        "townships": [],
        "stations": [],
    }


def test_station_staff_see_their_station_only(spread, station_staff):
    result = _rows(reply_deadlines_by_place(station_staff, on=timezone.localdate()))
    assert [name for name, *_ in result["stations"]] == ["递铺代表联络站"]
    assert [name for name, *_ in result["townships"]] == ["递铺街道"]
