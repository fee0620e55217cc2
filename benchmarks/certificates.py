"""Certificates, timed: one PDF at a time, then a county's batch with two workers.

    .venv/bin/python benchmarks/certificates.py [--deputies 1000] [--singles 50] [--json]

Builds, in a throwaway SQLite file (WAL, as benchmarks/settings.py sets it) and media folder,
a county whose deputies completed a course. First renders `--singles` certificates one by one
in this process: the time and size of each PDF. Then a county officer starts a batch for all
of them, as the certificates page does (`start_batch`, in the request, only enqueues), and two
`manage.py db_worker` processes work the queue: the time from the click to the ZIP. `make bench`
runs it and reads the last line of `--json`.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.mkdtemp(prefix="bench-certificates-", dir=os.environ.get("BENCH_WORK")))
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'db.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORK / "media")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Site  # noqa: E402

from certificates.batches import start_batch  # noqa: E402
from certificates.models import Certificate, CertificateBatch, CertificateTemplate  # noqa: E402
from certificates.services import issue_certificate, render_certificate  # noqa: E402
from courses.models import CourseIndexPage, CoursePage, Enrolment  # noqa: E402
from deputies.models import County, Deputy, LiaisonStation, StaffRole, Township, User  # noqa: E402
from deputies.services import grant_role  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "秀英建国丽华志强海燕文军玉兰明春桂芳"
WORKERS = 2


def seed(deputies: int):
    call_command("migrate", verbosity=0)
    CertificateTemplate.objects.create(issuing_body="青溪县人大常委会", is_default=True)
    county = County.objects.create(name="青溪县", code="330999")
    township = Township.objects.create(county=county, name="城关镇")
    station = LiaisonStation.objects.create(township=township, name="东街社区代表联络站")
    password = make_password(None)
    officer = User.objects.create(name="县人大干部", mobile="13700000001", password=password)
    grant_role(user=officer, kind=StaffRole.Kind.COUNTY, place=county)
    users = User.objects.bulk_create(
        User(
            name=SURNAMES[i % 20] + GIVEN[i % 16] + GIVEN[(i // 16) % 16],
            mobile=f"135{i:08d}",
            password=password,
        )
        for i in range(deputies)
    )
    people = Deputy.objects.bulk_create(
        Deputy(
            user=user,
            township=township,
            station=station,
            term=18,
            level="township",
            gender="female",
        )
        for user in users
    )
    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=CourseIndexPage(title="学习课程", slug="courses"))
    courses = [
        index.add_child(
            instance=CoursePage(
                title=title, slug=slug, summary="入门。", credit_hours=Decimal("2.5")
            )
        )
        for title, slug in (("代表法入门", "daibiaofa"), ("监督法要点", "jiandufa"))
    ]
    now = timezone.now()
    for course in courses:
        Enrolment.objects.bulk_create(
            Enrolment(
                deputy=d, course=course, source="assigned", completed_at=now, credit_hours=2.5
            )
            for d in people
        )
    return courses, officer


def singles(course, count: int) -> dict:
    """Issue `count` certificates and render each, timed one by one."""
    times, sizes = [], []
    enrolments = Enrolment.objects.filter(course=course).select_related(
        "deputy__user", "deputy__township__county", "course"
    )[:count]
    for enrolment in enrolments:
        certificate = issue_certificate(enrolment=enrolment, render=False)
        started = time.perf_counter()
        certificate = render_certificate(certificate.pk)
        times.append((time.perf_counter() - started) * 1000)
        sizes.append(certificate.pdf.size / 1000)
    times.sort()
    return {
        "pdf_ms_median": round(statistics.median(times), 1),
        "pdf_ms_p95": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "pdf_kb_median": round(statistics.median(sizes), 1),
        "pdf_kb_max": round(max(sizes), 1),
        "singles": count,
    }


def batch(course, officer) -> dict:
    """The officer's batch for the whole county, worked by two db_worker processes."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    started = time.perf_counter()
    queued = start_batch(course=course, by=officer)
    request_ms = (time.perf_counter() - started) * 1000
    log = open(WORK / "workers.log", "ab")  # noqa: SIM115 (closed below)
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval=0.2"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
        for _ in range(WORKERS)
    ]
    try:
        while True:
            state = CertificateBatch.objects.get(pk=queued.pk)
            if state.status in ("done", "failed"):
                break
            time.sleep(0.2)
        took = time.perf_counter() - started
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
        log.close()
    assert state.status == "done", (state.status, state.error)
    assert Certificate.objects.filter(course=course).exclude(sha256="").count() == state.total
    return {
        "batch_size": state.total,
        "workers": WORKERS,
        "request_ms": round(request_ms),
        "batch_s": round(took, 1),
        "batch_ms_each": round(took * 1000 / state.total, 1),
        "zip_mb": round(state.zip_size / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deputies", type=int, default=1000)
    parser.add_argument("--singles", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="end with the figures as JSON")
    args = parser.parse_args()
    started = time.perf_counter()
    (single_course, batch_course), officer = seed(args.deputies)
    print(f"Seeded {args.deputies:,} deputies in {time.perf_counter() - started:.1f} s ({WORK})")
    result = singles(single_course, args.singles)
    print(
        f"{args.singles} certificates one by one: median {result['pdf_ms_median']} ms "
        f"(p95 {result['pdf_ms_p95']} ms), {result['pdf_kb_median']} KB "
        f"(largest {result['pdf_kb_max']} KB)"
    )
    result |= batch(batch_course, officer)
    print(
        f"A batch of {result['batch_size']:,} with {WORKERS} workers: {result['batch_s']} s "
        f"from the click to the ZIP ({result['batch_ms_each']} ms a certificate; the request "
        f"{result['request_ms']} ms), ZIP {result['zip_mb']} MB"
    )
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
