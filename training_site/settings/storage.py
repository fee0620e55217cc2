"""Where media files live (issued certificates, exports, documents, photos), from the
environment: the server's disk by default, or an S3-compatible object store (MinIO, Ceph, a
cloud's object storage) through django-storages when MEDIA_S3_BUCKET is set, so that several
app servers and workers share one store without a shared disk.

The bucket stays private: every download goes through a view that checks who asks, so objects
are written without a public ACL and the storage's URLs, if anything asked for one, are signed
and expire."""

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def media_storage_from_env(environ) -> dict:
    """The STORAGES["default"] entry the environment asks for.

    MEDIA_S3_BUCKET: the bucket (empty: the disk, MEDIA_ROOT). With it, MEDIA_S3_ENDPOINT_URL
    (for a store other than AWS's own), MEDIA_S3_REGION, MEDIA_S3_ACCESS_KEY_ID and
    MEDIA_S3_SECRET_ACCESS_KEY (else boto3's own lookup: its environment variables, an instance
    role) and MEDIA_S3_PREFIX (a folder in a shared bucket)."""
    bucket = environ.get("MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return FILESYSTEM
    options = {
        "bucket_name": bucket,
        "location": environ.get("MEDIA_S3_PREFIX", "").strip("/"),
        "default_acl": None,  # the bucket's own policy: private
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
    }
    optional = {
        "endpoint_url": "MEDIA_S3_ENDPOINT_URL",
        "region_name": "MEDIA_S3_REGION",
        "access_key": "MEDIA_S3_ACCESS_KEY_ID",
        "secret_key": "MEDIA_S3_SECRET_ACCESS_KEY",
    }
    for option, name in optional.items():
        if value := environ.get(name, "").strip():
            options[option] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
