"""Background work (run by `manage.py db_worker`): e-mailing notifications, so that a request
that notifies a whole station's deputies never waits on a mail server."""

from django.tasks import task


@task()
def send_emails_task(notification_ids: list[int]) -> int:
    from .services import send_emails

    return send_emails(notification_ids)
