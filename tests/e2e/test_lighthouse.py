"""Lighthouse, mobile preset (a mid-range phone on a slow 4G connection, simulated), on the four
pages a deputy or an officer opens most: the home page, a lesson, a quiz being taken and the
county dashboard. Accessibility must score at least 95 and performance at least 90.

Set LIGHTHOUSE_RESULTS=FILE to keep the scores as JSON (docs/performance.md quotes them: copy
them into scripts/performance.md.in and run scripts/performance_doc.py).
"""

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from courses.models import LessonPage
from deputies.models import Deputy, User
from quizzes.models import Quiz
from quizzes.services import start_attempt

from .conftest import CHROMIUM

# Run by itself, after the rest of the suite (the Makefile's second pytest): beside other
# tests Lighthouse's timings measure the machine's load, not the page (in CI it failed to
# record its trace, and scored a blocking time of 720 ms, where alone it scores 99-100).
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.alone,
]

LIGHTHOUSE = Path(settings.BASE_DIR) / "node_modules" / ".bin" / "lighthouse"
MINIMUM = {"accessibility": 95, "performance": 90}
TRIES = 5
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def lighthouse(url: str, cookie: str, language: str, out: Path) -> dict:
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}; django_language={language}"}
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--only-categories=performance,accessibility",
        "--output=json",
        f"--output-path={out}",
        f"--extra-headers={json.dumps(headers)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    # Lighthouse itself may fail (Chrome slow to start, its trace of the load not recorded on a
    # busy machine: NO_NAVSTART three times in a row once in CI, on a page it scored 100 on
    # before and after): that is retried after a pause that grows, the scores never are.
    for attempt in range(TRIES):
        if attempt:
            time.sleep(5 * attempt)
        run = subprocess.run(command, env=env, timeout=180, capture_output=True, text=True)  # noqa: S603
        if run.returncode == 0:
            return json.loads(out.read_text())
    pytest.fail(
        f"Lighthouse failed {TRIES} times on {url} ({run.returncode}): {run.stderr[-3000:]}"
    )


def shortfalls(report: dict, category: str) -> list[str]:
    """The audits that cost the category points, for the failure message."""
    refs = report["categories"][category]["auditRefs"]
    audits = report["audits"]
    return [
        f"{ref['id']}: {audits[ref['id']]['title']} ({audits[ref['id']].get('displayValue', '')})"
        for ref in refs
        if ref["weight"]
        and (audits[ref["id"]]["score"] or 0) < 0.9
        and audits[ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
    ]


def test_lighthouse_scores_on_a_phone(demo, live_server, tmp_path):
    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE} is missing: run `make test-deps` (npm ci)")
    deputy = Deputy.objects.get(user__mobile="13900000001")
    attempt = start_attempt(quiz=Quiz.objects.order_by("pk").first(), deputy=deputy)
    lesson = LessonPage.objects.live().get(slug="bihui-qijian")
    reader = session_cookie(deputy.user)
    officer = User.objects.get(mobile="13700000001")
    county = officer.staff_roles.get(kind="county").county
    pages = {
        "home": ("/", reader),
        "lesson": (lesson.url, reader),
        "quiz": (f"/quizzes/attempts/{attempt.pk}/", reader),
        # The county's page itself: /dashboard/ redirects there, and Chrome drops a cookie
        # given as a header when it follows a redirect.
        "dashboard": (f"/dashboard/counties/{county.pk}/", session_cookie(officer)),
    }

    scores, problems = {}, []
    for name, (path, cookie) in pages.items():
        report = lighthouse(live_server.url + path, cookie, "zh-hans", tmp_path / f"{name}.json")
        assert report["finalDisplayedUrl"].endswith(path), f"{name} went to the sign-in page"
        scores[name] = {
            category: round(report["categories"][category]["score"] * 100) for category in MINIMUM
        } | {metric: report["audits"][metric]["displayValue"] for metric in METRICS}
        for category, minimum in MINIMUM.items():
            if scores[name][category] < minimum:
                problems.append(
                    f"{name} {category} {scores[name][category]} < {minimum}: "
                    + "; ".join(shortfalls(report, category))
                )
    if os.environ.get("LIGHTHOUSE_RESULTS"):
        Path(os.environ["LIGHTHOUSE_RESULTS"]).write_text(json.dumps(scores, indent=2) + "\n")
    assert not problems, "\n".join(problems)
