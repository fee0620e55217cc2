"""A hundred deputies check in to one session at the same moment: every check-in lands, once
each; and one deputy tapping "Check in" on two phones at once is recorded once. On SQLite and
on PostgreSQL. The threads run through a pool of 40, so PostgreSQL never sees more than 40
connections from the test at once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import close_old_connections, connection
from django.utils import translation

from deputies.factories import DeputyFactory
from studysessions import codes
from studysessions.attendance import check_in
from studysessions.factories import StudySessionFactory
from studysessions.models import Attendance, StudySession
from studysessions.services import StudySessionError

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEPUTIES = 100
POOL = 40


def test_a_hundred_deputies_check_in_at_once_and_each_lands_once(station):
    deputies = [
        DeputyFactory(station=station, user__mobile=f"1350000{n:04d}") for n in range(DEPUTIES)
    ]
    session = StudySessionFactory(station=station)
    results = check_in_all_at_once(session, deputies)
    assert [r for r in results if r is not True] == []
    assert Attendance.objects.filter(session=session).count() == DEPUTIES
    assert set(Attendance.objects.values_list("deputy", flat=True)) == {d.pk for d in deputies}


def test_one_deputy_on_several_phones_at_once_is_checked_in_once(station, deputy):
    session = StudySessionFactory(station=station)
    results = check_in_all_at_once(session, [deputy] * 8)
    assert results.count(True) == 1
    refusals = [r for r in results if r is not True]
    assert len(refusals) == 7
    assert all(isinstance(r, StudySessionError) for r in refusals)
    assert all("checked in already" in str(r) for r in refusals)
    assert Attendance.objects.count() == 1


def check_in_all_at_once(session, deputies) -> list:
    """Check each deputy in from a pool thread (its own database connection), all released
    together; return True or the exception, per deputy."""
    start = threading.Event()
    code = codes.current_code(session)

    def one(deputy):
        try:
            start.wait(timeout=30)
            # Each thread starts in the site's default language: ask for English messages.
            with translation.override("en"):
                check_in(session=StudySession.objects.get(pk=session.pk), deputy=deputy, code=code)
            return True
        except StudySessionError as exc:
            return exc
        except Exception as exc:  # the caller asserts there are none
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=POOL) as pool:
        futures = [pool.submit(one, deputy) for deputy in deputies]
        start.set()
        results = [future.result(timeout=120) for future in futures]
    close_old_connections()
    return results
