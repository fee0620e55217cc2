"""Background work: rendering a certificate's PDF (run by `manage.py db_worker`)."""

from django.tasks import task


@task()
def render_certificate_task(certificate_id: int) -> str:
    from .services import render_certificate

    return render_certificate(certificate_id).sha256
