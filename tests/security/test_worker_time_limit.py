"""Issue 11, "Hostile video in the web process": decoding happens in the worker, under a limit.

The web request reads only a video's header (test_hostile_video.py); the frames are decoded by
the worker, and a run that goes on too long is stopped by Celery's soft time limit
(CELERY_TASK_SOFT_TIME_LIMIT) and fails with ``too_slow`` and a sentence, instead of holding
a worker for as long as the file can make it. Proved with a real worker process (prefork, as
in production: the solo pool has no time limits) started with a one-second limit.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from metskin.analysis.models import Analysis
from metskin.analysis.services import MESSAGE_TOO_SLOW
from metskin.analysis.tasks import analysis_run
from metskin.uploads.storage import private_storage
from metskin.uploads.tests import media
from tests.integration.test_worker_death import shared_media, start, wait_for

__all__ = ["shared_media", "start"]  # fixtures used here, defined with the worker-death test

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def one_second_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A deployment whose web and worker processes run with CELERY_TASK_SOFT_TIME_LIMIT=1.

    The worker started below reads it from its environment; the sender (this process, the
    web side) puts the limits in each task message, and the worker obeys the message, so
    the task here carries the same limits (what the setting gives it at start-up).
    """
    monkeypatch.setenv("CELERY_TASK_SOFT_TIME_LIMIT", "1")
    monkeypatch.setenv("CELERY_TASK_TIME_LIMIT", "60")
    monkeypatch.setattr(analysis_run, "soft_time_limit", 1)
    monkeypatch.setattr(analysis_run, "time_limit", 60)
    # Celery keeps a task's send options once it has read them: after any earlier test has
    # queued an analysis, messages would still carry the suite's 240 s without this.
    monkeypatch.setattr(analysis_run, "_exec_options", None)


@pytest.mark.skipif(
    connection.vendor != "mysql", reason="worker processes share the test database over TCP"
)
def test_a_video_the_worker_decodes_too_long_is_stopped_by_the_time_limit(start, patient_client):
    start("worker", "--pool=prefork", "--concurrency=1", "--hostname=limited@%h")
    # Twenty seconds of 640 x 480 at 15 fps: within every upload limit, several seconds of
    # decoding and analysis for the worker.
    clip = media.video(20.0, fps=15.0, size=(640, 480))

    created = patient_client.post(
        "/api/v1/uploads/",
        {"file": SimpleUploadedFile("clip.mp4", clip, content_type="video/mp4")},
        format="multipart",
    )

    assert created.status_code == 201, created.json()
    analysis_id = created.json()["analysis"]["id"]
    wait_for(
        lambda: Analysis.objects.get(pk=analysis_id).status in ("done", "failed"),
        180,
        "the worker finished or stopped the analysis",
    )
    analysis = Analysis.objects.get(pk=analysis_id)
    assert (analysis.status, analysis.error_code) == ("failed", "too_slow")
    assert analysis.error_message == MESSAGE_TOO_SLOW
    assert analysis.finished_at is not None and analysis.started_at is not None
    assert (analysis.finished_at - analysis.started_at).total_seconds() < 30
    # and a raw original (metadata not yet stripped) is not kept for a run that will not
    # be tried again
    upload = analysis.upload
    raw_kept = not upload.sanitized and private_storage().exists(upload.file_name)
    assert not raw_kept
    assert upload.sanitized or upload.discarded_at is not None
