"""A site of its own for tests that run `manage.py` as an administrator would: a fresh database
of the engine the suite runs on (a SQLite file, or a new PostgreSQL database dropped after),
a media folder, and settings that read both from the environment.

SQLite runs with the development settings (production refuses it), PostgreSQL with the
production settings; MEDIA_ROOT comes from the environment in both.
"""

import json
import os
import secrets
import sqlite3
import subprocess
import sys
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

import psycopg
from django.db import connection
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = """\
import os
from training_site.settings.{module} import *  # noqa: F403
MEDIA_ROOT = os.environ["MEDIA_ROOT"]
"""
PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "localhost",
    # Nothing run here may need the cache: a port where nothing listens says so at once.
    "REDIS_URL": "redis://127.0.0.1:1/0",
}


@dataclass(frozen=True)
class Site:
    folder: Path
    database_url: str
    media_root: Path

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run manage.py in a fresh process against this site."""
        vendor = connection.vendor
        env = {k: v for k, v in os.environ.items() if "DJANGO" not in k and k != "DATABASE_URL"}
        env |= PRODUCTION_ENV if vendor == "postgresql" else {}
        env |= {
            "DJANGO_SETTINGS_MODULE": "throwaway_settings",
            "PYTHONPATH": os.pathsep.join([str(self.folder), str(ROOT)]),
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media_root),
        }
        result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=env,
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def python(self, code: str):
        """Run code in `manage.py shell`; return the JSON it prints on its last line, if any."""
        output = self.manage("shell", "--no-imports", "-c", code).stdout.strip()
        return json.loads(output.splitlines()[-1]) if output else None

    def row_counts(self) -> dict[str, int]:
        """Rows in each table, read straight from the database (no Django process)."""
        if self.database_url.startswith("sqlite:"):
            with closing(sqlite3.connect(self.database_url.removeprefix("sqlite:///"))) as db:
                listed = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                tables = [name for (name,) in listed.fetchall()]
                count = 'SELECT count(*) FROM "{}"'  # names from sqlite_master itself
                return {t: db.execute(count.format(t)).fetchone()[0] for t in tables}
        with psycopg.connect(self.database_url) as db:
            listed = db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            tables = [name for (name,) in listed.fetchall()]
            count = sql.SQL("SELECT count(*) FROM {}")
            return {t: db.execute(count.format(sql.Identifier(t))).fetchone()[0] for t in tables}

    def media_files(self) -> dict[str, bytes]:
        root = self.media_root
        return {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }


@contextmanager
def throwaway_site(folder: Path):
    """A site with an empty database of the suite's engine and no media folder yet."""
    folder.mkdir(parents=True, exist_ok=True)
    module = "production" if connection.vendor == "postgresql" else "dev"
    (folder / "throwaway_settings.py").write_text(SETTINGS.format(module=module))
    with throwaway_database(folder) as url:
        yield Site(folder=folder, database_url=url, media_root=folder / "media")


@contextmanager
def other_database(site: Site, name: str):
    """The same site pointed at another empty database and media folder: a fresh machine."""
    with throwaway_database(site.folder / name) as url:
        yield replace(site, database_url=url, media_root=site.folder / name / "media")


@contextmanager
def throwaway_database(folder: Path):
    """The URL of a new, empty database of the engine the suite runs on; dropped after."""
    if connection.vendor == "sqlite":
        folder.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{folder / 'db.sqlite3'}"
        return
    server = connection.settings_dict
    name = f"bkp_{secrets.token_hex(6)}"
    with _server() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        user = quote(server.get("USER") or "", safe="")
        password = quote(server.get("PASSWORD") or "", safe="")
        login = f"{user}:{password}@" if password else f"{user}@" if user else ""
        port = f":{server['PORT']}" if server.get("PORT") else ""
        yield f"postgres://{login}{server.get('HOST') or 'localhost'}{port}/{name}"
    finally:
        with _server() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server():
    server = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        host=server.get("HOST") or None,
        port=server.get("PORT") or None,
        user=server.get("USER") or None,
        password=server.get("PASSWORD") or None,
        autocommit=True,
    )
