"""Copying a database into a backup and replacing a database with one: SQLite through its
online backup API, PostgreSQL through pg_dump, pg_restore and psql."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import DatabaseError
from django.db.backends.postgresql.client import DatabaseClient as PostgresClient
from django.db.migrations.recorder import MigrationRecorder

from .archive import BackupError

DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def supported_engine(connection) -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Backups cover SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def dump(connection, path: Path) -> dict[str, list[str]]:
    """Write a consistent copy of the database to path; return its applied migrations."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            # One step (all pages) under one read lock: a snapshot, even while the site writes.
            connection.connection.backup(copy)
            try:
                return _applied_migrations(copy.execute("SELECT app, name FROM django_migrations"))
            except sqlite3.OperationalError:
                return {}  # never migrated
        finally:
            copy.close()
    applied = _applied_migrations(MigrationRecorder(connection).applied_migrations())
    args, env = _postgres_command(
        "pg_dump", connection.settings_dict, ["--format=custom", "--file", str(path)]
    )
    _run(args, env=env, what="pg_dump")
    return applied


def _applied_migrations(pairs) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(pairs):
        applied.setdefault(app, []).append(name)
    return applied


def table_names(connection) -> list[str]:
    """The database's tables; none for a SQLite file that is not there yet."""
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        return []
    try:
        with connection.cursor() as cursor:
            return connection.introspection.table_names(cursor)
    except DatabaseError as exc:
        raise BackupError(
            f"Cannot open the database ({exc}). On a new machine, create an empty database for "
            "the site first (PostgreSQL: createdb), then restore."
        ) from exc


def restore(connection, path: Path) -> None:
    """Replace the whole database with the dump at path, in one transaction."""
    connection.close()
    if connection.vendor == "sqlite":
        _restore_sqlite(Path(connection.settings_dict["NAME"]), path)
    else:
        _restore_postgresql(connection.settings_dict, path)


def _restore_sqlite(target_path: Path, path: Path) -> None:
    source = sqlite3.connect(path)
    try:
        if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError("The database in the archive fails SQLite's check; nothing changed.")
        target_path.parent.mkdir(parents=True, exist_ok=True)
        # The backup API writes through SQLite, in one transaction, so the target's journal
        # (WAL) stays in step with its file; copying a file over it would not.
        target = sqlite3.connect(target_path, timeout=30)
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise BackupError(
            f"Restoring the SQLite database failed ({exc}); nothing was changed."
        ) from exc
    finally:
        source.close()


# Run in the restore's transaction before the dump's own statements: drops what a database
# restored over (--force) holds. On an empty database it does nothing.
_DROP_EVERYTHING = """
DO $$
DECLARE item record;
BEGIN
  FOR item IN SELECT viewname AS name FROM pg_views WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP VIEW IF EXISTS public.%I CASCADE', item.name);
  END LOOP;
  FOR item IN SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', item.name);
  END LOOP;
  FOR item IN SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', item.name);
  END LOOP;
END $$;
"""


def _restore_postgresql(settings_dict: dict, path: Path) -> None:
    pg_restore = _tool("pg_restore")
    # The checksums held, so this is the dump that was written; --list reads its table of
    # contents, a last check that this pg_restore can read it at all.
    _run([pg_restore, "--list", str(path)], env=None, what="pg_restore --list")
    prelude = path.with_name("drop-everything.sql")
    prelude.write_text(_DROP_EVERYTHING, encoding="utf-8")
    # pg_restore turns the dump into SQL whose objects belong to whoever restores (the site's
    # role on a new machine may have another name); psql runs the drops and all of that SQL in
    # one transaction, which the first error rolls back.
    script = [pg_restore, "--no-owner", "--no-privileges", "--file=-", str(path)]
    options = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction"]
    psql, env = _postgres_command("psql", settings_dict, [*options, "-f", str(prelude), "-f", "-"])
    with subprocess.Popen(script, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as sql:  # noqa: S603
        loaded = subprocess.run(  # noqa: S603 (psql found on PATH, arguments built here)
            psql, stdin=sql.stdout, capture_output=True, text=True, env=env, check=False
        )
        sql.stdout.close()
        script_error = sql.stderr.read().decode(errors="replace")
        made = sql.wait()
    if made != 0 or loaded.returncode != 0:
        raise BackupError(
            "Restoring the PostgreSQL database failed and was rolled back; nothing was changed. "
            f"{(script_error + loaded.stderr).strip()[-2000:]}"
        )


def _tool(name: str) -> str:
    executable = shutil.which(name)
    if executable is None:
        raise BackupError(
            f"{name} is not installed: it comes with PostgreSQL's client programs "
            "(Debian: apt-get install postgresql-client)."
        )
    return executable


def _postgres_command(tool: str, settings_dict: dict, options: list[str]):
    """The tool's arguments and environment to reach the database as Django does."""
    args, env = PostgresClient.settings_to_cmd_args_env(settings_dict, options)
    args[0] = _tool(tool)
    return args, {**os.environ, **(env or {})}


def _run(args: list[str], *, env, what: str) -> None:
    result = subprocess.run(args, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()[-2000:]}")
