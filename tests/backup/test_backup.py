"""`manage.py backup` and `restore`, run as an administrator would, each in a fresh process, on
a site of their own with a database of the engine the suite runs on
(tests/training_site/throwaway_site.py)."""

import hashlib
import io
import json
import os
import tarfile
from pathlib import Path
from typing import NamedTuple

import pytest
from django.db import connection

from tests.training_site.throwaway_site import Site, other_database, throwaway_site

# A small slice of what the database and the media folder hold: deputies with their accounts
# and places, a Wagtail document and image (rows naming files), and files the site writes
# itself (a certificate's PDF, an export), one with a Chinese name.
SEED = """
import io
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.documents.models import Document
from wagtail.images.models import Image
from deputies.factories import DeputyFactory

DeputyFactory.create_batch(3)
Document.objects.create(title="法律汇编", file=ContentFile(b"%PDF-1.4 laws", name="法律汇编.pdf"))
png = io.BytesIO()
Picture.new("RGB", (8, 6), "red").save(png, "PNG")
Image.objects.create(title="会场", file=ImageFile(png, name="hall.png"))
"""

# What a restore must give back: every row (sessions aside), the applied migrations, each
# document's and image's file as the database finds it; and that the site passes its checks
# and answers.
INSPECT = """
import hashlib, io, json
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image

call_command("check", fail_level="ERROR")
rows = io.StringIO()
call_command("dumpdata", exclude=["sessions"], stdout=rows)
files = {
    item.title: hashlib.sha256(item.file.read()).hexdigest()
    for item in [*Document.objects.all(), *Image.objects.all()]
}
print(json.dumps({
    "rows": json.loads(rows.getvalue()),
    "migrations": sorted(MigrationRecorder(connection).applied_migrations()),
    "files": files,
    "healthz": Client().get("/healthz", secure=True, headers={"host": "localhost"}).status_code,
}))
"""

# The tests share one backed-up site (a migrate from empty, ~30 s): one worker runs them all
# (`pytest -n 2 --dist loadgroup`, as the Makefile does).
pytestmark = pytest.mark.xdist_group("heavy")

ADD_A_DEPUTY = "\nfrom deputies.factories import DeputyFactory; DeputyFactory()\n"


class BackedUp(NamedTuple):
    site: Site
    archive: Path
    before: dict  # INSPECT's account of the site when it was backed up
    media: dict[str, bytes]


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory):
    """A site migrated from empty, with data and media; what it holds; an archive of it."""
    with throwaway_site(tmp_path_factory.mktemp("backup")) as site:
        site.manage("migrate", "--noinput", "-v", "0")
        certificate = site.media_root / "certificates" / "2026" / "证书-0001.pdf"
        certificate.parent.mkdir(parents=True)
        certificate.write_bytes(os.urandom(200_000))
        (site.media_root / "exports").mkdir()
        (site.media_root / "exports" / "progress.xlsx").write_bytes(os.urandom(3_000))
        before = site.python(SEED + INSPECT)
        media = site.media_files()
        made = site.manage("backup", str(site.folder))
        yield BackedUp(site, site.folder / made.stdout.splitlines()[-1], before, media)


def test_a_fresh_machine_gets_back_the_same_site(backed_up):
    site, archive = backed_up.site, backed_up.archive
    assert {"deputies.deputy", "wagtaildocs.document", "wagtailimages.image"} <= {
        row["model"] for row in backed_up.before["rows"]
    }
    assert set(backed_up.before["files"]) == {"法律汇编", "会场"}
    assert backed_up.before["healthz"] == 200
    assert len(backed_up.media) == 4
    # It holds every deputy's mobile number and password hash: its owner's eyes only.
    assert archive.stat().st_mode & 0o777 == 0o600

    with other_database(site, "fresh") as fresh:
        restored = fresh.manage("restore", str(archive))

        assert "Restored the database and 4 media files." in restored.stdout
        assert "migrate" not in restored.stdout
        # The database goes on numbering rows after the restored ones (the deputy comes after).
        assert fresh.python(INSPECT + ADD_A_DEPUTY) == backed_up.before
        assert fresh.media_files() == backed_up.media


def test_restore_refuses_a_site_that_has_data_unless_forced(backed_up):
    site, archive = backed_up.site, backed_up.archive
    site.python(ADD_A_DEPUTY)
    (site.media_root / "exports" / "later.xlsx").write_bytes(b"made after the backup")
    rows, files = site.row_counts(), site.media_files()

    refused = site.manage("restore", str(archive), check=False)

    assert refused.returncode != 0
    assert "Nothing was changed. Run it again with --force" in refused.stderr
    assert site.row_counts() == rows
    assert site.media_files() == files

    site.manage("restore", "--force", str(archive))

    assert site.python(INSPECT) == backed_up.before
    assert site.media_files() == backed_up.media


@pytest.mark.parametrize("damage", ["one byte changed", "cut short"])
def test_a_damaged_archive_is_refused_and_changes_nothing(backed_up, damage):
    site, archive = backed_up.site, backed_up.archive
    data = bytearray(archive.read_bytes())
    if damage == "cut short":
        data = data[: len(data) * 2 // 3]
    else:
        data[len(data) // 2] ^= 0xFF
    damaged = site.folder / f"damaged-{len(data)}.tar.gz"
    damaged.write_bytes(data)
    rows, files = site.row_counts(), site.media_files()

    refused = site.manage("restore", "--force", str(damaged), check=False)

    assert refused.returncode != 0
    assert "is damaged or incomplete" in refused.stderr
    assert "nothing was changed" in refused.stderr
    assert site.row_counts() == rows
    assert site.media_files() == files
    assert not list(site.folder.glob(".restore-*"))


def test_check_reads_an_archive_and_changes_nothing(backed_up):
    site, archive = backed_up.site, backed_up.archive
    rows = site.row_counts()

    checked = site.manage("restore", "--check", str(archive))

    assert "The archive is whole." in checked.stdout
    assert site.row_counts() == rows


def newer_migration(manifest):
    manifest["migrations"]["deputies"].append("9999_from_a_newer_version")


def other_engine(manifest):
    manifest["database"]["engine"] = "sqlite" if connection.vendor == "postgresql" else "postgresql"


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        (newer_migration, "comes from a newer version of the site"),
        (other_engine, "database; this site uses"),
    ],
)
def test_restore_refuses_an_archive_this_site_cannot_take_even_forced(backed_up, change, refusal):
    site = backed_up.site
    archive = rewritten(backed_up.archive, site.folder / f"{change.__name__}.tar.gz", change)
    rows = site.row_counts()

    refused = site.manage("restore", "--force", str(archive), check=False)

    assert refused.returncode != 0
    assert refusal in refused.stderr
    assert "Nothing was changed." in refused.stderr
    assert site.row_counts() == rows


def rewritten(archive: Path, into: Path, change) -> Path:
    """A copy of the archive whose manifest `change` altered, with checksums that match."""
    with tarfile.open(archive, "r:gz") as source:
        members = {m.name: source.extractfile(m).read() for m in source}
    manifest = json.loads(members["manifest.json"])
    change(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    del members["SHA256SUMS"]
    sums = "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in members.items()
    )
    members["SHA256SUMS"] = sums.encode()
    with tarfile.open(into, "w:gz") as copy:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))
    return into
