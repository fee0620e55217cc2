"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every page a test opens through `new_page` is checked with axe-core (see accessibility.py): a
serious or critical violation fails the test. Set E2E_SCREENSHOTS=DIR to keep a screenshot of
every page the tests look at.

The demo, seeded once per worker
--------------------------------
The live server reads only committed rows, so browser tests are transactional: Django empties
every table after each of them (and serialized_rollback puts back the rows migrations made). A
test that wanted the demo used to run `seed_demo` itself, tens of seconds of work, 44 times a
suite; then once per module, 27 times.

A test now asks for the `demo` fixture instead. The first such test of a worker seeds the demo
and copies every table Django's flush empties into a copy kept outside the tables Django sees
(`TableCopy`: plain `CREATE TABLE ... AS SELECT`, into a schema of its own on PostgreSQL and an
attached database file on SQLite); each later test empties the tables and puts the copied rows
back, ids and all, in a few seconds. Every test so starts from the demo exactly as seed_demo
left it, whatever the tests before it wrote, and runs alone or in any order; Django's flush after
it cleans up as before. Other tests never see the copies: Django's introspection, its flush and
the SQLite backup API look at the main schema only. They are dropped when the session ends.

Not Django's own serialized_rollback with the seeded rows: its serializer leaves out the parent
rows of the polymorphic questions, and it loads the demo's 3,200 rows back one save() at a time.
Not one seeded database shared by the tests without emptying it between them: each test would
then see what the tests before it wrote.

What the copy cannot hold stays as it is, as it would between seeds: the sequences keep counting
(rows a test adds get ids past the demo's, as after Django's own flushes), and the demo's files
(certificate PDFs) stay in the in-memory storage, unless a test in between made a new storage:
then the demo is seeded again. The cache is emptied before every test (tests/conftest.py). Under
pytest-xdist (`make test`: `--dist loadgroup`) a module's `demo` tests form one group, so one
worker runs them all.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import FileField

from .accessibility import AxeWatch
from .browser import PHONE

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make for
# set-up are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# Before pytest-xdist reads the groups (its hook names each test's group in its id).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if "demo" in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.xdist_group(f"demo-{item.module.__name__}"))


class TableCopy:
    """The rows of every table Django's flush empties, kept beside them where Django does not
    look: the schema `e2e_copy` (PostgreSQL) or a database file attached under that name
    (SQLite)."""

    SCHEMA = "e2e_copy"

    def __init__(self, sqlite_file: Path):
        self.sqlite_file = sqlite_file
        self.tables = {}  # quoted table: (quoted copy, quoted columns, quoted key)
        self.files = []  # the demo's stored files: (storage, name)

    def _attached(self, cursor) -> bool:
        """Whether this SQLite connection has the copies' file attached."""
        cursor.execute("PRAGMA database_list")
        return self.SCHEMA in {row[1] for row in cursor.fetchall()}

    def _schema(self) -> str:
        """Make the schema there (on SQLite, attach the file again on a new connection)."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                if not self._attached(cursor):
                    cursor.execute(
                        f"ATTACH DATABASE %s AS {quote(self.SCHEMA)}", [str(self.sqlite_file)]
                    )
            else:
                cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {quote(self.SCHEMA)}")
        return quote(self.SCHEMA)

    def take(self):
        """Copy the tables as they are now; empty ones are left out."""
        quote = connection.ops.quote_name
        self.drop()
        schema = self._schema()
        existing = set(connection.introspection.table_names())
        models = {
            model._meta.db_table: model
            for model in connection.introspection.get_migratable_models()
            if model._meta.managed and not model._meta.proxy and model._meta.db_table in existing
        }
        self.files = []
        with transaction.atomic(), connection.cursor() as cursor:
            for n, (table, model) in enumerate(sorted(models.items())):
                # The model's columns, not `*`: an SQLite full-text table keeps its key in
                # rowid, which `*` leaves out.
                fields = model._meta.local_concrete_fields
                columns = ", ".join(quote(f.column) for f in fields if f.column)
                copy = f"{schema}.{quote(f't{n}')}"
                cursor.execute(f"CREATE TABLE {copy} AS SELECT {columns} FROM {quote(table)}")  # noqa: S608
                cursor.execute(f"SELECT COUNT(*) FROM {copy}")  # noqa: S608
                if cursor.fetchone()[0]:
                    key = quote(model._meta.pk.column)
                    self.tables[quote(table)] = (copy, columns, key)
                else:
                    cursor.execute(f"DROP TABLE {copy}")
                for field in fields:
                    if isinstance(field, FileField):
                        names = model._base_manager.values_list(field.attname, flat=True)
                        self.files += [(field.storage, name) for name in names if name]

    def holds_the_files(self) -> bool:
        """Whether the demo's files are still in storage (a test may have made a new one)."""
        return all(storage.exists(name) for storage, name in self.files)

    def restore(self):
        """Empty the tables as Django does after a test, then put the copied rows back. The
        foreign keys are checked at the commit, once every row is back.

        A row already back is left alone: on SQLite, triggers on Wagtail's search index entries
        fill its full-text table as the entries go in.
        """
        call_command(
            "flush",
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
            verbosity=0,
        )
        self._schema()
        with transaction.atomic(), connection.cursor() as cursor:
            for table, (copy, columns, key) in self.tables.items():
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {copy} "  # noqa: S608
                    f"WHERE {key} NOT IN (SELECT {key} FROM {table})"
                )

    def drop(self):
        """Drop the copies, and any an interrupted run left in a kept database."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                if self._attached(cursor):
                    cursor.execute(f"DETACH DATABASE {quote(self.SCHEMA)}")
                self.sqlite_file.unlink(missing_ok=True)
            else:
                cursor.execute(f"DROP SCHEMA IF EXISTS {quote(self.SCHEMA)} CASCADE")
        self.tables = {}

    @property
    def taken(self) -> bool:
        return bool(self.tables)


@pytest.fixture(scope="session")
def _demo_copy(django_db_blocker, tmp_path_factory):
    copy = TableCopy(tmp_path_factory.mktemp("e2e-demo") / "copy.sqlite3")
    yield copy
    with django_db_blocker.unblock():
        copy.drop()


@pytest.fixture
def demo(_demo_copy, transactional_db):
    """The demo as `seed_demo` makes it, seeded once per worker (see the module docstring).

    Putting the demo back empties the tables first: a fixture that adds rows to the demo asks
    for `demo` (as the law library's `library` does), so that it runs after it.
    """
    if _demo_copy.taken and _demo_copy.holds_the_files():
        _demo_copy.restore()
    else:
        # As after any transactional test, the tables hold only what migrations made.
        call_command("seed_demo", stdout=io.StringIO())
        _demo_copy.take()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (see README)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Starting Playwright gives this thread fresh Django connection objects. When other tests
    # ran first, the test database was set up on the old ones, which keep the serialized
    # contents that serialized_rollback restores (Wagtail's groups, the root page): hand them on.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context of the given size and language. The test fails
    if the content security policy refused anything on a page it opened."""
    watches = []
    refused = []

    def listen(page):
        def heard(message):
            if message.text.startswith("Refused to") and "Content Security Policy" in message.text:
                refused.append(f"{page.url}: {message.text}")

        page.on("console", heard)

    def make(viewport=PHONE, language="zh-hans"):
        context = browser.new_context(
            viewport=viewport,
            base_url=live_server.url,
            locale="en-US" if language == "en" else "zh-CN",
            device_scale_factor=1,
        )
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        context.on("page", listen)
        watches.append(AxeWatch(context))
        return context.new_page()

    yield make
    problems = [watch.finish() for watch in watches]
    for watch in watches:
        # A page being closed is hidden, and reading.js sends its unsent seconds then (a
        # beacon). Arriving while the database is flushed after the test, it deadlocks
        # PostgreSQL's TRUNCATE or breaks SQLite's foreign keys: nothing leaves any more.
        watch.context.route("**/*", lambda route: route.abort())
        watch.context.close()
    problems = "\n".join(problem for problem in problems if problem)
    if refused:
        pytest.fail("The content security policy refused:\n" + "\n".join(refused), pytrace=False)
    if problems:
        pytest.fail(f"axe-core finds serious or critical problems:\n{problems}", pytrace=False)


@pytest.fixture
def screenshot():
    folder = os.environ.get("E2E_SCREENSHOTS")

    def take(page, name):
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return take
