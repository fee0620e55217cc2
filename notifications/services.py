"""Writes about notifications: telling users something, and marking what they have read.

Every app tells users things through `notify` (group study sessions, certificates, reviews), so
the rules live in one place: one row per user in one INSERT, a key that makes a message
idempotent, a link that stays on this site, and e-mail only where the deployment configures it
and only once the caller's transaction has committed.

Deputies sign in with their mobile number and most have no e-mail address: for them the
notification centre and the badge in the menu are the message. E-mail reaches the users who
have an address (mostly staff). SMS is not sent.
"""

import logging
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import Action
from audit.services import record
from deputies.models import County, User

from .models import Notification

if TYPE_CHECKING:
    from .selectors import AudiencePreview

logger = logging.getLogger(__name__)


@transaction.atomic
def notify(users, *, title: str, body: str = "", url: str = "", key: str = "") -> int:
    """Create one notification per user (`users`: an iterable or a queryset of users) and
    return how many were created.

    `key`, when given, makes it idempotent per user: a user who already has a notification
    with that key gets no second one (`key=f"session-reminder:{session.pk}"`), so a reminder
    command run every hour sends each reminder once. Two processes sending the same key at
    the same moment are kept to one row each by the unique constraint on (user, key).

    `url` must be a path on this site ("/proposals/3/"); anything else raises ValidationError
    and nothing is written.

    Where `settings.NOTIFICATIONS_EMAIL` is true, the new notifications of users with an
    e-mail address are also e-mailed, by the background worker once the transaction commits.
    Mail that fails is logged and never fails the caller.
    """
    # Validates title, url and key once for everyone: bulk_create skips model validation.
    Notification(title=title, body=body, url=url, key=key).full_clean(
        exclude=["user"], validate_unique=False, validate_constraints=False
    )
    recipients = {user.pk: user for user in users}
    if key:
        for user_id in already_notified(recipients, key):
            del recipients[user_id]
    if not recipients:
        return 0
    now = timezone.now()
    rows = [
        Notification(user=user, title=title, body=body, url=url, key=key, created_at=now)
        for user in recipients.values()
    ]
    if key:
        # Another process may have created some of these since `already_notified` looked:
        # the constraint drops those rows, and ON CONFLICT DO NOTHING hands back no ids, so
        # what this call created is read back by its timestamp.
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        created = dict(
            Notification.objects.filter(
                key=key, created_at=now, user_id__in=list(recipients)
            ).values_list("user_id", "pk")
        )
    else:
        Notification.objects.bulk_create(rows)
        created = {row.user_id: row.pk for row in rows}
    if settings.NOTIFICATIONS_EMAIL:
        to_mail = [
            pk
            for user_id, pk in created.items()
            if getattr(recipients[user_id], "email", "") and recipients[user_id].is_active
        ]
        if to_mail:
            transaction.on_commit(partial(_enqueue_emails, sorted(to_mail)))
    return len(created)


@transaction.atomic
def send_notice(*, sender, audience: "AudiencePreview", title: str, body: str, token: str) -> int:
    """Send a staff member's notice to the deputies of `audience` (previewed from a choice
    already limited to the sender's scope: notifications.forms.AudienceForm): one notification
    each, in the notification centre (and by e-mail where configured), signed with the
    sender's name. `token` is the form's (forms.sending_token): the same form submitted twice
    sends once. Returns how many were sent; 0 when it had been sent already. Each sending is
    in the audit log, one entry for each county it reached."""
    users = User.objects.filter(deputy__pk__in=audience.deputy_ids, is_active=True)
    sent = notify(
        users,
        title=title,
        body=f"{body}\n\n—— {sender.name}",
        key=f"notice:{sender.pk}:{token}",
    )
    if sent:
        for county_id, count, places in audience.by_county():
            record(
                Action.NOTICE_SENT,
                by=sender,
                county=County(pk=county_id),
                title=title,
                count=count,
                audience=places,
            )
    return sent


def already_notified(user_ids, key: str) -> set[int]:
    """Which of these users already have a notification with this key."""
    return set(
        Notification.objects.filter(key=key, user_id__in=list(user_ids)).values_list(
            "user_id", flat=True
        )
    )


def mark_read(user, notification_ids=None) -> int:
    """Mark the user's unread notifications read: all of them, or those of `notification_ids`
    (ids of other users' notifications are ignored). Returns how many changed."""
    unread = Notification.objects.for_user(user).unread()
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())


def _enqueue_emails(notification_ids: list[int]) -> None:
    from .tasks import send_emails_task

    try:
        send_emails_task.enqueue(notification_ids)
    except Exception:
        # The notifications are committed and shown in the centre; losing the e-mail must
        # not turn the caller's request into an error page.
        logger.exception("Could not queue e-mail for notifications %s", notification_ids)


def send_emails(notification_ids: list[int]) -> int:
    """E-mail these notifications to their users who have an address (run by the worker).
    Returns how many were sent; a mail server that fails is logged, not raised."""
    notifications = Notification.objects.filter(pk__in=notification_ids).select_related("user")
    messages = [
        email_message(notification)
        for notification in notifications
        if getattr(notification.user, "email", "")
    ]
    if not messages:
        return 0
    try:
        return mailers.default.send_messages(messages) or 0
    except Exception:
        logger.exception("Could not send %d notification e-mails", len(messages))
        return 0


def email_message(notification: Notification) -> EmailMessage:
    """The text of the notification and the absolute address of its link. The link opens it
    through the centre, so reading the e-mail's page also marks it read on the site."""
    link = urljoin(
        settings.WAGTAILADMIN_BASE_URL, reverse("notifications:open", args=[notification.pk])
    )
    text = f"{notification.body}\n\n{link}" if notification.body else link
    return EmailMessage(
        # A header is one line: a title with a line break in it would be refused.
        subject=" ".join(notification.title.split()),
        body=text,
        to=[notification.user.email],
    )
