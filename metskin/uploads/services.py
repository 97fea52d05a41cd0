"""Writes for uploaded media: store an accepted upload, clean a video, delete files."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile, File
from django.db import transaction

from metskin.accounts.models import User
from metskin.uploads import errors
from metskin.uploads.models import MediaKind, Upload
from metskin.uploads.selectors import upload_usage
from metskin.uploads.storage import private_storage
from metskin.uploads.validation import VIDEO_CONTENT_TYPES, PreparedUpload
from metskin.uploads.videos import CLEAN_CONTENT_TYPE, video_clean

logger = logging.getLogger(__name__)


def media_name(folder: str, extension: str) -> str:
    """A random storage name, sharded so no folder grows too large."""
    key = uuid.uuid4().hex
    return f"{folder}/{key[:2]}/{key}.{extension}"


def media_files_delete(names: Iterable[str]) -> None:
    """Delete stored files now; a failure is logged (the rows are gone already)."""
    storage = private_storage()
    for name in names:
        try:
            storage.delete(name)
        except Exception:  # storage outage: log it, the orphan is harmless but must be seen
            logger.exception("Could not delete private media file %s", name)


def media_files_delete_on_commit(names: Iterable[str]) -> None:
    """Delete stored files once the current transaction has committed."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: media_files_delete(names))


def _save(name: str, content: File[bytes] | ContentFile[bytes], saved: list[str]) -> str:
    stored = private_storage().save(name, content)
    saved.append(stored)
    return stored


def upload_store(*, owner: User, prepared: PreparedUpload) -> Upload:
    """Store an accepted upload for ``owner`` within their quota.

    Files are written before the row; if anything fails after that, the files are deleted
    again, so a refused or failed upload leaves nothing behind.
    """
    incoming = len(prepared.photo.data) if prepared.photo is not None else prepared.uploaded_bytes
    saved: list[str] = []
    try:
        with transaction.atomic():
            # One upload at a time per person, so two at once cannot both slip under the quota.
            get_user_model().objects.select_for_update().filter(pk=owner.pk).first()
            files, size = upload_usage(owner=owner)
            if (
                files + 1 > settings.UPLOAD_QUOTA_FILES
                or size + incoming > settings.UPLOAD_QUOTA_BYTES
            ):
                raise errors.quota_exceeded(
                    settings.UPLOAD_QUOTA_FILES, settings.UPLOAD_QUOTA_BYTES
                )
            upload = _new_upload(owner=owner, prepared=prepared, saved=saved)
            upload.full_clean()
            upload.save()
    except BaseException:
        media_files_delete(saved)
        raise
    return upload


def _new_upload(*, owner: User, prepared: PreparedUpload, saved: list[str]) -> Upload:
    if prepared.kind == MediaKind.PHOTO:
        photo = prepared.photo
        assert photo is not None
        return Upload(
            owner=owner,
            kind=MediaKind.PHOTO,
            source_format=prepared.source_format,
            file_name=_save(media_name("photos", "jpg"), ContentFile(photo.data), saved),
            thumbnail_name=_save(
                media_name("thumbnails", "jpg"), ContentFile(photo.thumbnail), saved
            ),
            content_type="image/jpeg",
            size_bytes=len(photo.data),
            uploaded_bytes=prepared.uploaded_bytes,
            width=photo.width,
            height=photo.height,
            sanitized=True,
        )
    video, video_file = prepared.video, prepared.video_file
    assert video is not None and video_file is not None
    video_file.seek(0)
    # Kept encrypted and never served until the worker has re-encoded it (upload_video_clean).
    raw_name = _save(media_name("incoming", prepared.source_format), File(video_file), saved)
    return Upload(
        owner=owner,
        kind=MediaKind.VIDEO,
        source_format=prepared.source_format,
        file_name=raw_name,
        content_type=VIDEO_CONTENT_TYPES[prepared.source_format],
        size_bytes=prepared.uploaded_bytes,
        uploaded_bytes=prepared.uploaded_bytes,
        width=video.width,
        height=video.height,
        duration_s=video.duration_s,
        sanitized=False,
    )


@contextlib.contextmanager
def upload_local_copy(*, upload: Upload) -> Iterator[str]:
    """The decrypted media in a private temporary file, deleted when the block ends."""
    handle, path = tempfile.mkstemp(suffix=f".{upload.source_format}")
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in private_storage().iter_plaintext(upload.file_name):
                out.write(piece)
        yield path
    finally:
        os.unlink(path)


def upload_video_clean(
    *, upload: Upload, source_path: str, on_progress: Callable[[str, float], None] | None = None
) -> Upload:
    """Replace a raw video by its re-encoded copy without metadata (idempotent)."""
    if upload.sanitized:
        return upload
    clean = video_clean(source_path, on_progress=on_progress)
    saved: list[str] = []
    try:
        file_name = _save(media_name("videos", "webm"), ContentFile(clean.data), saved)
        thumbnail_name = _save(media_name("thumbnails", "jpg"), ContentFile(clean.thumbnail), saved)
        swapped = Upload.objects.filter(
            pk=upload.pk, sanitized=False, file_name=upload.file_name
        ).update(
            file_name=file_name,
            thumbnail_name=thumbnail_name,
            sanitized=True,
            content_type=CLEAN_CONTENT_TYPE,
            size_bytes=len(clean.data),
            width=clean.width,
            height=clean.height,
            duration_s=clean.duration_s,
        )
    except BaseException:
        media_files_delete(saved)
        raise
    if swapped != 1:
        # Deleted meanwhile, or another run got there first: keep what is recorded.
        media_files_delete(saved)
    else:
        media_files_delete_on_commit([upload.file_name])
    return Upload.objects.get(pk=upload.pk) if swapped == 1 else upload


def upload_delete(*, upload: Upload) -> None:
    """Delete an upload; its files go once that is committed (signals.py, also on cascade)."""
    upload.delete()
