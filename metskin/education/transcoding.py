"""Writes for video recordings: queue a staff upload, convert it once, install seeded ones.

The conversion follows docs/adr/0005's pattern: a conditional UPDATE claims the row with a
token and a lease, every later write is conditional on that token, and files are written
under names of their own before the row points at them, so a run that loses its claim, fails
or is stopped deletes what it wrote and the page never sees half a recording
(docs/adr/0020).
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
import uuid
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from metskin.core.enqueue import enqueue
from metskin.education import recordings
from metskin.education.content import RecordingSource
from metskin.education.models import RecordingStatus, Video, education_storage

logger = logging.getLogger(__name__)

TOO_LONG = "Converting the video took too long and was stopped. Upload a shorter or smaller file."
OUR_SIDE = "The video could not be converted because of a problem on our side. Upload it again."


def video_recording_enqueue(*, video_id: str) -> bool:
    """Queue the conversion; False, and logged, when the broker cannot take it now."""
    try:
        enqueue("education.transcode_video", video_id)
    except Exception:  # the broker's errors come in many kinds; none may fail the admin save
        logger.exception("Could not queue the conversion of video %s", video_id)
        return False
    return True


def video_recording_submit(*, video: Video) -> None:
    """Staff saved a new upload: mark it waiting and queue its conversion after commit."""
    Video.objects.filter(pk=video.pk).update(
        recording_status=RecordingStatus.PENDING,
        recording_error="",
        recording_claim=None,
        recording_claimed_until=None,
    )
    video_id = str(video.pk)
    transaction.on_commit(lambda: video_recording_enqueue(video_id=video_id))


def _claim(video_id: str) -> uuid.UUID | None:
    token = uuid.uuid4()
    now = timezone.now()
    lease = now + dt.timedelta(seconds=settings.EDUCATION_TRANSCODE_TIME_LIMIT + 60)
    claimed = (
        Video.objects.filter(pk=video_id)
        .exclude(upload="")
        .filter(
            Q(recording_status=RecordingStatus.PENDING)
            | Q(recording_status=RecordingStatus.PROCESSING, recording_claimed_until__lt=now)
        )
        .update(
            recording_status=RecordingStatus.PROCESSING,
            recording_claim=token,
            recording_claimed_until=lease,
        )
    )
    return token if claimed == 1 else None


def _delete(names: list[str]) -> None:
    storage = education_storage()
    for name in names:
        if name:
            storage.delete(name)


def _fail(video_id: str, token: uuid.UUID, message: str, upload_name: str) -> str:
    """Failed for good: say why, and keep nothing of it (not even the uploaded file)."""
    updated = Video.objects.filter(pk=video_id, recording_claim=token).update(
        recording_status=RecordingStatus.FAILED,
        recording_error=message[:500],
        recording_claim=None,
        recording_claimed_until=None,
        upload="",
    )
    if updated:
        _delete([upload_name])
    return "failed"


def _convert(video: Video, token: uuid.UUID, workdir: Path) -> tuple[dict[str, str], int]:
    """Transcode the upload in ``workdir`` and save the outputs; (field → name, duration)."""
    storage = education_storage()
    source = workdir / "source"
    with storage.open(video.upload.name, "rb") as upload, source.open("wb") as copy:
        shutil.copyfileobj(upload, copy)
    limit = settings.EDUCATION_TRANSCODE_TIME_LIMIT
    result = recordings.transcode(
        source,
        workdir,
        long_side=settings.EDUCATION_VIDEO_LONG_SIDE,
        max_seconds=settings.EDUCATION_VIDEO_MAX_SECONDS,
        timeout=limit,
    )
    tag = token.hex[:12]
    outputs = {"video_webm": result.webm, "video_mp4": result.mp4, "poster": result.poster}
    names: dict[str, str] = {}
    try:
        for field, path in outputs.items():
            with path.open("rb") as handle:
                names[field] = storage.save(f"videos/{video.slug}/{tag}{path.suffix}", File(handle))
    except BaseException:
        _delete(list(names.values()))
        raise
    return names, max(1, round(result.probe.duration_s))


def video_transcode_execute(*, video_id: str) -> str:
    """Convert a video's upload once; the state: ready, failed, lost or skipped."""
    token = _claim(video_id)
    if token is None:
        return "skipped"  # done, failed, nothing uploaded, or another run holds it
    video = Video.objects.get(pk=video_id)
    upload_name = video.upload.name
    try:
        with tempfile.TemporaryDirectory(prefix="metskin-video-") as workdir:
            names, duration = _convert(video, token, Path(workdir))
    except recordings.RecordingError as error:
        return _fail(video_id, token, str(error), upload_name)
    except SoftTimeLimitExceeded:
        return _fail(video_id, token, TOO_LONG, upload_name)
    except BaseException:
        # Transient (the database, the storage): let another delivery try again.
        Video.objects.filter(pk=video_id, recording_claim=token).update(
            recording_status=RecordingStatus.PENDING, recording_claim=None
        )
        raise
    previous = [video.video_webm.name, video.video_mp4.name, video.poster.name]
    updated = Video.objects.filter(pk=video_id, recording_claim=token).update(
        **names,
        duration_seconds=duration,
        recording_status=RecordingStatus.READY,
        recording_error="",
        recording_claim=None,
        recording_claimed_until=None,
        upload="",
    )
    if updated != 1:
        _delete(list(names.values()))  # our lease ran out and another run took over
        return "lost"
    _delete([name for name in previous if name not in names.values()] + [upload_name])
    return "ready"


def video_transcode_fail_after_retries(*, video_id: str) -> None:
    """Retries ran out on a transient error: tell staff, keep nothing half-done."""
    video = Video.objects.filter(pk=video_id).first()
    if video is None or video.recording_status == RecordingStatus.READY:
        return
    updated = (
        Video.objects.filter(pk=video_id)
        .exclude(recording_status=RecordingStatus.READY)
        .update(
            recording_status=RecordingStatus.FAILED,
            recording_error=OUR_SIDE,
            recording_claim=None,
            recording_claimed_until=None,
            upload="",
        )
    )
    if updated:
        _delete([video.upload.name])


def video_recording_install(*, video: Video, source: RecordingSource, tag: str) -> list[str]:
    """Point ``video`` at a recording from the content folder (saved, not yet written to the
    row: the caller saves it). Returns the names of the files it replaced, for deletion
    once the row is committed. Names carry ``tag`` (the source's hash), so loading the same
    files twice writes nothing new."""
    storage = education_storage()
    wanted = {
        "video_webm": (source.webm, f"videos/{video.slug}/{tag}.webm"),
        "video_mp4": (source.mp4, f"videos/{video.slug}/{tag}.mp4"),
        "poster": (source.poster, f"videos/{video.slug}/{tag}.jpg"),
        "captions": (source.captions, f"captions/{video.slug}/{tag}.vtt"),
    }
    replaced = []
    for field, (path, name) in wanted.items():
        if not storage.exists(name):
            with path.open("rb") as handle:
                saved = storage.save(name, File(handle))
            assert saved == name, f"storage renamed {name} to {saved}"
        current = getattr(video, field).name
        if current and current != name:
            replaced.append(current)
        setattr(video, field, name)
    video.duration_seconds = max(1, round(recordings.probe(source.mp4).duration_s))
    video.recording_status = RecordingStatus.READY
    video.recording_error = ""
    return replaced
