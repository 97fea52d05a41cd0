"""Decide, from its content alone, whether an uploaded file is a photo or video we accept.

The order matters: cheap checks first (size, magic bytes) so a 100 MB zip is refused without
decoding anything, then a real decode (a photo is re-encoded here; a video is probed and its
first frame decoded). Nothing is stored until every check has passed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile

import skinlab
from metskin.uploads import errors
from metskin.uploads.models import PHOTO_FORMATS, VIDEO_FORMATS, MediaKind
from metskin.uploads.photos import CleanPhoto, photo_clean
from metskin.uploads.polyglot import photo_polyglot_reason, video_polyglot_reason
from metskin.uploads.videos import VideoFacts, video_inspect

_HEAD_BYTES = 64
VIDEO_CONTENT_TYPES = {"mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm"}


@dataclass(frozen=True)
class PreparedUpload:
    """An accepted file, ready to store: a clean photo, or a checked (still raw) video."""

    kind: str
    source_format: str
    uploaded_bytes: int
    photo: CleanPhoto | None = None
    video: VideoFacts | None = None
    video_file: UploadedFile | None = None


def sniff(uploaded: UploadedFile) -> str:
    """The format by magic bytes (``jpeg``, ``png``, ... ``webm``); raise for anything else."""
    uploaded.seek(0)
    head = uploaded.read(_HEAD_BYTES)
    uploaded.seek(0)
    if not head:
        raise errors.empty_file()
    source_format = skinlab.sniff_media_type(head)
    if source_format not in {*PHOTO_FORMATS, *VIDEO_FORMATS}:
        raise errors.unsupported_media()
    return str(source_format)


@contextlib.contextmanager
def _on_disk(uploaded: UploadedFile) -> Iterator[str]:
    """A path to the upload's bytes (Django keeps large uploads in a temporary file)."""
    if isinstance(uploaded, TemporaryUploadedFile):
        yield uploaded.temporary_file_path()
        return
    handle, path = tempfile.mkstemp(suffix=".video")
    try:
        with os.fdopen(handle, "wb") as out:
            uploaded.seek(0)
            for chunk in uploaded.chunks():
                out.write(chunk)
        yield path
    finally:
        os.unlink(path)


def upload_prepare(*, uploaded: UploadedFile) -> PreparedUpload:
    """Check ``uploaded`` and, for a photo, re-encode it; raise ApplicationError to refuse."""
    size = uploaded.size or 0
    if size == 0:
        raise errors.empty_file()
    source_format = sniff(uploaded)
    if source_format in PHOTO_FORMATS:
        if size > settings.UPLOAD_PHOTO_MAX_BYTES:
            raise errors.file_too_large("photo", settings.UPLOAD_PHOTO_MAX_BYTES)
        uploaded.seek(0)
        data = uploaded.read()
        if photo_polyglot_reason(data, source_format) is not None:
            raise errors.suspicious_content("photo")
        return PreparedUpload(
            kind=MediaKind.PHOTO,
            source_format=source_format,
            uploaded_bytes=size,
            photo=photo_clean(data, source_format),
        )
    if size > settings.UPLOAD_VIDEO_MAX_BYTES:
        raise errors.file_too_large("video", settings.UPLOAD_VIDEO_MAX_BYTES)
    with _on_disk(uploaded) as path:
        if video_polyglot_reason(path, size) is not None:
            raise errors.suspicious_content("video")
        facts = video_inspect(path)
    return PreparedUpload(
        kind=MediaKind.VIDEO,
        source_format=source_format,
        uploaded_bytes=size,
        video=facts,
        video_file=uploaded,
    )
