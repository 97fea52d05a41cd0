"""Videos: check them at upload, re-encode them without metadata in the worker.

At upload the web process reads only the container header (``skinlab.probe_video_header``:
size, and the duration when the header states it) and decodes no frame, so a file larger
than 8,192 px, longer than 60 s by its header, or without a complete header is refused
before anything is stored. Decoding is the worker's: a header without a duration is
measured there, under the task's time limit, and a video that turns out too long or
undecodable fails its analysis and its original is deleted. Re-encoding is too slow for a
request (tens of seconds for a minute of 1080p), so the worker does it: it decodes the
frames with OpenCV and writes a new WebM (VP8) holding nothing but those frames, no audio,
no container metadata (GPS, device, dates). Until then the original is kept only encrypted
and is never served (docs/adr/0004-encrypted-private-media.md).
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from django.conf import settings

import skinlab
from metskin.uploads import errors

CLEAN_CONTENT_TYPE = "video/webm"
MAX_DIMENSION = 8192
_THUMBNAIL_LONG_SIDE = 480


@dataclass(frozen=True)
class VideoFacts:
    duration_s: float | None  # None: the header does not say; the worker measures it
    width: int
    height: int


@dataclass(frozen=True)
class CleanVideo:
    data: bytes
    width: int
    height: int
    duration_s: float
    thumbnail: bytes


def video_inspect(path: str) -> VideoFacts:
    """Duration and size of the video at ``path`` from its container header alone.

    Runs in the web process on an untrusted file, so it opens no decoder and decodes no
    frame (``skinlab.probe_video_header``: bounded reads of the header): the picture size is
    checked against 8,192 px and a duration the header states against the limit. A header
    without a duration (a browser's MediaRecorder WebM) is let through; the worker measures
    it by decoding, under the task's time limit, and fails the analysis when it is too long.
    Raises an upload error when the file is unusable.
    """
    try:
        header = skinlab.probe_video_header(path)
    except skinlab.UnsupportedMedia as exc:
        raise errors.unsupported_media() from exc
    except skinlab.SkinlabError as exc:
        raise errors.corrupt_media("video") from exc
    width, height = header.width, header.height
    if width > MAX_DIMENSION or height > MAX_DIMENSION:
        raise errors.too_many_pixels((width, height), MAX_DIMENSION * MAX_DIMENSION)
    duration = header.duration_s
    if duration is not None:
        if not math.isfinite(duration) or duration <= 0:
            raise errors.corrupt_media("video")
        limit = settings.UPLOAD_VIDEO_MAX_SECONDS
        if duration > limit:
            raise errors.video_too_long(duration, limit)
        duration = float(duration)
    return VideoFacts(duration_s=duration, width=width, height=height)


def _even_size(width: int, height: int, long_side: int) -> tuple[int, int]:
    scale = min(1.0, long_side / max(width, height))
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


def _jpeg(frame_bgr: np.ndarray) -> bytes:
    height, width = frame_bgr.shape[:2]
    scale = min(1.0, _THUMBNAIL_LONG_SIDE / max(width, height))
    small = cv2.resize(
        frame_bgr, (max(1, round(width * scale)), max(1, round(height * scale))),
        interpolation=cv2.INTER_AREA,
    )  # fmt: skip
    ok, encoded = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 82])
    if not ok:
        raise ValueError("could not encode the thumbnail")
    return encoded.tobytes()


def video_clean(
    source_path: str, *, on_progress: Callable[[str, float], None] | None = None
) -> CleanVideo:
    """Re-encode the frames of ``source_path`` into a new WebM with no metadata.

    Frames come out of OpenCV already turned upright (it applies the rotation the phone
    recorded); the frame rate is capped and the size scaled down to the configured limits.
    Raises ``ValueError`` when the video cannot be decoded or encoded.
    """
    capture = cv2.VideoCapture(source_path)
    if not capture.isOpened():
        raise ValueError("the video cannot be opened")
    fps_in = capture.get(cv2.CAP_PROP_FPS)
    if not math.isfinite(fps_in) or not 1 <= fps_in <= 240:
        fps_in = 30.0
    fps_out = min(fps_in, settings.UPLOAD_VIDEO_STORED_MAX_FPS)
    max_frames_in = math.ceil(settings.UPLOAD_VIDEO_MAX_SECONDS * fps_in) + 1
    expected = capture.get(cv2.CAP_PROP_FRAME_COUNT) or max_frames_in
    handle, out_path = tempfile.mkstemp(suffix=".webm")
    os.close(handle)
    writer: cv2.VideoWriter | None = None
    thumbnail = b""
    size = (0, 0)
    written = 0
    try:
        next_due = 0.0
        for index in range(max_frames_in):
            ok, frame = capture.read()
            if not ok or frame is None:
                break
            if index + 1e-9 < next_due:
                continue  # dropped to bring the frame rate down
            next_due += fps_in / fps_out
            if writer is None:
                if max(frame.shape[:2]) > MAX_DIMENSION:  # the bitstream's size, not the header's
                    raise ValueError("the frames are larger than 8,192 px")
                size = _even_size(frame.shape[1], frame.shape[0],
                                  settings.UPLOAD_VIDEO_STORED_LONG_SIDE)  # fmt: skip
                writer = cv2.VideoWriter(out_path, cv2.VideoWriter.fourcc(*"VP80"), fps_out, size)
                if not writer.isOpened():
                    raise ValueError("the WebM encoder is not available")
                thumbnail = _jpeg(frame)
            if (frame.shape[1], frame.shape[0]) != size:
                frame = cv2.resize(frame, size, interpolation=cv2.INTER_AREA)
            writer.write(frame)
            written += 1
            if on_progress is not None and index % 15 == 0:
                on_progress("preparing_video", min(1.0, index / max(1.0, expected)))
        if writer is None or written == 0:
            raise ValueError("the video has no frame that can be decoded")
        writer.release()
        writer = None
        data = Path(out_path).read_bytes()
    finally:
        capture.release()
        if writer is not None:
            writer.release()
        Path(out_path).unlink(missing_ok=True)
    return CleanVideo(
        data=data,
        width=size[0],
        height=size[1],
        duration_s=round(written / fps_out, 3),
        thumbnail=thumbnail,
    )
