"""A county officer's batch of 1,000 certificates, timed: run by hand with
`.venv/bin/python benchmarks/certificates_batch.py [count]`.

Builds a county with `count` deputies (1,000 by default) who completed a course, in a throwaway
SQLite file and media folder, then times the two halves of a batch as they run in production:
`start_batch` (counting and enqueueing, in the officer's request) and `run_batch` (issuing,
rendering every PDF and writing the ZIP, in the worker, with its issuing phase timed apart),
and prints the ZIP's size. Too slow for the test suite.
"""

import os
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.mkdtemp(prefix="bench-certificates-"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training_site.settings.dev")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'db.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Site  # noqa: E402

from certificates import services  # noqa: E402
from certificates.models import Certificate, CertificateTemplate  # noqa: E402
from certificates.services import run_batch, start_batch  # noqa: E402
from courses.models import CourseIndexPage, CoursePage, Enrolment  # noqa: E402
from deputies.factories import (  # noqa: E402
    CountyFactory,
    DeputyFactory,
    LiaisonStationFactory,
    TownshipFactory,
    UserFactory,
)
from deputies.models import StaffRole  # noqa: E402
from deputies.services import grant_role  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "秀英建国丽华志强海燕文军玉兰明春桂芳"


def seed(count: int):
    call_command("migrate", verbosity=0)
    CertificateTemplate.objects.create(issuing_body="青溪县人大常委会", is_default=True)
    county = CountyFactory(name="青溪县", code="330999")
    station = LiaisonStationFactory(township=TownshipFactory(county=county))
    officer = UserFactory(name="县人大干部", mobile="13700000001")
    grant_role(user=officer, kind=StaffRole.Kind.COUNTY, place=county)
    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=CourseIndexPage(title="学习课程", slug="courses"))
    course = index.add_child(
        instance=CoursePage(
            title="代表法入门", slug="daibiaofa", summary="入门。", credit_hours=Decimal("2.5")
        )
    )
    deputies = [
        DeputyFactory(
            station=station,
            user__name=SURNAMES[i % 20] + GIVEN[i % 16] + GIVEN[(i // 16) % 16],
            user__mobile=f"135{i:08d}",
        )
        for i in range(count)
    ]
    now = timezone.now()
    Enrolment.objects.bulk_create(
        Enrolment(deputy=d, course=course, source="assigned", completed_at=now, credit_hours=2.5)
        for d in deputies
    )
    return course, officer


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    # A queue nobody works: start_batch only enqueues, and the worker's half is timed apart.
    with override_settings(
        MEDIA_ROOT=str(WORK / "media"),
        # The deputies' accounts are made, not signed in to: skip the slow hasher.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}},
    ):
        started = time.perf_counter()
        course, officer = seed(count)
        print(f"Seeded {count} deputies in {time.perf_counter() - started:.1f} s ({WORK})")

        started = time.perf_counter()
        batch = start_batch(course=course, by=officer)
        request = time.perf_counter() - started
        print(f"start_batch (the request, {batch.total} to issue): {request * 1000:.0f} ms")

        issuing = []
        issue_batch = services._issue_batch

        def timed_issue(batch):
            started = time.perf_counter()
            issue_batch(batch)
            issuing.append(time.perf_counter() - started)

        services._issue_batch = timed_issue
        started = time.perf_counter()
        batch = run_batch(batch.pk)
        rendering = time.perf_counter() - started - issuing[0]
        print(f"run_batch, issuing {count} certificates in chunks: {issuing[0]:.1f} s")
        assert batch.status == "done" and batch.done == count, (batch.status, batch.done)
        assert Certificate.objects.exclude(sha256="").count() == count
        per_pdf = rendering / count * 1000
        print(f"run_batch, rendering {count} PDFs and writing the ZIP: {rendering:.1f} s")
        print(f"  {per_pdf:.0f} ms a PDF")
        size = batch.zip_file.size
        print(f"ZIP: {size / 1e6:.1f} MB ({size // count // 1000} KB a certificate)")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
