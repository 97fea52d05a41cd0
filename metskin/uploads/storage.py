"""Private media storage: every file is encrypted before it reaches the disk or the bucket.

Both backends come from Django's storage API, so S3-compatible storage is one setting away
(``AWS_STORAGE_BUCKET_NAME``; see config/settings/uploads.py). Neither ever hands out a URL:
media are served by :mod:`metskin.uploads.apis` after an access check, through signed links.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Generator, Iterator
from typing import Any

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, Storage, storages

from metskin.uploads.crypto import decrypt_chunks, encrypt_chunks, open_plaintext, rotate_chunks

STORAGE_ALIAS = "uploads"
# Encrypted output is buffered in memory up to this size, then in a temporary file.
_SPOOL_BYTES = 8 * 1024 * 1024


class _DecryptingReader(io.RawIOBase):
    """A read-only file object over the plaintext of an encrypted stored file."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle
        self._pieces: Iterator[bytes] = decrypt_chunks(handle.read)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            piece = next(self._pieces, None)
            if piece is None:
                return 0
            self._pending = piece
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def close(self) -> None:
        self._handle.close()
        super().close()


def _closing(handle: Any, pieces: Iterator[bytes]) -> Generator[bytes, None, None]:
    try:
        yield from pieces
    finally:
        handle.close()


class EncryptedStorageMixin(Storage):
    """Encrypt in ``_save``, decrypt in ``_open``; never make a URL."""

    def _save(self, name: str, content: File[Any]) -> str:
        if content.seekable():
            content.seek(0)
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as encrypted:
            for piece in encrypt_chunks(content.chunks()):
                encrypted.write(piece)
            encrypted.seek(0)
            return super()._save(name, File(encrypted, name=name))  # type: ignore[misc]

    def _open(self, name: str, mode: str = "rb") -> File[Any]:
        if mode not in ("r", "rb"):
            raise ValueError("Encrypted media are written whole with save(), never in place.")
        handle = super()._open(name, "rb")  # type: ignore[misc]
        return File(io.BufferedReader(_DecryptingReader(handle), buffer_size=1024 * 1024), name)

    def read_bytes(self, name: str) -> bytes:
        """The whole decrypted content of ``name``."""
        with self._open(name) as handle:
            data: bytes = handle.read()
        return data

    def iter_plaintext(self, name: str) -> Generator[bytes, None, None]:
        """The decrypted content of ``name``, a chunk at a time."""
        handle = super()._open(name, "rb")  # type: ignore[misc]
        try:
            yield from decrypt_chunks(handle.read)
        finally:
            handle.close()

    def open_plaintext(self, name: str) -> tuple[int, Generator[bytes, None, None]]:
        """The decrypted size of ``name`` (``size()`` is the encrypted size on disk) and its
        decrypted content a chunk at a time, read through one handle (one fetch from S3).

        A wrong key or damage at the start raises MediaDecryptionError here. The handle is
        closed when this raises, and by the pieces once they end or are closed after the
        first ``next()``.
        """
        handle = super()._open(name, "rb")  # type: ignore[misc]
        try:
            size, pieces = open_plaintext(handle)
        except BaseException:
            handle.close()
            raise
        return size, _closing(handle, pieces)

    def reencrypt(self, name: str) -> None:
        """Encrypt ``name`` again with the current first key (after a key rotation)."""
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as encrypted:
            handle = super()._open(name, "rb")  # type: ignore[misc]
            try:
                for piece in rotate_chunks(handle.read):
                    encrypted.write(piece)
            finally:
                handle.close()
            encrypted.seek(0)
            self._replace(name, File(encrypted, name=name))

    def _replace(self, name: str, content: File[Any]) -> None:
        """Write ``content`` over the stored file ``name``."""
        # The file system's _save never overwrites (O_EXCL): make room first.
        self.delete(name)
        saved = super()._save(name, content)  # type: ignore[misc]
        if saved != name:
            raise OSError(f"could not rewrite {name} in place")

    def stored_names(self) -> Iterator[str]:
        """Every stored file's name, folder by folder."""
        yield from self._walk("")

    def _walk(self, folder: str) -> Iterator[str]:
        folders, files = self.listdir(folder)
        for name in files:
            yield f"{folder}/{name}" if folder else name
        for sub in folders:
            yield from self._walk(f"{folder}/{sub}" if folder else sub)

    def url(self, name: str | None) -> str:
        raise NotImplementedError(
            "Private media have no URL: use metskin.uploads.signing.media_url() instead."
        )


class EncryptedFileSystemStorage(EncryptedStorageMixin, FileSystemStorage):
    """Encrypted files under MEDIA_ROOT/private with owner-only permissions."""


def private_storage() -> EncryptedStorageMixin:
    """The storage for skin photos, videos, thumbnails and overlays."""
    storage: Storage = storages[STORAGE_ALIAS]
    if not isinstance(storage, EncryptedStorageMixin):
        raise TypeError(f'STORAGES["{STORAGE_ALIAS}"] must be an encrypted storage')
    return storage
