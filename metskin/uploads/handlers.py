"""Stop reading an upload as soon as it is larger than anything we accept.

Installed first among the request's upload handlers by the upload view, so a 1 GB body is
refused after 100 MB (or at once, from its Content-Length) instead of filling the disk.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, QueryDict
from django.utils.datastructures import MultiValueDict

_FLAG = "_metskin_upload_too_large"
# Room for the multipart envelope around the largest file we accept.
MULTIPART_SLACK = 64 * 1024


def body_limit() -> int:
    return int(max(settings.UPLOAD_PHOTO_MAX_BYTES, settings.UPLOAD_VIDEO_MAX_BYTES))


class SizeLimitUploadHandler(FileUploadHandler):
    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> tuple[QueryDict, MultiValueDict[str, Any]] | None:
        if content_length > body_limit() + MULTIPART_SLACK:
            # Answer "no fields, no files" without reading a byte of the body.
            assert self.request is not None
            setattr(self.request, _FLAG, True)
            return QueryDict(), MultiValueDict()
        return None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > body_limit():
            self._refuse()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def _refuse(self) -> None:
        assert self.request is not None
        setattr(self.request, _FLAG, True)
        # Do not read the rest of the body: the client is told at once.
        raise StopUpload(connection_reset=True)


def install_size_limit(request: HttpRequest) -> None:
    handlers = request.upload_handlers
    if isinstance(handlers, list):  # still changeable: nothing has read the body yet
        handlers.insert(0, SizeLimitUploadHandler(request))


def upload_too_large(request: HttpRequest) -> bool:
    return bool(getattr(request, _FLAG, False))
