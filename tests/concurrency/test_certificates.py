"""Two county officers issuing the same certificates at the same moment: in bulk, by hand, and
re-issuing one certificate twice. One valid certificate per deputy and course, serial numbers
unique and gapless. Through the real views; the batch runs at once (ImmediateBackend)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates import batches as certificate_batches
from certificates import leases
from certificates import services as certificate_services
from certificates.models import Certificate, CertificateBatch
from courses.factories import CoursePageFactory
from courses.models import Enrolment
from deputies.factories import DeputyFactory, UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role
from tests.concurrency.racing import client_for, race, statuses

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEPUTIES = 5


@pytest.fixture
def officers(county, county_officer):
    colleague = UserFactory(name="另一位干部", mobile="13700000033")
    grant_role(user=colleague, kind=StaffRole.Kind.COUNTY, place=county)
    return [county_officer, colleague]


def completed(course, deputies):
    """Enrolments completed without their certificates (as before certificates existed)."""
    for deputy in deputies:
        Enrolment.objects.create(
            deputy=deputy,
            course=course,
            source=Enrolment.Source.ASSIGNED,
            completed_at=timezone.now(),
            credit_hours=Decimal("2.5"),
        )


def assert_one_valid_certificate_each(deputies, course):
    valid = Certificate.objects.valid().filter(course=course)
    assert sorted(valid.values_list("deputy_id", flat=True)) == sorted(d.pk for d in deputies)
    # Serial numbers are given once each, with no gap (a number lost to a clash would show).
    sequences = sorted(Certificate.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, len(sequences) + 1))


def test_two_officers_issuing_a_course_in_bulk_at_once(station, officers, meeting, monkeypatch):
    deputies = [
        DeputyFactory(station=station, user__mobile=f"1360000{n:04d}") for n in range(DEPUTIES)
    ]
    course = CoursePageFactory(law=True, lessons=1)
    completed(course, deputies)
    # Both batches have listed the enrolments to issue before either issues one.
    monkeypatch.setattr(
        certificate_batches, "_issue_batch", meeting.before(certificate_batches._issue_batch)
    )
    url = reverse("certificates:staff_start_batch", args=[course.pk])
    browsers = [client_for(officer) for officer in officers]

    responses = race(*(lambda b=b: b.post(url) for b in browsers), meeting=meeting)

    assert statuses(responses) == [302, 302]
    assert_one_valid_certificate_each(deputies, course)
    assert Certificate.objects.count() == DEPUTIES
    batches = CertificateBatch.objects.all()
    assert [b.status for b in batches] == ["done", "done"]
    # Each officer's ZIP holds every certificate, whoever issued it.
    for batch in batches:
        assert (batch.issued, batch.done, batch.left_out) == (DEPUTIES, DEPUTIES, 0)


def test_a_double_click_on_issue_for_everyone_makes_one_batch(
    station, county_officer, meeting, monkeypatch, settings
):
    # The batch waits for a worker, as in production: the second click finds it queued.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    deputies = [DeputyFactory(station=station, user__mobile=f"1360000{n:04d}") for n in range(2)]
    course = CoursePageFactory(law=True, lessons=1)
    completed(course, deputies)
    # Both requests have looked for a batch in progress and found none.
    monkeypatch.setattr(
        certificate_batches,
        "purge_old_batch_zips",
        meeting.after(certificate_batches.purge_old_batch_zips),
    )
    url = reverse("certificates:staff_start_batch", args=[course.pk])
    tabs = [client_for(county_officer) for _ in range(2)]

    responses = race(*(lambda t=t: t.post(url) for t in tabs), meeting=meeting)

    batch = CertificateBatch.objects.get()
    assert statuses(responses) == [302, 302]
    assert {r.url for r in responses} == {reverse("certificates:staff_batch", args=[batch.pk])}
    certificate_batches.run_batch(batch.pk)
    assert_one_valid_certificate_each(deputies, course)


def test_two_officers_issuing_one_certificate_by_hand_at_once(
    deputy, officers, meeting, monkeypatch
):
    course = CoursePageFactory(law=True, lessons=1)
    # Both have checked that the deputy holds no certificate for the course.
    monkeypatch.setattr(
        certificate_services, "_create", meeting.before(certificate_services._create)
    )
    url = reverse("certificates:staff_issue", args=[deputy.pk])
    data = {
        "course": course.pk,
        "credit_hours": "2.5",
        "trained_on": (timezone.localdate() - timedelta(days=7)).isoformat(),
        "note": "在市里参加了集中培训",
    }
    browsers = [client_for(officer) for officer in officers]

    responses = race(*(lambda b=b: b.post(url, data) for b in browsers), meeting=meeting)

    assert statuses(responses) == [302, 400]
    refused = next(r for r in responses if r.status_code == 400).content.decode()
    assert f"{deputy.user.name} already holds a certificate for this course." in refused
    assert_one_valid_certificate_each([deputy], course)


def test_re_issuing_one_certificate_from_two_tabs_replaces_it_once(
    deputy, county_officer, meeting, monkeypatch
):
    course = CoursePageFactory(law=True, lessons=1)
    completed(course, [deputy])
    old = certificate_services.issue_certificate(enrolment=Enrolment.objects.get())
    monkeypatch.setattr(
        certificate_services, "_create", meeting.before(certificate_services._create)
    )
    url = reverse("certificates:staff_reissue", args=[old.pk])
    tabs = [client_for(county_officer) for _ in range(2)]

    responses = race(*(lambda t=t: t.post(url) for t in tabs), meeting=meeting)

    assert statuses(responses) == [302, 302]
    told = sorted(str(m) for r in responses for m in r.wsgi_request._messages)
    assert told[0].startswith(f"Certificate {old.serial} replaced by ")
    assert told[1] == "Only a valid certificate can be re-issued."
    new = Certificate.objects.valid().get()
    old.refresh_from_db()
    assert (old.status, old.replaced_by) == (Certificate.Status.REPLACED, new)
    assert Certificate.objects.count() == 2
    assert_one_valid_certificate_each([deputy], course)


def test_two_looks_at_a_batch_whose_worker_died_resume_it_once(
    station, county_officer, meeting, monkeypatch, settings
):
    """The officer has the progress page open in two tabs when the lease of a batch whose
    worker was killed lapses: both see it lapsed, one takes it over and runs it."""
    deputies = [
        DeputyFactory(station=station, user__mobile=f"1360000{n:04d}") for n in range(DEPUTIES)
    ]
    course = CoursePageFactory(law=True, lessons=1)
    completed(course, deputies)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    batch = certificate_batches.start_batch(course=course, by=county_officer)
    # Its worker took it and died; its last heartbeat is older than the lease.
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status="running",
        lease_token="dead",
        progressed_at=timezone.now() - CertificateBatch.LEASE - timedelta(seconds=1),
    )
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    tokens = []
    take_over = leases.take_over

    def take_over_and_tell(batch_id):
        token = take_over(batch_id)
        tokens.append(token)
        return token

    # Both pages have found the lease lapsed before either takes it.
    monkeypatch.setattr(leases, "take_over", meeting.before(take_over_and_tell))
    url = reverse("certificates:staff_batch", args=[batch.pk])
    tabs = [client_for(county_officer) for _ in range(2)]

    responses = race(*(lambda t=t: t.get(url) for t in tabs), meeting=meeting)

    assert statuses(responses) == [200, 200]
    assert len(tokens) == 2 and len([t for t in tokens if t]) == 1
    batch.refresh_from_db()
    assert (batch.status, batch.resumes, batch.issued, batch.done) == (
        "done",
        1,
        DEPUTIES,
        DEPUTIES,
    )
    assert_one_valid_certificate_each(deputies, course)
    assert Certificate.objects.count() == DEPUTIES
