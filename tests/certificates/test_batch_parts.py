"""A batch's rendering split across workers: the runner queues a part for each other worker,
renders its own, then what is left of the others from the far end; every certificate is
rendered once (or, where two workers meet, the first PDF kept), and the ZIP is complete."""

import hashlib

import pytest
from django.tasks import task_backends

from certificates import batches, leases, pdf
from certificates.batches import start_batch
from certificates.models import Certificate, CertificateBatch
from certificates.services import render_certificate

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def split(settings, monkeypatch):
    """Chunks of two and two parts: the four certificates left to render of `graduates` make
    two runs of two."""
    settings.CERTIFICATE_BATCH_PARTS = 2
    monkeypatch.setattr(batches, "BATCH_CHUNK", 2)


def renders_seen(monkeypatch) -> list[int]:
    """The certificates `batches.render_certificate` is called for, in order."""
    seen = []
    real = batches.render_certificate

    def counted(certificate_id):
        seen.append(certificate_id)
        return real(certificate_id)

    monkeypatch.setattr(batches, "render_certificate", counted)
    return seen


def pdfs_stored() -> int:
    storage = Certificate._meta.get_field("pdf").storage
    if not storage.exists("certificates"):
        return 0
    folders, _ = storage.listdir("certificates")
    return sum(len(storage.listdir(f"certificates/{folder}")[1]) for folder in folders)


def issued_by_the_batch(graduates) -> list[str]:
    """The serials of the four certificates the batch issued (the first graduate had one)."""
    return list(
        Certificate.objects.exclude(deputy=graduates[0])
        .order_by("serial")
        .values_list("serial", flat=True)
    )


def unrendered_serials() -> list[str]:
    return list(
        Certificate.objects.filter(sha256="").order_by("serial").values_list("serial", flat=True)
    )


def assert_done_with_every_pdf(batch):
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.left_out) == (CertificateBatch.Status.DONE, 5, 0)
    for certificate in Certificate.objects.all():
        with certificate.pdf.open("rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() == certificate.sha256


def test_the_runner_queues_the_second_part_and_renders_it_itself_when_no_worker_takes_it(
    graduates, course, county_officer, settings, split, monkeypatch
):
    settings.TASKS = DUMMY
    batch = start_batch(course=course, by=county_officer)
    seen = renders_seen(monkeypatch)
    batches.run_batch(batch.pk)
    serials = issued_by_the_batch(graduates)
    parts = [r for r in task_backends["default"].results if r.task.name.endswith("part_task")]
    assert [list(r.args) for r in parts] == [[batch.pk, serials[2], serials[3]]]
    # Its own run in order, then the other from the far end; each certificate once.
    order = dict(Certificate.objects.values_list("pk", "serial"))
    assert [order[pk] for pk in seen] == [serials[0], serials[1], serials[3], serials[2]]
    assert_done_with_every_pdf(batch)


def test_a_part_a_worker_takes_is_not_rendered_again_by_the_runner(
    graduates, course, county_officer, settings, split, monkeypatch
):
    # The immediate backend runs the queued part at once: another worker that took it first.
    settings.TASKS = DUMMY
    batch = start_batch(course=course, by=county_officer)
    settings.TASKS = IMMEDIATE
    seen = renders_seen(monkeypatch)
    batches.run_batch(batch.pk)
    serials = issued_by_the_batch(graduates)
    order = dict(Certificate.objects.values_list("pk", "serial"))
    assert [order[pk] for pk in seen] == [serials[2], serials[3], serials[0], serials[1]]
    assert_done_with_every_pdf(batch)


def test_a_part_of_a_batch_no_longer_running_renders_nothing(
    graduates, course, county_officer, settings, monkeypatch
):
    settings.TASKS = DUMMY
    batch = start_batch(course=course, by=county_officer)
    batches._issue_batch(batch, leases.start(batch.pk))
    serials = unrendered_serials()
    seen = renders_seen(monkeypatch)
    CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.FAILED)
    assert batches.render_part(batch.pk, serials[0], serials[-1]) == 0
    assert seen == [] and len(unrendered_serials()) == 4
    # Running, it renders its run only.
    CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.RUNNING)
    assert batches.render_part(batch.pk, serials[1], serials[2]) == 2
    assert unrendered_serials() == [serials[0], serials[3]]


@pytest.mark.parametrize(
    ("missing", "parts", "chunk", "lengths"),
    [
        (4, 2, 20, [4]),  # shorter than two chunks: not worth a second task
        (4, 2, 2, [2, 2]),
        (7, 3, 2, [3, 3, 1]),
        (7, 8, 2, [2, 2, 2, 1]),  # no more runs than chunks
        (1000, 2, 20, [500, 500]),
        (0, 2, 2, []),
    ],
)
def test_the_runs_cover_what_is_left_once_in_order(monkeypatch, missing, parts, chunk, lengths):
    monkeypatch.setattr(batches, "BATCH_CHUNK", chunk)
    serials = [f"2026-{n:06d}" for n in range(1, missing + 1)]
    runs = batches._runs(serials, parts)
    got = [[s for s in serials if first <= s <= last] for first, last in runs]
    assert [len(run) for run in got] == lengths
    assert [s for run in got for s in run] == serials


def test_two_workers_rendering_one_certificate_at_once_keep_the_first_pdf(
    graduates, course, county_officer, settings, monkeypatch
):
    settings.TASKS = DUMMY
    batch = start_batch(course=course, by=county_officer)
    batches._issue_batch(batch, leases.start(batch.pk))
    certificate = Certificate.objects.filter(sha256="").first()
    real = pdf.render_pdf
    inner = []

    def the_other_worker_finishes_first(cert):
        if inner:  # the other worker's
            return real(cert)
        inner.append(None)
        inner[0] = render_certificate(cert.pk)  # the other worker, meanwhile
        return real(cert) + b"\n% rendered second"

    monkeypatch.setattr(pdf, "render_pdf", the_other_worker_finishes_first)
    before = pdfs_stored()
    kept = render_certificate(certificate.pk)
    first = inner[0]
    assert kept.sha256 == first.sha256 and kept.pdf.name == first.pdf.name
    with kept.pdf.open("rb") as f:
        data = f.read()
    assert hashlib.sha256(data).hexdigest() == kept.sha256
    assert not data.endswith(b"rendered second")
    # The second PDF was not left behind.
    assert pdfs_stored() == before + 1
