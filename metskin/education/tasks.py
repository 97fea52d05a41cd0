"""The Celery task that converts a staff upload for the web. Safe to deliver twice
(docs/adr/0005's claim pattern; docs/adr/0020)."""

from __future__ import annotations

from typing import Any

from celery import Task, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from metskin.education import transcoding


class TranscodeTask(Task):
    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        """Retries ran out on a transient error: store a message staff can read."""
        video_id = kwargs.get("video_id") or (args[0] if args else None)
        if video_id:
            transcoding.video_transcode_fail_after_retries(video_id=str(video_id))


@shared_task(
    base=TranscodeTask,
    name="education.transcode_video",
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError, ConnectionError, TimeoutError),
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=3,
    # ffmpeg is stopped by the soft limit (the exception kills the running process); the
    # hard limit is the last resort for a worker stuck anywhere else.
    soft_time_limit=settings.EDUCATION_TRANSCODE_TIME_LIMIT,
    time_limit=settings.EDUCATION_TRANSCODE_TIME_LIMIT + 60,
)
def video_transcode(video_id: str) -> str:
    """Convert one video's upload to WebM, MP4 and a poster; re-deliveries find it done."""
    return transcoding.video_transcode_execute(video_id=video_id)
