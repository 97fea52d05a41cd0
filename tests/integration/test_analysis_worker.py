"""A real Celery worker on the real broker analyses a real photo (the astronaut portrait)."""

from __future__ import annotations

import contextlib
import io
import logging
import socket
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from config.celery_app import app as celery_app
from metskin.analysis.models import Analysis
from metskin.analysis.tasks import analysis_requeue_stuck, analysis_run
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
    assert Image.open(io.BytesIO(b"".join(overlay.streaming_content))).format == "JPEG"


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


UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@contextlib.contextmanager
def broker_unreachable(url: str = UNREACHABLE_BROKER) -> Iterator[None]:
    """Publishing goes to ``url``: by default a port where nothing listens (refused at once).

    Only the write URL changes, so a worker's consuming connection is left alone; the cached
    producer pools are dropped on the way in and out so each side uses the URL of its time.
    """
    previous = celery_app.conf.get("broker_write_url")

    def forget_pools() -> None:
        # Celery caches both on first use, keyed by the URL of that time.
        celery_app._pool = None  # type: ignore[attr-defined]
        celery_app.amqp._producer_pool = None  # type: ignore[attr-defined]

    celery_app.conf.update(broker_write_url=url)
    forget_pools()
    try:
        yield
    finally:
        celery_app.conf.update(broker_write_url=previous)
        forget_pools()


def test_an_upload_while_the_broker_is_down_is_kept_and_queued_again_later(
    request, patient_client, caplog
):
    # Given the broker is down when the upload commits
    with broker_unreachable(), caplog.at_level(logging.ERROR, logger="metskin.analysis"):
        started = time.monotonic()
        created = patient_client.post(
            "/api/v1/uploads/",
            {"file": SimpleUploadedFile("a.jpg", media.jpeg(), content_type="image/jpeg")},
            format="multipart",
        )
        elapsed = time.monotonic() - started

    # Then the upload still answers 201 at once, the analysis waits, and the failure is logged
    assert created.status_code == 201, created.content
    assert elapsed < 10
    analysis_id = created.json()["analysis"]["id"]
    analysis = Analysis.objects.get(pk=analysis_id)
    assert (analysis.status, analysis.attempts) == ("pending", 0)
    assert f"Could not queue analysis {analysis_id}" in caplog.text

    # When the broker is back, a worker runs, and the analysis has waited a few minutes
    request.getfixturevalue("celery_worker")
    Analysis.objects.filter(pk=analysis_id).update(
        updated_at=timezone.now() - timedelta(minutes=10)
    )
    requeued = analysis_requeue_stuck.delay().get(timeout=30)

    # Then the sweeper (a beat task) queued it again and the worker analysed it, once
    assert requeued == [analysis_id]
    analysis = wait_until_finished(analysis_id)
    assert (analysis.status, analysis.attempts) == ("done", 1), analysis.error_message


def test_a_broker_that_never_answers_does_not_hang_the_upload(patient_client):
    # Given a "broker" that accepts connections and then says nothing (a half-open failover)
    with socket.create_server(("127.0.0.1", 0), backlog=16) as silent:
        port = silent.getsockname()[1]
        with broker_unreachable(f"redis://127.0.0.1:{port}/0"):
            started = time.monotonic()
            created = patient_client.post(
                "/api/v1/uploads/",
                {"file": SimpleUploadedFile("a.jpg", media.jpeg(), content_type="image/jpeg")},
                format="multipart",
            )
            elapsed = time.monotonic() - started

    # Then the upload answers once the broker's socket timeout has passed, not never
    assert created.status_code == 201, created.content
    assert elapsed < 20
    assert Analysis.objects.get().status == "pending"
