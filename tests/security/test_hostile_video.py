"""Issue 11, "Hostile video in the web process": the web request reads headers only.

The web process checks an uploaded video from its container header alone (picture size,
and the duration when the header states it) and decodes no frame; a video whose header
does not say how long it is goes to the worker, which decodes it under the task's time
limit and fails the analysis when it is too long, deleting the original.

Proved structurally rather than by timing: OpenCV's decoder is made unusable for the whole
web request (any ``cv2.VideoCapture`` fails the test), and the header reader imports no
decoder at all.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import cv2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import skinlab.container
from metskin.analysis.models import Analysis
from metskin.analysis.services import analysis_execute
from metskin.uploads.models import Upload
from metskin.uploads.tests import media
from tests.security.report import hostile_file_record

pytestmark = pytest.mark.django_db

URL = "/api/v1/uploads/"


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


class DecoderOpened(AssertionError):
    pass


def _refuse_decoder(*args, **kwargs):
    raise DecoderOpened("the web request opened a video decoder")


@pytest.fixture
def no_decoder(monkeypatch):
    """Any attempt to open a video decoder in this test fails it."""
    monkeypatch.setattr(cv2, "VideoCapture", _refuse_decoder)


def post(client, data: bytes, name: str):
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(URL, {"file": upload}, format="multipart")


def test_the_header_reader_imports_no_decoder():
    tree = ast.parse(inspect.getsource(skinlab.container))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert "skinlab" in imported  # the walk sees the imports
    assert imported.isdisjoint({"cv2", "av", "imageio", "numpy", "PIL"}), imported


@pytest.mark.parametrize(
    ("case", "make", "name", "status", "code"),
    [
        ("playable webm", media.webm, "clip.webm", 201, None),
        ("playable mp4", lambda: media.video(2), "clip.mp4", 201, None),
        ("huge-dimension video", media.webm_huge, "wide.webm", 413, "image_too_large"),
        ("truncated webm", media.webm_truncated, "cut.webm", 400, "corrupt_media"),
        ("truncated mp4", lambda: media.video(2)[:3000], "cut.mp4", 400, "corrupt_media"),
        (
            "mp4 over a minute by its header",
            lambda: media.video(61, fps=2, size=(160, 120)),
            "long.mp4",
            400,
            "video_too_long",
        ),
    ],
)
def test_the_web_request_decides_from_the_header_without_a_decoder(
    patient_client, private_media, no_decoder, case, make, name, status, code
):
    data = make()  # made before the decoder is taken away from the request

    response = post(patient_client, data, name)

    assert response.status_code == status, response.content
    if code is None:
        assert Upload.objects.get().duration_s is not None
    else:
        assert response.json()["error"]["code"] == code
        assert stored_files(private_media) == []


def test_a_duration_less_webm_over_a_minute_is_refused_by_the_worker_and_not_kept(
    patient_client, private_media, monkeypatch, django_capture_on_commit_callbacks
):
    data = media.webm_endless_without_duration()

    with monkeypatch.context() as web:  # no decoder for the web request
        web.setattr(cv2, "VideoCapture", _refuse_decoder)
        response = post(patient_client, data, "recording.webm")

    # The web accepts it: its header does not say how long it is.
    assert response.status_code == 201, response.content
    upload = Upload.objects.get()
    assert (upload.duration_s, upload.sanitized) == (None, False)
    assert len(stored_files(private_media)) == 1  # the encrypted original, never served

    with django_capture_on_commit_callbacks(execute=True):
        outcome = analysis_execute(analysis_id=response.json()["analysis"]["id"])

    analysis = Analysis.objects.get()
    assert outcome.state == "failed"
    assert analysis.error_code == "video_too_long"
    assert analysis.error_message.startswith("This video lasts more than 60 seconds")
    assert stored_files(private_media) == []  # the worker deleted the original
    assert Upload.objects.get().discarded_at is not None  # the row stays, to say why
    # The HTTP answer was 201 (the header cannot tell); the worker refused it afterwards.
    hostile_file_record(
        "duration-less webm over a minute (accepted, then refused by the worker)",
        response.status_code,
        stored=len(stored_files(private_media)),
    )
