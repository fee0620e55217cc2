"""`manage.py restore`: the command around `backup.services.restore_backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backup.archive import BackupError
from backup.services import restore_backup, verify_backup


class Command(BaseCommand):
    help = (
        "Restore an archive that `manage.py backup` wrote: replace the database and the media "
        "folder with its own. Stop the site (gunicorn and db_worker) first. It checks the whole "
        "archive before it changes anything, and refuses an archive of another database "
        "engine or of a newer version of the site. On a database that holds tables or a media "
        "folder that holds files it refuses, unless --force. With --check it only checks the "
        "archive and says what it holds."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive (.tar.gz) to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds tables and a media folder that holds files.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check that the archive is whole and say what it holds; change nothing.",
        )

    def handle(self, *args, archive, force, check, **options):
        try:
            if check:
                self.describe(verify_backup(archive), archive)
                self.stdout.write(self.style.SUCCESS("The archive is whole."))
                return
            restored = restore_backup(archive=archive, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.describe(restored.manifest, archive)
        self.stdout.write(
            self.style.SUCCESS(f"Restored the database and {restored.media_files} media files.")
        )
        if restored.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup is older than this code: run `manage.py migrate` now "
                    f"({restored.pending_migrations} migrations to apply)."
                )
            )

    def describe(self, manifest: dict, archive: Path) -> None:
        made_by = manifest.get("git_commit") or "unknown commit"
        self.stdout.write(
            f"{archive}: made {manifest['created']} on {manifest.get('host')} by version "
            f"{manifest.get('app_version')} ({made_by}), {manifest['database']['engine']} database."
        )
