"""Step 8 — the versioned, JSON-serialisable result of one analysis."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Annotated, Any, TypedDict

from skinlab.concerns import Concern
from skinlab.fielddoc import described
from skinlab.tone import ToneResult

SCHEMA_VERSION = "1.0"
ENGINE_VERSION = "0.5.3"
DISCLAIMER = (
    "This is not a diagnosis. skinlab describes what a photo shows about the surface of the "
    "skin; it cannot tell what a spot is. If a spot is new, changing, bleeding or worries you, "
    "see a dermatologist."
)


class PixelBox(TypedDict):
    """A rectangle in the original image's pixels (before any resizing for the analysis)."""

    x: int
    y: int
    w: Annotated[int, described(minimum=0)]
    h: Annotated[int, described(minimum=0)]


class Pose(TypedDict):
    """Head pose in degrees: yaw > 0 turned towards the image's right, pitch > 0 chin up."""

    yaw: float
    pitch: float
    roll: float


class MediaType(StrEnum):
    PHOTO = "photo"
    VIDEO = "video"


class QualityIssueCode(StrEnum):
    """Why a photo or video is not as good as it should be (each has a message: quality.py)."""

    TOO_DARK = "too_dark"
    OVEREXPOSED = "overexposed"
    EXPOSURE_UNCERTAIN = "exposure_uncertain"
    BLURRY = "blurry"
    COLOUR_CAST = "colour_cast"
    FACE_TOO_SMALL = "face_too_small"
    FACE_TURNED = "face_turned"
    FACE_UNCLEAR = "face_unclear"
    SKIN_TOO_SMALL = "skin_too_small"
    SKIN_UNCONFIRMED = "skin_unconfirmed"
    SKIN_COLOUR_UNCERTAIN = "skin_colour_uncertain"
    NO_FACE = "no_face"
    NO_SKIN = "no_skin"
    INCONSISTENT_FRAMES = "inconsistent_frames"


#: Issues that say the light itself may have moved the measured tone and concerns.
LIGHTING_ISSUES: tuple[QualityIssueCode, ...] = (
    QualityIssueCode.TOO_DARK,
    QualityIssueCode.OVEREXPOSED,
    QualityIssueCode.EXPOSURE_UNCERTAIN,
    QualityIssueCode.COLOUR_CAST,
)


@dataclass(frozen=True)
class QualityIssue:
    """One failed quality check: a stable code and what to do about it."""

    code: QualityIssueCode
    message: str = field(metadata=described("What is wrong and what to do, for the person"))


@dataclass(frozen=True)
class Quality:
    """Photo quality: ``ok`` when no check failed; ``score`` 0 (unusable) to 1 (good)."""

    ok: bool
    score: float
    issues: list[QualityIssue] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ColorCorrection:
    """What colour constancy estimated and whether it changed the image."""

    method: str
    applied: bool
    illuminant_estimate: dict[str, Any]
    gains: list[float]
    confidence: float


@dataclass(frozen=True)
class FaceInfo:
    """The face that was used, in original-image pixels (``box`` None when not detected)."""

    detected: bool = field(
        metadata=described("False for close-ups of skin without a face (arm, back): still analysed")
    )
    box: PixelBox | None = field(
        default=None, metadata=described("The face used; null when none was found")
    )
    eyes: list[PixelBox] = field(default_factory=list)
    frontal: bool = False
    detector: str = field(
        default="haar",
        metadata=described("The face detector that found it: mediapipe (landmarks), haar or yunet"),
    )
    #: True when the regions were placed by the face's own landmarks (MediaPipe's FaceMesh).
    landmarks: bool = field(
        default=False,
        metadata=described("True when the regions follow the face's own landmarks (engine 0.4.0+)"),
    )
    #: Head pose in degrees from the landmarks, or None.
    pose: Pose | None = field(
        default=None,
        metadata=described("Head pose from the landmarks; null without landmarks (engine 0.4.0+)"),
    )


@dataclass(frozen=True)
class RegionInfo:
    """A measured region: its box (original pixels) and the share of it that is clear skin."""

    box: PixelBox
    skin_share: float = field(
        metadata=described("Share of the box that is clear skin", minimum=0, maximum=1)
    )
    pixels: int = field(metadata=described(minimum=0))


@dataclass(frozen=True)
class ConcernResult:
    """One assessed concern. ``severity`` is 0-100 relative to the person's own skin."""

    name: Concern
    label: str
    severity: int = field(metadata=described(minimum=0, maximum=100))
    confidence: float
    regions: list[str] = field(metadata=described("Names of the regions where it was found"))
    locations: list[PixelBox] = field(metadata=described("Where it was found (spots, patches)"))
    explanation: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class VideoSummary:
    """How a video was sampled and how consistent the analysed frames were."""

    frames_sampled: int
    frames_used: int
    consistency: float
    duration_s: float
    fps: float
    frame_indices: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class AnalysisResult:
    """Everything skinlab measured on one photo or video. ``to_dict()`` is the JSON contract."""

    media_type: MediaType
    source_format: str = field(  # jpeg, png, webp, heic, mp4, mov, webm
        metadata=described("What the upload was, judged by its content")
    )
    image: dict[str, int]
    quality: Quality
    color_correction: ColorCorrection
    face: FaceInfo
    regions: dict[str, RegionInfo] = field(
        metadata=described("Measured regions by name (forehead, left_cheek, ...)")
    )
    tone: ToneResult | None
    concerns: list[ConcernResult]
    timings_ms: dict[str, float] = field(
        metadata=described("Milliseconds per step; 'total' for the run")
    )
    video: VideoSummary | None = None
    schema_version: str = SCHEMA_VERSION
    engine_version: str = ENGINE_VERSION
    disclaimer: str = DISCLAIMER
    overlay_jpeg: bytes | None = None

    def concern(self, name: str) -> ConcernResult | None:
        """The assessed concern called ``name``, or None."""
        return next((c for c in self.concerns if c.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (no overlay bytes: those travel separately)."""
        d = asdict(self)
        d.pop("overlay_jpeg", None)
        if self.tone is not None:
            d["tone"]["lab"] = list(self.tone.lab)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AnalysisResult:
        """Rebuild a result from :meth:`to_dict` output.

        Strict: an unknown or missing field raises ``TypeError`` or ``KeyError``, an unknown
        value of a vocabulary ``ValueError`` — so a renamed field fails, never reads as None.
        Fields added with a default since schema 1.0 may be absent (older stored results).
        """
        _no_unknown_keys(cls, d, exclude={"overlay_jpeg"})
        q = d["quality"]
        _no_unknown_keys(Quality, q)
        tone = d.get("tone")
        video = d.get("video")
        return cls(
            media_type=MediaType(d["media_type"]),
            source_format=d["source_format"],
            image=dict(d["image"]),
            quality=Quality(
                ok=q["ok"],
                score=q["score"],
                issues=[
                    QualityIssue(code=QualityIssueCode(i["code"]), message=i["message"])
                    for i in q["issues"]
                ],
                metrics=dict(q.get("metrics", {})),
            ),
            color_correction=ColorCorrection(**d["color_correction"]),
            face=FaceInfo(**d["face"]),
            regions={k: RegionInfo(**v) for k, v in d["regions"].items()},
            tone=None if tone is None else ToneResult.from_dict(tone),
            concerns=[ConcernResult(**{**c, "name": Concern(c["name"])}) for c in d["concerns"]],
            timings_ms=dict(d["timings_ms"]),
            video=None if video is None else VideoSummary(**video),
            schema_version=d.get("schema_version", SCHEMA_VERSION),
            engine_version=d.get("engine_version", ENGINE_VERSION),
            disclaimer=d.get("disclaimer", DISCLAIMER),
        )


def _no_unknown_keys(
    cls: type[Any], d: dict[str, Any], exclude: frozenset[str] | set[str] = frozenset()
) -> None:
    """Raise ``TypeError`` for a key ``cls`` has no field for: a renamed optional field (``tone``,
    ``video``, ``quality.metrics``) would otherwise read as its default instead of failing."""
    unknown = sorted(set(d) - ({f.name for f in fields(cls)} - set(exclude)))
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {', '.join(map(repr, unknown))}")
