"""The encrypted S3 storage against a real S3 API server (moto's, over HTTP on loopback).

Each test looks at the bucket from outside, through the S3 API itself: what is really kept
there, not what the storage says it keeps.
"""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.management import call_command

from metskin.uploads.crypto import CHUNK_SIZE, MAGIC, MediaDecryptionError, decrypt_bytes
from metskin.uploads.storage import private_storage
from metskin.uploads.storage_s3 import CIPHERTEXT_CONTENT_TYPE, EncryptedS3Storage

SECRET = b"\xff\xd8\xff\xe0 a skin photo with GPS 48.8583 N"


def test_the_bucket_holds_only_ciphertext(s3_media, private_media):
    storage = private_storage()
    assert isinstance(storage, EncryptedS3Storage)

    name = storage.save("photos/ab/test.jpg", ContentFile(SECRET))

    assert name == "photos/ab/test.jpg"
    assert s3_media.listed_keys() == ["private/photos/ab/test.jpg"]
    stored = s3_media.object_bytes(name)
    assert stored.startswith(MAGIC)
    assert b"48.8583" not in stored and b"\xff\xd8\xff" not in stored
    # Not labelled as a photo: it is not one, for anyone browsing the bucket.
    assert s3_media.content_type(name) == CIPHERTEXT_CONTENT_TYPE
    assert decrypt_bytes(stored) == SECRET
    assert storage.read_bytes(name) == SECRET
    size, pieces = storage.open_plaintext(name)
    assert (size, b"".join(pieces)) == (len(SECRET), SECRET)
    # Nothing was written to the local disk on the way.
    assert list(private_media.rglob("*")) == []
    with pytest.raises(NotImplementedError):
        storage.url(name)


def test_a_file_of_several_chunks_larger_than_the_memory_buffer_reads_back(s3_media):
    # Over 8 MiB: read back through a temporary file, not memory (max_memory_size).
    data = bytes(range(256)) * ((2 * CHUNK_SIZE + 7) // 256) + b"tail"
    storage = private_storage()

    name = storage.save("videos/cd/clip.webm", ContentFile(data))

    assert len(s3_media.object_bytes(name)) > len(data)
    size, pieces = storage.open_plaintext(name)
    assert size == len(data) and b"".join(pieces) == data
    assert b"".join(storage.iter_plaintext(name)) == data


def test_a_name_that_is_taken_is_never_overwritten(s3_media):
    storage = private_storage()

    first = storage.save("photos/ab/same.jpg", ContentFile(b"first"))
    second = storage.save("photos/ab/same.jpg", ContentFile(b"second"))

    assert first != second
    assert (storage.read_bytes(first), storage.read_bytes(second)) == (b"first", b"second")
    assert len(s3_media.listed_keys()) == 2


def test_rotation_rewrites_every_object_under_the_new_key(s3_media, settings):
    # Given three files in shard folders and one object outside the storage's location
    old_key = settings.MEDIA_ENCRYPTION_KEY
    storage = private_storage()
    names = [
        storage.save(f"photos/{shard}/{n}.jpg", ContentFile(f"photo {n}".encode()))
        for n, shard in enumerate(["aa", "aa", "bb"])
    ]
    s3_media.server.client().put_object(Bucket=s3_media.name, Key="elsewhere/x", Body=b"x")
    before = {name: s3_media.object_bytes(name) for name in names}
    new_key = Fernet.generate_key().decode()

    # When the new key is put first and the command runs
    settings.MEDIA_ENCRYPTION_KEY = f"{new_key},{old_key}"
    out = io.StringIO()
    call_command("media_rotate_key", stdout=out)
    settings.MEDIA_ENCRYPTION_KEY = new_key

    # Then each object was rewritten in place, readable with the new key alone
    assert "Re-encrypted 3 files." in out.getvalue()
    assert s3_media.listed_keys() == sorted(["elsewhere/x", *(f"private/{name}" for name in names)])
    assert [storage.read_bytes(name) for name in names] == [b"photo 0", b"photo 1", b"photo 2"]
    for name in names:
        assert s3_media.object_bytes(name) != before[name]
    # and the old key alone no longer opens any of them
    settings.MEDIA_ENCRYPTION_KEY = old_key
    for name in names:
        with pytest.raises(MediaDecryptionError):
            storage.read_bytes(name)


def test_a_deleted_file_is_gone_from_the_bucket(s3_media):
    storage = private_storage()
    kept = storage.save("photos/aa/kept.jpg", ContentFile(b"kept"))
    gone = storage.save("photos/aa/gone.jpg", ContentFile(b"gone"))

    storage.delete(gone)

    assert s3_media.listed_keys() == [f"private/{kept}"]
    assert storage.exists(kept) and not storage.exists(gone)
    storage.delete(gone)  # deleting again is not an error (a retried cleanup)


@pytest.mark.django_db
def test_healthz_names_the_media_bucket_while_it_answers_and_503_when_it_is_gone(s3_media, client):
    healthy = client.get("/healthz")

    assert healthy.status_code == 200
    assert healthy.json() == {"database": "ok", "cache": "ok", "broker": "ok", "media": "ok"}

    # When the bucket goes away (deleted, or the credentials lose their access)
    s3_media.server.client().delete_bucket(Bucket=s3_media.name)
    down = client.get("/healthz")

    # Then the public probe says which part is down, without naming the bucket or its address
    assert down.status_code == 503
    assert down.json()["media"] == "error: the bucket cannot be opened (HTTP 404)"
    assert s3_media.name not in down.content.decode()
    assert s3_media.server.endpoint_url not in down.content.decode()


@pytest.mark.django_db
def test_healthz_says_the_s3_endpoint_does_not_answer(s3_media, settings, client):
    options = {**settings.UPLOADS_STORAGE["OPTIONS"], "endpoint_url": "http://127.0.0.1:1"}
    settings.STORAGES = {
        **settings.STORAGES,
        "uploads": {**settings.UPLOADS_STORAGE, "OPTIONS": options},
    }

    down = client.get("/healthz")

    assert down.status_code == 503
    assert down.json()["media"] == "error: the S3 endpoint does not answer"
