"""GET /api/v1/media/<token>/ when the stored file cannot be decrypted: a clear error, no 500."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile

from metskin.accounts.tests.factories import UserFactory
from metskin.uploads.crypto import CHUNK_SIZE, MediaDecryptionError
from metskin.uploads.models import Upload
from metskin.uploads.services import media_name
from metskin.uploads.signing import media_url
from metskin.uploads.storage import private_storage
from metskin.uploads.tests import media

pytestmark = pytest.mark.django_db

PHOTO = media.jpeg(media.astronaut((64, 64)))


def _store(data: bytes, owner) -> str:
    """A stored file and the Upload row that makes ``owner`` allowed to read it."""
    name = private_storage().save(media_name("photos", "jpg"), ContentFile(data))
    Upload.objects.create(
        owner=owner, kind="photo", source_format="jpeg", file_name=name,
        content_type="image/jpeg", size_bytes=len(data), uploaded_bytes=len(data),
        width=64, height=64,
    )  # fmt: skip
    return name


def _link(name: str, viewer) -> str:
    return media_url(
        file_name=name, content_type="image/jpeg", viewer=viewer, download_name="photo.jpg"
    )


def _damage(path: Path, change: Callable[[bytes], bytes]) -> None:
    path.write_bytes(change(path.read_bytes()))


def _flip(offset: int) -> Callable[[bytes], bytes]:
    return lambda blob: blob[:offset] + bytes([blob[offset] ^ 1]) + blob[offset + 1 :]


def assert_unreadable_answer(response) -> None:
    assert response.status_code == 410
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "media_unreadable"
    assert error["message"].startswith("This file can no longer be read")


def test_a_readable_file_is_served(patient, patient_client):
    name = _store(PHOTO, patient)

    response = patient_client.get(_link(name, patient))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PHOTO


@pytest.mark.parametrize(
    "change",
    [_flip(40), lambda blob: blob[:-1], lambda blob: blob[:30]],
    ids=["a bit flipped", "cut short", "only the header left"],
)
def test_a_damaged_file_answers_410_with_a_message_and_is_logged(
    patient, patient_client, private_media, caplog, change
):
    name = _store(PHOTO, patient)
    _damage(private_media / name, change)

    with caplog.at_level(logging.ERROR, logger="metskin.uploads"):
        response = patient_client.get(_link(name, patient))

    assert_unreadable_answer(response)
    assert f"Stored media {name} could not be decrypted" in caplog.text


def test_a_file_encrypted_with_another_key_answers_410(patient, patient_client, settings, caplog):
    # Given a file written through the real storage under a key the server no longer has
    current = settings.MEDIA_ENCRYPTION_KEY
    settings.MEDIA_ENCRYPTION_KEY = Fernet.generate_key().decode("ascii")
    name = _store(PHOTO, patient)
    settings.MEDIA_ENCRYPTION_KEY = current

    with caplog.at_level(logging.ERROR, logger="metskin.uploads"):
        response = patient_client.get(_link(name, patient))

    assert_unreadable_answer(response)
    assert "the media key does not open this file" in caplog.text


def test_a_large_file_damaged_in_its_first_chunk_answers_410_before_streaming(
    patient, patient_client, private_media
):
    # Only the last chunk is read to learn the size, so the first is checked before answering.
    name = _store(os.urandom(CHUNK_SIZE + 1000), patient)
    _damage(private_media / name, _flip(100))

    response = patient_client.get(_link(name, patient))

    assert_unreadable_answer(response)


def test_damage_found_mid_stream_is_logged_and_breaks_the_stream(
    patient, patient_client, private_media, caplog
):
    # The answer has started (200, Content-Length) when the second chunk fails: the stream
    # must fail loudly, so the server drops the connection instead of a silently short file.
    name = _store(os.urandom(2 * CHUNK_SIZE + 1000), patient)
    second_chunk = 4 + 16 + 4 + (CHUNK_SIZE + 200)  # well inside the second token
    _damage(private_media / name, _flip(second_chunk))

    response = patient_client.get(_link(name, patient))

    assert response.status_code == 200
    with (
        caplog.at_level(logging.ERROR, logger="metskin.uploads"),
        pytest.raises(MediaDecryptionError),
    ):
        b"".join(response.streaming_content)
    assert f"Stored media {name} could not be decrypted" in caplog.text


def test_a_link_stops_working_once_its_file_is_no_longer_the_viewers(patient, patient_client):
    # Given a link minted for the owner of a photo
    name = _store(PHOTO, patient)
    link = _link(name, patient)
    assert patient_client.get(link).status_code == 200

    # When the photo's row goes (deleted, or never theirs), the young link is refused
    Upload.objects.filter(file_name=name).update(owner=UserFactory())

    assert patient_client.get(link).status_code == 404
