"""Backups hold every deputy's name, mobile number and password hash: the archive, and every
file written on the way to it, is readable by its owner alone, whatever the umask."""

import os
import stat
from pathlib import Path

import pytest

from backup import databases, services
from backup.archive import ArchiveWriter


@pytest.fixture
def media_on_disk(settings, tmp_path):
    media = tmp_path / "media"
    (media / "certificates").mkdir(parents=True)
    (media / "certificates" / "证书.pdf").write_bytes(b"%PDF-1.4 a certificate")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media)},
        },
    }
    return media


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask():
    """The loosest umask there is: whatever is written keeps the mode it was asked for."""
    old = os.umask(0)
    yield
    os.umask(old)


# Outside a test transaction, as `manage.py backup` runs: SQLite's backup API cannot copy from
# a connection in the middle of a write transaction (the `db` fixture's).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("media_on_disk", "permissive_umask")
def test_the_archive_and_every_file_on_the_way_are_owner_only(tmp_path, monkeypatch):
    folder = tmp_path / "backups"
    folder.mkdir()
    seen: dict[str, int] = {}

    dump = databases.dump

    def dump_and_look(connection, path):
        applied = dump(connection, path)
        seen["database copy"] = mode(path)
        return applied

    add_checksums = ArchiveWriter.add_checksums

    def look_before_the_last_member(self):
        # The archive is still being written: its partial file and the database copy are
        # all there is in the folder.
        for path in folder.rglob("*"):
            name = path.relative_to(folder).as_posix()
            seen[f"{name}/" if path.is_dir() else name] = mode(path)
        return add_checksums(self)

    monkeypatch.setattr(databases, "dump", dump_and_look)
    monkeypatch.setattr(ArchiveWriter, "add_checksums", look_before_the_last_member)

    made = services.create_backup(destination=folder)

    assert mode(made.path) == 0o600
    partial = [name for name in seen if name.endswith(".partial")]
    assert len(partial) == 1
    assert any(name.endswith(databases.DUMP_NAMES[made.engine]) for name in seen)
    files = {name: m for name, m in seen.items() if not name.endswith("/")}
    folders = {name: m for name, m in seen.items() if name.endswith("/")}
    assert set(files.values()) == {0o600}, seen
    assert set(folders.values()) == {0o700}, seen


# Outside a test transaction, as `manage.py backup` runs: SQLite's backup API cannot copy from
# a connection in the middle of a write transaction (the `db` fixture's).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("media_on_disk")
def test_a_named_archive_replacing_an_old_readable_one_is_owner_only(tmp_path):
    target = tmp_path / "nightly.tar.gz"
    target.write_bytes(b"last night's")
    target.chmod(0o644)

    made = services.create_backup(destination=target)

    assert made.path == target
    assert mode(target) == 0o600
