"""Media in an S3-compatible bucket (training_site/settings/storage.py), against a real S3
server: moto's server mode, run by the tests on loopback. What the site writes (a certificate's
PDF, a batch's ZIP) lands in the bucket, privately, and comes back through the views that check
who asks."""

import hashlib
import io
import socket
import zipfile

import boto3
import pytest
from django.urls import reverse

from certificates.batches import start_batch
from certificates.models import Certificate
from tests.training_site.test_settings import PRODUCTION, run
from training_site.settings.storage import FILESYSTEM, media_storage_from_env

BUCKET = "county-media"
KEYS = {"MEDIA_S3_ACCESS_KEY_ID": "testing", "MEDIA_S3_SECRET_ACCESS_KEY": "testing-secret"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """A moto S3 server on a free loopback port, with the bucket made."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client(endpoint).create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "cn-north-1"}
    )
    yield endpoint
    server.stop()


def client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="cn-north-1",
        aws_access_key_id=KEYS["MEDIA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["MEDIA_S3_SECRET_ACCESS_KEY"],
    )


@pytest.fixture
def in_the_bucket(settings, s3_endpoint):
    """The site's media in the bucket, under a prefix of this test's own."""
    prefix = f"site-{free_port()}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage_from_env(
            {
                "MEDIA_S3_BUCKET": BUCKET,
                "MEDIA_S3_ENDPOINT_URL": s3_endpoint,
                "MEDIA_S3_REGION": "cn-north-1",
                "MEDIA_S3_PREFIX": f"/{prefix}/",
                **KEYS,
            }
        ),
    }
    s3 = client(s3_endpoint)

    def objects() -> dict[str, bytes]:
        listed = s3.list_objects_v2(Bucket=BUCKET, Prefix=f"{prefix}/").get("Contents", [])
        return {
            item["Key"]: s3.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
            for item in listed
        }

    objects.s3 = s3
    return objects


def test_without_a_bucket_media_stay_on_the_disk():
    assert media_storage_from_env({}) == FILESYSTEM
    assert media_storage_from_env({"MEDIA_S3_BUCKET": "  "}) == FILESYSTEM


def test_production_settings_take_the_bucket_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.files.storage import default_storage as s; "
        "print(settings.STORAGES['default']['BACKEND']); "
        "print(s.bucket_name, s.location, s.default_acl, s.querystring_auth, s.endpoint_url)"
    )
    result = run(
        code,
        **PRODUCTION,
        MEDIA_S3_BUCKET=BUCKET,
        MEDIA_S3_PREFIX="qingxi",
        MEDIA_S3_ENDPOINT_URL="https://oss.example.cn",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == [
        "storages.backends.s3.S3Storage",
        f"{BUCKET} qingxi None True https://oss.example.cn",
    ]
    without = run(code.split("; print(s.")[0], **PRODUCTION)
    assert without.stdout.strip() == "django.core.files.storage.FileSystemStorage"


def test_a_certificate_is_written_to_the_bucket_privately_and_downloaded_through_the_site(
    in_the_bucket, english, certificate, deputy, other_station_deputy
):
    certificate.refresh_from_db()
    stored = in_the_bucket()
    key = next(k for k in stored if k.endswith(f"{certificate.serial}.pdf"))
    assert hashlib.sha256(stored[key]).hexdigest() == certificate.sha256
    grants = in_the_bucket.s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert not any("AllUsers" in str(grant.get("Grantee")) for grant in grants)

    english.force_login(deputy.user)
    response = english.get(reverse("certificates:download", args=[certificate.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored[key]
    english.force_login(other_station_deputy.user)
    assert english.get(reverse("certificates:download", args=[certificate.pk])).status_code == 404


def test_a_batch_renders_into_the_bucket_and_its_zip_comes_back_whole(
    in_the_bucket, english, graduates, course, county_officer
):
    batch = start_batch(course=course, by=county_officer)
    batch.refresh_from_db()
    assert batch.status == "done"
    stored = in_the_bucket()
    assert batch.zip_file.name.split("/")[-1] in {key.split("/")[-1] for key in stored}
    english.force_login(county_officer)
    response = english.get(reverse("certificates:staff_batch_download", args=[batch.pk]))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    pdfs = {c.serial: c.sha256 for c in Certificate.objects.valid()}
    assert len(members) == len(pdfs) == 5
    for name, data in members.items():
        assert hashlib.sha256(data).hexdigest() == pdfs[name.split("_")[0]]
