"""A notification: one short message to one user, read in the notification centre.

Other apps never write these rows themselves; they call `notifications.services.notify`, which
also decides about e-mail. A notification links to a page of this site only: its `url` is a
path, so a message can never send a deputy to another site, whoever wrote it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _


def is_site_path(value: str) -> bool:
    """A path on this site ("/proposals/12/"), not a URL elsewhere. "//evil.example" and
    "/\\evil.example" start with a slash too, but browsers read them as another host."""
    return (
        value.startswith("/")
        and url_has_allowed_host_and_scheme(value, allowed_hosts=set())
        and not any(char.isspace() or ord(char) < 32 for char in value)
    )


def validate_site_path(value: str) -> None:
    if value and not is_site_path(value):
        raise ValidationError(
            _("Enter a path on this site, starting with “/”, not the address of another site."),
            code="external_url",
        )


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def newest_first(self):
        return self.order_by("-created_at", "-pk")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
        # The (user, read_at, created_at) index below starts with the user: a second index on
        # the user alone would only slow down every insert.
        db_index=False,
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True, validators=[validate_site_path])
    key = models.CharField(
        _("key"),
        max_length=100,
        blank=True,
        help_text=_("A user gets at most one notification with the same key."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The unread count in every page's menu, and the centre's list.
            models.Index(fields=["user", "read_at", "created_at"], name="notification_user_unread")
        ]
        constraints = [
            # What makes `notify(key=...)` send once even when two processes send at once.
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="notification_unique_key"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
