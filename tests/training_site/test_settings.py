"""Production settings, each check in a fresh interpreter: settings modules are imported once
per process, and this one reads the environment at import."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "daibiao.example.gov.cn",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}
SETUP = "import django; django.setup()"


def run(code_or_args, **env):
    """Run Python with the production settings and exactly the given variables set."""
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION and "DJANGO" not in k}
    base["DJANGO_SETTINGS_MODULE"] = "training_site.settings.production"
    base["PYTHONPATH"] = str(ROOT)
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, *args],
        env={**base, **{k: v for k, v in env.items() if v is not None}},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", list(PRODUCTION))
def test_production_refuses_to_start_without_a_required_setting(missing):
    result = run(SETUP, **{**PRODUCTION, missing: None})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Set the {missing} environment variable for production." in result.stderr


def test_a_blank_setting_counts_as_missing():
    result = run(SETUP, **{**PRODUCTION, "SECRET_KEY": "  "})

    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_refuses_sqlite():
    result = run(SETUP, **{**PRODUCTION, "DATABASE_URL": "sqlite:///tmp/db.sqlite3"})

    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL in production." in result.stderr


def test_the_deployment_check_is_clean_with_the_required_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


CLIENT_ADDRESS = """
import django; django.setup()
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
for forwarded in {forwarded!r}:
    extra = {{"HTTP_X_FORWARDED_FOR": forwarded}} if forwarded else {{}}
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="10.0.0.2", **extra)
    print(get_client_ip_address(request))
"""


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        # nginx alone appends the address it sees; anything left of it the client wrote itself.
        (None, ["203.0.113.7", "6.6.6.6, 203.0.113.7"], ["203.0.113.7", "203.0.113.7"]),
        # A load balancer in front of nginx: its entry is the last, the client's the one before.
        ("2", ["203.0.113.7, 10.0.0.9", "6.6.6.6, 203.0.113.7, 10.0.0.9"], ["203.0.113.7"] * 2),
        # No proxy at all: the header is the client's own invention.
        ("0", ["6.6.6.6", ""], ["10.0.0.2", "10.0.0.2"]),
    ],
)
def test_the_sign_in_limit_counts_the_client_address_not_the_proxy(proxies, forwarded, client):
    code = CLIENT_ADDRESS.format(forwarded=forwarded)

    result = run(code, **PRODUCTION, AXES_IPWARE_PROXY_COUNT=proxies)

    assert result.stdout.split() == client, result.stderr
