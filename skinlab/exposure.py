"""Exposure: put the photo back at a normal exposure when something white on the face shows it.

Skin tone is a lightness measurement, and a camera's exposure scales every lightness: the same
light face at 0.6 times the exposure photographs like a much darker one. Colour constancy
(:mod:`skinlab.color`) removes the light's *colour* but keeps its brightness on purpose; this
step corrects the *brightness*, and only against a reference on the face itself — never the
skin (skin tone and exposure cannot be told apart from the skin alone):

* the visible sclera, outlined by the iris model (:mod:`skinlab.sclera`). Its brightest
  quarter photographs at about L* 82 in a well-exposed portrait (scikit-image's astronaut, a
  studio portrait, measures 81);
* else the teeth, when the person smiles: the near-neutral, brighter half of the mouth opening
  (FaceMesh's inner lip outline). Their brightest quarter is taken to photograph at L* 88 in a
  well-exposed photo (incisors measure L* 75-85 by spectrophotometer, the brightest quarter
  of a photographed smile a little above; the astronaut's are at 94). Teeth vary more than
  sclera (age, stains, whitening), so a correction by them lowers the tone confidence a little;
* when the reference measures beyond ±0.4 EV from its level — more than it varies from
  person to person — the whole image is scaled in linear light so it comes back there, but
  never so far that the brightest part of the scene would pass white (a scene white is a
  bound, not a reference: a light-grey wall and an under-exposed white sheet look the same);
* otherwise nothing is changed, and when the scene itself looks under- or over-exposed (no
  part of it near white, or the face clipping), the result says so (``exposure_uncertain``)
  and the tone confidence is lowered.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from skinlab._types import U8Array, channel_max
from skinlab.color import correct_rgb, rgb_to_lab, srgb_to_linear
from skinlab.detect import Face
from skinlab.landmarks import MOUTH_OPENING
from skinlab.sclera import sclera_crops

#: L* of the brightest quarter of the visible sclera in a well-exposed photo.
SCLERA_REFERENCE_L = 82.0
#: Fewer sclera pixels than this (both eyes) are not a reference (a small face: lids blend in).
SCLERA_MIN_PIXELS = 40
#: ... and the face must have at least this many pixels per millimetre (the colour estimate's
#: rule, ``pipeline.SCLERA_MIN_PX_PER_MM``): with fewer, 40 "sclera" pixels were lid and lash
#: (the astronaut recoloured to Monk 10 at 0.6x read L* 58, a gain of 2.3 where 1.7 was right).
SCLERA_MIN_PX_PER_MM = 1.0
#: Average adult inter-pupil distance, mm.
IPD_MM = 63.0
#: The two eyes must agree within this many L* units.
SCLERA_MAX_EYE_GAP_L = 8.0
#: L* of the brightest quarter of the visible teeth in a well-exposed photo.
TEETH_REFERENCE_L = 88.0
#: Fewer teeth pixels than this are no reference (a closed mouth, or a small face).
TEETH_MIN_PIXELS = 20
#: Teeth: chroma below this and a* below ``TEETH_MAX_A`` (gums, tongue and lips are red).
TEETH_MAX_CHROMA = 25.0
TEETH_MAX_A = 10.0
#: A reference whose brightest quarter is at or above this L* is clipped: not a measurement.
CLIPPED_L = 97.0
#: The tone confidence is multiplied by this when the exposure was corrected by the teeth.
TEETH_CONFIDENCE = 0.85
#: A correction never lifts the scene's brightest 1 % (unclipped) beyond this luminance Y.
SCENE_WHITE_Y = 1.0
#: Exposure errors inside this range of gains are left alone (sclera vary between people).
DEAD_BAND = (0.75, 1.33)
#: Never scale by more than this (a sclera that far off is more likely shadow or glare).
GAIN_LIMITS = (0.45, 2.2)
#: A scene whose brightest 1 % stays below this 8-bit level has nothing near white in it.
DIM_SCENE_P99 = 215
#: A face with more than this share of clipped pixels is over-exposed.
CLIPPED_FACE_SHARE = 0.04


@dataclass
class Exposure:
    """What the exposure step found and did."""

    #: The factor linear light was multiplied by (1.0 when nothing was changed).
    gain: float
    #: "sclera" or "teeth" when one gave a reference, else "none".
    reference: str
    #: True when the photo looks badly exposed and there was no reference to correct it by,
    #: or the correction was held back short of what the reference asked.
    uncertain: bool
    #: What the tone confidence is multiplied by: 1 with the sclera (or no sign of a bad
    #: exposure), ``TEETH_CONFIDENCE`` when the teeth corrected it, 0.5 when it looks bad and
    #: nothing could tell.
    confidence: float = 1.0


def _y_of_l(lightness: float) -> float:
    """Relative luminance Y of a CIELAB lightness."""
    f = (lightness + 16.0) / 116.0
    return f**3 if f > 6 / 29 else 3 * (6 / 29) ** 2 * (f - 4 / 29)


def sclera_lightness(rgb: U8Array, face: Face) -> float | None:
    """L* of the brightest quarter of the visible sclera, or None when it is no reference."""
    if len(face.irises) != 2:
        return None
    ipd = float(np.hypot(*(face.irises[1].iris[0, :2] - face.irises[0].iris[0, :2])))
    if ipd / IPD_MM < SCLERA_MIN_PX_PER_MM:
        return None  # the sclera is a strip about 4 mm tall: lids and lashes blend in
    crops = sclera_crops(face, rgb.shape)
    if len(crops) != 2 or sum(int(m.sum()) for _, m in crops) < SCLERA_MIN_PIXELS:
        return None
    levels = []
    for win, m in crops:
        if int(m.sum()) < SCLERA_MIN_PIXELS // 4:
            return None
        lab = rgb_to_lab(np.ascontiguousarray(rgb[win]))
        levels.append(float(np.percentile(lab[..., 0][m], 75)))
    if abs(levels[0] - levels[1]) > SCLERA_MAX_EYE_GAP_L:
        return None
    return float(np.mean(levels))


def teeth_lightness(rgb: U8Array, face: Face) -> float | None:
    """L* of the brightest quarter of the visible teeth, or None when they are no reference
    (mouth closed, too few pixels, or clipped)."""
    if face.landmarks is None:
        return None
    poly = np.round(face.landmarks[list(MOUTH_OPENING), :2]).astype(np.int32)
    x, y, w, h = cv2.boundingRect(poly)
    H, W = rgb.shape[:2]
    x0, y0, x1, y1 = max(0, x - 1), max(0, y - 1), min(W, x + w + 1), min(H, y + h + 1)
    if x1 - x0 < 3 or y1 - y0 < 3:
        return None
    m: U8Array = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.fillPoly(m, [poly - np.array([x0, y0], np.int32)], 1)
    m = cv2.erode(m, np.ones((3, 3), np.uint8))  # the lip line
    if int(m.sum()) < TEETH_MIN_PIXELS:
        return None
    lab = rgb_to_lab(np.ascontiguousarray(rgb[y0:y1, x0:x1]))[m > 0]
    chroma = np.hypot(lab[:, 1], lab[:, 2])
    # teeth: near-neutral and the brighter half of the opening (not gaps, gums or tongue)
    teeth = lab[
        (chroma < TEETH_MAX_CHROMA) & (lab[:, 1] < TEETH_MAX_A) & (lab[:, 0] > np.median(lab[:, 0]))
    ]
    if len(teeth) < TEETH_MIN_PIXELS:
        return None
    level = float(np.percentile(teeth[:, 0], 75))
    return None if level >= CLIPPED_L else level


def scene_gain_limit(rgb: U8Array) -> float:
    """The largest gain that keeps the scene's brightest 1 % (of its unclipped pixels) at or
    below white: nothing that reflects the same light can be brighter than white."""
    small = rgb[:: max(1, rgb.shape[0] // 160), :: max(1, rgb.shape[1] // 160)]
    px = small.reshape(-1, 3)
    px = px[channel_max(px) < 250]
    if len(px) < 100:
        return 1.0
    y = srgb_to_linear(px[None]).reshape(-1, 3) @ np.array([0.2126, 0.7152, 0.0722])
    return float(SCENE_WHITE_Y / max(float(np.percentile(y, 99)), 1e-4))


def normalise_exposure(rgb: U8Array, face: Face | None) -> tuple[U8Array, Exposure]:
    """The image at a normal exposure (when a reference shows it is not), and what was done."""
    reference, level, target = "none", None, 0.0
    if face is not None:
        level = sclera_lightness(rgb, face)
        reference, target = "sclera", SCLERA_REFERENCE_L
        if level is None:
            level = teeth_lightness(rgb, face)
            reference, target = "teeth", TEETH_REFERENCE_L
    if level is not None:
        confidence = 1.0 if reference == "sclera" else TEETH_CONFIDENCE
        wanted = _y_of_l(target) / max(_y_of_l(level), 1e-4)
        gain = float(np.clip(wanted, *GAIN_LIMITS))
        if gain > DEAD_BAND[1]:  # lifting the light: never past the scene's whites
            gain = min(gain, max(1.0, scene_gain_limit(rgb)))
        corrected = rgb
        if DEAD_BAND[0] <= gain <= DEAD_BAND[1]:
            gain, confidence = 1.0, 1.0
        else:
            corrected = correct_rgb(rgb, (gain, gain, gain))
        # Held back (by the gain limits or the scene's whites) short of what the reference
        # asked: when the photo still looks badly exposed, the tone cannot be trusted, and
        # the result says so (a photo at half its brightness read Monk 6 for Monk 3).
        held_back = not DEAD_BAND[0] <= wanted / gain <= DEAD_BAND[1]
        if held_back and looks_badly_exposed(corrected, face):
            return corrected, Exposure(round(gain, 3), reference, True, 0.5)
        return corrected, Exposure(round(gain, 3), reference, False, confidence)
    uncertain = looks_badly_exposed(rgb, face)
    return rgb, Exposure(1.0, "none", uncertain, 0.5 if uncertain else 1.0)


def looks_badly_exposed(rgb: U8Array, face: Face | None) -> bool:
    """No part of the scene near white (under-exposed), or the face clipping (over-exposed)."""
    brightest = channel_max(rgb)
    if float(np.percentile(brightest[::4, ::4], 99)) < DIM_SCENE_P99:
        return True
    if face is not None:
        x, y, w, h = face.box
        area = brightest[max(0, y) : y + h, max(0, x) : x + w]
        if area.size and float((area >= 250).mean()) > CLIPPED_FACE_SHARE:
            return True
    return False
