"""The analysis task: exactly one result whatever the deliveries, retries, crashes."""

from __future__ import annotations

import io
import logging
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

import skinlab
from metskin.analysis import services
from metskin.analysis.models import Analysis, AnalysisStatus
from metskin.analysis.services import MESSAGE_OUR_SIDE, analysis_execute
from metskin.analysis.tasks import analysis_run
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.uploads.models import Upload
from metskin.uploads.services import media_name
from metskin.uploads.storage import private_storage
from metskin.uploads.tests import media
from metskin.uploads.tests.factories import UploadFactory

pytestmark = pytest.mark.django_db


def stored(root: Path, folder: str) -> list[Path]:
    return sorted(path for path in (root / folder).rglob("*") if path.is_file())


@pytest.fixture
def pending(patient) -> Analysis:
    upload: Upload = UploadFactory(owner=patient, data=media.jpeg())  # type: ignore[assignment]
    return Analysis.objects.create(owner=patient, upload=upload)


def test_a_run_stores_the_skinlab_result_and_the_overlay(pending, private_media):
    outcome = analysis_execute(analysis_id=str(pending.id))

    pending.refresh_from_db()
    assert outcome.state == "done"
    assert (pending.status, pending.progress, pending.stage, pending.attempts) == (
        "done",
        100,
        "done",
        1,
    )
    assert pending.result["schema_version"] == "1.0"
    assert pending.result["media_type"] == "photo"
    assert pending.result["tone"]["fitzpatrick"] in {"I", "II", "III", "IV", "V", "VI"}
    assert {concern["name"] for concern in pending.result["concerns"]} <= {
        concern.value for concern in skinlab.Concern
    }
    assert pending.finished_at is not None and pending.claimed_until is None
    overlay = private_storage().read_bytes(pending.overlay_name)
    assert Image.open(io.BytesIO(overlay)).format == "JPEG"
    assert len(stored(private_media, "overlays")) == 1


def test_a_redelivered_task_does_not_redo_the_work(pending, private_media):
    analysis_execute(analysis_id=str(pending.id))
    pending.refresh_from_db()
    first = (pending.result, pending.overlay_name, pending.finished_at, pending.attempts)

    again = analysis_run.apply(args=[str(pending.id)]).get()

    pending.refresh_from_db()
    assert again == "skipped"
    assert (pending.result, pending.overlay_name, pending.finished_at, pending.attempts) == first
    assert len(stored(private_media, "overlays")) == 1


def test_a_task_redelivered_after_a_worker_crash_finishes_once(pending, private_media):
    # The crashed run had claimed the row, recorded an overlay name and saved the file.
    orphan = private_storage().save(media_name("overlays", "png"), ContentFile(b"half"))
    Analysis.objects.filter(pk=pending.pk).update(
        status=AnalysisStatus.RUNNING,
        claimed_until=timezone.now() - timedelta(seconds=1),
        overlay_name=orphan,
        progress=40,
        attempts=1,
    )

    outcome = analysis_execute(analysis_id=str(pending.id))

    pending.refresh_from_db()
    assert outcome.state == "done"
    assert (pending.status, pending.attempts) == ("done", 2)
    assert not private_storage().exists(orphan)
    assert [path.name for path in stored(private_media, "overlays")] == [
        Path(pending.overlay_name).name
    ]


def test_a_second_delivery_while_the_first_runs_waits_its_turn(pending):
    lease = timezone.now() + timedelta(seconds=120)
    Analysis.objects.filter(pk=pending.pk).update(
        status=AnalysisStatus.RUNNING, claimed_until=lease, progress=30
    )

    outcome = analysis_execute(analysis_id=str(pending.id))

    pending.refresh_from_db()
    assert outcome.state == "busy"
    assert 115 <= outcome.retry_in_s <= 120
    assert (pending.status, pending.progress, pending.attempts, pending.result) == (
        "running",
        30,
        0,
        None,
    )


def test_a_deleted_analysis_is_skipped(pending):
    analysis_id = str(pending.id)
    pending.delete()

    assert analysis_execute(analysis_id=analysis_id).state == "skipped"


def test_a_photo_without_skin_fails_with_skinlabs_message(patient):
    gradient = np.tile(np.linspace(0, 255, 400, dtype=np.uint8), (300, 1))
    blue = Image.fromarray(
        np.dstack([np.full_like(gradient, 30), gradient, np.full_like(gradient, 220)])
    )
    upload = UploadFactory(owner=patient, data=media.jpeg(blue))
    analysis = Analysis.objects.create(owner=patient, upload=upload)

    outcome = analysis_execute(analysis_id=str(analysis.id))

    analysis.refresh_from_db()
    assert outcome.state == "failed"
    assert (analysis.status, analysis.error_code) == ("failed", "no_skin_found")
    assert analysis.error_message.startswith("No skin was found in the photo")
    assert analysis.result is None and analysis.overlay_name == ""


def test_a_transient_error_is_retried(pending, monkeypatch):
    real = skinlab.analyze
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("storage went away for a moment")
        return real(*args, **kwargs)

    monkeypatch.setattr(skinlab, "analyze", flaky)

    analysis_run.apply(args=[str(pending.id)])

    pending.refresh_from_db()
    assert len(calls) == 2
    assert (pending.status, pending.attempts) == ("done", 2)


def test_after_the_last_retry_a_person_reads_what_happened(pending, monkeypatch, settings):
    def broken(*args, **kwargs):
        raise TimeoutError("the storage does not answer")

    monkeypatch.setattr(skinlab, "analyze", broken)

    analysis_run.apply(args=[str(pending.id)])

    pending.refresh_from_db()
    assert pending.status == "failed"
    assert pending.attempts == 1 + analysis_run.max_retries
    assert pending.error_code == "temporarily_unavailable"
    assert pending.error_message == services.MESSAGE_OUR_SIDE


def test_progress_is_written_forward_and_sparingly(pending):
    claim = services.analysis_claim(analysis_id=str(pending.id))
    assert isinstance(claim, services._Claim)
    progress = services._Progress(claim)
    report = progress.span(5, 95)

    with CaptureQueriesContext(connection) as queries:
        for step in range(200):
            report("regions", step / 200)
        report("quality", 0.1)  # late and lower: never moves the bar back

    pending.refresh_from_db()
    updates = [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) <= 2
    assert 5 <= pending.progress <= 95
    assert pending.stage in ("regions", "starting")


def test_a_video_is_analysed_then_stored_without_metadata(
    patient, private_media, django_capture_on_commit_callbacks
):
    raw = media.with_location_box(media.video(2))
    upload = UploadFactory(owner=patient, data=raw, name="clip.mov")
    raw_name = upload.file_name
    analysis = Analysis.objects.create(owner=patient, upload=upload)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = analysis_execute(analysis_id=str(analysis.id))

    analysis.refresh_from_db()
    upload.refresh_from_db()
    assert outcome.state == "done"
    assert analysis.result["media_type"] == "video"
    assert analysis.result["video"]["frames_used"] >= 1
    assert (upload.sanitized, upload.content_type) == (True, "video/webm")
    assert not private_storage().exists(raw_name)
    clean = private_storage().read_bytes(upload.file_name)
    assert clean.startswith(b"\x1a\x45\xdf\xa3")  # WebM
    assert b"+48.8583" not in clean and b"\xa9xyz" not in clean
    assert upload.thumbnail_name and private_storage().exists(upload.thumbnail_name)


def test_a_video_without_a_face_finishes_with_a_quality_issue(patient):
    upload = UploadFactory(owner=patient, data=media.video(2, face=False), name="wall.mp4")
    analysis = Analysis.objects.create(owner=patient, upload=upload)

    analysis_execute(analysis_id=str(analysis.id))

    analysis.refresh_from_db()
    assert analysis.status == "done"
    assert "no_face" in {issue["code"] for issue in analysis.result["quality"]["issues"]}


def test_a_finished_analysis_is_never_claimed_again(patient):
    done = AnalysisFactory(owner=patient)

    claim = services.analysis_claim(analysis_id=str(done.id))

    assert claim == services.RunOutcome("skipped")


def test_photos_are_analysed_with_the_landmark_model(pending, private_media):
    analysis_execute(analysis_id=str(pending.id))

    pending.refresh_from_db()
    face = pending.result["face"]
    assert (face["detector"], face["detected"], face["landmarks"]) == ("mediapipe", True, True)
    assert set(face["pose"]) == {"yaw", "pitch", "roll"}


def test_a_damaged_face_model_fails_the_analysis_on_our_side_and_logs_what_to_do(
    pending, tmp_path, monkeypatch, caplog
):
    # given the landmark model damaged in the installed package (a copy: the caches of the
    # loaded models start empty, so this run loads and checks the files again)
    import shutil

    import skinlab.detect
    import skinlab.models

    folder = tmp_path / "data"
    shutil.copytree(skinlab.models.model_dir(), folder)
    damaged = folder / skinlab.models.FACE_LANDMARK.name
    damaged.write_bytes(damaged.read_bytes()[:1000])
    monkeypatch.setattr(skinlab.models, "model_dir", lambda: folder)
    monkeypatch.setattr(skinlab.models, "_nets", {})
    monkeypatch.setattr(skinlab.detect, "_detector_cache", {})

    with caplog.at_level(logging.ERROR, logger="metskin.analysis.services"):
        outcome = analysis_execute(analysis_id=str(pending.id))

    # then the analysis fails (no crash, no retry) with skinlab's typed error; the person is
    # told the problem is on our side, and the engine's advice goes to the operator's log
    pending.refresh_from_db()
    assert outcome.state == "failed"
    assert (pending.status, pending.error_code) == ("failed", "configuration_error")
    assert pending.error_message == MESSAGE_OUR_SIDE
    [logged] = [r.getMessage() for r in caplog.records if "misconfigured" in r.getMessage()]
    assert "Face model file damaged: face_landmark.tflite" in logged and "make install" in logged
    assert pending.result is None and pending.overlay_name == ""


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[:40] + b"\x00" + path.read_bytes()[41:]),
        lambda path: path.unlink(),
    ],
    ids=["altered", "missing"],
)
def test_a_stored_photo_that_cannot_be_read_back_fails_as_our_side(private_media, patient, damage):
    """uploads' one "media unreadable" error (MediaUnreadable) reaches the analysis as a
    storage error on our side, with nothing kept, not as skinlab's or an unknown failure."""
    upload = UploadFactory(owner=patient, data=media.jpeg())
    analysis = Analysis.objects.create(owner=patient, upload=upload)
    stored_file = private_media / upload.file_name
    assert stored_file.is_file()
    damage(stored_file)

    outcome = analysis_execute(analysis_id=str(analysis.id))

    analysis.refresh_from_db()
    assert outcome.state == "failed"
    assert (analysis.status, analysis.error_code) == ("failed", "storage_error")
    assert analysis.error_message == services.MESSAGE_OUR_SIDE
    assert analysis.result is None and analysis.overlay_name == ""
    assert stored(private_media, "overlays") == []
