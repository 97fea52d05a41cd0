"""Video container headers, read without opening a decoder (no OpenCV here).

``probe_video_header`` is what a web process may run on an untrusted upload: it reads the
picture size and, when the header says it, the duration of an MP4/MOV (``moov``: ``mvhd``,
``tkhd``, ``stsd``) or a WebM (``Segment/Info``, ``Tracks``), with bounded reads and bounded
loops. Decoding frames is for the worker (``skinlab.video``).
"""

from __future__ import annotations

import math
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import BinaryIO

from skinlab.errors import CorruptMedia, UnsupportedMedia
from skinlab.sniff import VIDEO_TYPES, sniff_media_type


def _read_box_header(f: BinaryIO) -> tuple[int, bytes, int] | None:
    """(box size, type, header length) of the ISO-BMFF box at the current position."""
    head = f.read(8)
    if len(head) < 8:
        return None
    size, kind = struct.unpack(">I4s", head)
    hlen = 8
    if size == 1:
        ext = f.read(8)
        if len(ext) < 8:
            return None
        size = struct.unpack(">Q", ext)[0]
        hlen = 16
    elif size == 0:
        cur = f.tell()
        f.seek(0, os.SEEK_END)
        size = f.tell() - cur + 8
        f.seek(cur)
    if size < hlen:
        return None
    return size, kind, hlen


def mp4_duration(f: BinaryIO) -> float | None:
    """Duration in seconds from the ``moov/mvhd`` box of an MP4/MOV file, or None."""
    f.seek(0)
    for _ in range(10_000):  # bounded walk over top-level boxes
        start = f.tell()
        hdr = _read_box_header(f)
        if hdr is None:
            return None
        size, kind, _hlen = hdr
        if kind == b"moov":
            end = start + size
            while f.tell() + 8 <= end:
                cstart = f.tell()
                ch = _read_box_header(f)
                if ch is None:
                    return None
                csize, ckind, _ = ch
                if ckind == b"mvhd":
                    body = f.read(32)
                    if len(body) < 20:
                        return None
                    version = body[0]
                    if version == 1:
                        timescale, duration = struct.unpack(">IQ", body[20:32])
                    else:
                        timescale, duration = struct.unpack(">II", body[12:20])
                    if timescale == 0:
                        return None
                    return float(duration) / float(timescale)
                f.seek(cstart + csize)
            return None
        f.seek(start + size)
    return None


def _ebml_vint(buf: bytes, pos: int, keep_marker: bool) -> tuple[int, int] | None:
    if pos >= len(buf):
        return None
    first = buf[pos]
    length = 1
    mask = 0x80
    while length <= 8 and not first & mask:
        mask >>= 1
        length += 1
    if length > 8 or pos + length > len(buf):
        return None
    value = first if keep_marker else first & (mask - 1)
    for b in buf[pos + 1 : pos + length]:
        value = (value << 8) | b
    return value, length


def webm_duration(f: BinaryIO) -> float | None:
    """Duration in seconds from a WebM/Matroska ``Segment/Info`` block (first MiB), or None."""
    f.seek(0)
    buf = f.read(1 << 20)
    pos = 0
    scale = 1_000_000
    duration: float | None = None
    containers = {0x18538067, 0x1549A966}  # Segment, Info: descend into these
    steps = 0
    while pos < len(buf) and steps < 100_000:
        steps += 1
        id_ = _ebml_vint(buf, pos, True)
        if id_ is None:
            break
        eid, ilen = id_
        sz = _ebml_vint(buf, pos + ilen, False)
        if sz is None:
            break
        size, slen = sz
        data_start = pos + ilen + slen
        if eid in containers:
            pos = data_start
            continue
        if eid == 0x2AD7B1:  # TimecodeScale
            scale = int.from_bytes(buf[data_start : data_start + size], "big") or scale
        elif eid == 0x4489 and size in (4, 8):  # Duration (float, in TimecodeScale units)
            fmt = ">f" if size == 4 else ">d"
            duration = struct.unpack(fmt, buf[data_start : data_start + size])[0]
        elif eid == 0x1F43B675:  # Cluster: the header is over
            break
        if (1 << (7 * slen)) - 1 == size:  # unknown size: cannot skip
            break
        pos = data_start + size
    if duration is None or not math.isfinite(duration) or duration <= 0:
        return None
    return float(duration) * scale / 1e9


@dataclass(frozen=True)
class VideoHeader:
    """What a container's header says, read without opening a decoder.

    ``duration_s`` is None when the header does not say (a browser's MediaRecorder WebM,
    a fragmented MP4): the length is then found by whoever decodes the frames.
    """

    width: int
    height: int
    duration_s: float | None
    container: str


_MP4_MOOV_MAX = 16 << 20  # a minute of phone video has a moov of a few hundred KB
_WEBM_HEADER_MAX = 1 << 20


def _mp4_children(buf: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, body start, body end) of the boxes in ``buf[start:end]``; stops at a bad one."""
    pos = start
    for _ in range(10_000):
        if pos + 8 > end:
            return
        size, kind = struct.unpack(">I4s", buf[pos : pos + 8])
        hlen = 8
        if size == 1:
            if pos + 16 > end:
                return
            size = struct.unpack(">Q", buf[pos + 8 : pos + 16])[0]
            hlen = 16
        elif size == 0:
            size = end - pos
        if size < hlen or pos + size > end:
            return
        yield kind, pos + hlen, pos + size
        pos += size


def _mp4_video_size(moov: bytes) -> tuple[int, int]:
    """The largest (width, height) any video track of ``moov`` declares (tkhd or stsd)."""
    width = height = 0
    for kind, start, end in _mp4_children(moov, 0, len(moov)):
        if kind != b"trak":
            continue
        tk_w = tk_h = 0
        handler = b""
        entries: list[tuple[int, int]] = []
        for ckind, cstart, cend in _mp4_children(moov, start, end):
            if ckind == b"tkhd" and cend - cstart >= 84:
                body = moov[cstart:cend]
                # width and height are the last 8 bytes, 16.16 fixed point
                tk_w, tk_h = (v >> 16 for v in struct.unpack(">II", body[-8:]))
            elif ckind == b"mdia":
                for mkind, mstart, mend in _mp4_children(moov, cstart, cend):
                    if mkind == b"hdlr" and mend - mstart >= 12:
                        handler = moov[mstart + 8 : mstart + 12]
                    elif mkind == b"minf":
                        entries += _mp4_sample_sizes(moov, mstart, mend)
        if handler != b"vide":
            continue
        for w, h in [(tk_w, tk_h), *entries]:
            width, height = max(width, w), max(height, h)
    return width, height


def _mp4_sample_sizes(moov: bytes, start: int, end: int) -> list[tuple[int, int]]:
    """(width, height) of each visual sample entry under ``minf/stbl/stsd``."""
    sizes: list[tuple[int, int]] = []
    for kind, s, e in _mp4_children(moov, start, end):
        if kind != b"stbl":
            continue
        for skind, ss, se in _mp4_children(moov, s, e):
            if skind != b"stsd" or se - ss < 8:
                continue
            # version+flags(4) entry count(4), then entries; a visual sample entry has
            # 6 reserved + 2 data-reference + 16 pre-defined/reserved bytes before its size
            for _ekind, es, ee in _mp4_children(moov, ss + 8, se):
                if ee - es >= 28:
                    sizes.append(struct.unpack(">HH", moov[es + 24 : es + 28]))
    return sizes


def _mp4_header(f: BinaryIO, file_size: int) -> VideoHeader:
    moov: bytes | None = None
    media_seen = False
    pos = 0
    for _ in range(10_000):
        f.seek(pos)
        hdr = _read_box_header(f)
        if hdr is None:
            break
        size, kind, hlen = hdr
        if pos + size > file_size:
            raise CorruptMedia("The video is incomplete: record or export it again.")
        if kind == b"moov":
            if size > _MP4_MOOV_MAX:
                raise CorruptMedia("The video's header is too large to be a phone recording.")
            moov = f.read(size - hlen)
        elif kind in (b"mdat", b"moof"):
            media_seen = True
        pos += size
    if moov is None or not media_seen:
        raise CorruptMedia("The video is incomplete: record or export it again.")
    width, height = _mp4_video_size(moov)
    duration = None
    for kind, start, end in _mp4_children(moov, 0, len(moov)):
        if kind == b"mvhd" and end - start >= 32:
            body = moov[start:end]
            if body[0] == 1:
                timescale, ticks = struct.unpack(">IQ", body[20:32])
            else:
                timescale, ticks = struct.unpack(">II", body[12:20])
            if timescale and ticks and ticks != 0xFFFFFFFF:
                duration = ticks / timescale
    return VideoHeader(width=width, height=height, duration_s=duration, container="mp4")


def _webm_header(f: BinaryIO, file_size: int) -> VideoHeader:
    f.seek(0)
    buf = f.read(_WEBM_HEADER_MAX)
    # Segment, Info, Tracks, TrackEntry, Video, Cluster: descend into these
    containers = {0x18538067, 0x1549A966, 0x1654AE6B, 0xAE, 0xE0, 0x1F43B675}
    scale = 1_000_000
    duration: float | None = None
    width = height = 0
    track_w = track_h = 0
    in_cluster = False
    block_end: int | None = None
    pos = 0
    for _ in range(100_000):
        id_ = _ebml_vint(buf, pos, True)
        sz = _ebml_vint(buf, pos + id_[1], False) if id_ is not None else None
        if id_ is None or sz is None:
            break
        (eid, ilen), (size, slen) = id_, sz
        start = pos + ilen + slen
        unknown = (1 << (7 * slen)) - 1 == size
        value = int.from_bytes(buf[start : start + min(size, 8)], "big")
        if eid == 0xAE:  # a new TrackEntry: settle the one before
            width, height = max(width, track_w), max(height, track_h)
            track_w = track_h = 0
        if eid == 0x2AD7B1 and value:  # TimecodeScale
            scale = value
        elif eid == 0x4489 and size in (4, 8):  # Duration (float, TimecodeScale units)
            duration = struct.unpack(">f" if size == 4 else ">d", buf[start : start + size])[0]
        elif eid == 0xB0:  # PixelWidth
            track_w = value
        elif eid == 0xBA:  # PixelHeight
            track_h = value
        elif eid == 0x1F43B675:
            in_cluster = True
        elif in_cluster and eid in (0xA3, 0xA0):  # the first SimpleBlock or BlockGroup
            block_end = start + size
            break
        if eid in containers:
            pos = start
            continue
        if unknown:
            break
        pos = start + size
    width, height = max(width, track_w), max(height, track_h)
    if block_end is None or block_end > file_size:
        raise CorruptMedia("The video is incomplete: record or export it again.")
    seconds = None
    if duration is not None and math.isfinite(duration) and duration > 0:
        seconds = float(duration) * scale / 1e9
    return VideoHeader(width=width, height=height, duration_s=seconds, container="webm")


def probe_video_header(path: str) -> VideoHeader:
    """Size and duration of the video at ``path`` from its container header alone.

    No decoder is opened and no frame is decoded, so a hostile file costs a bounded read
    (at most the first MiB of a WebM, the ``moov`` box of an MP4/MOV up to 16 MiB). Raises
    :class:`UnsupportedMedia` for non-videos and :class:`CorruptMedia` when the header is
    missing, incomplete, or names no picture size.
    """
    file_size = os.path.getsize(path)
    with open(path, "rb") as fh:
        kind = sniff_media_type(fh.read(64))
        if kind not in VIDEO_TYPES:
            raise UnsupportedMedia("This is not a video we can read: upload an MP4, MOV or WebM.")
        try:
            header = (_webm_header if kind == "webm" else _mp4_header)(fh, file_size)
        except (OSError, struct.error, OverflowError, ValueError) as exc:
            raise CorruptMedia("The video's header could not be read.") from exc
    if header.width <= 0 or header.height <= 0:
        raise CorruptMedia("The video has no readable picture.")
    return replace(header, container=kind)
