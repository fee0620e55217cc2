"""The re-handling time is the province's: read from the environment at start, one month by
default (Zhejiang's implementing measures, 第四十三条). In a fresh interpreter each: settings
modules are imported once per process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READ = (
    "import django; django.setup(); from django.conf import settings; "
    "from datetime import date; from receptions.suggestions.services import rehandling_due_for; "
    "print(settings.RECEPTIONS_REHANDLING_MONTHS, settings.RECEPTIONS_REHANDLING_DAYS, "
    "rehandling_due_for(date(2027, 1, 31)))"
)


@pytest.mark.parametrize(
    ("env", "printed"),
    [
        ({}, "1 0 2027-02-28"),
        ({"RECEPTIONS_REHANDLING_MONTHS": "2"}, "2 0 2027-03-31"),
        ({"RECEPTIONS_REHANDLING_DAYS": "15"}, "1 15 2027-02-15"),
    ],
)
def test_the_rehandling_time_comes_from_the_environment(env, printed):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("RECEPTIONS_", "DJANGO"))}
    base.update(DJANGO_SETTINGS_MODULE="training_site.settings.test", PYTHONPATH=str(ROOT))
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", READ],
        env={**base, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == printed
