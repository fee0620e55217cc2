"""Reads of notifications. A notification is personal: every read goes through the user it
belongs to, and another user's notification does not exist (404)."""

from django.shortcuts import get_object_or_404

from .models import Notification


def unread_count(user) -> int:
    """How many of the user's notifications are unread (the badge in the menu): one COUNT on
    the (user, read_at, created_at) index."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.for_user(user).unread().count()


def recent(user, limit=50) -> list[Notification]:
    """The user's newest notifications, newest first."""
    if not user.is_authenticated:
        return []
    return list(Notification.objects.for_user(user).newest_first()[:limit])


def own_notification(user, pk) -> Notification:
    """One of the user's own notifications, else 404."""
    return get_object_or_404(Notification.objects.for_user(user), pk=pk)
