"""Media on S3 end to end, over real HTTP to an S3 API server (moto's, on loopback).

A photo is uploaded through the API, kept encrypted in the bucket, analysed by a real Celery
worker, served through signed links, re-encrypted under a new key, and deleted: the bucket is
listed through the S3 API after each step.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from metskin.analysis.models import Analysis
from metskin.uploads.crypto import MAGIC
from metskin.uploads.models import Upload
from metskin.uploads.storage import private_storage
from metskin.uploads.storage_s3 import CIPHERTEXT_CONTENT_TYPE
from metskin.uploads.tests import media
from tests.integration.test_analysis_worker import wait_until_finished

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def upload_photo(client: Any, photo: bytes) -> dict[str, Any]:
    created = client.post(
        "/api/v1/uploads/",
        {"file": SimpleUploadedFile("face.jpg", photo, content_type="image/jpeg")},
        format="multipart",
    )
    assert created.status_code == 201, created.content
    body: dict[str, Any] = created.json()
    return body


def fetch(client: Any, url: str, **headers: str) -> tuple[int, bytes]:
    response = client.get(url, **headers)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, content


def keys_of(analysis: Analysis) -> list[str]:
    """The bucket keys of an analysis' photo, thumbnail and overlay."""
    names = [*analysis.upload.stored_names(), *analysis.stored_names()]
    return sorted(f"private/{name}" for name in names)


def test_a_photo_on_s3_is_encrypted_analysed_served_rotated_and_deleted(
    celery_worker, patient_client, s3_media, private_media, settings
):
    # Given a phone photo with its maker and GPS position in the EXIF
    photo = media.jpeg(media.astronaut(), exif=media.exif_with_gps())

    # When it is uploaded
    body = upload_photo(patient_client, photo)

    # Then the bucket holds its photo and thumbnail, both ciphertext, and the disk nothing
    upload = Upload.objects.get(pk=body["id"])
    assert s3_media.listed_keys() == sorted(f"private/{name}" for name in upload.stored_names())
    for name in upload.stored_names():
        stored = s3_media.object_bytes(name)
        assert stored.startswith(MAGIC)
        assert b"\xff\xd8\xff" not in stored and b"PhoneMaker" not in stored
        assert s3_media.content_type(name) == CIPHERTEXT_CONTENT_TYPE
    assert list(private_media.rglob("*")) == []

    # When the worker has analysed it
    analysis = wait_until_finished(body["analysis"]["id"])

    # Then its overlay is in the bucket too, encrypted
    assert analysis.status == "done", analysis.error_message
    assert s3_media.listed_keys() == keys_of(analysis)
    assert s3_media.object_bytes(analysis.overlay_name).startswith(MAGIC)

    # And the signed links serve the photo (whole and a byte range) and the overlay
    detail = patient_client.get(f"/api/v1/analyses/{analysis.pk}/").json()
    status, served = fetch(patient_client, detail["media_url"])
    assert status == 200
    assert served == private_storage().read_bytes(upload.file_name)
    assert Image.open(io.BytesIO(served)).size == (512, 512)
    assert b"PhoneMaker" not in served
    assert fetch(patient_client, detail["media_url"], HTTP_RANGE="bytes=0-99") == (
        206,
        served[:100],
    )
    status, overlay = fetch(patient_client, detail["overlay_url"])
    assert status == 200 and Image.open(io.BytesIO(overlay)).format == "JPEG"
    before_rotation = {
        key: s3_media.server.object_bytes(s3_media.name, key) for key in s3_media.listed_keys()
    }

    # When the media key is rotated (new key first, the command, then the old key dropped)
    old_key = settings.MEDIA_ENCRYPTION_KEY
    new_key = Fernet.generate_key().decode()
    settings.MEDIA_ENCRYPTION_KEY = f"{new_key},{old_key}"
    call_command("media_rotate_key", stdout=io.StringIO())
    settings.MEDIA_ENCRYPTION_KEY = new_key

    # Then every object was rewritten in place and fresh links serve the same pictures
    assert s3_media.listed_keys() == sorted(before_rotation)
    for key, stored in before_rotation.items():
        assert s3_media.server.object_bytes(s3_media.name, key) != stored
    detail = patient_client.get(f"/api/v1/analyses/{analysis.pk}/").json()
    assert fetch(patient_client, detail["media_url"]) == (200, served)
    assert fetch(patient_client, detail["overlay_url"]) == (200, overlay)

    # When the person deletes the analysis
    response = patient_client.delete(f"/api/v1/analyses/{analysis.pk}/")

    # Then nothing of it is left in the bucket, and its old links find nothing
    assert response.status_code == 204
    assert s3_media.listed_keys() == []
    assert fetch(patient_client, detail["media_url"])[0] == 404


def test_listing_the_bucket_after_a_deletion_finds_nothing_of_the_deleted_upload(
    celery_worker, patient_client, s3_media
):
    # Given two analysed photos of one person
    first = upload_photo(patient_client, media.jpeg(media.astronaut((400, 400))))
    second = upload_photo(patient_client, media.jpeg(media.astronaut((300, 300))))
    deleted = wait_until_finished(first["analysis"]["id"])
    kept = wait_until_finished(second["analysis"]["id"])
    assert (deleted.status, kept.status) == ("done", "done")
    deleted_keys = keys_of(deleted)
    assert len(deleted_keys) == 3  # photo, thumbnail, overlay
    assert s3_media.listed_keys() == sorted(deleted_keys + keys_of(kept))

    # When the first is deleted
    assert patient_client.delete(f"/api/v1/analyses/{deleted.pk}/").status_code == 204

    # Then a listing of the whole bucket holds exactly the other one's files
    listed = s3_media.listed_keys()
    assert listed == keys_of(kept)
    assert not set(listed) & set(deleted_keys)


def test_a_video_on_s3_is_re_encoded_by_the_worker_and_its_raw_upload_removed(
    celery_worker, patient_client, s3_media
):
    # Given a phone video that carries a GPS position in a user-data box
    raw = media.with_location_box(media.video(2))
    created = patient_client.post(
        "/api/v1/uploads/",
        {"file": SimpleUploadedFile("clip.mp4", raw, content_type="video/mp4")},
        format="multipart",
    )
    assert created.status_code == 201, created.content
    upload = Upload.objects.get(pk=created.json()["id"])
    raw_key = f"private/{upload.file_name}"
    # The raw video waits in the bucket, encrypted, for the worker
    assert s3_media.listed_keys() == [raw_key]
    assert upload.file_name.startswith("incoming/")
    stored_raw = s3_media.object_bytes(upload.file_name)
    assert stored_raw.startswith(MAGIC) and b"+48.8583" not in stored_raw

    # When the worker has analysed it
    analysis = wait_until_finished(created.json()["analysis"]["id"], timeout=120)

    # Then the bucket holds the clean WebM, its thumbnail and the overlay, and not the raw file
    assert analysis.status == "done", analysis.error_message
    assert analysis.result["media_type"] == "video"
    assert s3_media.listed_keys() == keys_of(analysis)
    assert raw_key not in s3_media.listed_keys()
    # and the clean video is served, in ranges as a video player asks for it
    detail = patient_client.get(f"/api/v1/analyses/{analysis.pk}/").json()
    status, clean = fetch(patient_client, detail["media_url"])
    assert status == 200
    assert clean.startswith(b"\x1a\x45\xdf\xa3")  # WebM
    assert b"+48.8583" not in clean
    assert fetch(patient_client, detail["media_url"], HTTP_RANGE=f"bytes={len(clean) - 10}-") == (
        206,
        clean[-10:],
    )
