"""Uploaded photos and videos: limits, quota, encrypted private storage, signed links.

Skin photos are medical data. They are stored encrypted (Fernet) through Django's storage API
under the ``uploads`` alias of ``STORAGES`` and are never served from ``MEDIA_URL``: only
through an authorised view with short-lived signed links (docs/adr/0004-encrypted-private-media.md).
"""

from pathlib import Path
from typing import Any

from config.env import VAR_DIR, env, env_secret

# --- what may be uploaded -------------------------------------------------------------------
UPLOAD_PHOTO_MAX_BYTES = env.int("UPLOAD_PHOTO_MAX_BYTES", default=20 * 1024 * 1024)
UPLOAD_VIDEO_MAX_BYTES = env.int("UPLOAD_VIDEO_MAX_BYTES", default=100 * 1024 * 1024)
UPLOAD_VIDEO_MAX_SECONDS = env.float("UPLOAD_VIDEO_MAX_SECONDS", default=60.0)
# A photo whose header declares more pixels is refused before decoding (decompression bombs).
UPLOAD_PHOTO_MAX_PIXELS = env.int("UPLOAD_PHOTO_MAX_PIXELS", default=50_000_000)
# Photos are stored re-encoded at most this long on their longest side (a 12 MP phone photo
# is 4032 px); the analysis itself works on 1024 px.
UPLOAD_PHOTO_STORED_LONG_SIDE = env.int("UPLOAD_PHOTO_STORED_LONG_SIDE", default=4096)
# Videos are re-encoded (all metadata dropped) to WebM/VP8 at most this size and frame rate.
UPLOAD_VIDEO_STORED_LONG_SIDE = env.int("UPLOAD_VIDEO_STORED_LONG_SIDE", default=1280)
UPLOAD_VIDEO_STORED_MAX_FPS = env.float("UPLOAD_VIDEO_STORED_MAX_FPS", default=30.0)

# --- per-person quota -----------------------------------------------------------------------
UPLOAD_QUOTA_FILES = env.int("UPLOAD_QUOTA_FILES", default=300)
UPLOAD_QUOTA_BYTES = env.int("UPLOAD_QUOTA_BYTES", default=2 * 1024 * 1024 * 1024)

# --- private storage ------------------------------------------------------------------------
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Setting a bucket switches the private media to S3-compatible storage (django-storages):
# AWS S3, MinIO or any S3 API (docs/deploy.md). Files are encrypted before they leave the
# server either way.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")


def s3_uploads_storage(
    *,
    bucket: str,
    endpoint_url: str | None = None,
    region_name: str | None = None,
    access_key: str | None = None,
    secret_key: str | None = None,
    location: str = "private",
) -> dict[str, Any]:
    """The ``STORAGES["uploads"]`` entry for a bucket (also used by the tests' S3 server)."""
    from botocore.config import Config  # only where S3 is used

    return {
        "BACKEND": "metskin.uploads.storage_s3.EncryptedS3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # Empty: AWS itself. A custom endpoint (MinIO) is spoken to with path-style URLs.
            "endpoint_url": endpoint_url or None,
            "region_name": region_name or None,
            # Unset: boto3 looks further (instance role, ~/.aws, AWS_PROFILE).
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "location": location,
            # No ACL header: objects are private to the bucket's owner anyway, and a bucket with
            # "ACLs disabled" (AWS's default since 2023) refuses a PUT that names an ACL such as
            # "private" (AccessControlListNotSupported).
            "default_acl": None,
            # Names are random; never let a clash overwrite someone's photo.
            "file_overwrite": False,
            # A file read back (for the analysis, or to serve it) is buffered in memory up to
            # this size, then in a temporary file; the default (0) would keep a 100 MB video in
            # memory.
            "max_memory_size": 8 * 1024 * 1024,
            # A bucket that does not answer fails a request in seconds, not minutes (boto3's
            # defaults: 60 s to connect, tried 5 times), so /healthz and preflight stay quick.
            "client_config": Config(
                connect_timeout=5, read_timeout=60, retries={"max_attempts": 3, "mode": "standard"}
            ),
        },
    }


if AWS_STORAGE_BUCKET_NAME:
    UPLOADS_STORAGE: dict[str, Any] = s3_uploads_storage(
        bucket=AWS_STORAGE_BUCKET_NAME,
        endpoint_url=env.str("AWS_S3_ENDPOINT_URL", default=""),
        region_name=env.str("AWS_S3_REGION_NAME", default=""),
        access_key=env_secret("AWS_ACCESS_KEY_ID", default=""),
        secret_key=env_secret("AWS_SECRET_ACCESS_KEY", default=""),
        location=env.str("AWS_LOCATION", default="private"),
    )
else:
    UPLOADS_STORAGE = {
        "BACKEND": "metskin.uploads.storage.EncryptedFileSystemStorage",
        "OPTIONS": {
            "location": MEDIA_ROOT / "private",
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }

# Fernet keys (urlsafe base64, 32 bytes), comma-separated: the first encrypts, every one
# decrypts, so a key can be rotated (manage.py media_rotate_key). Required outside `make run`.
MEDIA_ENCRYPTION_KEY = env_secret("MEDIA_ENCRYPTION_KEY", default="")
# Only for `make run` (config.django.local): with no key set, one is generated once into this
# file under var/ (never committed). Empty: no fallback, MetSkin refuses to start without a key.
MEDIA_ENCRYPTION_DEV_KEY_FILE = ""

# Signed media links work for this many seconds, and only for the person they were made for.
UPLOAD_SIGNED_URL_MAX_AGE = env.int("UPLOAD_SIGNED_URL_MAX_AGE", default=300)

# --- the analysis task ----------------------------------------------------------------------
# A worker's claim on an analysis is a short lease that a thread renews every
# ANALYSIS_HEARTBEAT_SECONDS while the run is alive (metskin/analysis/lease.py). When the worker
# dies the renewals stop, and within the lease plus one sweep the analysis is queued again.
ANALYSIS_CLAIM_SECONDS = env.int("ANALYSIS_CLAIM_SECONDS", default=30)
ANALYSIS_HEARTBEAT_SECONDS = env.float("ANALYSIS_HEARTBEAT_SECONDS", default=10.0)
# OpenCV threads per worker process: 1, because workers scale out by processes (one per core).
ANALYSIS_OPENCV_THREADS = env.int("ANALYSIS_OPENCV_THREADS", default=1)
# How often beat's sweeper looks for analyses nobody is working on.
ANALYSIS_SWEEP_SECONDS = env.float("ANALYSIS_SWEEP_SECONDS", default=15.0)
ANALYSIS_MAX_RETRIES = env.int("ANALYSIS_MAX_RETRIES", default=3)
# The sweeper queues again an analysis left pending this long (its task never reached the
# broker). Longer than the longest retry backoff (60 s), so it does not race a retry already
# scheduled. A running analysis whose lease ran out (its worker died) is queued at once.
ANALYSIS_REQUEUE_AFTER_SECONDS = env.int("ANALYSIS_REQUEUE_AFTER_SECONDS", default=300)
# Runs (claims) an analysis may use before the sweeper fails it; the normal path uses at most
# ANALYSIS_MAX_RETRIES + 1.
ANALYSIS_MAX_ATTEMPTS = env.int("ANALYSIS_MAX_ATTEMPTS", default=ANALYSIS_MAX_RETRIES + 3)
