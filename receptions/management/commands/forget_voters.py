from django.conf import settings
from django.core.management.base import BaseCommand

from receptions.matters.services import forget_voters


class Command(BaseCommand):
    help = (
        "Remove voters' names and mobiles from matters closed (or not accepted) longer ago than "
        "RECEPTIONS_VOTER_DATA_DAYS days. Run it daily from cron."
    )

    def handle(self, *args, **options):
        changed = forget_voters()
        self.stdout.write(
            f"Voters' data removed from {changed} matters closed over "
            f"{settings.RECEPTIONS_VOTER_DATA_DAYS} days ago"
        )
