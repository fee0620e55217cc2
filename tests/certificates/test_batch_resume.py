"""A batch whose worker dies part-way is picked up again (by the restarted worker, the progress
page, or the next request to start it) and finished from where it stopped: each certificate
issued once, every PDF rendered, the ZIP complete.

The worker's death is simulated by raising `WorkerKilled` after a number of certificates: a
BaseException, which no `except Exception` sees, so that nothing the runner would do on a
failure happens (as when the process is killed); the open chunk's transaction is rolled back,
as the database does for a killed connection."""

import hashlib
import io
import zipfile
from datetime import timedelta

import pytest
from django.tasks import task_backends
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from certificates import batches, leases
from certificates.batches import start_batch
from certificates.models import Certificate, CertificateBatch
from notifications.models import Notification

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


class WorkerKilled(BaseException):
    """What SIGKILL is to the worker: nothing after it runs."""


def killed_after(monkeypatch, name: str, calls: int):
    """Let `batches.<name>` run `calls` times, then kill the worker."""
    real = getattr(batches, name)
    made = []

    def counted(*args, **kwargs):
        if len(made) == calls:
            raise WorkerKilled(name)
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(batches, name, counted)


def lapse(batch, seconds=1):
    """Time passes: the batch's last heartbeat is now older than the lease."""
    CertificateBatch.objects.filter(pk=batch.pk).update(
        progressed_at=timezone.now() - CertificateBatch.LEASE - timedelta(seconds=seconds)
    )


def queued_tasks(name):
    return [r for r in task_backends["default"].results if r.task.name == name]


def zip_members(batch) -> dict[str, bytes]:
    with batch.zip_file.open("rb") as f, zipfile.ZipFile(io.BytesIO(f.read())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def assert_finished_once_each(batch, course, graduates):
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE
    assert (batch.total, batch.issued, batch.done, batch.left_out) == (5, 5, 5, 0)
    certificates = list(Certificate.objects.filter(course=course).order_by("serial"))
    # Each deputy one certificate, issued once: one serial, one audit entry, one notification.
    assert sorted(c.deputy_id for c in certificates) == sorted(d.pk for d in graduates)
    assert all(c.status == Certificate.Status.VALID for c in certificates)
    assert [c.sequence for c in certificates] == [1, 2, 3, 4, 5]
    issued = AuditEntry.objects.filter(action=Action.CERTIFICATE_ISSUED)
    assert sorted(issued.values_list("detail__serial", flat=True)) == [
        c.serial for c in certificates
    ]
    for deputy in graduates:
        assert (
            Notification.objects.filter(
                user=deputy.user, key__startswith="certificate-issued"
            ).count()
            == 1
        )
    assert set(batch.certificates.all()) == set(certificates)
    # The ZIP is complete: every certificate's PDF, the very file issued.
    members = zip_members(batch)
    assert sorted(members) == [f"{c.serial}_{c.holder_name}.pdf" for c in certificates]
    for certificate in certificates:
        data = members[f"{certificate.serial}_{certificate.holder_name}.pdf"]
        assert hashlib.sha256(data).hexdigest() == certificate.sha256


STAGES = {
    # Chunks of 2: the first chunk is committed, the worker dies in the second.
    "issuing": ("issue_certificate", 3),
    "rendering": ("render_certificate", 2),
    "zipping": ("zip_member_name", 3),
}


def resume_by_restarted_worker(client, batch, officer, course):
    """The restarted worker runs the watch task that was waiting in the queue."""
    return batches.watch_batch(batch.pk)


def resume_by_progress_page(client, batch, officer, course):
    client.force_login(officer)
    return client.get(reverse("certificates:staff_batch", args=[batch.pk]))


def resume_by_next_request(client, batch, officer, course):
    client.force_login(officer)
    return client.post(reverse("certificates:staff_start_batch", args=[course.pk]))


RESUMERS = [resume_by_restarted_worker, resume_by_progress_page, resume_by_next_request]


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("resumer", RESUMERS, ids=lambda f: f.__name__.removeprefix("resume_"))
def test_a_batch_whose_worker_died_is_resumed_and_issues_each_certificate_once(
    english, graduates, course, county_officer, settings, monkeypatch, stage, resumer
):
    settings.TASKS = DUMMY
    monkeypatch.setattr(batches, "BATCH_CHUNK", 2)
    batch = start_batch(course=course, by=county_officer)
    with monkeypatch.context() as killing:
        killed_after(killing, *STAGES[stage])
        with pytest.raises(WorkerKilled):
            batches.run_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.RUNNING
    first_token = batch.lease_token

    # Within the lease its runner may only be slow: nobody takes it over.
    resumer(english, batch, county_officer, course)
    batch.refresh_from_db()
    assert (batch.status, batch.lease_token, batch.resumes) == ("running", first_token, 0)
    assert not queued_tasks("run_batch_task")[1:]  # only the first, the one that died

    lapse(batch)
    settings.TASKS = IMMEDIATE  # the worker is back, and runs what is enqueued
    response = resumer(english, batch, county_officer, course)

    assert_finished_once_each(batch, course, graduates)
    batch.refresh_from_db()
    assert batch.resumes == 1 and batch.lease_token != first_token
    if resumer is resume_by_progress_page:
        assert "Download ZIP" in response.text
        assert "The worker stopped during this batch" in response.text


def test_a_batch_is_picked_up_within_a_minute_of_its_last_heartbeat():
    # The watch of a running batch comes back when its lease would lapse; the worker looks for
    # due tasks every second (db_worker's --interval).
    picked_up = CertificateBatch.LEASE + batches.BATCH_WATCH_SLACK + timedelta(seconds=1)
    assert timedelta(minutes=1) > picked_up


def test_starting_a_batch_sets_a_watch_that_comes_back_while_it_is_in_progress(
    graduates, course, county_officer, settings
):
    settings.TASKS = DUMMY
    before = timezone.now()
    batch = start_batch(course=course, by=county_officer)

    (watch,) = queued_tasks("watch_batch_task")
    assert watch.args == [batch.pk]
    assert watch.task.run_after - before >= batches.BATCH_WATCH_EVERY
    # A batch still queued or healthy: the watch only comes back later.
    assert batches.watch_batch(batch.pk) is None
    assert len(queued_tasks("watch_batch_task")) == 2
    beat = timezone.now()
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status="running", lease_token="alive", progressed_at=beat
    )
    assert batches.watch_batch(batch.pk) is None
    assert CertificateBatch.objects.get(pk=batch.pk).lease_token == "alive"
    watches = queued_tasks("watch_batch_task")
    assert len(watches) == 3
    # A running batch's watch comes back just after its lease would lapse.
    assert watches[-1].task.run_after == beat + CertificateBatch.LEASE + batches.BATCH_WATCH_SLACK
    # A batch that ended: the watch ends too.
    CertificateBatch.objects.filter(pk=batch.pk).update(status="done")
    assert batches.watch_batch(batch.pk) is None
    assert len(queued_tasks("watch_batch_task")) == 3


def test_exactly_one_of_several_resumers_takes_the_batch_over(
    graduates, course, county_officer, settings
):
    settings.TASKS = DUMMY
    batch = start_batch(course=course, by=county_officer)
    CertificateBatch.objects.filter(pk=batch.pk).update(status="running", lease_token="dead")
    lapse(batch)

    taken = [batches.resume_stalled_batch(batch_id=batch.pk) for _ in range(3)]

    assert taken == [True, False, False]
    (resumed,) = queued_tasks("run_batch_task")[1:]
    batch.refresh_from_db()
    assert resumed.kwargs == {"token": batch.lease_token}


def test_a_runner_that_lost_the_lease_stops_and_leaves_the_batch_to_the_new_one(
    graduates, course, county_officer, settings, monkeypatch
):
    """A worker that was only paused (not killed) past the lease wakes up to find the batch
    taken over: it stops at its next heartbeat, failing nothing, writing no ZIP."""
    settings.TASKS = DUMMY
    monkeypatch.setattr(batches, "BATCH_CHUNK", 2)
    batch = start_batch(course=course, by=county_officer)
    render = batches.render_certificate
    taken = []

    def render_then_lose_the_lease(certificate_id):
        if not taken:
            lapse(batch)
            taken.append(leases.take_over(batch.pk))
        return render(certificate_id)

    monkeypatch.setattr(batches, "render_certificate", render_then_lose_the_lease)
    batches.run_batch(batch.pk)

    batch.refresh_from_db()
    assert (batch.status, batch.lease_token, batch.error) == ("running", taken[0], "")
    assert not batch.zip_file
    assert batch.done == 1  # the chunk it was rendering counted no further
    # The one that took over finishes the job.
    monkeypatch.setattr(batches, "render_certificate", render)
    batches.run_batch(batch.pk, token=taken[0])
    assert_finished_once_each(batch, course, graduates)


def test_a_runner_with_an_outdated_token_does_nothing(graduates, course, county_officer, settings):
    settings.TASKS = DUMMY
    batch = start_batch(course=course, by=county_officer)
    CertificateBatch.objects.filter(pk=batch.pk).update(status="running", lease_token="newer")

    batches.run_batch(batch.pk, token="older")

    batch.refresh_from_db()
    assert (batch.status, batch.lease_token, batch.issued, batch.resumes) == (
        "running",
        "newer",
        0,
        0,
    )
    assert Certificate.objects.filter(course=course).count() == 1


def test_looking_at_the_page_while_no_worker_runs_does_not_use_up_the_resumes(
    english, graduates, course, county_officer, settings
):
    settings.TASKS = DUMMY  # enqueued, never run
    batch = start_batch(course=course, by=county_officer)
    CertificateBatch.objects.filter(pk=batch.pk).update(status="running", lease_token="dead")
    english.force_login(county_officer)
    for _ in range(leases.MAX_RESUMES + 2):
        lapse(batch)
        page = english.get(reverse("certificates:staff_batch", args=[batch.pk]))
        assert page.status_code == 200
    batch.refresh_from_db()
    assert (batch.status, batch.resumes) == ("running", 0)
    assert len(queued_tasks("run_batch_task")) == 1 + leases.MAX_RESUMES + 2


def test_a_batch_that_keeps_killing_its_worker_is_failed_in_the_end(
    english, graduates, course, county_officer, settings, monkeypatch
):
    settings.TASKS = DUMMY
    batch = start_batch(course=course, by=county_officer)
    killed_after(monkeypatch, "render_certificate", 0)
    with pytest.raises(WorkerKilled):
        batches.run_batch(batch.pk)
    for _ in range(leases.MAX_RESUMES):
        lapse(batch)
        token = leases.take_over(batch.pk)
        with pytest.raises(WorkerKilled):
            batches.run_batch(batch.pk, token=token)

    lapse(batch)
    english.force_login(county_officer)
    page = english.get(reverse("certificates:staff_batch", args=[batch.pk]))

    batch.refresh_from_db()
    assert (batch.status, batch.resumes) == ("failed", leases.MAX_RESUMES)
    assert "The worker stopped 3 times during this batch." in page.text
    assert "The batch stopped with an error." in page.text


def test_the_page_of_a_healthy_running_batch_keeps_its_queries(
    english, graduates, course, county_officer, settings, django_assert_max_num_queries
):
    settings.TASKS = DUMMY
    batch = start_batch(course=course, by=county_officer)
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status="running", lease_token="alive", progressed_at=timezone.now(), issued=2
    )
    english.force_login(county_officer)
    url = reverse("certificates:staff_batch", args=[batch.pk])
    english.get(url)  # warm the caches
    with django_assert_max_num_queries(7):  # +1: the unread-notifications badge in the menu
        page = english.get(url)
    assert "Issuing: 2 of 5 certificates" in page.text
    assert "The worker stopped" not in page.text
