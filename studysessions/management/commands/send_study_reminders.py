from django.core.management.base import BaseCommand

from studysessions.services import send_reminders


class Command(BaseCommand):
    help = (
        "Remind invited deputies (who have not declined) of group study starting within a "
        "day. Each reminder is sent once, however often this runs: run it hourly from cron."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Reminders sent: {sent}")
