"""Encrypted media in a private S3-compatible bucket (set AWS_STORAGE_BUCKET_NAME).

AWS S3, MinIO or any server speaking the S3 API (docs/deploy.md). Imported only when a
bucket is configured, so a machine without S3 never opens a connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.files.base import File
from storages.backends.s3 import S3Storage

from metskin.uploads.storage import EncryptedStorageMixin

# What every object is: ciphertext in MetSkin's format, whatever its name ends with.
CIPHERTEXT_CONTENT_TYPE = "application/octet-stream"


class EncryptedS3Storage(EncryptedStorageMixin, S3Storage):
    """Objects are encrypted before upload; the bucket only ever holds ciphertext."""

    def get_object_parameters(self, name: str) -> dict[str, Any]:
        # django-storages guesses the type from the name ("image/jpeg" for photos/…/x.jpg):
        # that would label ciphertext as a photo for anyone browsing the bucket.
        return {**super().get_object_parameters(name), "ContentType": CIPHERTEXT_CONTENT_TYPE}

    def _replace(self, name: str, content: File[Any]) -> None:
        # A PUT replaces an object whole and at once: never delete first, so a failed write
        # during a key rotation leaves the file under its old key instead of losing it.
        saved = S3Storage._save(self, name, content)
        if saved != name:
            raise OSError(f"could not rewrite {name} in place")

    def stored_names(self) -> Iterator[str]:
        """Every object under this storage's location, a thousand a request (no folder walk)."""
        prefix = self._normalize_name("")
        prefix = f"{prefix}/" if prefix and not prefix.endswith("/") else prefix
        paginator = self.connection.meta.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket_name, Prefix=prefix):
            for entry in page.get("Contents", ()):
                if not entry["Key"].endswith("/"):  # a "folder" made by a console, not a file
                    yield entry["Key"][len(prefix) :]
