"""Exposure: put the photo back at a normal exposure when the whites of the eyes show it.

Skin tone is a lightness measurement, and a camera's exposure scales every lightness: the same
light face at 0.6 times the exposure photographs like a much darker one. Colour constancy
(:mod:`skinlab.color`) removes the light's *colour* but keeps its brightness on purpose; this
step corrects the *brightness*, and only against a reference:

* the visible sclera, outlined by the iris model (:mod:`skinlab.sclera`). Its brightest
  quarter photographs at about L* 82 in a well-exposed portrait (scikit-image's astronaut, a
  studio portrait, measures 81); when it measures far from that — beyond ±0.4 EV, more than
  the sclera itself varies from person to person — the whole image is scaled in linear light
  so it comes back there;
* otherwise nothing is changed, and when the scene itself looks under- or over-exposed (no
  part of it near white, or the face clipping), the result says so (``exposure_uncertain``)
  and the tone confidence is lowered.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from skinlab._types import U8Array
from skinlab.color import correct_rgb, rgb_to_lab
from skinlab.detect import Face
from skinlab.sclera import sclera_crops

#: L* of the brightest quarter of the visible sclera in a well-exposed photo.
SCLERA_REFERENCE_L = 82.0
#: Fewer sclera pixels than this (both eyes) are not a reference (a small face: lids blend in).
SCLERA_MIN_PIXELS = 40
#: The two eyes must agree within this many L* units.
SCLERA_MAX_EYE_GAP_L = 8.0
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
    #: "sclera" when the sclera gave a reference, else "none".
    reference: str
    #: True when the photo looks badly exposed and there was no reference to correct it by.
    uncertain: bool


def _y_of_l(lightness: float) -> float:
    """Relative luminance Y of a CIELAB lightness."""
    f = (lightness + 16.0) / 116.0
    return f**3 if f > 6 / 29 else 3 * (6 / 29) ** 2 * (f - 4 / 29)


def sclera_lightness(rgb: U8Array, face: Face) -> float | None:
    """L* of the brightest quarter of the visible sclera, or None when it is no reference."""
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


def normalise_exposure(rgb: U8Array, face: Face | None) -> tuple[U8Array, Exposure]:
    """The image at a normal exposure (when a reference shows it is not), and what was done."""
    level = sclera_lightness(rgb, face) if face is not None else None
    if level is not None:
        gain = _y_of_l(SCLERA_REFERENCE_L) / max(_y_of_l(level), 1e-4)
        gain = float(np.clip(gain, *GAIN_LIMITS))
        if DEAD_BAND[0] <= gain <= DEAD_BAND[1]:
            return rgb, Exposure(1.0, "sclera", False)
        return correct_rgb(rgb, (gain, gain, gain)), Exposure(round(gain, 3), "sclera", False)
    return rgb, Exposure(1.0, "none", looks_badly_exposed(rgb, face))


def looks_badly_exposed(rgb: U8Array, face: Face | None) -> bool:
    """No part of the scene near white (under-exposed), or the face clipping (over-exposed)."""
    brightest = rgb.max(axis=2)
    if float(np.percentile(brightest[::4, ::4], 99)) < DIM_SCENE_P99:
        return True
    if face is not None:
        x, y, w, h = face.box
        area = brightest[max(0, y) : y + h, max(0, x) : x + w]
        if area.size and float((area >= 250).mean()) > CLIPPED_FACE_SHARE:
            return True
    return False
