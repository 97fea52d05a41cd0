"""Reads for uploaded media."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Sum

from metskin.accounts.models import User
from metskin.uploads.models import PHOTO_FORMATS, VIDEO_FORMATS, Upload


def upload_usage(*, owner: User) -> tuple[int, int]:
    """How many files ``owner`` keeps and how many bytes they take."""
    kept = Upload.objects.filter(owner=owner, discarded_at__isnull=True)
    usage = kept.aggregate(files=Count("id"), size=Sum("size_bytes"))
    return int(usage["files"] or 0), int(usage["size"] or 0)


@dataclass(frozen=True)
class UploadLimits:
    """What an upload is checked against, and how much of the quota ``owner`` has used."""

    photo_formats: list[str]
    video_formats: list[str]
    photo_max_bytes: int
    video_max_bytes: int
    video_max_seconds: float
    quota_files: int
    quota_bytes: int
    used_files: int
    used_bytes: int


def upload_limits(*, owner: User) -> UploadLimits:
    """The limits the upload checks apply (from settings), so a page shows the server's rules
    instead of restating them."""
    used_files, used_bytes = upload_usage(owner=owner)
    return UploadLimits(
        photo_formats=[fmt.label for fmt in PHOTO_FORMATS],
        video_formats=[fmt.label for fmt in VIDEO_FORMATS],
        photo_max_bytes=settings.UPLOAD_PHOTO_MAX_BYTES,
        video_max_bytes=settings.UPLOAD_VIDEO_MAX_BYTES,
        video_max_seconds=settings.UPLOAD_VIDEO_MAX_SECONDS,
        quota_files=settings.UPLOAD_QUOTA_FILES,
        quota_bytes=settings.UPLOAD_QUOTA_BYTES,
        used_files=used_files,
        used_bytes=used_bytes,
    )
