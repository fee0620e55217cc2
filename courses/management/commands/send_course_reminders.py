"""Remind deputies of courses due within 7 days and of overdue ones (run daily from cron; each
enrolment hears once at each stage, however often this runs)."""

from django.core.management.base import BaseCommand

from courses.services import REMINDER_DAYS, send_due_reminders


class Command(BaseCommand):
    help = (
        f"Notify deputies of courses due within {REMINDER_DAYS} days and of overdue courses, "
        "once per enrolment and stage."
    )

    def handle(self, *args, **options):
        told = send_due_reminders()
        self.stdout.write(f"Sent {told} course reminder(s).")
