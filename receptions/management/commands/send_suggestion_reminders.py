from django.core.management.base import BaseCommand

from receptions.suggestions.services import send_overdue_reminders


class Command(BaseCommand):
    help = (
        "Tell deputies when the reply to one of their submitted suggestions is overdue (and "
        "again if the second reply is). Each is sent once, however often this runs: run it "
        "daily from cron."
    )

    def handle(self, *args, **options):
        sent = send_overdue_reminders()
        self.stdout.write(f"Overdue replies notified: {sent}")
