"""Test settings: fast hashing, immediate tasks; SQLite in memory unless DATABASE_URL is set."""

import os

from .base import *  # noqa: F403
from .database import database_from_env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_env(os.environ["DATABASE_URL"])}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # A file, not memory: the browser tests' live server answers requests in several threads,
    # and each needs its own connection, as in production (WAL, IMMEDIATE transactions).
    # TEST_SQLITE_NAME gives a run its own file, so that two runs in one checkout don't meet.
    name = os.environ.get("TEST_SQLITE_NAME") or str(BASE_DIR / "test-db.sqlite3")  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": name}

# Serve static files straight from the app folders, as runserver does, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Mail sent by tests lands in django.core.mail.outbox.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
