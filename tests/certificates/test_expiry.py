"""A course may give certificates that expire; the deputy's home page reminds them in time."""

from datetime import date, timedelta
from io import StringIO

from django.utils import timezone

from certificates.factories import CertificateFactory
from certificates.models import Certificate
from certificates.selectors import expiring_soon
from certificates.services import years_after


def test_certificates_of_a_course_with_a_validity_expire(deputy, course, template, county_officer):
    course.certificate_valid_years = 3
    course.save()

    certificate = CertificateFactory(deputy=deputy, course=course, by=county_officer)

    assert certificate.expires_on == years_after(timezone.localdate(), 3)
    assert years_after(date(2028, 2, 29), 1) == date(2029, 2, 28)


def test_without_a_validity_certificates_do_not_expire(certificate):
    assert certificate.expires_on is None
    assert expiring_soon(certificate.deputy) == []


def test_the_home_page_reminds_a_deputy_before_a_certificate_expires(client, certificate, settings):
    settings.CERTIFICATE_REMINDER_DAYS = 30
    today = timezone.localdate()
    client.force_login(certificate.deputy.user)

    Certificate.objects.filter(pk=certificate.pk).update(expires_on=today + timedelta(days=31))
    assert "expires on" not in client.get("/", headers={"accept-language": "en"}).content.decode()

    Certificate.objects.filter(pk=certificate.pk).update(expires_on=today + timedelta(days=30))
    home = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert "expires on" in home and certificate.course_title in home

    # Expired, or revoked: no more reminders.
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=today - timedelta(days=1))
    assert expiring_soon(certificate.deputy) == []


def test_holders_are_notified_once_before_expiry(certificate, settings, in_english):
    from django.core.management import call_command

    from notifications.models import Notification

    settings.CERTIFICATE_REMINDER_DAYS = 30
    today = timezone.localdate()
    user = certificate.deputy.user
    before = Notification.objects.filter(user=user).count()  # the "issued" one
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=today + timedelta(days=31))
    call_command("send_certificate_reminders", stdout=StringIO())
    assert Notification.objects.filter(user=user).count() == before
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=today + timedelta(days=30))
    for _ in range(2):
        call_command("send_certificate_reminders", stdout=StringIO())
    reminder = Notification.objects.filter(user=user, key__startswith="certificate-expiry").get()
    assert certificate.course_title in reminder.title
    assert reminder.url == "/certificates/"
    # A revoked certificate is not a reason to renew.
    Certificate.objects.filter(pk=certificate.pk).update(status="revoked")
    Notification.objects.filter(pk=reminder.pk).delete()
    call_command("send_certificate_reminders", stdout=StringIO())
    assert not Notification.objects.filter(user=user, key__startswith="certificate-expiry").exists()


def test_issuing_tells_the_holder(certificate):
    from notifications.models import Notification

    told = Notification.objects.get(user=certificate.deputy.user)
    assert told.key == f"certificate-issued:{certificate.serial}"
    assert certificate.serial in told.body
