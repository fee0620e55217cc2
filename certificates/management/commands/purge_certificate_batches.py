"""Delete bulk batches' ZIPs older than CERTIFICATE_BATCH_KEEP_DAYS (run it daily from cron;
starting a new batch also does it)."""

from django.core.management.base import BaseCommand

from certificates.batches import purge_old_batch_zips


class Command(BaseCommand):
    help = "Delete certificate batch ZIPs older than CERTIFICATE_BATCH_KEEP_DAYS."

    def handle(self, *args, **options):
        purged = purge_old_batch_zips()
        self.stdout.write(f"Deleted {purged} ZIP file(s).")
