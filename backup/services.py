"""Backing up the site into one archive, and restoring one: the steps and their order.

A backup copies the database first, then the media files: a file named by a row was saved before
that row, so every file the copied rows name is in the folder when it is read. The archive gets
its name only once complete.

A restore checks before it changes anything: the archive's engine and migrations against this
site, the target's emptiness (unless forced), then every member's checksum, unpacked beside the
media folder. Then it replaces the database in one transaction, and then the media files.
"""

import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from . import databases
from .archive import (
    ARCHIVE_PREFIX,
    ARCHIVE_SUFFIX,
    MANIFEST,
    MEDIA,
    ArchiveWriter,
    BackupError,
    manifest,
    read_manifest,
    unpack,
)
from .databases import DUMP_NAMES, ENGINE_NAMES


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    engine: str
    database_bytes: int
    media_files: int
    media_bytes: int


@dataclass(frozen=True)
class RestoreSummary:
    manifest: dict
    media_files: int
    # Migrations of this code that the restored database lacks (an older version made the
    # backup): `manage.py migrate` applies them.
    pending_migrations: int


def create_backup(*, destination: Path, using: str = DEFAULT_DB_ALIAS) -> BackupSummary:
    """Write one archive of the database and the media files.

    `destination` is a folder (the archive is named by the time) or the archive's file name.
    A backup that fails or is cut short leaves at most a hidden `.partial` file.
    """
    connection = connections[using]
    engine = databases.supported_engine(connection)
    media_root = media_folder()
    if destination.is_dir():
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        destination = destination / f"{ARCHIVE_PREFIX}{stamp}{ARCHIVE_SUFFIX}"
    destination = destination.absolute()
    if not destination.parent.is_dir():
        raise BackupError(f"No folder {destination.parent}: create it first.")
    partial = destination.with_name(f".{destination.name}.partial")
    # The dump waits beside the archive, on the disk meant for backups, in a folder only its
    # owner can enter (mkdtemp's 0700).
    with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".backup-") as work:
        dump = Path(work) / DUMP_NAMES[engine]
        # SQLite writes into the file as it finds it (its journal takes the same mode), and
        # pg_dump truncates it: both keep the mode it was created with.
        os.close(owner_only(dump))
        migrations = databases.dump(connection, dump)
        media_files = media_bytes = 0
        try:
            with (
                os.fdopen(owner_only(partial), "wb") as written,
                tarfile.open(fileobj=written, mode="w:gz", compresslevel=6) as tar,
            ):
                archive = ArchiveWriter(tar)
                archive.add_json(
                    MANIFEST, manifest(engine=engine, dump=dump.name, migrations=migrations)
                )
                database_bytes = archive.add_file(dump, dump.name)
                for path, name in _media_files(media_root):
                    try:
                        media_bytes += archive.add_file(path, name)
                    except FileNotFoundError:
                        continue  # deleted while the backup ran (an expired export)
                    media_files += 1
                archive.add_checksums()
                tar.close()  # writes the gzip trailer into the file before it is synced
                written.flush()
                os.fsync(written.fileno())
            # The archive is the partial file renamed, mode and all: an older archive of the
            # same name (written readable by anyone, say) is replaced, not written into.
            partial.replace(destination)
        finally:
            partial.unlink(missing_ok=True)
    return BackupSummary(destination, engine, database_bytes, media_files, media_bytes)


def owner_only(path: Path) -> int:
    """Create (or empty) the file for writing, readable and writable by its owner alone, whatever
    the umask: backups hold every deputy's name, mobile number and password hash. Returns the
    open file descriptor."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    # The mode given to open() is only a ceiling the umask lowers; and an existing file keeps
    # its own.
    os.fchmod(fd, 0o600)
    return fd


def prune_backups(folder: Path, *, keep: int) -> list[Path]:
    """Delete the folder's older archives (by the time in their names), keeping `keep`."""
    archives = sorted(folder.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"))
    old = archives[: max(len(archives) - keep, 0)]
    for path in old:
        path.unlink()
    return old


def media_folder() -> Path:
    """The folder of the default storage, which holds every uploaded and generated file."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise BackupError(
            f"Media are stored by {type(storage).__name__}, not in a folder on this machine: "
            "back them up with that storage's own tools."
        )
    return Path(storage.location)


def _media_files(root: Path):
    """(path, name in the archive) of each file under root, in a stable order."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for file in sorted(files):
            path = Path(folder) / file
            if path.is_file():
                yield path, f"{MEDIA}/{path.relative_to(root).as_posix()}"


def verify_backup(archive: Path) -> dict:
    """Check that the archive is whole (every member against its checksum); change nothing."""
    with tempfile.TemporaryDirectory(prefix="deputy-training-check-") as folder:
        return unpack(archive, Path(folder))


def restore_backup(
    *, archive: Path, force: bool = False, using: str = DEFAULT_DB_ALIAS
) -> RestoreSummary:
    """Replace the database and the media folder with the archive's.

    Refuses, changing nothing: an archive of another database engine; one whose database has
    migrations this code lacks (a newer version made it: install that one first); a database
    that holds tables or a media folder that holds files, unless `force`; a damaged archive.
    The database is replaced in one transaction; if that fails, nothing has changed.
    """
    connection = connections[using]
    engine = databases.supported_engine(connection)
    media_root = media_folder()
    found = read_manifest(archive)
    made_on = found["database"]["engine"]
    if made_on != engine:
        raise BackupError(
            f"{archive} holds a {ENGINE_NAMES.get(made_on, made_on)} database; this site uses "
            f"{ENGINE_NAMES[engine]}. Nothing was changed."
        )
    _check_migrations(found, archive)
    if not force:
        _check_empty(connection, media_root)
    staging = _staging_folder(media_root)
    try:
        try:
            unpack(archive, staging)
        except OSError as exc:  # a full disk, say
            raise BackupError(f"Could not unpack {archive} ({exc}); nothing was changed.") from exc
        databases.restore(connection, staging / found["database"]["file"])
        media_files = _replace_media(staging / MEDIA, media_root, aside=staging / ".replaced")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return RestoreSummary(found, media_files, len(pending))


def _check_migrations(found: dict, archive: Path) -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    # An app this code does not install leaves tables that nothing reads: no harm. A migration
    # this code lacks, of an app it does install, may have changed the tables under its models.
    unknown = [
        f"{app}.{name}"
        for app, names in sorted(found["migrations"].items())
        if app in loader.migrated_apps
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        made_by = found.get("git_commit") or found.get("app_version") or "unknown"
        listed = ", ".join(unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        raise BackupError(
            f"{archive} comes from a newer version of the site ({made_by}): its database has "
            f"{len(unknown)} migrations this code lacks ({listed}). Install that version, then "
            "restore. Nothing was changed."
        )


def _check_empty(connection, media_root: Path) -> None:
    tables = databases.table_names(connection)
    media = media_root.is_dir() and any(media_root.iterdir())
    holds = []
    if tables:
        holds.append(f"the database holds {len(tables)} tables")
    if media:
        holds.append(f"the media folder {media_root} holds files")
    if holds:
        raise BackupError(
            f"Not restored: {' and '.join(holds)}, which the restore would replace. Nothing "
            "was changed. Run it again with --force to replace them."
        )


def _staging_folder(media_root: Path) -> Path:
    """A folder beside the media folder, so that the restored files move in without a copy."""
    try:
        media_root.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=media_root.parent, prefix=".restore-"))
    except PermissionError:
        return Path(tempfile.mkdtemp(prefix="deputy-training-restore-"))


def _replace_media(restored: Path, media_root: Path, *, aside: Path) -> int:
    """Move the restored files into the media folder, whose own files go aside (and away with
    the staging folder). The folder itself stays: it may be a mount point, with its owner."""
    restored.mkdir(exist_ok=True)
    aside.mkdir()
    media_root.mkdir(parents=True, exist_ok=True)
    for entry in list(media_root.iterdir()):
        shutil.move(entry, aside / entry.name)
    for entry in list(restored.iterdir()):
        shutil.move(entry, media_root / entry.name)
    return sum(1 for path in media_root.rglob("*") if path.is_file())
