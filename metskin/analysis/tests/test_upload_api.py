"""POST /api/v1/uploads/: what is accepted, what is refused, and that nothing is half-stored."""

from __future__ import annotations

import io
import re
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

import skinlab
from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.models import Analysis
from metskin.analysis.services import analysis_execute
from metskin.uploads.models import Upload
from metskin.uploads.storage import private_storage
from metskin.uploads.tests import media
from tests.security.report import hostile_file_record

pytestmark = pytest.mark.django_db

URL = "/api/v1/uploads/"


def post(client, data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return client.post(
        URL, {"file": SimpleUploadedFile(name, data, content_type=content_type)}, format="multipart"
    )


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def assert_nothing_stored(root: Path) -> None:
    assert Upload.objects.count() == 0
    assert Analysis.objects.count() == 0
    assert stored_files(root) == []


def test_a_photo_is_accepted_and_queued_for_analysis(
    patient, patient_client, private_media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = post(patient_client, media.jpeg())

    assert response.status_code == 201
    body = response.json()
    upload = Upload.objects.get()
    analysis = Analysis.objects.get()
    assert body == {
        "id": str(upload.id),
        "kind": "photo",
        "format": "jpeg",
        "analysis": {"id": str(analysis.id), "status": "pending"},
    }
    assert (upload.owner, analysis.owner, analysis.upload) == (patient, patient, upload)
    assert (upload.width, upload.height, upload.content_type) == (512, 512, "image/jpeg")
    assert len(callbacks) == 1  # the task is queued once the rows are committed
    # Two files (the photo and its thumbnail), both encrypted at rest.
    files = stored_files(private_media)
    assert len(files) == 2
    for path in files:
        raw = path.read_bytes()
        assert raw.startswith(b"MSF1")
        assert b"\xff\xd8\xff" not in raw[:64]


def test_photo_metadata_is_stripped_and_orientation_applied(patient_client):
    # A portrait photo stored sideways, as phones do: EXIF orientation 6 = rotate 90° CW.
    sideways = media.astronaut((400, 300))
    data = media.jpeg(sideways, exif=media.exif_with_gps(orientation=6))
    assert b"PhoneMaker" in data

    response = post(patient_client, data)

    assert response.status_code == 201
    upload = Upload.objects.get()
    stored = private_storage().read_bytes(upload.file_name)
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert image.size == (300, 400)  # turned upright
    assert (upload.width, upload.height) == (300, 400)
    assert dict(image.getexif()) == {}
    assert image.info.get("icc_profile") is None
    assert "exif" not in image.info and "comment" not in image.info
    assert b"PhoneMaker" not in stored and b"Exif" not in stored


def test_a_png_named_jpg_is_accepted_as_a_png(patient_client):
    response = post(patient_client, media.png(), name="selfie.jpg", content_type="image/jpeg")

    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["format"]) == ("photo", "png")
    upload = Upload.objects.get()
    assert (upload.source_format, upload.content_type) == ("png", "image/jpeg")


@pytest.mark.parametrize(
    ("make", "source_format"),
    [(media.webp, "webp"), (media.heic, "heic")],
)
def test_webp_and_heic_photos_are_accepted(patient_client, make, source_format):
    response = post(
        patient_client, make(), name="photo.bin", content_type="application/octet-stream"
    )

    assert response.status_code == 201
    assert response.json()["format"] == source_format
    stored = private_storage().read_bytes(Upload.objects.get().file_name)
    assert Image.open(io.BytesIO(stored)).format == "JPEG"


def test_heic_metadata_is_stripped(patient_client):
    data = media.heic(media.astronaut((200, 160)), exif=media.exif_with_gps())
    assert b"PhoneMaker" in data

    response = post(patient_client, data, name="IMG_0001.HEIC", content_type="image/heic")

    assert response.status_code == 201
    stored = private_storage().read_bytes(Upload.objects.get().file_name)
    assert b"PhoneMaker" not in stored
    assert dict(Image.open(io.BytesIO(stored)).getexif()) == {}


@pytest.mark.parametrize(
    ("case", "data", "name", "status", "code"),
    [
        ("empty", b"", "empty.jpg", 400, "empty_file"),
        ("truncated jpeg", media.jpeg()[:6000], "cut.jpg", 400, "corrupt_media"),
        ("svg with a script", media.svg_with_script(), "image.svg", 415, "unsupported_media"),
        ("svg named jpg", media.svg_with_script(), "image.jpg", 415, "unsupported_media"),
        ("zip", media.zip_archive(), "photos.zip", 415, "unsupported_media"),
        ("text", b"hello, I am not a photo", "photo.jpg", 415, "unsupported_media"),
        ("gif", b"GIF89a" + b"\x00" * 64, "anim.gif", 415, "unsupported_media"),
        ("decompression bomb", media.png_bomb(), "bomb.png", 413, "image_too_large"),
        ("huge bomb", media.png_bomb(20_000, 20_000), "bomb.png", 413, "image_too_large"),
        ("jpeg + zip polyglot", media.jpeg_zip_polyglot(), "poly.jpg", 400, "suspicious_content"),
        ("jpeg + html", media.jpeg_script_polyglot(), "poly.jpg", 400, "suspicious_content"),
        ("png + html", media.png_html_polyglot(), "poly.png", 400, "suspicious_content"),
        ("truncated video", media.video(2)[:3000], "clip.mp4", 400, "corrupt_media"),
        # Videos and modern images (issue 11 §2): each refused in the web process.
        ("truncated webm", media.webm_truncated(), "cut.webm", 400, "corrupt_media"),
        ("mp4 + html", media.mp4_html_polyglot(), "clip.mp4", 400, "suspicious_content"),
        ("huge-dimension video", media.webm_huge(), "wide.webm", 413, "image_too_large"),
        ("webp bomb", media.webp_bomb(), "bomb.webp", 413, "image_too_large"),
        ("heic bomb", media.heic_bomb(), "bomb.heic", 413, "image_too_large"),
    ],
)
def test_bad_input_gets_a_clear_4xx_and_nothing_is_stored(
    patient_client, private_media, case, data, name, status, code
):
    response = post(patient_client, data, name=name, content_type="application/octet-stream")
    hostile_file_record(case, response.status_code, stored=len(stored_files(private_media)))

    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert len(error["message"]) > 30  # a sentence a person can act on
    assert_nothing_stored(private_media)


def test_a_photo_over_20_mb_is_refused(patient_client, private_media, settings):
    settings.UPLOAD_PHOTO_MAX_BYTES = 50_000

    response = post(patient_client, media.jpeg(quality=95))

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "file_too_large"
    assert response.json()["error"]["message"].startswith("This photo is larger than 49 KB.")
    assert_nothing_stored(private_media)


def test_a_101_mb_video_is_refused_without_being_read(patient_client, private_media):
    head = media.video(1)[:64]
    data = head + bytes(101 * 1024 * 1024 - len(head))

    response = post(patient_client, data, name="long.mp4", content_type="video/mp4")

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "file_too_large"
    assert "100 MB" in response.json()["error"]["message"]
    assert_nothing_stored(private_media)


def test_a_video_over_60_seconds_is_refused(patient_client, private_media):
    response = post(patient_client, media.video(61, fps=2, size=(160, 120)), name="long.mp4")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "video_too_long"
    assert "61 seconds" in error["message"]
    assert_nothing_stored(private_media)


def test_a_video_is_accepted_and_kept_encrypted_until_cleaned(patient_client, private_media):
    data = media.with_location_box(media.video(2))

    response = post(patient_client, data, name="clip.mov", content_type="video/quicktime")

    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["format"]) == ("video", "mp4")
    upload = Upload.objects.get()
    assert upload.sanitized is False
    assert upload.duration_s == pytest.approx(2.0, abs=0.2)
    raw = (private_media / upload.file_name).read_bytes()
    assert b"+48.8583" not in raw  # encrypted at rest
    assert private_storage().read_bytes(upload.file_name) == data


def test_a_video_without_a_face_is_accepted(patient_client):
    response = post(patient_client, media.video(2, face=False), name="wall.mp4")

    assert response.status_code == 201
    assert response.json()["kind"] == "video"


def test_the_quota_is_enforced(patient, patient_client, private_media, settings):
    settings.UPLOAD_QUOTA_FILES = 1
    assert post(patient_client, media.jpeg(media.astronaut((64, 64)))).status_code == 201
    files_before = stored_files(private_media)

    response = post(patient_client, media.jpeg(media.astronaut((64, 64))))

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "quota_exceeded"
    assert Upload.objects.filter(owner=patient).count() == 1
    assert stored_files(private_media) == files_before
    # Another person has a quota of their own.
    other = UserFactory()
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(other)
    assert post(client, media.jpeg(media.astronaut((64, 64)))).status_code == 201


def test_a_missing_file_field_is_a_400(patient_client):
    response = patient_client.post(URL, {"photo": "nothing"}, format="multipart")

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["file"] == ["No file was submitted."]


def test_uploading_needs_a_signed_in_person(api_client, private_media):
    response = post(api_client, media.jpeg())

    assert response.status_code == 401
    assert_nothing_stored(private_media)


def test_the_session_needs_the_csrf_token(patient, private_media):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(patient)

    response = post(client, media.jpeg())

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed" or "CSRF" in str(response.json())
    assert_nothing_stored(private_media)


# --- stored names, the byte quota, real MOV and WebM, recovery after bad input -------------

STORED_NAME = re.compile(r"^(photos|thumbnails|incoming)/[0-9a-f]{2}/[0-9a-f]{32}\.[a-z0-9]+$")


def test_stored_names_are_random_uuids_never_the_clients_file_name(patient_client, private_media):
    client_names = ["Ada Lovelace selfie GPS.jpg", "../../etc/passwd.mov"]

    photo = post(patient_client, media.jpeg(), name=client_names[0])
    video = post(patient_client, media.mov(), name=client_names[1], content_type="video/quicktime")

    assert (photo.status_code, video.status_code) == (201, 201)
    names = [
        name
        for upload in Upload.objects.order_by("created_at")
        for name in (upload.file_name, upload.thumbnail_name)
        if name
    ]
    assert len(names) == 3  # photo, its thumbnail, the (not yet cleaned) video
    for name in names:
        assert STORED_NAME.match(name), name
        assert Path(name).stem == uuid.UUID(Path(name).stem).hex
    on_disk = [path.relative_to(private_media).as_posix() for path in stored_files(private_media)]
    assert sorted(on_disk) == sorted(names)
    for fragment in ("Ada", "Lovelace", "selfie", "GPS", "..", "etc", "passwd"):
        assert all(fragment not in name for name in on_disk)
    # The media link downloads under a name of ours too.
    link = patient_client.get(f"/api/v1/analyses/{photo.json()['analysis']['id']}/").json()
    served = patient_client.get(link["media_url"])
    assert "Ada" not in served["Content-Disposition"]
    assert served["Content-Disposition"].startswith('inline; filename="metskin-')


def test_the_byte_quota_refuses_with_a_clear_403_and_stores_nothing(
    patient, patient_client, private_media, settings
):
    # Given a person whose stored photos nearly fill their byte quota
    assert post(patient_client, media.jpeg(media.astronaut((128, 128)))).status_code == 201
    first = Upload.objects.get()
    settings.UPLOAD_QUOTA_BYTES = first.size_bytes + 1000
    files_before = stored_files(private_media)

    # When they upload another photo that does not fit
    response = post(patient_client, media.jpeg(media.astronaut((128, 128))))

    # Then it is refused with what to do, and nothing of it is stored
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "quota_exceeded"
    assert error["message"].startswith("You have reached your storage limit (300 photos and")
    assert "Delete old analyses in your history to make room." in error["message"]
    assert list(Upload.objects.values_list("id", flat=True)) == [first.id]
    assert Analysis.objects.count() == 1
    assert stored_files(private_media) == files_before


def test_a_single_file_over_the_byte_quota_stores_nothing(patient_client, private_media, settings):
    settings.UPLOAD_QUOTA_BYTES = 1000

    response = post(patient_client, media.jpeg(media.astronaut((128, 128))))

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "quota_exceeded"
    assert_nothing_stored(private_media)


@pytest.mark.parametrize(
    ("make", "source_format", "content_type"),
    [(media.mov, "mov", "video/quicktime"), (media.webm, "webm", "video/webm")],
)
def test_a_real_mov_and_webm_are_accepted_and_analysed_as_their_own_format(
    patient_client, private_media, make, source_format, content_type
):
    data = make()
    assert skinlab.sniff_media_type(data) == source_format  # really that container

    # Named .bin: the format comes from the content
    response = post(patient_client, data, name="clip.bin", content_type="application/octet-stream")

    assert response.status_code == 201, response.content
    assert (response.json()["kind"], response.json()["format"]) == ("video", source_format)
    upload = Upload.objects.get()
    assert (upload.source_format, upload.content_type) == (source_format, content_type)
    assert upload.duration_s == pytest.approx(2.0, abs=0.2)
    assert (upload.width, upload.height) == (320, 240)

    outcome = analysis_execute(analysis_id=response.json()["analysis"]["id"])

    analysis = Analysis.objects.select_related("upload").get()
    assert outcome.state == "done", analysis.error_message
    assert (analysis.result["media_type"], analysis.result["source_format"]) == (
        "video",
        source_format,
    )
    assert analysis.result["video"]["frames_used"] > 0
    assert analysis.upload.sanitized is True
    assert analysis.upload.content_type == "video/webm"  # re-encoded without metadata


def test_after_bad_uploads_the_server_still_accepts_a_good_one(patient_client, private_media):
    bad = [
        (media.jpeg()[:6000], "cut.jpg"),
        (media.png_bomb(), "bomb.png"),
        (media.jpeg_zip_polyglot(), "poly.jpg"),
        (media.zip_archive(), "photos.zip"),
        (b"", "empty.jpg"),
        (media.video(2)[:3000], "clip.mp4"),
    ]
    for data, name in bad:
        assert 400 <= post(patient_client, data, name=name).status_code < 500
    assert_nothing_stored(private_media)

    response = post(patient_client, media.jpeg(), name="good.jpg")

    assert response.status_code == 201
    assert Upload.objects.count() == 1
    assert Analysis.objects.get().status == "pending"
    assert len(stored_files(private_media)) == 2  # the photo and its thumbnail
