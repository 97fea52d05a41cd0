"""Writes for uploaded media, and the public surface other apps use.

Other apps (analysis, privacy) use only this module, ``models``, ``signing`` and the
``access`` registry (an import-linter contract in pyproject.toml keeps it so):

- :func:`upload_accept` checks and stores an uploaded file; what the caller's block writes
  commits with it, or its files go;
- :func:`media_name` and :func:`media_file_save` store a private file derived from one (an
  overlay) or made for its owner (an export), :func:`media_file_read` and
  :func:`media_file_open` read such a file back decrypted, a chunk at a time;
- :func:`upload_limits` are the limits an upload is checked against, for the page that asks;
- :func:`upload_local_copy` gives a decrypted local copy for tools that need a path;
- :func:`upload_original_discard` deletes the original of an upload the analysis refused;
- :class:`MediaUnreadable` is the one error for a stored file that cannot be read back;
- :func:`upload_body_limit_install` and :func:`upload_body_check` refuse an over-large
  request body before it fills the disk.
"""

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
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from metskin.accounts.models import User
from metskin.uploads import errors, handlers
from metskin.uploads.crypto import MediaDecryptionError
from metskin.uploads.models import MediaKind, Upload
from metskin.uploads.selectors import upload_usage
from metskin.uploads.storage import private_storage
from metskin.uploads.validation import VIDEO_CONTENT_TYPES, PreparedUpload, upload_prepare
from metskin.uploads.videos import CLEAN_CONTENT_TYPE, video_clean

logger = logging.getLogger(__name__)


class MediaUnreadable(Exception):
    """A stored file cannot be read back: the wrong key, or a damaged, altered or missing file."""


def upload_body_limit_install(request: HttpRequest) -> None:
    """Call before anything reads the body: reading stops once it is larger than we accept."""
    handlers.install_size_limit(request)


def upload_body_check(request: HttpRequest) -> None:
    """Raise the clear 413 when the body was cut off for being larger than we accept."""
    if handlers.upload_too_large(request):
        raise errors.file_too_large("file", settings.UPLOAD_VIDEO_MAX_BYTES)


@contextlib.contextmanager
def upload_accept(*, owner: User, uploaded: UploadedFile) -> Iterator[Upload]:
    """Check and store an uploaded photo or video for ``owner``, in a transaction.

    The check (a real decode, metadata stripped) runs first, outside any lock. The upload is
    stored within the owner's quota and given to the block; what the block writes commits
    with it. If the check or the block raises, nothing is kept: rows roll back and the stored
    files are deleted.
    """
    prepared = upload_prepare(uploaded=uploaded)
    upload = None
    try:
        with transaction.atomic():
            upload = upload_store(owner=owner, prepared=prepared)
            yield upload
    except BaseException:
        if upload is not None:  # stored, then rolled back: the files must go too
            media_files_delete(upload.stored_names())
        raise


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


def media_file_save(name: str, data: bytes | File[bytes]) -> str:
    """Store a file derived from an upload (an overlay) or made for its owner (an export zip,
    a file object read a chunk at a time) under a name from :func:`media_name`, encrypted and
    private like the upload itself; the stored name."""
    content = ContentFile(data) if isinstance(data, bytes) else data
    return private_storage().save(name, content)


def media_file_read(name: str) -> Iterator[bytes]:
    """The decrypted content of a stored file, a chunk at a time (memory stays flat)."""
    return private_storage().iter_plaintext(name)


def media_file_open(name: str) -> tuple[int, Iterator[bytes]]:
    """The decrypted size of a stored file and its content a chunk at a time, for a response
    that announces its length."""
    return private_storage().open_plaintext(name)


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
    """The decrypted media in a private temporary file, deleted when the block ends.

    Raises :class:`MediaUnreadable` when the stored file is missing or cannot be decrypted.
    """
    handle, path = tempfile.mkstemp(suffix=f".{upload.source_format}")
    try:
        try:
            with os.fdopen(handle, "wb") as out:
                for piece in private_storage().iter_plaintext(upload.file_name):
                    out.write(piece)
        except (MediaDecryptionError, FileNotFoundError) as exc:
            raise MediaUnreadable(f"Upload {upload.pk} cannot be read back") from exc
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


def upload_original_discard(*, upload: Upload) -> None:
    """Delete the original of an upload the analysis refused, keeping its row (which the
    failed analysis points to): it is no longer exported, counted or read."""
    discarded = Upload.objects.filter(pk=upload.pk, discarded_at__isnull=True).update(
        discarded_at=timezone.now()
    )
    if discarded:
        media_files_delete_on_commit([upload.file_name])


def upload_delete(*, upload: Upload) -> None:
    """Delete an upload; its files go once that is committed (signals.py, also on cascade)."""
    upload.delete()
