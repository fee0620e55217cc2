"""Reminders to the holders of certificates about to expire: a daily job, apart from the
writes that issue and take back certificates (services.py)."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import notify

from .models import Certificate


def send_expiry_reminders(*, on=None) -> int:
    """Tell each holder of a valid certificate expiring within `CERTIFICATE_REMINDER_DAYS`,
    once (the key); how many were told. Run daily by `manage.py send_certificate_reminders`."""
    today = on or timezone.localdate()
    until = today + timedelta(days=settings.CERTIFICATE_REMINDER_DAYS)
    told = 0
    for certificate in (
        Certificate.objects.valid()
        .filter(expires_on__gte=today, expires_on__lte=until)
        .select_related("deputy__user")
    ):
        told += notify(
            [certificate.deputy.user],
            title=_("Certificate expires on %(date)s: %(course)s")
            % {"date": certificate.expires_on.isoformat(), "course": certificate.course_title},
            body=_("Take the course again before then to renew it."),
            url=reverse("certificates:mine"),
            key=f"certificate-expiry:{certificate.serial}",
        )
    return told
