"""A real Celery worker on the real broker analyses a real photo (the astronaut portrait)."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from metskin.analysis.models import Analysis
from metskin.analysis.tasks import analysis_run
from metskin.uploads.tests import media

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_until_finished(analysis_id: str, timeout: float = 90.0) -> Analysis:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        analysis = Analysis.objects.get(pk=analysis_id)
        if analysis.status in ("done", "failed"):
            return analysis
        time.sleep(0.2)
    raise AssertionError(f"analysis {analysis_id} did not finish in {timeout} s")


def test_an_uploaded_photo_is_analysed_end_to_end(celery_worker, patient_client):
    photo = media.jpeg(media.astronaut(), exif=media.exif_with_gps())

    created = patient_client.post(
        "/api/v1/uploads/",
        {"file": SimpleUploadedFile("astronaut.jpg", photo, content_type="image/jpeg")},
        format="multipart",
    )
    assert created.status_code == 201
    analysis_id = created.json()["analysis"]["id"]
    analysis = wait_until_finished(analysis_id)

    assert analysis.status == "done", analysis.error_message
    body = patient_client.get(f"/api/v1/analyses/{analysis_id}/").json()
    assert (body["status"], body["progress"]) == ("done", 100)
    assert body["result"]["media_type"] == "photo"
    assert body["result"]["face"]["detected"] is True
    assert body["result"]["tone"]["monk"] in range(1, 11)
    assert body["result"]["disclaimer"].startswith("This is not a diagnosis")
    overlay = patient_client.get(body["overlay_url"])
    assert overlay.status_code == 200
    assert Image.open(io.BytesIO(b"".join(overlay.streaming_content))).format == "PNG"


def test_a_redelivered_task_gives_exactly_one_result(celery_worker, patient_client, private_media):
    created = patient_client.post(
        "/api/v1/uploads/",
        {"file": SimpleUploadedFile("a.jpg", media.jpeg(), content_type="image/jpeg")},
        format="multipart",
    )
    analysis_id = created.json()["analysis"]["id"]
    # The broker hands the same task over twice more (a redelivery after a lost ack).
    extra = [analysis_run.delay(analysis_id), analysis_run.delay(analysis_id)]
    first = wait_until_finished(analysis_id)

    outcomes = [result.get(timeout=60) for result in extra]

    assert outcomes == ["skipped", "skipped"]
    analysis = Analysis.objects.get(pk=analysis_id)
    assert analysis.status == "done"
    assert analysis.attempts == 1
    assert (analysis.finished_at, analysis.overlay_name) == (first.finished_at, first.overlay_name)
    overlays = [path for path in Path(private_media, "overlays").rglob("*") if path.is_file()]
    assert [path.name for path in overlays] == [Path(analysis.overlay_name).name]
