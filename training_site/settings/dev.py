"""Local development and the `make run` demo: SQLite, local-memory cache, media on disk."""

import os

from .base import *  # noqa: F403
from .database import database_from_env

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_env(os.environ["DATABASE_URL"])}
