"""POST /api/v1/me/export/: a Celery worker builds one zip of everything, streamed file by
file; the owner downloads it once through a signed link that expires."""

from __future__ import annotations

import io
import json
import re
import time
import tracemalloc
import zipfile
from datetime import timedelta

import numpy as np
import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from metskin.accounts.models import User
from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.models import Analysis
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.appointments.tests.helpers import (
    NOW,
    book,
    doctor_user_with_device,
    doctor_with_hours,
    verified_client,
)
from metskin.privacy.export import data_export_build
from metskin.privacy.models import DataExport, ExportStatus
from metskin.uploads.models import Upload
from metskin.uploads.storage import private_storage
from metskin.uploads.tests import media
from metskin.uploads.tests.factories import UploadFactory

EXPORT = "/api/v1/me/export/"


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _noisy_jpeg(seed: int, side: int = 256) -> bytes:
    pixels = np.random.default_rng(seed).integers(0, 255, (side, side, 3), dtype=np.uint8)
    return media.jpeg(Image.fromarray(pixels), quality=95)


def _wait_ready(client: APIClient, timeout: float = 180) -> dict:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        body = client.get(EXPORT).json()
        seen.append(body["progress"])
        if body["status"] in ("ready", "failed"):
            body["seen_progress"] = seen
            return body
        time.sleep(0.2)
    raise AssertionError(f"export not ready after {timeout}s: {body}")


@pytest.mark.django_db(transaction=True)
def test_a_worker_exports_50_photos_and_a_video_which_download_once(celery_worker):
    patient = UserFactory(email="export@example.com", display_name="Ada")
    for n in range(50):
        # one overlay as stored today (JPEG), one as stored before skinlab 0.5.2 (PNG)
        AnalysisFactory(owner=patient, overlay=(n < 2), overlay_format="png" if n else "jpg")
    video = UploadFactory(owner=patient, data=media.video(2), name="clip.mp4")
    someone_else = AnalysisFactory()
    storage = private_storage()
    originals = {
        f"media/{u.pk}.{u.source_format}": storage.read_bytes(u.file_name)
        for u in Upload.objects.filter(owner=patient)
    }
    assert len(originals) == 51
    client = _client(patient)
    assert client.get(EXPORT).status_code == 404

    started = client.post(EXPORT)
    again = client.post(EXPORT)  # while one is being built, it is the same one

    assert started.status_code == 202
    assert started.json()["status"] in ("pending", "running")
    assert again.json()["id"] == started.json()["id"]
    done = _wait_ready(client)
    assert done["status"] == "ready", done
    assert done["progress"] == 100
    assert done["download_url"].startswith("/api/v1/me/export/download/")
    # Nobody else can use the link, even signed in.
    assert _client(someone_else.owner).get(done["download_url"]).status_code == 404

    response = client.get(done["download_url"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert len(data) == int(response["Content-Length"]) == done["size_bytes"]
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    for path, content in originals.items():
        assert archive.read(path) == content, path
    assert f"media/{video.pk}.mp4" in names
    overlaid = Analysis.objects.filter(owner=patient).exclude(overlay_name="")
    assert sorted(a.overlay_name.rsplit(".")[-1] for a in overlaid) == ["jpg", "png"]
    for a in overlaid:
        extension = a.overlay_name.rsplit(".")[-1]
        assert archive.read(f"overlays/{a.pk}.{extension}") == storage.read_bytes(a.overlay_name)
    account = json.loads(archive.read("account.json"))
    assert account["account"]["email"] == "export@example.com"
    assert account["profile"]["display_name"] == "Ada"
    assert "skin_type" in account["skin_profile"]
    analyses = json.loads(archive.read("analyses.json"))
    assert len(analyses) == 50
    assert all(a["result"]["schema_version"] for a in analyses)
    consents = json.loads(archive.read("consents.json"))
    assert {c["kind"] for c in consents} == {"terms", "health_data"}
    for name in ("appointments.json", "access_log.json", "waitlist.json", "README.txt"):
        assert name in names
    assert not any(str(someone_else.pk) in name for name in names)

    # Once only.
    second = client.get(done["download_url"])
    assert second.status_code == 410
    assert second.json()["error"]["code"] == "link_used"


@pytest.mark.django_db
def test_the_link_expires(settings):
    settings.DATA_EXPORT_LINK_HOURS = 2
    patient = UserFactory()
    AnalysisFactory(owner=patient)
    export = DataExport.objects.create(user=patient)
    data_export_build(export_id=str(export.pk))
    client = _client(patient)
    url = client.get(EXPORT).json()["download_url"]

    with time_machine.travel(timezone.now() + timedelta(hours=2, minutes=1)):
        late = client.get(url)

    assert late.status_code == 410
    assert late.json()["error"]["code"] == "link_expired"
    assert DataExport.objects.get().status == ExportStatus.READY
    assert client.get(EXPORT + "download/not-a-token/").status_code == 404


def _account_with_media(files: int, megabytes: int) -> tuple[DataExport, int]:
    """An account whose stored photos are each ``megabytes`` of (incompressible) bytes."""
    patient: User = UserFactory()  # type: ignore[assignment]
    storage = private_storage()
    rng = np.random.default_rng(files)
    for n in range(files):
        upload: Upload = UploadFactory(owner=patient, name=f"p{n}.jpg")  # type: ignore[assignment]
        storage.delete(upload.file_name)
        content = rng.integers(0, 255, megabytes * 1024 * 1024, dtype=np.uint8).tobytes()
        assert storage.save(upload.file_name, ContentFile(content)) == upload.file_name
    return DataExport.objects.create(user=patient), files * megabytes * 1024 * 1024


def _peak_memory_of_build(export: DataExport) -> int:
    tracemalloc.start()
    try:
        data_export_build(export_id=str(export.pk))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    return peak


@pytest.mark.django_db
def test_building_streams_file_by_file_so_memory_does_not_grow_with_the_account():
    small, small_total = _account_with_media(files=4, megabytes=5)
    large, large_total = _account_with_media(files=12, megabytes=5)

    small_peak = _peak_memory_of_build(small)
    large_peak = _peak_memory_of_build(large)

    # Three times the media (60 MB), yet the peak barely moves: a chunk at a time (the
    # encryption's 4 MB chunks dominate it), never a whole file or the whole zip.
    assert large.size_bytes > large_total
    assert large_peak < large_total
    assert large_peak - small_peak < (large_total - small_total) / 4, (small_peak, large_peak)


@pytest.mark.django_db
def test_an_account_whose_video_the_worker_refused_still_exports(
    patient, patient_client, private_media, django_capture_on_commit_callbacks
):
    """The worker deletes the original of a video it refuses (a duration-less WebM found too
    long); the row stays to explain the failed analysis. The export must not trip over the
    missing file (it used to fail for good), nor count it against the quota."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from metskin.analysis.services import analysis_execute

    upload_file = SimpleUploadedFile("recording.webm", media.webm_endless_without_duration())
    created = patient_client.post("/api/v1/uploads/", {"file": upload_file}, format="multipart")
    assert created.status_code == 201, created.content
    with django_capture_on_commit_callbacks(execute=True):
        analysis_execute(analysis_id=created.json()["analysis"]["id"])
    upload = Upload.objects.get()
    assert not list(private_media.rglob("*.*"))  # the original is gone
    assert Analysis.objects.get().error_code == "video_too_long"
    assert upload.discarded_at is not None
    assert upload.stored_names() == []
    assert patient_client.get("/api/v1/uploads/limits/").json()["used_files"] == 0

    export = DataExport.objects.create(user=patient)
    data_export_build(export_id=str(export.pk))

    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    download = patient_client.get(patient_client.get(EXPORT).json()["download_url"])
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert not [name for name in archive.namelist() if name.startswith("media/")]
    (analysis,) = json.loads(archive.read("analyses.json"))
    assert analysis["media_file"] is None
    assert analysis["error_message"].startswith("This video lasts more than")


@pytest.mark.django_db
def test_the_zip_holds_the_appointments_waitlist_and_access_log_and_progress_is_reported(
    patient, patient_client
):
    # Given a patient with ten stored files, a booked visit sharing an analysis, a place on
    # another doctor's waitlist, and a doctor who has read the shared analysis
    with time_machine.travel(NOW, tick=False):
        doctor = doctor_with_hours(first_name="Maya", last_name="Chen")
        doctor_user, device = doctor_user_with_device(doctor)
        analyses = [AnalysisFactory(owner=patient) for _ in range(5)]  # 5 photos, 5 overlays
        shared = str(analyses[0].pk)
        booked = book(
            patient_client,
            doctor,
            "2026-06-02T09:00:00-04:00",
            reason="A mole on my arm has changed shape.",
            body={"shared_analyses": [shared]},
        ).json()
        other = doctor_with_hours(last_name="Okafor")
        joined = patient_client.post(
            f"/api/v1/doctors/{other.pk}/waitlist/", {"reason": "Sooner?"}, format="json"
        )
        assert joined.status_code == 201, joined.json()
        read = verified_client(doctor_user, device).get(f"/api/v1/analyses/{shared}/")
        assert read.status_code == 200
    export = DataExport.objects.create(user=patient)

    # When the worker builds it
    with CaptureQueriesContext(connection) as queries:
        data_export_build(export_id=str(export.pk))

    # Then progress was written as the files went in, before the 100 of the end
    export.refresh_from_db()
    assert (export.status, export.progress) == (ExportStatus.READY, 100)
    progress = [
        int(value)
        for q in queries.captured_queries
        if q["sql"].startswith("UPDATE") and "privacy_dataexport" in q["sql"]
        for value in re.findall(r"`progress` = (\d+)", q["sql"])
    ]
    assert [p for p in progress if 0 < p < 100] == [50, 95], progress
    # And the zip holds the visit with its reason and share, the waitlist place, and the read
    download = patient_client.get(patient_client.get(EXPORT).json()["download_url"])
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    (visit,) = json.loads(archive.read("appointments.json"))
    assert visit["id"] == booked["id"]
    assert visit["doctor"] == "Dr Maya Chen"
    assert visit["reason"] == "A mole on my arm has changed shape."
    assert visit["status"] == "booked"
    assert visit["shared_analyses"] == [shared]
    (waiting,) = json.loads(archive.read("waitlist.json"))
    assert (waiting["doctor"], waiting["reason"]) == (other.display_name, "Sooner?")
    assert waiting["doctor"].endswith("Okafor") and waiting["doctor"] != "Okafor"
    (seen,) = json.loads(archive.read("access_log.json"))
    assert (seen["viewer_label"], seen["kind"], seen["object_id"], seen["grounds"]) == (
        "Dr Maya Chen",
        "analysis",
        shared,
        "doctor_share",
    )
    assert len([n for n in archive.namelist() if n.startswith(("media/", "overlays/"))]) == 10
