"""Tell deputies whose certificates expire within CERTIFICATE_REMINDER_DAYS (run daily from
cron; each certificate's reminder is sent once)."""

from django.core.management.base import BaseCommand

from certificates.reminders import send_expiry_reminders


class Command(BaseCommand):
    help = "Notify holders of certificates that expire within CERTIFICATE_REMINDER_DAYS."

    def handle(self, *args, **options):
        told = send_expiry_reminders()
        self.stdout.write(f"Reminded {told} holder(s).")
