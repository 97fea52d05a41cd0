"""Step 7 — video: probe, sample frames, keep the sharpest frontal ones, combine robustly.

OpenCV's FFmpeg backend decodes MP4, MOV and WebM. ``probe_video`` reads the duration from
the container header (``mvhd`` in MP4/MOV, ``Info/Duration`` in WebM) so an upload can be
refused as too long without decoding a frame. Analysis decodes at most
``video_max_frames`` evenly spaced frames, scores each for sharpness (variance of the
Laplacian) and pose (a frontal face), fully analyses the best ``video_best_frames`` and
combines them with medians; ``consistency`` says how well those frames agreed.
"""

from __future__ import annotations

import contextlib
import os
import struct
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from skinlab import quality as q
from skinlab.container import mp4_duration, webm_duration
from skinlab.detect import FaceDetector, make_face_detector
from skinlab.errors import CorruptMedia, EmptyInput, NoSkinFound, UnsupportedMedia, VideoTooLong
from skinlab.load import LoadedImage, Source
from skinlab.options import AnalysisOptions
from skinlab.overlay import render_overlay
from skinlab.pipeline import analyze_loaded, plausible_face
from skinlab.result import (
    AnalysisResult,
    ColorCorrection,
    ConcernResult,
    FaceInfo,
    MediaType,
    Quality,
    VideoSummary,
)
from skinlab.sniff import VIDEO_TYPES, sniff_media_type
from skinlab.tone import measure_tone

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class VideoInfo:
    """What a video container says about itself."""

    duration_s: float
    width: int
    height: int
    fps: float
    frame_count: int
    codec: str
    container: str = "mp4"


@contextlib.contextmanager
def _as_path(source: Source, max_bytes: int) -> Iterator[tuple[str, str]]:
    """Yield (path, sniffed container) for bytes (via a temporary file) or a path."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if not data:
            raise EmptyInput()
        kind = sniff_media_type(data)
        if kind not in VIDEO_TYPES:
            raise UnsupportedMedia("This is not a video we can read: upload an MP4, MOV or WebM.")
        if len(data) > max_bytes:
            raise VideoTooLong("The video file is too large: record 60 seconds or less.")
        fd, tmp = tempfile.mkstemp(suffix="." + kind, prefix="skinlab-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            yield tmp, kind
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return
    path = Path(source)
    if not path.is_file():
        raise EmptyInput(f"File not found: {path.name}. Check the path and try again.")
    with path.open("rb") as fh:
        head = fh.read(64)
    if not head:
        raise EmptyInput()
    kind = sniff_media_type(head)
    if kind not in VIDEO_TYPES:
        raise UnsupportedMedia("This is not a video we can read: upload an MP4, MOV or WebM.")
    if path.stat().st_size > max_bytes:
        raise VideoTooLong("The video file is too large: record 60 seconds or less.")
    yield str(path), kind


def _probe_path(path: str, kind: str) -> VideoInfo:
    with open(path, "rb") as fh:
        try:
            dur = webm_duration(fh) if kind == "webm" else mp4_duration(fh)
        except (OSError, struct.error, OverflowError, ValueError):
            dur = None
    cap = cv2.VideoCapture(path)
    try:
        if not cap.isOpened():
            raise CorruptMedia("The video could not be opened: it may be damaged or incomplete.")
        width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))
        height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
        fps = float(cap.get(cv2.CAP_PROP_FPS))
        count = int(cap.get(cv2.CAP_PROP_FRAME_COUNT))
        fourcc = int(cap.get(cv2.CAP_PROP_FOURCC))
    finally:
        cap.release()
    if width <= 0 or height <= 0:
        raise CorruptMedia("The video has no readable picture.")
    if not np.isfinite(fps) or fps <= 0 or fps > 1000:
        fps = 30.0
    if dur is None and count <= 0:
        # Browser recordings (MediaRecorder WebM) often carry no duration: count frames,
        # bounded — past the longest video we accept, the exact length no longer matters.
        count = _count_frames(path, limit=int(fps * (MAX_PROBE_SECONDS + 1)))
        if count <= 0:
            raise CorruptMedia("The video's length could not be read: export or record it again.")
    if dur is None:
        dur = count / fps
    if count <= 0:
        count = round(dur * fps)
    codec = "".join(chr(c) for c in fourcc.to_bytes(4, "little") if 32 <= c < 127).strip()
    return VideoInfo(
        duration_s=round(float(dur), 3),
        width=width,
        height=height,
        fps=round(fps, 3),
        frame_count=max(0, count),
        codec=codec or "unknown",
        container=kind,
    )


MAX_PROBE_SECONDS = 120.0


def _count_frames(path: str, limit: int) -> int:
    """Count decodable frames up to ``limit`` (grab() skips the colour conversion)."""
    cap = cv2.VideoCapture(path)
    n = 0
    try:
        while n < limit and cap.grab():
            n += 1
    finally:
        cap.release()
    return n


def probe_video(source: Source, *, max_bytes: int = 2_000_000_000) -> VideoInfo:
    """Read a video's duration, size, frame rate and codec without analysing it (fast).

    Raises :class:`UnsupportedMedia` for non-videos and :class:`CorruptMedia` when the
    container cannot be read.
    """
    with _as_path(source, max_bytes) as (path, kind):
        return _probe_path(path, kind)


# ---------------------------------------------------------------- analysis


def _sample_indices(count: int, n: int) -> list[int]:
    if count <= 0:
        return []
    n = max(1, min(n, count))
    # Avoid the very first and last frames (often black or mid-motion when recording starts).
    lo, hi = (int(count * 0.05), int(count * 0.95)) if count >= 20 else (0, count - 1)
    return sorted({round(v) for v in np.linspace(lo, max(lo, hi), n)})


def _frame_score(bgr: np.ndarray, detector: FaceDetector) -> tuple[float, bool, bool]:
    """(quality score, face found, frontal) of one frame, on a ≤ 480-px grey copy."""
    h, w = bgr.shape[:2]
    k = min(1.0, 480 / max(h, w))
    small = cv2.resize(
        bgr, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA
    )
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    faces = detector.detect(cv2.cvtColor(small, cv2.COLOR_BGR2RGB))
    face = next((f for f in faces if plausible_face(f, gray.shape)), None)
    sharp = q.sharpness(gray, face.box if face else None)
    pose = 1.0 if face is None else (2.0 if face.frontal else 1.5)
    return float(np.log1p(sharp) * pose), face is not None, bool(face and face.frontal)


def _combine(results: list[AnalysisResult]) -> tuple[list[ConcernResult], float]:
    """Median severity per concern; the frame nearest the median supplies locations/details."""
    names = [c.name for c in results[0].concerns]
    combined: list[ConcernResult] = []
    mads: list[float] = []
    for name in names:
        per = [r.concern(name) for r in results]
        items = [c for c in per if c is not None]
        sev = [c.severity for c in items]
        med = float(np.median(sev))
        mads.append(float(np.median(np.abs(np.array(sev) - med))))
        rep = min(items, key=lambda c: abs(c.severity - med))
        combined.append(
            replace(
                rep,
                severity=round(med),
                confidence=round(float(np.median([c.confidence for c in items])), 3),
                details={**rep.details, "frame_severities": sev},
            )
        )
    sev_mad = float(np.mean(mads)) if mads else 0.0
    return combined, sev_mad


def analyze_video_path(
    path: str,
    kind: str,
    options: AnalysisOptions,
    on_progress: Progress | None = None,
) -> AnalysisResult:
    """Analyse a video file on disk (see module docstring)."""
    import time

    t0 = time.perf_counter()
    # the configured detector (a missing or broken model is a ConfigurationError, raised
    # before any frame is decoded) scores the frames and analyses the chosen ones
    detector = make_face_detector(options.face_detector)
    info = _probe_path(path, kind)
    if info.duration_s > options.video_max_duration_s:
        raise VideoTooLong(
            f"The video is {info.duration_s:.0f} seconds long: record "
            f"{options.video_max_duration_s:.0f} seconds or less and try again."
        )
    timings: dict[str, float] = {"probe": round((time.perf_counter() - t0) * 1000, 2)}
    cap = cv2.VideoCapture(path)
    frames: list[tuple[float, int, np.ndarray, bool, bool]] = []
    try:
        idxs = _sample_indices(info.frame_count, options.video_max_frames)
        for j, idx in enumerate(idxs):
            if on_progress is not None:
                on_progress("sample_frames", 0.4 * j / max(1, len(idxs)))
            cap.set(cv2.CAP_PROP_POS_FRAMES, idx)
            ok, frame = cap.read()
            if not ok or frame is None:
                continue
            score, has_face, frontal = _frame_score(frame, detector)
            frames.append((score, idx, frame, has_face, frontal))
    finally:
        cap.release()
    timings["sample_frames"] = round((time.perf_counter() - t0) * 1000 - timings["probe"], 2)
    if not frames:
        raise CorruptMedia("No frame of the video could be decoded: record or export it again.")
    any_face = any(f[3] for f in frames)
    # Prefer frames with a face when any frame has one; then the highest score.
    frames.sort(key=lambda f: (f[3] if any_face else True, f[0]), reverse=True)
    best = frames[: max(1, options.video_best_frames)]
    per_frame: list[AnalysisResult] = []
    used_idx: list[int] = []
    frame_opts = replace(options, overlay=False)
    for j, (_, idx, frame, _, _) in enumerate(best):
        if on_progress is not None:
            on_progress("analyse_frames", 0.4 + 0.5 * j / len(best))
        rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
        h, w = rgb.shape[:2]
        k = min(1.0, options.analysis_long_side / max(h, w))
        work = (
            rgb
            if k == 1.0
            else cv2.resize(rgb, (round(w * k), round(h * k)), interpolation=cv2.INTER_AREA)
        )
        img = LoadedImage(np.ascontiguousarray(work), w, h, w / work.shape[1], kind, 1)
        try:
            per_frame.append(analyze_loaded(img, frame_opts, media_type="video"))
            used_idx.append(idx)
        except NoSkinFound:
            continue
    timings["analyse_frames"] = round((time.perf_counter() - t0) * 1000 - sum(timings.values()), 2)
    summary_issues = []
    if not any_face:
        summary_issues.append(q.issue("no_face"))
    if not per_frame:
        summary_issues.append(q.issue("no_skin"))
        return AnalysisResult(
            media_type=MediaType.VIDEO,
            source_format=kind,
            image={"width": info.width, "height": info.height},
            quality=Quality(ok=False, score=0.0, issues=summary_issues, metrics={}),
            color_correction=ColorCorrection(
                method="none",
                applied=False,
                illuminant_estimate={},
                gains=[1.0, 1.0, 1.0],
                confidence=0.0,
            ),
            face=FaceInfo(detected=False),
            regions={},
            tone=None,
            concerns=[],
            timings_ms=timings,
            video=VideoSummary(
                frames_sampled=len(frames),
                frames_used=0,
                consistency=0.0,
                duration_s=info.duration_s,
                fps=info.fps,
                frame_indices=[],
            ),
        )
    base = per_frame[0]
    labs = np.array([r.tone.lab for r in per_frame if r.tone is not None], dtype=np.float32)
    itas = np.array([r.tone.ita for r in per_frame if r.tone is not None])
    tone_conf = float(np.median([r.tone.confidence for r in per_frame if r.tone is not None]))
    concerns, sev_mad = _combine(per_frame)
    ita_mad = float(np.median(np.abs(itas - np.median(itas)))) if len(itas) else 0.0
    consistency = float(np.clip(1.0 - 0.5 * (ita_mad / 8.0 + sev_mad / 25.0), 0.0, 1.0))
    trusted = any(r.color_correction.applied or r.face.detected for r in per_frame)
    tone = measure_tone(
        labs, confidence=tone_conf * (0.5 + 0.5 * consistency), colour_trusted=trusted
    )
    issues = list(base.quality.issues) + summary_issues
    if consistency < 0.6 and len(per_frame) > 1:
        issues.append(q.issue("inconsistent_frames"))
    seen: set[str] = set()
    issues = [i for i in issues if not (i.code in seen or seen.add(i.code))]  # type: ignore[func-returns-value]
    overlay = None
    if options.overlay:
        best_frame = cv2.cvtColor(best[0][2], cv2.COLOR_BGR2RGB)
        overlay = render_overlay(
            best_frame,
            (info.width, info.height),
            concerns,
            base.face.box,
            options.overlay_long_side,
        )
    timings["total"] = round((time.perf_counter() - t0) * 1000, 2)
    return AnalysisResult(
        media_type=MediaType.VIDEO,
        source_format=kind,
        image={"width": info.width, "height": info.height},
        quality=Quality(
            ok=not issues, score=q.score(issues), issues=issues, metrics=base.quality.metrics
        ),
        color_correction=base.color_correction,
        face=base.face,
        regions=base.regions,
        tone=tone,
        concerns=concerns,
        timings_ms=timings,
        video=VideoSummary(
            frames_sampled=len(frames),
            frames_used=len(per_frame),
            consistency=round(consistency, 3),
            duration_s=info.duration_s,
            fps=info.fps,
            frame_indices=used_idx,
        ),
        overlay_jpeg=overlay,
    )


def analyze_video_source(
    source: Source, options: AnalysisOptions, on_progress: Progress | None = None
) -> AnalysisResult:
    """Analyse a video given as bytes or a path."""
    with _as_path(source, options.max_bytes) as (path, kind):
        return analyze_video_path(path, kind, options, on_progress)
