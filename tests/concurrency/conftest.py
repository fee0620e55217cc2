"""Fixtures for races that really overlap (see racing.py)."""

import pytest

from .racing import Meeting


@pytest.fixture
def meeting():
    return Meeting(2)


@pytest.fixture(scope="module", autouse=True)
def _flush_by_delete():
    """On PostgreSQL, empty the tables after each of these tests with DELETE rather than
    TRUNCATE: a TRUNCATE of the whole schema makes new files for every table and index and
    costs seconds a test, a DELETE of the few rows a test made costs milliseconds. The
    foreign keys Django makes are deferred to the commit, so the order does not matter.
    Module-scoped, so that it is still in place when the last test's flush runs."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        # Table names from Django's own list of the models' tables, quoted.
        return [f"DELETE FROM {self.quote_name(table)};" for table in tables]  # noqa: S608

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate
