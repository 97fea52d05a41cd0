"""skinlab — MetSkin's skin analysis engine (pure Python; never imports Django).

Public API::

    from skinlab import analyze, analyze_image, analyze_video, probe_video, sniff_media_type
    result = analyze(open("selfie.heic", "rb").read())
    result.to_dict()          # the JSON contract (schema_version "1.0")
    result.overlay_jpeg       # annotated JPEG bytes, or None

Every public function raises only :class:`skinlab.errors.SkinlabError` subclasses.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from skinlab.answers import SpotAnswers, parse_answers
from skinlab.concerns import CONCERN_LABELS, Concern
from skinlab.container import VideoHeader, probe_video_header
from skinlab.errors import (
    BadAnswers,
    ConfigurationError,
    CorruptMedia,
    EmptyInput,
    ImageTooLarge,
    InternalError,
    NoSkinFound,
    SkinlabError,
    UnsupportedMedia,
    VideoTooLong,
)
from skinlab.options import AnalysisOptions
from skinlab.result import (
    ENGINE_VERSION,
    LIGHTING_ISSUES,
    SCHEMA_VERSION,
    AnalysisResult,
    ConcernResult,
    MediaType,
    QualityIssueCode,
)
from skinlab.sniff import IMAGE_TYPES, VIDEO_TYPES
from skinlab.sniff import sniff_media_type as _sniff
from skinlab.tone import Fitzpatrick, ItaBand, Undertone

if TYPE_CHECKING:
    from skinlab.video import VideoInfo


def __getattr__(name: str) -> Any:
    # VideoInfo lives with the video code, which pulls in OpenCV and the whole pipeline:
    # importing skinlab itself stays fast (a CLI run or a worker start pays only what it uses)
    if name == "VideoInfo":
        from skinlab.video import VideoInfo

        return VideoInfo
    raise AttributeError(f"module 'skinlab' has no attribute {name!r}")


__all__ = [
    "CONCERN_LABELS",
    "ENGINE_VERSION",
    "LIGHTING_ISSUES",
    "SCHEMA_VERSION",
    "AnalysisOptions",
    "AnalysisResult",
    "BadAnswers",
    "Concern",
    "ConcernResult",
    "ConfigurationError",
    "CorruptMedia",
    "EmptyInput",
    "Fitzpatrick",
    "ImageTooLarge",
    "InternalError",
    "ItaBand",
    "MediaType",
    "NoSkinFound",
    "QualityIssueCode",
    "SkinlabError",
    "SpotAnswers",
    "Undertone",
    "UnsupportedMedia",
    "VideoHeader",
    "VideoInfo",
    "VideoTooLong",
    "analyze",
    "analyze_image",
    "analyze_video",
    "parse_answers",
    "probe_video",
    "probe_video_header",
    "sniff_media_type",
]

Source = bytes | bytearray | memoryview | str | os.PathLike[str]
Progress = Callable[[str, float], None]
#: The answers about the spot: a JSON-like mapping (checked by :func:`parse_answers`) or
#: :class:`SpotAnswers`.
Answers = Mapping[str, object] | SpotAnswers | None
P = ParamSpec("P")
R = TypeVar("R")


def _guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Let SkinlabError through; wrap anything else so no other exception type escapes."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except SkinlabError:
            raise
        except MemoryError as exc:
            raise ImageTooLarge(
                "The file needs too much memory to analyse: upload a smaller one."
            ) from exc
        except RecursionError as exc:
            raise CorruptMedia() from exc
        except Exception as exc:
            raise InternalError() from exc

    return wrapper


@_guarded
def sniff_media_type(data: bytes) -> str | None:
    """``"jpeg"``, ``"png"``, ``"webp"``, ``"heic"``, ``"mp4"``, ``"mov"``, ``"webm"`` or None,
    from magic bytes only (the file name is never consulted)."""
    return _sniff(data)


@_guarded
def analyze_image(
    source: Source,
    *,
    options: AnalysisOptions | None = None,
    on_progress: Progress | None = None,
    answers: Answers = None,
    previous_lesion: Mapping[str, Any] | None = None,
) -> AnalysisResult:
    """Analyse a photo (JPEG, PNG, WebP or HEIC; bytes or a path).

    ``on_progress(step, fraction)`` is called as the pipeline advances. ``answers``: what
    the person says about the spot (see :mod:`skinlab.answers`), checked before any work;
    ``previous_lesion``: the lesion details of an earlier photo of the same spot. Both feed
    the lesion concern's ``urgency`` and ``reasons`` (:mod:`skinlab.triage`). Raises
    :class:`BadAnswers`, :class:`EmptyInput`, :class:`UnsupportedMedia`,
    :class:`CorruptMedia`, :class:`ImageTooLarge` or :class:`NoSkinFound`.
    """
    from skinlab.load import load_image, read_source
    from skinlab.pipeline import analyze_loaded
    from skinlab.triage import apply_triage

    spot = parse_answers(answers)
    opts = options or AnalysisOptions()
    data = read_source(source, max_bytes=opts.max_bytes)
    if on_progress is not None:
        on_progress("load", 0.0)
    import time

    t = time.perf_counter()
    long_side = opts.tone_long_side if opts.tone_only else opts.analysis_long_side
    img = load_image(data, max_pixels=opts.max_pixels, long_side=long_side)
    timings = {"load": round((time.perf_counter() - t) * 1000, 2)}
    result = analyze_loaded(img, opts, on_progress, timings=timings)
    apply_triage(result, spot, previous_lesion)
    result.timings_ms["total"] = round((time.perf_counter() - t) * 1000, 2)
    return result


@_guarded
def analyze_video(
    source: Source,
    *,
    options: AnalysisOptions | None = None,
    on_progress: Progress | None = None,
    answers: Answers = None,
    previous_lesion: Mapping[str, Any] | None = None,
) -> AnalysisResult:
    """Analyse a short video (MP4, MOV or WebM; bytes or a path).

    Raises :class:`VideoTooLong` past ``options.video_max_duration_s``. A video in which no
    frame shows skin gives a result with quality issues (and ``tone`` None), not an error.
    ``answers`` and ``previous_lesion`` as for :func:`analyze_image`.
    """
    from skinlab.triage import apply_triage
    from skinlab.video import analyze_video_source

    spot = parse_answers(answers)
    result = analyze_video_source(source, options or AnalysisOptions(), on_progress)
    apply_triage(result, spot, previous_lesion)
    return result


@_guarded
def analyze(
    source: Source,
    *,
    options: AnalysisOptions | None = None,
    on_progress: Progress | None = None,
    answers: Answers = None,
    previous_lesion: Mapping[str, Any] | None = None,
) -> AnalysisResult:
    """Analyse a photo or a video, chosen by sniffing the content (never the file name).

    ``answers`` (what the person says about the spot) and ``previous_lesion`` (the lesion
    details of an earlier photo of the same spot) as for :func:`analyze_image`.
    """
    parse_answers(answers)  # bad answers are refused before the file is even read
    if isinstance(source, bytes | bytearray | memoryview):
        head = bytes(source[:64])
    else:
        from pathlib import Path

        path = Path(source)
        if not path.is_file():
            raise EmptyInput(f"File not found: {path.name}. Check the path and try again.")
        with path.open("rb") as fh:
            head = fh.read(64)
    if not head:
        raise EmptyInput()
    kind = _sniff(head)
    if kind in VIDEO_TYPES:
        return analyze_video(
            source, options=options, on_progress=on_progress, answers=answers,
            previous_lesion=previous_lesion,
        )  # fmt: skip
    if kind in IMAGE_TYPES:
        return analyze_image(
            source, options=options, on_progress=on_progress, answers=answers,
            previous_lesion=previous_lesion,
        )  # fmt: skip
    raise UnsupportedMedia()


@_guarded
def probe_video(source: Source) -> VideoInfo:
    """Duration, size, frame rate, frame count and codec of a video.

    Opens the video with OpenCV's decoder; when the header holds no duration, frames are
    counted (at most fps × 121): for the worker. A web process checking an untrusted upload
    uses :func:`probe_video_header`, which decodes nothing. Raises :class:`UnsupportedMedia`
    on anything that is not an MP4/MOV/WebM and :class:`CorruptMedia` when the container
    cannot be read.
    """
    from skinlab.video import probe_video as _probe

    return _probe(source)
