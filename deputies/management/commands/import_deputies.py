from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from deputies.models import County, Township
from deputies.roster import RosterFileError, apply_roster, read_roster, record_roster_import


class Command(BaseCommand):
    help = (
        "Create or update deputies from a roster .xlsx (the template from the roster import page). "
        "A file with bad rows writes nothing, unless --import-good-rows is given; either way the "
        "command lists every bad row and exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--county", help="County division code; needed when there is more than one county."
        )
        parser.add_argument(
            "--import-good-rows",
            action="store_true",
            help="Import the good rows even when some rows are bad.",
        )

    def handle(self, *args, file, county, import_good_rows, **options):
        county_obj = self.get_county(county)
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        try:
            plan = read_roster(content, townships=Township.objects.filter(county=county_obj))
        except RosterFileError as exc:
            raise CommandError(str(exc)) from exc

        for error in plan.errors:
            self.stderr.write(f"row {error.row}: {error.message}")
        if plan.errors and not import_good_rows:
            raise CommandError(
                f"{len(plan.errors)} bad row(s); nothing was imported. Fix them, or run again "
                "with --import-good-rows to import the other "
                f"{len(plan.rows)} row(s)."
            )
        with transaction.atomic():
            apply_roster(plan)
            record_roster_import(plan, county=county_obj, filename=file.name)
        self.stdout.write(
            f"{county_obj.name}: {plan.created} created, {plan.updated} updated, "
            f"{plan.unchanged} unchanged, {len(plan.errors)} rejected."
        )
        if plan.errors:
            raise CommandError(f"{len(plan.errors)} bad row(s) were not imported.")

    def get_county(self, code):
        if code:
            try:
                return County.objects.get(code=code)
            except County.DoesNotExist as exc:
                raise CommandError(f"No county with code {code}.") from exc
        counties = list(County.objects.all()[:2])
        if len(counties) != 1:
            raise CommandError("Name the county with --county CODE.")
        return counties[0]
