"""Serve a stored file with HTTP byte ranges, so a video player can seek.

Django's ``FileResponse`` (and ``runserver``'s static view) always answer the whole file
with 200; a browser then cannot seek in a video it has not downloaded yet. This answers
``Range: bytes=a-b`` with 206 and just those bytes, under runserver and gunicorn alike.
One range per request, as players ask; anything else gets the whole file or 416.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from django.http import HttpResponse, StreamingHttpResponse

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """(first, last) byte to send; None for the whole file; False when not satisfiable."""
    match = _RANGE.match(header.strip())
    if match is None:
        return None  # not a single byte range: ignore it (RFC 9110 allows that)
    first_text, last_text = match.groups()
    if not first_text and not last_text:
        return None
    if not first_text:  # the last N bytes
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            return False
        return max(0, size - suffix), size - 1
    first = int(first_text)
    last = min(int(last_text), size - 1) if last_text else size - 1
    if first >= size or last < first:
        return False
    return first, last


def _read(handle: IO[bytes], first: int, length: int) -> Iterator[bytes]:
    try:
        handle.seek(first)
        left = length
        while left > 0:
            chunk = handle.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk
    finally:
        handle.close()


def ranged_response(
    handle: IO[bytes], *, size: int, content_type: str, range_header: str | None
) -> HttpResponse | StreamingHttpResponse:
    wanted = parse_range(range_header, size) if range_header else None
    if wanted is False:
        handle.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    first, last = wanted if isinstance(wanted, tuple) else (0, size - 1)
    length = last - first + 1 if size else 0
    response = StreamingHttpResponse(
        _read(handle, first, length),
        status=206 if isinstance(wanted, tuple) else 200,
        content_type=content_type,
    )
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    if isinstance(wanted, tuple):
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response
