import hashlib
import io
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates import batches, services
from certificates.batches import start_batch
from certificates.models import Certificate, CertificateBatch
from certificates.services import CertificateError
from courses.factories import EnrolmentFactory
from courses.models import Enrolment
from deputies.factories import DeputyFactory, UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role


@pytest.fixture
def batch(graduates, course, county_officer):
    return start_batch(course=course, by=county_officer)


def zip_members(batch) -> dict[str, bytes]:
    with batch.zip_file.open("rb") as f, zipfile.ZipFile(io.BytesIO(f.read())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def other_county_officer(county):
    user = UserFactory(name="外县干部", mobile="13700000099")
    grant_role(user=user, kind=StaffRole.Kind.COUNTY, place=county)
    return user


def test_batch_issues_the_missing_certificates_and_zips_one_pdf_per_deputy(
    batch, graduates, course
):
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE
    assert (batch.total, batch.done) == (5, 5)
    assert batch.finished_at is not None
    certificates = Certificate.objects.valid().filter(course=course).order_by("serial")
    assert [c.holder_name for c in certificates] == [g.user.name for g in graduates]
    members = zip_members(batch)
    assert sorted(members) == [f"{c.serial}_{c.holder_name}.pdf" for c in certificates]
    for certificate in certificates:
        data = members[f"{certificate.serial}_{certificate.holder_name}.pdf"]
        assert data.startswith(b"%PDF-")
        assert hashlib.sha256(data).hexdigest() == certificate.sha256
    assert batch.zip_size == batch.zip_file.size


def test_existing_certificates_are_kept_not_reissued(graduates, course, county_officer):
    first = Certificate.objects.get(deputy=graduates[0])
    start_batch(course=course, by=county_officer)
    assert Certificate.objects.filter(deputy=graduates[0]).get() == first
    assert Certificate.objects.filter(course=course).count() == 5


def test_only_deputies_who_completed_in_the_officers_county(
    graduates, course, county_officer, other_county_deputy, station
):
    enrolled = DeputyFactory(station=station, user__name="未完成", user__mobile="13600000199")
    Enrolment.objects.create(deputy=enrolled, course=course, source=Enrolment.Source.ASSIGNED)
    EnrolmentFactory(deputy=other_county_deputy, course=course, completed=True)
    officer_as_deputy = DeputyFactory(station=station, user=county_officer)
    EnrolmentFactory(deputy=officer_as_deputy, course=course, completed=True)
    batch = start_batch(course=course, by=county_officer)
    holders = set(batch.certificates.values_list("deputy_id", flat=True))
    assert holders == {d.pk for d in graduates}
    assert not Certificate.objects.filter(deputy=enrolled).exists()
    assert not Certificate.objects.filter(deputy=other_county_deputy).exists()
    # An officer does not issue their own certificate.
    assert not Certificate.objects.filter(deputy=officer_as_deputy).exists()


def test_other_county_officer_issues_only_for_their_own_and_cannot_see_this_batch(
    client, batch, course, other_county_deputy
):
    EnrolmentFactory(deputy=other_county_deputy, course=course, completed=True)
    outsider = other_county_officer(other_county_deputy.township.county)
    theirs = start_batch(course=course, by=outsider)
    assert list(theirs.certificates.values_list("deputy_id", flat=True)) == [other_county_deputy.pk]
    client.force_login(outsider)
    assert client.get(reverse("certificates:staff_batch", args=[batch.pk])).status_code == 404
    download = reverse("certificates:staff_batch_download", args=[batch.pk])
    assert client.get(download).status_code == 404


def test_station_and_township_staff_cannot_issue_in_bulk(
    client, graduates, course, station_staff, township_staff
):
    for user in [station_staff, township_staff]:
        client.force_login(user)
        response = client.post(reverse("certificates:staff_start_batch", args=[course.pk]))
        assert response.status_code == 404
    assert not CertificateBatch.objects.exists()
    assert Certificate.objects.filter(course=course).count() == 1


def test_deputy_cannot_see_a_batch(client, batch, deputy):
    client.force_login(deputy.user)
    assert client.get(reverse("certificates:staff_batch", args=[batch.pk])).status_code == 404


def test_nobody_completed_is_refused(course, template, county_officer, in_english):
    with pytest.raises(CertificateError, match="No deputy in your care has completed"):
        start_batch(course=course, by=county_officer)
    assert not CertificateBatch.objects.exists()


def test_a_second_start_returns_the_running_batch(graduates, course, county_officer, settings):
    # With a queue nobody works, the first batch stays queued.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    first = start_batch(course=course, by=county_officer)
    assert first.status == CertificateBatch.Status.QUEUED
    CertificateBatch.objects.filter(pk=first.pk).update(status="running", done=2)
    assert start_batch(course=course, by=county_officer) == first
    assert CertificateBatch.objects.count() == 1
    # Issuing is the worker's: the officer's request only counted.
    assert first.total == 5
    assert Certificate.objects.filter(course=course).count() == 1


def test_a_finished_batch_does_not_stop_a_new_one(batch, course, county_officer):
    again = start_batch(course=course, by=county_officer)
    assert again != batch
    assert again.status == CertificateBatch.Status.DONE


def test_progress_counts_chunk_by_chunk(graduates, course, county_officer, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    batch = start_batch(course=course, by=county_officer)
    monkeypatch.setattr(batches, "BATCH_CHUNK", 2)
    seen = []
    render = batches.render_certificate

    def render_and_watch(certificate_id):
        seen.append(CertificateBatch.objects.get(pk=batch.pk).done)
        return render(certificate_id)

    monkeypatch.setattr(batches, "render_certificate", render_and_watch)
    batches.run_batch(batch.pk)
    # One certificate was rendered already; the four others in chunks of two.
    assert seen == [1, 1, 3, 3]
    batch.refresh_from_db()
    assert (batch.status, batch.done) == (CertificateBatch.Status.DONE, 5)


def test_a_failure_marks_the_batch_failed_with_the_error(
    graduates, course, county_officer, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    batch = start_batch(course=course, by=county_officer)
    monkeypatch.setattr(batches, "BATCH_CHUNK", 2)
    render = batches.render_certificate
    calls = []

    def fail_on_the_third(certificate_id):
        calls.append(certificate_id)
        if len(calls) == 3:
            raise OSError("disk full")
        return render(certificate_id)

    monkeypatch.setattr(batches, "render_certificate", fail_on_the_third)
    with pytest.raises(OSError):
        batches.run_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.FAILED
    assert batch.done == 3
    assert "disk full" in batch.error
    assert not batch.zip_file
    # A failed batch is not in the way of a new one, which finishes the job.
    monkeypatch.setattr(batches, "render_certificate", render)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    again = start_batch(course=course, by=county_officer)
    again.refresh_from_db()
    assert (again.status, again.done) == (CertificateBatch.Status.DONE, 5)


def test_running_a_batch_twice_changes_nothing(batch):
    before = CertificateBatch.objects.get(pk=batch.pk)
    after = batches.run_batch(batch.pk)
    assert after.zip_file.name == before.zip_file.name


def test_staff_list_offers_bulk_issue_with_counts(
    english, graduates, course, county_officer, django_assert_max_num_queries
):
    english.force_login(county_officer)
    english.get(reverse("certificates:staff_list"))  # warm the caches (section URLs)
    with django_assert_max_num_queries(11):  # +1: the unread-notifications badge in the menu
        response = english.get(reverse("certificates:staff_list"))
    assert "Issue for everyone who completed it (5)" in response.text
    assert "5 deputies have completed it · 4 have no certificate yet" in response.text
    start_batch(course=course, by=county_officer)
    with django_assert_max_num_queries(11):  # +1: the unread-notifications badge in the menu
        response = english.get(reverse("certificates:staff_list"))
    assert "5 deputies have completed it · 0 have no certificate yet" in response.text
    assert "Done (5/5)" in response.text


def test_station_staff_are_not_offered_bulk_issue(english, graduates, station_staff):
    english.force_login(station_staff)
    response = english.get(reverse("certificates:staff_list"))
    assert response.status_code == 200
    assert "Issue for everyone" not in response.text


def test_officer_starts_a_batch_and_downloads_the_zip(
    english, graduates, course, county_officer, django_assert_max_num_queries
):
    english.force_login(county_officer)
    response = english.post(reverse("certificates:staff_start_batch", args=[course.pk]))
    batch = CertificateBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:staff_batch", args=[batch.pk])
    english.get(response["Location"])  # warm the caches (section URLs)
    with django_assert_max_num_queries(7):  # +1: the unread-notifications badge in the menu
        page = english.get(response["Location"])
    assert "5 of 5 certificates ready" in page.text
    assert 'http-equiv="refresh"' not in page.text
    assert "Download ZIP" in page.text
    download = english.get(reverse("certificates:staff_batch_download", args=[batch.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    data = b"".join(download.streaming_content)
    assert len(zipfile.ZipFile(io.BytesIO(data)).namelist()) == 5


def test_batch_page_shows_progress_and_refreshes_while_running(
    english, graduates, course, county_officer, settings, django_assert_max_num_queries
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    batch = start_batch(course=course, by=county_officer)
    CertificateBatch.objects.filter(pk=batch.pk).update(status="running", issued=3)
    english.force_login(county_officer)
    english.get(reverse("certificates:staff_batch", args=[batch.pk]))  # warm the caches
    with django_assert_max_num_queries(7):  # +1: the unread-notifications badge in the menu
        page = english.get(reverse("certificates:staff_batch", args=[batch.pk]))
    assert "Issuing: 3 of 5 certificates" in page.text
    assert '<progress id="batch-progress" max="5" value="3">' in page.text
    CertificateBatch.objects.filter(pk=batch.pk).update(issued=5, done=2)
    with django_assert_max_num_queries(7):  # +1: the unread-notifications badge in the menu
        page = english.get(reverse("certificates:staff_batch", args=[batch.pk]))
    assert "2 of 5 certificates ready" in page.text
    assert '<progress id="batch-progress" max="5" value="2">' in page.text
    assert '<meta http-equiv="refresh" content="3">' in page.text
    assert "Download ZIP" not in page.text
    download = english.get(reverse("certificates:staff_batch_download", args=[batch.pk]))
    assert download.status_code == 404
    # Every PDF ready, the batch still running: the ZIP is being packed.
    CertificateBatch.objects.filter(pk=batch.pk).update(done=5, progressed_at=timezone.now())
    page = english.get(reverse("certificates:staff_batch", args=[batch.pk]))
    assert "Packing the ZIP file" in page.text and 'badge--muted">Running' in page.text
    CertificateBatch.objects.filter(pk=batch.pk).update(status="failed", error="x")
    page = english.get(reverse("certificates:staff_batch", args=[batch.pk]))
    assert 'badge--late">Failed' in page.text


def test_the_request_only_counts_and_the_worker_issues_chunk_by_chunk(
    graduates, course, county_officer, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    batch = start_batch(course=course, by=county_officer)
    assert (batch.total, batch.issued) == (5, 0)
    assert Certificate.objects.count() == 1
    monkeypatch.setattr(batches, "BATCH_CHUNK", 2)
    seen = []
    issue = batches.issue_certificate

    def issue_and_watch(**kwargs):
        seen.append(CertificateBatch.objects.get(pk=batch.pk).issued)
        return issue(**kwargs)

    monkeypatch.setattr(batches, "issue_certificate", issue_and_watch)
    batches.run_batch(batch.pk)
    assert seen == [0, 0, 2, 2, 4]
    batch.refresh_from_db()
    assert (batch.issued, batch.done, batch.left_out) == (5, 5, 0)


def test_revoked_while_running_is_left_out_and_reissued_is_zipped_as_the_new_one(
    english, graduates, course, county_officer, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    batch = start_batch(course=course, by=county_officer)
    render = batches.render_certificate
    changed = []

    def change_two_on_the_first_render(certificate_id):
        if not changed:
            revoked, replaced = Certificate.objects.valid().order_by("serial")[:2]
            changed.append(services.revoke(certificate=revoked, reason="冒名", by=county_officer))
            changed.append(services.reissue(certificate=replaced, by=county_officer))
        return render(certificate_id)

    monkeypatch.setattr(batches, "render_certificate", change_two_on_the_first_render)
    batches.run_batch(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.total, batch.done, batch.left_out) == ("done", 5, 4, 1)
    members = zip_members(batch)
    revoked, new = changed
    assert len(members) == 4
    assert not any(name.startswith(revoked.serial) for name in members)
    assert f"{new.serial}_{new.holder_name}.pdf" in members
    assert all(data.startswith(b"%PDF-") for data in members.values())
    english.force_login(county_officer)
    page = english.get(reverse("certificates:staff_batch", args=[batch.pk]))
    assert "1 certificate was revoked while the batch ran and is not in the ZIP." in page.text


def test_old_zips_are_deleted_and_the_page_says_so(
    english, batch, course, county_officer, settings
):
    settings.CERTIFICATE_BATCH_KEEP_DAYS = 7
    assert batches.purge_old_batch_zips() == 0
    name = batch.zip_file.name
    CertificateBatch.objects.filter(pk=batch.pk).update(
        finished_at=timezone.now() - timedelta(days=8)
    )
    out = io.StringIO()
    from django.core.management import call_command

    call_command("purge_certificate_batches", stdout=out)
    assert "Deleted 1 ZIP file(s)." in out.getvalue()
    batch.refresh_from_db()
    assert not batch.zip_file
    assert not batch.zip_file.storage.exists(name)
    # The certificates stay.
    assert Certificate.objects.valid().filter(course=course).count() == 5
    english.force_login(county_officer)
    page = english.get(reverse("certificates:staff_batch", args=[batch.pk]))
    assert "This ZIP has been deleted." in page.text
    assert "Download ZIP" not in page.text
    download = english.get(reverse("certificates:staff_batch_download", args=[batch.pk]))
    assert download.status_code == 404
    # Starting again makes a new ZIP of the same certificates.
    again = start_batch(course=course, by=county_officer)
    assert again.zip_available and len(zip_members(again)) == 5
