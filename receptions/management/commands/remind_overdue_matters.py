from django.core.management.base import BaseCommand

from receptions.matters.services import remind_overdue


class Command(BaseCommand):
    help = (
        "Tell the clerks of each station about its overdue voters' matters. Each matter is "
        "reminded once a day, however often this runs: run it daily (or hourly) from cron."
    )

    def handle(self, *args, **options):
        sent = remind_overdue()
        self.stdout.write(f"Overdue reminders sent: {sent}")
