"""Media encryption at rest: Fernet keys and the chunked file format (docs/adr/0004)."""

from __future__ import annotations

import base64
import functools
import io
import itertools
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
_MAX_TOKEN_BYTES = CHUNK_SIZE + 4096


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


def _file_id(head: bytes) -> bytes:
    """The file id from the first bytes of a stored file, after checking they are MAGIC."""
    if len(head) != len(MAGIC) + FILE_ID_BYTES or not head.startswith(MAGIC):
        raise MediaDecryptionError("not an encrypted MetSkin media file")
    return head[len(MAGIC) :]


def _decrypt_token(fernet: MultiFernet, token: bytes) -> bytes:
    """The plaintext (chunk header included) of one stored token."""
    try:
        return fernet.decrypt(base64.urlsafe_b64encode(token))
    except InvalidToken as exc:
        raise MediaDecryptionError("the media key does not open this file") from exc


def decrypt_chunks(read: Callable[[int], bytes]) -> Iterator[bytes]:
    """Decrypt a stored file read through ``read(n)``; yields plaintext pieces."""
    fernet = media_fernet()
    file_id = _file_id(read(len(MAGIC) + FILE_ID_BYTES))
    index = 0
    while True:
        size_bytes = read(_LENGTH.size)
        if len(size_bytes) != _LENGTH.size:
            raise MediaDecryptionError("the file ends before its last chunk")
        (size,) = _LENGTH.unpack(size_bytes)
        if size > _MAX_TOKEN_BYTES:
            raise MediaDecryptionError("a chunk is larger than any this format writes")
        plain = _decrypt_token(fernet, read(size))
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


def open_plaintext(handle: io.BufferedIOBase | Any) -> tuple[int, Iterator[bytes]]:
    """The decrypted size of a stored file and its decrypted pieces, through one seekable handle.

    Every chunk but the last holds exactly CHUNK_SIZE bytes, so the size needs only the last
    chunk: the walk skips the others by their length prefixes, decrypts the last one when
    there are several, then goes back to the start and decrypts the file in order. The first
    piece is decrypted before this returns, so a wrong key or a damaged start raises here;
    for a file of one chunk, that piece gives the size.
    """
    _file_id(handle.read(len(MAGIC) + FILE_ID_BYTES))
    chunks = 0
    while True:
        size_bytes = handle.read(_LENGTH.size)
        if len(size_bytes) != _LENGTH.size:
            raise MediaDecryptionError("the file ends before its last chunk")
        (size,) = _LENGTH.unpack(size_bytes)
        start = handle.tell()
        handle.seek(start + size)
        if not handle.read(1):
            break
        handle.seek(start + size)
        chunks += 1
    last_plain: bytes | None = None
    # A lone chunk is decrypted just below, by decrypt_chunks; one too large for the format
    # is decrypted here so that its error (the key does not open it) stays the same.
    if chunks or size > _MAX_TOKEN_BYTES:
        handle.seek(start)
        last_plain = _decrypt_token(media_fernet(), handle.read(size))
    handle.seek(0)
    pieces = decrypt_chunks(handle.read)
    first = next(pieces)
    if last_plain is None:
        total = len(first)
    else:
        total = chunks * CHUNK_SIZE + len(last_plain) - _CHUNK_HEADER.size
    return total, itertools.chain((first,), pieces)
