"""Helpers for races that really overlap: each contender runs in its own thread with its own
database connection, all released together; a `Meeting` holds them at a chosen point inside the
code under test, so that each has read what it will act on before any of them writes.

Where the code protects itself with a lock, the contender holding it reaches the meeting alone
and waits only `MEET_SECONDS` before going on; the others, kept out by the lock, find the meeting
broken and pass straight through. Without the lock they meet, and the race is run in its worst
order every time. On SQLite the IMMEDIATE transactions serialise writers, so a meeting inside a
transaction always times out: the tests pass there for that reason, and fail on PostgreSQL when a
protection is taken out.
"""

import threading
from collections.abc import Callable

from django.db import close_old_connections, connection
from django.test import Client
from django.utils import translation

# How long a contender waits at a meeting for the others before it goes on alone.
MEET_SECONDS = 1.0
# Longest a race may take before the test gives up on it.
RACE_SECONDS = 60


class Meeting:
    """A point where the racing threads wait for one another (once each, at most
    `MEET_SECONDS`). Threads that are not racing (the test's own setup) pass straight through."""

    def __init__(self, parties: int, seconds: float = MEET_SECONDS):
        self.barrier = threading.Barrier(parties, timeout=seconds)
        self.racing: set[int] = set()
        self.met: set[int] = set()
        self.lock = threading.Lock()

    def join(self) -> None:
        """Mark the calling thread as one of the racers."""
        with self.lock:
            self.racing.add(threading.get_ident())

    def wait(self) -> bool:
        """Wait for the other racers; whether they all came (False: one is held elsewhere,
        by a lock, and the caller went on alone)."""
        me = threading.get_ident()
        with self.lock:
            if me not in self.racing or me in self.met:
                return False
            self.met.add(me)
        try:
            self.barrier.wait()
        except threading.BrokenBarrierError:
            return False
        return True

    def after(self, function: Callable) -> Callable:
        """`function`, then the meeting."""

        def wrapped(*args, **kwargs):
            result = function(*args, **kwargs)
            self.wait()
            return result

        return wrapped

    def before(self, function: Callable) -> Callable:
        """The meeting, then `function`."""

        def wrapped(*args, **kwargs):
            self.wait()
            return function(*args, **kwargs)

        return wrapped


def race(*calls: Callable, meeting: Meeting | None = None) -> list:
    """Run each call in its own thread and database connection, all started together; return
    each call's result, or the exception it raised, in the order given."""
    start = threading.Barrier(len(calls), timeout=RACE_SECONDS)
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            if meeting is not None:
                meeting.join()
            start.wait()
            # Each thread starts in the site's default language: tests read English.
            with translation.override("en"):
                results[index] = call()
        except Exception as exc:  # the test asserts on it
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=RACE_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a racer is stuck"
    close_old_connections()
    return results


def client_for(user) -> Client:
    """A browser of its own, signed in as `user`, reading English."""
    browser = Client(raise_request_exception=False)
    browser.force_login(user)
    browser.cookies["django_language"] = "en"
    return browser


def errors(results) -> list[Exception]:
    return [r for r in results if isinstance(r, Exception)]


def statuses(responses) -> list[int]:
    return sorted(getattr(r, "status_code", r) for r in responses)
