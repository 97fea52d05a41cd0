"""Encryption at rest: the format, tampering, keys and rotation."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.management import call_command

from metskin.uploads import crypto
from metskin.uploads.crypto import CHUNK_SIZE, MediaDecryptionError, decrypt_bytes, encrypt_bytes
from metskin.uploads.storage import private_storage


@pytest.mark.parametrize("size", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE * 2 + 7])
def test_round_trip_of_any_size(size):
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)

    blob = encrypt_bytes(data)

    assert blob.startswith(b"MSF1")
    if size >= 64:
        assert data[:64] not in blob
    assert decrypt_bytes(blob) == data
    plaintext_size, pieces = crypto.open_plaintext(io.BytesIO(blob))
    assert plaintext_size == size and b"".join(pieces) == data


def test_the_storage_keeps_only_ciphertext_on_disk(private_media):
    storage = private_storage()
    secret = b"\xff\xd8\xff\xe0 a skin photo with GPS 48.8583 N"

    name = storage.save("photos/ab/test.jpg", ContentFile(secret))

    on_disk = (private_media / name).read_bytes()
    assert b"48.8583" not in on_disk and not on_disk.startswith(b"\xff\xd8")
    assert storage.read_bytes(name) == secret
    size, pieces = storage.open_plaintext(name)
    assert size == len(secret) and b"".join(pieces) == secret
    assert oct((private_media / name).stat().st_mode & 0o777) == "0o600"
    with pytest.raises(NotImplementedError):
        storage.url(name)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda blob: blob[:-1],  # cut short
        lambda blob: blob[:40] + bytes([blob[40] ^ 1]) + blob[41:],  # one bit flipped
        lambda blob: blob + b"extra",  # something appended
        lambda blob: b"JPEG" + blob[4:],  # not our format
    ],
)
def test_a_tampered_file_is_refused(tamper):
    blob = encrypt_bytes(b"x" * (CHUNK_SIZE + 10))

    with pytest.raises(MediaDecryptionError):
        decrypt_bytes(tamper(blob))


def test_chunks_cannot_be_swapped_between_files():
    first = encrypt_bytes(b"a" * 10)
    second = encrypt_bytes(b"b" * 10)
    spliced = first[:20] + second[20:]  # first's header and id, second's chunk

    with pytest.raises(MediaDecryptionError):
        decrypt_bytes(spliced)


def test_a_wrong_key_cannot_read(settings):
    blob = encrypt_bytes(b"private")
    settings.MEDIA_ENCRYPTION_KEY = Fernet.generate_key().decode()

    with pytest.raises(MediaDecryptionError):
        decrypt_bytes(blob)


def test_rotation_rewrites_every_file_under_the_new_key(settings, private_media):
    old_key = settings.MEDIA_ENCRYPTION_KEY
    storage = private_storage()
    names = [
        storage.save(f"photos/aa/{n}.jpg", ContentFile(f"photo {n}".encode())) for n in range(3)
    ]
    new_key = Fernet.generate_key().decode()

    settings.MEDIA_ENCRYPTION_KEY = f"{new_key},{old_key}"
    call_command("media_rotate_key", stdout=io.StringIO())
    settings.MEDIA_ENCRYPTION_KEY = new_key

    assert [storage.read_bytes(name) for name in names] == [b"photo 0", b"photo 1", b"photo 2"]


def test_without_a_key_there_is_a_dev_key_only_when_allowed(settings, tmp_path):
    settings.MEDIA_ENCRYPTION_KEY = ""
    settings.MEDIA_ENCRYPTION_DEV_KEY_FILE = ""
    with pytest.raises(ImproperlyConfigured):
        crypto.media_fernet()

    settings.MEDIA_ENCRYPTION_DEV_KEY_FILE = str(tmp_path / "dev.key")
    first = crypto.configured_keys()
    second = crypto.configured_keys()

    assert first == second and len(first) == 1
    assert oct((tmp_path / "dev.key").stat().st_mode & 0o777) == "0o600"


def test_a_malformed_key_is_a_configuration_error(settings):
    settings.MEDIA_ENCRYPTION_KEY = "not-a-fernet-key"

    with pytest.raises(ImproperlyConfigured):
        crypto.media_fernet()
