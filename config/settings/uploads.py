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
# Setting a bucket switches the private media to S3-compatible storage (django-storages);
# files are encrypted before they leave the server either way.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    UPLOADS_STORAGE: dict[str, Any] = {
        "BACKEND": "metskin.uploads.storage_s3.EncryptedS3Storage",  # needs boto3
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env_secret("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env_secret("AWS_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("AWS_LOCATION", default="private"),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
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
