"""Refuse a photo or video that is also something a browser or a tool would act on.

A polyglot is a file that is valid as two formats at once: a JPEG that is also a ZIP (or a
JAR), a PNG with a web page after its end, a picture with a script in a comment, a video
that is also a PDF. We re-encode every photo and video, so nothing hidden survives storage,
but the upload is refused with a clear message anyway: such a file was crafted, not taken.

What counts is active or archive content (markup, scripts, ZIP archives, PDF), looked for in
the parts of a file that are not compressed pixels: metadata segments and chunks, and any
bytes after the picture's end. Benign extras are allowed, such as the short video that
"motion photos" append after a JPEG (re-encoding drops it).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

# Markup a browser would render or run, and server-side script openers.
_MARKUP = re.compile(
    rb"<(?:script|html|svg|iframe|object|embed|body|head|meta\s+http-equiv|\?php|!doctype\s+html)"
    rb"[\s>/]",
    re.IGNORECASE,
)
_PDF = b"%PDF-"
# Where in a video to look for markup: the container's head and tail.
_VIDEO_SCAN_BYTES = 1024 * 1024


def _jpeg_segments(data: bytes) -> Iterator[bytes]:
    """Payloads of a JPEG's marker segments, then whatever follows its end (EOI)."""
    entropy_end = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
    pos, size = 2, len(data)
    for _ in range(100_000):  # bounded: a JPEG has a few dozen segments
        if pos + 2 > size:
            return
        if data[pos] != 0xFF:
            yield data[pos:]  # not a segment: judge the rest as non-pixel data
            return
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0xD9:  # EOI
            yield data[pos + 2 :]
            return
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        if pos + 4 > size:
            return
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        if length < 2:
            yield data[pos:]
            return
        yield data[pos + 4 : pos + 2 + length]
        pos += 2 + length
        if marker == 0xDA:  # start of scan: skip the compressed pixels to the next marker
            found = entropy_end.search(data, pos)
            if found is None:
                return
            pos = found.start()


def _png_chunks(data: bytes) -> Iterator[bytes]:
    """Data of every PNG chunk except compressed pixels, then whatever follows IEND."""
    pos, size = 8, len(data)
    while pos + 12 <= size:
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > size:
            yield data[pos:]
            return
        if kind not in (b"IDAT", b"fdAT"):
            yield data[pos + 8 : pos + 8 + length]
        pos = end
        if kind == b"IEND":
            break
    yield data[pos:]


def _webp_chunks(data: bytes) -> Iterator[bytes]:
    """Data of every WebP chunk except the bitstreams, then whatever follows the RIFF."""
    riff_end = min(len(data), 8 + int.from_bytes(data[4:8], "little"))
    pos = 12
    while pos + 8 <= riff_end:
        kind = data[pos : pos + 4]
        length = int.from_bytes(data[pos + 4 : pos + 8], "little")
        if kind not in (b"VP8 ", b"VP8L", b"ALPH", b"ANMF"):
            yield data[pos + 8 : pos + 8 + length]
        pos += 8 + length + (length & 1)
    yield data[riff_end:]


def _bmff_boxes(data: bytes) -> Iterator[bytes]:
    """Top-level ISO-BMFF boxes (HEIC, MP4, MOV) except media data, then any tail."""
    pos, size = 0, len(data)
    for _ in range(10_000):
        if pos + 8 > size:
            break
        box_size = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        header = 8
        if box_size == 1 and pos + 16 <= size:
            box_size, header = int.from_bytes(data[pos + 8 : pos + 16], "big"), 16
        elif box_size == 0:
            box_size = size - pos
        if box_size < header:
            break
        if kind != b"mdat":
            yield data[pos + header : pos + box_size]
        pos += box_size
    yield data[pos:]


_WALKERS = {"jpeg": _jpeg_segments, "png": _png_chunks, "webp": _webp_chunks, "heic": _bmff_boxes}


def photo_polyglot_reason(data: bytes, source_format: str) -> str | None:
    """Why this photo is also something else (``"zip"``, ``"pdf"``, ``"markup"``), or None."""
    if zipfile.is_zipfile(io.BytesIO(data)):
        return "zip"
    if _PDF in data[:1024]:
        return "pdf"
    for region in _WALKERS[source_format](data):
        if region and _MARKUP.search(region):
            return "markup"
    return None


def video_polyglot_reason(path: str, size: int) -> str | None:
    """The same for a video on disk; its head and tail are read, not the whole file."""
    with open(path, "rb") as handle:
        head = handle.read(_VIDEO_SCAN_BYTES)
        handle.seek(max(0, size - _VIDEO_SCAN_BYTES))
        tail = handle.read(_VIDEO_SCAN_BYTES)
        handle.seek(0)
        if zipfile.is_zipfile(handle):
            return "zip"
    if _PDF in head[:1024]:
        return "pdf"
    if _MARKUP.search(head) or _MARKUP.search(tail):
        return "markup"
    return None
