"""GET /api/v1/media/<signed token>/: private media, decrypted, to the person the link names;
GET /api/v1/uploads/limits/: what an upload is checked against, for the upload page."""

from __future__ import annotations

import logging
import re
from collections.abc import Generator, Iterator

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from metskin.accounts.caller import request_user
from metskin.core.access_log import media_read_announce
from metskin.core.exceptions import ApplicationError
from metskin.uploads.access import media_viewable
from metskin.uploads.crypto import MediaDecryptionError
from metskin.uploads.selectors import upload_limits
from metskin.uploads.serializers import UploadLimitsOutput
from metskin.uploads.signing import LinkExpired, LinkInvalid, media_grant_read
from metskin.uploads.storage import EncryptedStorageMixin, private_storage

logger = logging.getLogger(__name__)

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
MESSAGE_UNREADABLE = (
    "This file can no longer be read: it was damaged in storage. "
    "If you still need it, upload the photo or video again."
)


def _log_unreadable(name: str, exc: MediaDecryptionError) -> None:
    # A wrong MEDIA_ENCRYPTION_KEY shows here on every file; damage on one. Either needs a person.
    logger.error("Stored media %s could not be decrypted: %s", name, exc)


class _Plaintext:
    """The decrypted pieces of a stored file; damage found mid-stream is logged, then raised
    (the server drops the connection rather than send a file shorter than announced)."""

    def __init__(self, name: str, first: bytes, pieces: Generator[bytes, None, None]) -> None:
        self._name = name
        self._first: bytes | None = first
        self._pieces = pieces

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        if self._first is not None:
            first, self._first = self._first, None
            return first
        try:
            return next(self._pieces)
        except MediaDecryptionError as exc:
            _log_unreadable(self._name, exc)
            raise

    def close(self) -> None:
        self._pieces.close()


def _plaintext(storage: EncryptedStorageMixin, name: str) -> tuple[int, _Plaintext]:
    """The decrypted size and content of ``name``.

    The size comes from the last chunk and the first chunk is decrypted here, before any
    answer is sent, so a wrong key or a damaged file becomes an error response, not a 200
    that breaks off.
    """
    size, pieces = storage.open_plaintext(name)
    return size, _Plaintext(name, next(pieces, b""), pieces)


def _slice(pieces: Iterator[bytes], start: int, end: int) -> Iterator[bytes]:
    """The bytes [start, end] (inclusive) of a stream of pieces."""
    position = 0
    for piece in pieces:
        piece_end = position + len(piece)
        if piece_end > start and position <= end:
            yield piece[max(0, start - position) : end - position + 1]
        position = piece_end
        if position > end:
            return


class UploadLimitsApi(APIView):
    """The formats, sizes, video length and storage quota the upload checks apply, and how
    much of the quota the person has used: the upload page shows these, never its own copy."""

    @extend_schema(
        operation_id="uploads_limits", tags=["uploads"], responses={200: UploadLimitsOutput}
    )
    def get(self, request: Request) -> Response:
        limits = upload_limits(owner=request_user(request))
        return Response(UploadLimitsOutput(limits).data)


class MediaApi(APIView):
    """Serves a photo, video, thumbnail or overlay named by a signed link.

    The link must be signed by MetSkin, made for the signed-in person and no older than
    UPLOAD_SIGNED_URL_MAX_AGE seconds, and the person must still be allowed to see the file
    (``access.py``: a share may have ended since). Anything else answers 404 (403 once it
    expired). A
    stored file that cannot be decrypted answers 410 with a message, and is logged.
    Supports one byte range (video players ask for them).
    """

    @extend_schema(
        operation_id="media_retrieve",
        tags=["uploads"],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description=(
                    "The media file, with its own Content-Type: a photo, thumbnail or overlay "
                    "as JPEG (overlays made before skinlab 0.5.2 as PNG); a video as WebM once "
                    "cleaned of its metadata, as uploaded (MP4 or QuickTime) until then"
                ),
            ),
            (206, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The requested byte range"
            ),
            403: OpenApiResponse(description="The link has expired"),
            404: OpenApiResponse(description="Not a link for you"),
            410: OpenApiResponse(
                description="The stored file cannot be decrypted (damaged, or an unknown key)"
            ),
        },
    )
    def get(self, request: Request, token: str) -> HttpResponseBase:
        try:
            grant = media_grant_read(token=token, viewer=request.user)
        except LinkInvalid as exc:
            raise Http404 from exc
        except LinkExpired as exc:
            raise ApplicationError(
                "This link has expired. Reload the page to see the picture again.",
                code="link_expired",
                status_code=status.HTTP_403_FORBIDDEN,
            ) from exc
        # The link was minted after an access check; the access may have ended since.
        if not media_viewable(viewer=request.user, file_name=grant.file_name):
            raise Http404
        storage = private_storage()
        if not storage.exists(grant.file_name):
            raise Http404
        try:
            size, pieces = _plaintext(storage, grant.file_name)
        except MediaDecryptionError as exc:
            _log_unreadable(grant.file_name, exc)
            raise ApplicationError(
                MESSAGE_UNREADABLE, code="media_unreadable", status_code=status.HTTP_410_GONE
            ) from exc
        response: HttpResponseBase
        match = _RANGE.match(request.headers.get("Range", ""))
        if match and (match.group(1) or match.group(2)):
            first, last = match.groups()
            if first:
                start, end = int(first), min(int(last) if last else size - 1, size - 1)
            else:
                start, end = max(0, size - int(last)), size - 1
            if start > end or start >= size:
                pieces.close()
                response = HttpResponse(status=status.HTTP_416_REQUESTED_RANGE_NOT_SATISFIABLE)
                response["Content-Range"] = f"bytes */{size}"
                return response
            response = StreamingHttpResponse(
                _slice(pieces, start, end),
                status=status.HTTP_206_PARTIAL_CONTENT,
                content_type=grant.content_type,
            )
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
            response["Content-Length"] = str(end - start + 1)
        else:
            start = 0
            response = StreamingHttpResponse(pieces, content_type=grant.content_type)
            response["Content-Length"] = str(size)
        # A doctor's read of a patient's picture goes in the patient's access log, once per
        # viewing: a video player asks for the file from its start, then for later pieces as
        # it plays and seeks, and only the request from the start is a new read.
        if start == 0:
            media_read_announce(viewer=request.user, file_name=grant.file_name)
        response["Accept-Ranges"] = "bytes"
        response["Content-Disposition"] = f'inline; filename="{grant.download_name}"'
        # Medical pictures: never kept in a shared cache or on disk by the browser.
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cross-Origin-Resource-Policy"] = "same-origin"
        return response
