"""What importing a law leaves: an upload kept between its preview and the editor's confirmation,
and the review flags a version's import set on other apps' objects."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .texts import LawVersion


class ReviewFlag(models.Model):
    """An object of another app that a version's import sent to review (a quiz question citing
    an article the version changed), with what the flag said. Deleting the version takes back
    exactly these flags, and no flag set by another version or by an editor. Generic, because
    the law library knows no other app."""

    version = models.ForeignKey(LawVersion, on_delete=models.CASCADE, related_name="review_flags")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    reasons = models.TextField(help_text=_("The reasons the import added, one a line."))
    was_in_review = models.BooleanField(
        default=False, help_text=_("The object was in review already before this import.")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "content_type", "object_id"], name="one_flag_per_version"
            )
        ]

    def __str__(self):
        return f"{self.version} → {self.content_type.model} {self.object_id}"


# An upload waits this long for its uploader to read the preview and confirm.
PENDING_IMPORT_LIFETIME = timedelta(hours=24)


class PendingLawImportQuerySet(models.QuerySet):
    def expired(self, now=None):
        return self.filter(created_at__lt=(now or timezone.now()) - PENDING_IMPORT_LIFETIME)

    def live(self, now=None):
        return self.filter(created_at__gte=(now or timezone.now()) - PENDING_IMPORT_LIFETIME)


class PendingLawImport(models.Model):
    """A law file uploaded in the content admin and kept, unread into the library, between the
    preview and the editor's confirmation. The file is kept here, not sent back and forth by
    the browser, so that what is confirmed is exactly what was previewed."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=200)
    content = models.BinaryField()
    effective_date = models.DateField(null=True, blank=True)
    short_name = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PendingLawImportQuerySet.as_manager()

    def __str__(self):
        return self.file_name

    @property
    def expired(self) -> bool:
        return self.created_at < timezone.now() - PENDING_IMPORT_LIFETIME
