"""Background work (run by `manage.py db_worker`): rendering a certificate's PDF, and a
county officer's batch of certificates, the parts of its rendering any worker may take, and
the watch that resumes it when its worker dies."""

from django.tasks import task


@task()
def render_certificate_task(certificate_id: int) -> str:
    from .services import render_certificate

    return render_certificate(certificate_id).sha256


@task()
def run_batch_task(batch_id: int, token: str | None = None) -> int:
    from .batches import run_batch

    return run_batch(batch_id, token=token).done


@task()
def render_batch_part_task(batch_id: int, first: str, last: str) -> int:
    from .batches import render_part

    return render_part(batch_id, first, last)


@task()
def watch_batch_task(batch_id: int) -> str:
    from .batches import watch_batch

    batch = watch_batch(batch_id)
    return batch.status if batch is not None else "watched"
