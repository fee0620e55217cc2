from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from deputies.models import County, Township
from deputies.roster import RosterFileError, apply_roster, read_roster, record_roster_import


class Command(BaseCommand):
    help = (
        "Create or update deputies from a roster .xlsx (the template, or the current roster "
        "exported from the roster import page). A file with bad rows writes nothing, unless "
        "--import-good-rows is given; either way the command lists every bad row and exits "
        "with status 1. A number that belongs to anyone but a deputy of the county is refused. "
        "--dry-run lists what the file would change and writes nothing."
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
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and list each change to a known deputy; write nothing.",
        )

    def handle(self, *args, file, county, import_good_rows, dry_run, **options):
        county_obj = self.get_county(county)
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        try:
            plan = read_roster(content, townships=Township.objects.filter(county=county_obj))
        except RosterFileError as exc:
            raise CommandError(str(exc)) from exc

        if options["verbosity"] >= 2 or dry_run:
            self.stdout.write(f"Sheet “{plan.sheet}”, header on row {plan.header_row}.")
        for warning in plan.warnings:
            self.stderr.write(warning)
        for error in plan.errors:
            self.stderr.write(f"row {error.row}: {error.message}")
        if options["verbosity"] >= 2 or dry_run:
            for row in plan.updates:
                changes = "; ".join(
                    f"{c.label} {c.old or '—'} → {c.new or '—'}" for c in row.changes
                )
                self.stdout.write(f"row {row.row} {row.name}: {changes}")
        if dry_run:
            self.stdout.write(
                f"{county_obj.name}: would create {plan.created}, update {plan.updated}, "
                f"leave {plan.unchanged} unchanged; {len(plan.errors)} rejected. Nothing written."
            )
            if plan.errors:
                raise CommandError(f"{len(plan.errors)} bad row(s).")
            return
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
