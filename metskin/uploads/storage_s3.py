"""Encrypted media in a private S3-compatible bucket (set AWS_STORAGE_BUCKET_NAME).

Imported only when configured: it needs boto3 (``django-storages[s3]``), which MetSkin does
not install by default.
"""

from __future__ import annotations

from storages.backends.s3 import S3Storage

from metskin.uploads.storage import EncryptedStorageMixin


class EncryptedS3Storage(EncryptedStorageMixin, S3Storage):
    """Objects are encrypted before upload; the bucket only ever holds ciphertext."""
