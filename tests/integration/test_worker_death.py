"""A worker killed in the middle of a video analysis is noticed fast (issue 16).

Real processes, as in production: a Celery worker and beat started as their own processes on
the suite's database, broker and media folder. The worker is killed with SIGKILL while it
analyses a video; its lease stops being renewed, beat's sweeper queues the analysis again
once the lease has run out, and a second worker finishes it, once, with its overlay.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from metskin.analysis.models import Analysis
from metskin.uploads.tests import media

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
# The promise: the person waits at most this long after their worker died.
REQUEUED_AND_DONE_WITHIN_S = 90


@pytest.fixture
def shared_media(settings: Any, tmp_path: Path) -> Path:
    """A media folder this test and its worker processes share (MEDIA_ROOT/private)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "uploads": {
            "BACKEND": "metskin.uploads.storage.EncryptedFileSystemStorage",
            "OPTIONS": {**settings.UPLOADS_STORAGE["OPTIONS"], "location": tmp_path / "private"},
        },
    }
    return tmp_path


@pytest.fixture
def start(settings: Any, shared_media: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start ``celery -A config <args>`` as a process of its own on this test's database."""
    database = connection.settings_dict
    user = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.django.test",
        "DATABASE_URL": (
            f"mysql://{user}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 3306}"
            f"/{database['NAME']}"
        ),
        "CELERY_TEST_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        "MEDIA_ROOT": str(shared_media),
    }
    started: list[subprocess.Popen[bytes]] = []

    def start_process(*args: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", *args, "--loglevel=WARNING"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        started.append(process)
        return process

    yield start_process
    for process in started:
        if process.poll() is None:
            process.terminate()
    for process in started:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what}: not within {timeout} s")


@pytest.mark.skipif(
    connection.vendor != "mysql", reason="worker processes share the test database over TCP"
)
def test_a_worker_killed_mid_video_is_replaced_within_90_seconds(start, patient_client):
    first = start("worker", "--pool=solo", "--hostname=first@%h")
    start("beat", "--schedule", os.devnull)

    clip = media.video(20.0, fps=15.0, size=(640, 480))
    created = patient_client.post(
        "/api/v1/uploads/",
        {"file": SimpleUploadedFile("clip.mp4", clip, content_type="video/mp4")},
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    analysis_id = created.json()["analysis"]["id"]

    def running() -> bool:
        analysis = Analysis.objects.get(pk=analysis_id)
        return analysis.status == "running" and analysis.progress >= 5

    wait_for(running, 120, "the first worker started the analysis")
    first.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()
    first.wait(timeout=10)
    assert Analysis.objects.get(pk=analysis_id).status == "running"  # nobody finished it

    start("worker", "--pool=solo", "--hostname=second@%h")
    wait_for(
        lambda: Analysis.objects.get(pk=analysis_id).status in ("done", "failed"),
        REQUEUED_AND_DONE_WITHIN_S,
        "the analysis was queued again and finished by the second worker",
    )

    analysis = Analysis.objects.get(pk=analysis_id)
    assert analysis.status == "done", analysis.error_message
    assert time.monotonic() - killed_at < REQUEUED_AND_DONE_WITHIN_S
    assert analysis.attempts == 2  # the dead run, then the second worker's
    assert analysis.result["media_type"] == "video"
    assert analysis.overlay_name
