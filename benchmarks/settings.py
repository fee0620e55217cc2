"""Settings for `make bench`: production's, served on loopback without TLS.

Everything a deployment sets is kept (DEBUG off, compressed static files, persistent database
connections, the same middleware); only what needs a real host differs. Two set-ups, chosen by
DATABASE_URL:
- PostgreSQL with Redis (REDIS_URL) for the cache and the sessions, as in production;
- SQLite in WAL mode for a county that runs on one machine, sessions in the database and the
  cache in files, so that every gunicorn worker sees the same rate-limit counters.
"""

import os
import tempfile

from training_site.settings.base import *  # noqa: F403
from training_site.settings.database import database_from_env

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "benchmark-only-key-never-deployed")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "benchmarks.urls"

DATABASES = {"default": database_from_env(os.environ["DATABASE_URL"])}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers write at once: wait for the lock rather than fail, take it at the
    # start of each transaction (no upgrade deadlocks), and let readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.path.join(tempfile.gettempdir(), "bench-cache"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "common.rediscache.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# Certificates and exports written during a run go to the run's folder, not the checkout's.
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405
