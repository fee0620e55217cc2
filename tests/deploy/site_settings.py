"""Production's settings for the gunicorn that tests/deploy/test_nginx.py puts behind nginx.

Everything production decides stays: the proxy it trusts for the client's address
(AXES_IPWARE_PROXY_COUNT), HTTPS from X-Forwarded-Proto, the HTTPS redirect, HSTS, secure
cookies, the CSP, django-axes. Swapped, because the suite starts no servers of its own for them:
- the database is the test run's own, either engine (SITE_DATABASE_URL); production insists on
  PostgreSQL at import, so the test passes it a placeholder DATABASE_URL, never connected to;
- the cache is local memory instead of Redis (REDIS_URL, likewise a placeholder), and sessions
  are kept in the database;
- static files are stored without collectstatic's manifest, in the folder nginx serves
  (SITE_STATIC_ROOT), so pages render without a collectstatic run.
"""

import os

from training_site.settings.database import database_from_env
from training_site.settings.production import *  # noqa: F403

DATABASES = {"default": database_from_env(os.environ["SITE_DATABASE_URL"])}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
STATIC_ROOT = os.environ["SITE_STATIC_ROOT"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
