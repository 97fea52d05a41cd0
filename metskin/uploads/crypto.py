"""Media encryption at rest: Fernet keys and the chunked file format (docs/adr/0004)."""

from __future__ import annotations

import base64
import functools
import io
import os
import secrets
import struct
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _dev_key(path: Path) -> str:
    """Read the development key, creating it (owner-only, once, race-free) when missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(Fernet.generate_key().decode("ascii"))
    return path.read_text(encoding="ascii").strip()


def configured_keys() -> list[str]:
    """The keys from MEDIA_ENCRYPTION_KEY (first encrypts), or the dev key of `make run`."""
    keys = [key.strip() for key in settings.MEDIA_ENCRYPTION_KEY.split(",") if key.strip()]
    if keys:
        return keys
    if settings.MEDIA_ENCRYPTION_DEV_KEY_FILE:
        return [_dev_key(Path(settings.MEDIA_ENCRYPTION_DEV_KEY_FILE))]
    raise ImproperlyConfigured(
        "Set MEDIA_ENCRYPTION_KEY (or MEDIA_ENCRYPTION_KEY_FILE) to a Fernet key: "
        'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
    )


@functools.lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "MEDIA_ENCRYPTION_KEY must be Fernet keys: 32 url-safe base64-encoded bytes each."
        ) from exc


def media_fernet() -> MultiFernet:
    """The cipher for media: encrypts with the first key, decrypts with any of them."""
    return _fernet_for(tuple(configured_keys()))


# --- the file format ---------------------------------------------------------------------------
# A file is MAGIC, a random 16-byte file id, then chunks: a 4-byte big-endian length and the
# raw bytes of one Fernet token (base64-decoded, a third smaller than its text). Each token
# encrypts HEADER (file id, chunk index, last-chunk flag) + up to CHUNK_SIZE plaintext bytes,
# so chunks cannot be reordered, dropped, cut short or spliced in from another file, and a
# 100 MB video is encrypted and decrypted a few MB at a time.
MAGIC = b"MSF1"
FILE_ID_BYTES = 16
CHUNK_SIZE = 4 * 1024 * 1024
_LENGTH = struct.Struct(">I")
_CHUNK_HEADER = struct.Struct(">16sIB")


class MediaDecryptionError(Exception):
    """A stored file could not be decrypted: the wrong key, or a damaged or altered file."""


def encrypt_chunks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Encrypt a stream of plaintext pieces; yields the pieces of the stored file."""
    fernet = media_fernet()
    file_id = secrets.token_bytes(FILE_ID_BYTES)
    yield MAGIC + file_id
    buffer = bytearray()
    index = 0
    source = iter(chunks)
    exhausted = False
    while not exhausted or buffer:
        while not exhausted and len(buffer) <= CHUNK_SIZE:
            piece = next(source, None)
            if piece is None:
                exhausted = True
            else:
                buffer += piece
        plain = bytes(buffer[:CHUNK_SIZE])
        del buffer[:CHUNK_SIZE]
        last = exhausted and not buffer
        header = _CHUNK_HEADER.pack(file_id, index, 1 if last else 0)
        token = base64.urlsafe_b64decode(fernet.encrypt(header + plain))
        yield _LENGTH.pack(len(token)) + token
        index += 1


def decrypt_chunks(read: Callable[[int], bytes]) -> Iterator[bytes]:
    """Decrypt a stored file read through ``read(n)``; yields plaintext pieces."""
    fernet = media_fernet()
    head = read(len(MAGIC) + FILE_ID_BYTES)
    if len(head) != len(MAGIC) + FILE_ID_BYTES or not head.startswith(MAGIC):
        raise MediaDecryptionError("not an encrypted MetSkin media file")
    file_id = head[len(MAGIC) :]
    index = 0
    while True:
        size_bytes = read(_LENGTH.size)
        if len(size_bytes) != _LENGTH.size:
            raise MediaDecryptionError("the file ends before its last chunk")
        (size,) = _LENGTH.unpack(size_bytes)
        if size > CHUNK_SIZE + 4096:
            raise MediaDecryptionError("a chunk is larger than any this format writes")
        token = read(size)
        try:
            plain = fernet.decrypt(base64.urlsafe_b64encode(token))
        except InvalidToken as exc:
            raise MediaDecryptionError("the media key does not open this file") from exc
        chunk_file_id, chunk_index, last = _CHUNK_HEADER.unpack_from(plain)
        if chunk_file_id != file_id or chunk_index != index:
            raise MediaDecryptionError("the chunks of this file were altered")
        yield plain[_CHUNK_HEADER.size :]
        if last:
            if read(1):
                raise MediaDecryptionError("the file has data after its last chunk")
            return
        index += 1


def encrypt_bytes(data: bytes) -> bytes:
    pieces = (data[i : i + CHUNK_SIZE] for i in range(0, len(data), CHUNK_SIZE))
    return b"".join(encrypt_chunks(pieces))


def decrypt_bytes(blob: bytes) -> bytes:
    stream = io.BytesIO(blob)
    return b"".join(decrypt_chunks(stream.read))


def rotate_chunks(read: Callable[[int], bytes]) -> Iterator[bytes]:
    """Decrypt with any key and encrypt again with the first one, a chunk at a time."""
    return encrypt_chunks(decrypt_chunks(read))


def plaintext_size(handle: io.BufferedIOBase | Any) -> int:
    """The decrypted size of a stored file, decrypting only its last chunk.

    Every chunk but the last holds exactly CHUNK_SIZE bytes, so the walk skips over them
    by their length prefixes.
    """
    head = handle.read(len(MAGIC) + FILE_ID_BYTES)
    if len(head) != len(MAGIC) + FILE_ID_BYTES or not head.startswith(MAGIC):
        raise MediaDecryptionError("not an encrypted MetSkin media file")
    chunks = 0
    while True:
        size_bytes = handle.read(_LENGTH.size)
        if len(size_bytes) != _LENGTH.size:
            raise MediaDecryptionError("the file ends before its last chunk")
        (size,) = _LENGTH.unpack(size_bytes)
        start = handle.tell()
        handle.seek(start + size)
        if not handle.read(1):
            handle.seek(start)
            token = handle.read(size)
            try:
                plain = media_fernet().decrypt(base64.urlsafe_b64encode(token))
            except InvalidToken as exc:
                raise MediaDecryptionError("the media key does not open this file") from exc
            return chunks * CHUNK_SIZE + len(plain) - _CHUNK_HEADER.size
        handle.seek(start + size)
        chunks += 1
