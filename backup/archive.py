"""The backup archive: a .tar.gz whose members come in this order.

    manifest.json      when it was made, by which version of the code, from which database
                       engine, and which migrations that database had applied
    database.sqlite3   SQLite: a copy made with SQLite's online backup API
      or database.pgdump  PostgreSQL: pg_dump's custom format
    media/...          every file of the media folder (MEDIA_ROOT)
    SHA256SUMS         a checksum of each member above, in `sha256sum -c` form

The manifest comes first, so that a restore refuses a wrong archive before reading the rest.
"""

import gzip
import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import tarfile
import tomllib
import zlib
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.utils import timezone

FORMAT = "deputy-training-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
MEDIA = "media"
ARCHIVE_PREFIX = "deputy-training-"
ARCHIVE_SUFFIX = ".tar.gz"
CHUNK = 1024 * 1024

# Reading a gzip stream that is cut short or altered raises one of these.
DAMAGE = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)


class BackupError(Exception):
    """A backup or restore that cannot go on. The message says why and what to do."""


def manifest(*, engine: str, dump: str, migrations: dict[str, list[str]]) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created": timezone.localtime().isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "app_version": _app_version(),
        "git_commit": _git_commit(),
        "django_version": django.get_version(),
        "database": {"engine": engine, "file": dump},
        "migrations": migrations,
    }


def _app_version() -> str | None:
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as f:
            return tomllib.load(f)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return None


def _git_commit() -> str | None:
    git = shutil.which("git")
    if git is None or not (Path(settings.BASE_DIR) / ".git").exists():
        return None
    result = subprocess.run(  # noqa: S603 (git found on PATH, fixed arguments)
        [git, "-C", str(settings.BASE_DIR), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


class ArchiveWriter:
    """Adds members to an open archive, keeping each one's checksum for SHA256SUMS."""

    def __init__(self, tar: tarfile.TarFile):
        self.tar = tar
        self.sums: dict[str, str] = {}

    def add_bytes(self, name: str, data: bytes) -> None:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = int(timezone.now().timestamp())
        info.mode = 0o644
        self.tar.addfile(info, io.BytesIO(data))
        self.sums[name] = hashlib.sha256(data).hexdigest()

    def add_json(self, name: str, value) -> None:
        self.add_bytes(name, json.dumps(value, ensure_ascii=False, indent=2).encode())

    def add_file(self, path: Path, name: str) -> int:
        """Add the file, hashing it as it is read once; return its size."""
        with path.open("rb") as file:
            info = self.tar.gettarinfo(arcname=name, fileobj=file)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            reader = _HashingReader(file)
            self.tar.addfile(info, reader)
        self.sums[name] = reader.sha256.hexdigest()
        return info.size

    def add_checksums(self) -> None:
        text = "".join(f"{digest}  {name}\n" for name, digest in self.sums.items())
        self.add_bytes(CHECKSUMS, text.encode())


class _HashingReader:
    def __init__(self, file):
        self.file = file
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def read_manifest(archive: Path) -> dict:
    """The archive's manifest, read from its first member, without reading the rest."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise BackupError(f"{archive} is not a backup of this site (no {MANIFEST}).")
            found = json.loads(tar.extractfile(first).read())
    except FileNotFoundError as exc:
        raise BackupError(f"No file {archive}.") from exc
    except (*DAMAGE, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise damaged(archive, exc) from exc
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        raise BackupError(f"{archive} is not a backup of this site.")
    if found.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{archive} is a backup in format {found.get('format_version')}; this version of "
            f"the site reads format {FORMAT_VERSION}."
        )
    return found


def unpack(archive: Path, into: Path) -> dict:
    """Unpack the archive into an empty folder and check every member against SHA256SUMS;
    return the manifest. A damaged, cut short or altered archive raises BackupError."""
    found = read_manifest(archive)
    dump = found["database"]["file"]
    digests: dict[str, str] = {}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                name = _checked_name(archive, member, {MANIFEST, CHECKSUMS, dump})
                if name in digests:
                    raise damaged(archive, f"it holds {name} twice")
                digests[name] = _extract(tar, member, into / name)
    except DAMAGE as exc:
        raise damaged(archive, exc) from exc
    if CHECKSUMS not in digests:
        raise damaged(archive, f"it ends before {CHECKSUMS}")
    del digests[CHECKSUMS]
    expected = {}
    for line in (into / CHECKSUMS).read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        expected[name] = digest
    if expected != digests:
        wrong = sorted(
            {
                name
                for name in expected.keys() | digests.keys()
                if expected.get(name) != digests.get(name)
            }
        )
        raise damaged(archive, f"{len(wrong)} members fail their checksum, first {wrong[0]}")
    if dump not in digests:
        raise damaged(archive, "it holds no database")
    return found


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tar.extractfile(member) as source, target.open("wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    os.utime(target, (member.mtime, member.mtime))
    return digest.hexdigest()


def _checked_name(archive: Path, member: tarfile.TarInfo, names: set[str]) -> str:
    """The member's name, if it is one a backup writes: no links, nothing outside the folder."""
    path = PurePosixPath(member.name)
    inside = not path.is_absolute() and ".." not in path.parts
    expected = member.name in names or (len(path.parts) > 1 and path.parts[0] == MEDIA)
    if not (member.isfile() and inside and expected):
        raise damaged(archive, f"it holds {member.name!r}, which no backup writes")
    return member.name


def damaged(archive: Path, reason) -> BackupError:
    return BackupError(
        f"{archive} is damaged or incomplete ({reason}); nothing was changed. "
        "Restore an older archive, or copy this one again from where it is kept."
    )
