"""Step 2 — the quality gate: is this photo good enough to measure skin?

Each failed check yields a code and a message saying what is wrong *and what to do*. The
analysis still runs where it can; the quality score lowers every confidence. Exposure checks
look at the whole scene (its brightest parts), never at the skin's own lightness, so dark skin
is not reported as "too dark".
"""

from __future__ import annotations

import cv2
import numpy as np

from skinlab._types import U8Array, channel_max
from skinlab.color import IlluminantEstimate
from skinlab.detect import Face
from skinlab.result import QualityIssue, QualityIssueCode

MESSAGES: dict[str, str] = {
    "too_dark": "Too dark: face a window in daylight or turn on a light, and try again.",
    "overexposed": "Too bright, parts of the skin are washed out: step out of direct sun or "
    "turn off the flash, and try again.",
    "blurry": "The photo is blurry: hold the phone still, tap the skin to focus, and try again.",
    "exposure_uncertain": "The photo looks too dark or too bright, and nothing white in it "
    "(such as the whites of the eyes) showed by how much, so the skin tone may be lighter or "
    "darker than measured: take the photo facing a window in daylight, without flash.",
    "colour_cast": "The light is strongly coloured: we corrected for it, but daylight from a "
    "window gives more reliable colours.",
    "face_too_small": "The face is too small in the picture: move closer so your face fills "
    "most of the frame.",
    "skin_too_small": "Too little skin is visible: move closer so the skin fills the frame.",
    "skin_unconfirmed": "No face was found, and we cannot be sure the area measured is skin "
    "(it may be the background): for your face, look straight at the camera in good light; "
    "for a close-up, fill the frame with the skin.",
    "face_turned": "The face is turned away: look straight at the camera with both eyes visible.",
    "face_unclear": "A face was found but its features could not be placed (turned, covered "
    "or blurred): look straight at the camera with your face uncovered, in good light.",
    "skin_colour_uncertain": "We could not tell skin from the background by colour: take the "
    "photo in daylight, without filters, with skin filling the frame.",
    "no_face": "No face was found: for a face analysis, look straight at the camera in good light.",
    "no_skin": "No skin was found: fill the frame with your face or the skin area, in good light.",
    "inconsistent_frames": "The video frames disagree: hold the phone steady in even light and "
    "record again.",
}

# Penalties subtracted from a quality score of 1 when a check fails.
PENALTY: dict[str, float] = {
    "too_dark": 0.4,
    "overexposed": 0.3,
    "blurry": 0.35,
    "colour_cast": 0.1,
    "exposure_uncertain": 0.25,
    "face_too_small": 0.25,
    "skin_too_small": 0.3,
    "skin_unconfirmed": 0.4,
    "face_turned": 0.25,
    "face_unclear": 0.3,
    "skin_colour_uncertain": 0.3,
    "no_face": 0.2,
    "no_skin": 1.0,
    "inconsistent_frames": 0.2,
}

#: Variance of the Laplacian (on a 256-px-wide crop) below which a photo is blurry.
BLUR_THRESHOLD = 25.0


def issue(code: str) -> QualityIssue:
    """The quality issue for ``code`` with its person-readable message."""
    known = QualityIssueCode(code)
    return QualityIssue(code=known, message=MESSAGES[known])


def sharpness(gray: U8Array, box: tuple[int, int, int, int] | None = None) -> float:
    """Variance of the Laplacian of a crop resampled to 256 px wide (resolution-independent)."""
    if box is not None:
        x, y, w, h = box
        crop = gray[max(0, y) : y + h, max(0, x) : x + w]
        if crop.size < 100:
            crop = gray
    else:
        H, W = gray.shape
        crop = gray[H // 6 : H - H // 6, W // 6 : W - W // 6]
    k = 256.0 / max(1, crop.shape[1])
    crop = cv2.resize(crop, (256, max(1, round(crop.shape[0] * k))), interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(crop, cv2.CV_32F).var())


def image_checks(
    rgb: U8Array,
    gray: U8Array,
    face: Face | None,
) -> tuple[list[QualityIssue], dict[str, float]]:
    """Exposure, clipping, blur and face size/pose checks on the working image."""
    issues: list[QualityIssue] = []
    H, W = gray.shape
    p99 = float(np.percentile(gray[::4, ::4], 99))
    mean = float(gray.mean())
    box = face.box if face is not None else None
    if box is not None:
        x, y, w, h = box
        area = rgb[max(0, y) : y + h, max(0, x) : x + w]
    else:
        area = rgb[H // 6 : H - H // 6, W // 6 : W - W // 6]
    clipped = float((channel_max(area) >= 250).mean()) if area.size else 0.0
    sharp = sharpness(gray, box)
    metrics = {
        "brightness_p99": round(p99, 1),
        "brightness_mean": round(mean, 1),
        "clipped_share": round(clipped, 4),
        "sharpness": round(sharp, 1),
    }
    if p99 < 45 or mean < 18:
        issues.append(issue("too_dark"))
    if clipped > 0.12:
        issues.append(issue("overexposed"))
    if sharp < BLUR_THRESHOLD and "too_dark" not in {i.code for i in issues}:
        issues.append(issue("blurry"))
    if face is not None:
        fw = face.box[2]
        metrics["face_width_share"] = round(fw / W, 3)
        if fw < 0.15 * min(H, W) or fw < 80 or face.landmark_issue == "face_too_small":
            issues.append(issue("face_too_small"))
        if face.landmark_issue == "face_unclear":
            issues.append(issue("face_unclear"))
        elif not face.frontal:
            issues.append(issue("face_turned"))
        if face.pose is not None:
            metrics["yaw_deg"], metrics["pitch_deg"], metrics["roll_deg"] = face.pose
    return issues, metrics


def cast_check(est: IlluminantEstimate) -> list[QualityIssue]:
    """Flag a strongly coloured light (estimated gains differ by more than 35 %)."""
    g = est.gains
    if est.applied and max(g) / max(1e-6, min(g)) > 1.35:
        return [issue("colour_cast")]
    return []


def score(issues: list[QualityIssue]) -> float:
    """Quality score in [0, 1] from the failed checks."""
    s = 1.0 - sum(PENALTY.get(i.code, 0.1) for i in issues)
    return round(max(0.0, min(1.0, s)), 3)
