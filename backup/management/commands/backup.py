"""`manage.py backup`: the command around `backup.services.create_backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backup.archive import BackupError
from backup.databases import ENGINE_NAMES
from backup.services import create_backup, prune_backups


class Command(BaseCommand):
    help = (
        "Back up the database and the media files (certificates, exports, documents, images) "
        "into one archive, deputy-training-YYYYMMDD-HHMMSS.tar.gz in the given folder (or the "
        "given file name). Safe while the site runs: the database is copied as one snapshot. "
        "Prints the archive's path last. `manage.py restore` puts it back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination", type=Path, help="A folder for the archive, or the archive's file name."
        )
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help="Then delete the folder's older archives, keeping the newest N.",
        )

    def handle(self, *args, destination, keep, verbosity, **options):
        if keep is not None and (keep < 1 or not destination.is_dir()):
            raise CommandError("--keep needs a folder as destination and N of at least 1.")
        try:
            made = create_backup(destination=destination)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if keep is not None:
            for old in prune_backups(destination, keep=keep):
                if verbosity >= 2:
                    self.stdout.write(f"Deleted {old}")
        if verbosity >= 1:
            self.stdout.write(
                f"Backed up the {ENGINE_NAMES[made.engine]} database "
                f"({_size(made.database_bytes)}) and {made.media_files} media files "
                f"({_size(made.media_bytes)}) to:"
            )
        self.stdout.write(str(made.path))


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if count < 1024:
            return f"{count:.0f} {unit}"
        count /= 1024
    return f"{count:.1f} GB"
