"""Delete exports older than REPORTS_EXPORT_KEEP_DAYS, files and rows (run it daily from cron;
starting a new background export also does it)."""

from django.core.management.base import BaseCommand

from reports.exports import purge_old_exports


class Command(BaseCommand):
    help = "Delete spreadsheet exports older than REPORTS_EXPORT_KEEP_DAYS."

    def handle(self, *args, **options):
        purged = purge_old_exports()
        self.stdout.write(f"Deleted {purged} export(s).")
