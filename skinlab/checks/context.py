"""Shared inputs and helpers of the concern checks.

All checks work on a *normalised view*: the skin's bounding box resampled so that the
inter-pupil distance is ``NORM_IPD`` pixels (a face) or the long side is at most
``NORM_LONG`` pixels (a close-up). Sizes in the checks are then in fixed units whatever the
camera resolution, and the work per check is bounded.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from skinlab._types import BoolArray, FloatArray, as_u8
from skinlab.detect import Box, Face
from skinlab.regions import RegionSet
from skinlab.result import PixelBox

#: Contrast channels that are the same for the same amount of pigment or shadow on every skin
#: tone (a fold or a shadow multiplies the reflectance; haemoglobin multiplies green more than
#: red), scaled so that on mid-tone skin (Monk 5) one unit is about one unit of L* or a*:
#: ``log_l = LOG_L_UNITS · ln Y`` and ``log_red = LOG_RED_UNITS · ln(R / G)`` (linear light;
#: the second is the classic erythema index of reflectance colorimetry). L* and a* differences
#: are not: the same fold darkens Monk 10 skin by half as many L* units as Monk 5 skin.
LOG_L_UNITS = 27.0
LOG_RED_UNITS = 33.0

NORM_IPD = 128.0
NORM_LONG = 512
#: Average adult inter-pupil distance in millimetres (used to convert pixels to mm).
IPD_MM = 63.0
#: With no face there is no scale: a close-up is assumed to span this many mm on its long side.
CLOSEUP_FIELD_MM = 60.0


@dataclass
class NormView:
    """The skin's bounding box at a normalised scale."""

    lab: FloatArray
    #: ``LOG_L_UNITS · ln Y`` and ``LOG_RED_UNITS · ln(R/G)`` of the view (see above).
    log_l: FloatArray
    log_red: FloatArray
    skin: BoolArray
    tone: BoolArray
    #: clear skin grown by about 1 mm (includes thin lines and the rims of spots on it)
    tone_near: BoolArray
    #: the same for clear skin anywhere (not only the tone regions: also eye corners, nose)
    clear_near: BoolArray
    specular: BoolArray
    features: BoolArray
    smile: BoolArray
    region_masks: dict[str, BoolArray]
    #: x of the face's vertical midline in normalised px (None without a face)
    mid_x: float | None
    #: working-image px = norm px / k + offset
    k: float
    offset: tuple[int, int]
    #: millimetres per normalised pixel (assumed when there is no face)
    mm_per_px: float


@dataclass
class SkinContext:
    """Everything a concern check may look at."""

    lab: FloatArray
    regions: RegionSet
    face: Face | None
    #: multiply working-image px by this for original-image px
    scale_to_orig: float
    quality_score: float
    norm: NormView

    def to_orig_point(self, x: float, y: float) -> dict[str, int]:
        """A normalised-view point as an original-image ``{x, y}``."""
        ox, oy = self.norm.offset
        s = self.scale_to_orig / self.norm.k
        return {"x": round((x + ox * self.norm.k) * s), "y": round((y + oy * self.norm.k) * s)}

    def to_orig_box(self, x: float, y: float, w: float, h: float) -> PixelBox:
        """A normalised-view box as an original-image ``{x, y, w, h}``."""
        p = self.to_orig_point(x, y)
        s = self.scale_to_orig / self.norm.k
        return PixelBox(x=p["x"], y=p["y"], w=max(1, round(w * s)), h=max(1, round(h * s)))


def _resize(a: FloatArray, size: tuple[int, int], nearest: bool) -> FloatArray:
    interp = cv2.INTER_NEAREST if nearest else cv2.INTER_AREA
    if nearest:
        out: FloatArray = cv2.resize(a.astype(np.uint8), size, interpolation=interp) > 0
        return out
    out = cv2.resize(a, size, interpolation=interp if size[0] < a.shape[1] else cv2.INTER_LINEAR)
    return out


def make_norm_view(lab: FloatArray, regions: RegionSet, face: Face | None) -> NormView:
    """Crop to the skin's bounding box and resample to the normalised scale."""
    ys, xs = np.nonzero(regions.skin_area)
    H, W = regions.skin_area.shape
    pad = 4
    x0, x1 = max(0, int(xs.min()) - pad), min(W, int(xs.max()) + 1 + pad)
    y0, y1 = max(0, int(ys.min()) - pad), min(H, int(ys.max()) + 1 + pad)
    if face is not None:
        from skinlab.regions import eye_geometry

        (lx, _), (rx, _), _ = eye_geometry(face)
        mid = (lx + rx) / 2
        k = NORM_IPD / max(1.0, regions.unit_px)
        mm_per_px = IPD_MM / NORM_IPD
    else:
        k = min(1.0, NORM_LONG / max(x1 - x0, y1 - y0))
        mm_per_px = CLOSEUP_FIELD_MM / (max(H, W) * k)
    size = (max(8, round((x1 - x0) * k)), max(8, round((y1 - y0) * k)))
    k_eff = size[0] / max(1, x1 - x0)

    def crop(a: FloatArray, nearest: bool) -> FloatArray:
        return _resize(np.ascontiguousarray(a[y0:y1, x0:x1]), size, nearest)

    tone_n = crop(regions.tone_mask, True).astype(bool)
    r = max(1, round(1.0 / mm_per_px))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
    tone_near = cv2.dilate(as_u8(tone_n), kernel) > 0
    clear_near = cv2.dilate(as_u8(crop(regions.clear, True)), kernel) > 0
    lab_n = crop(lab, False).astype(np.float32)
    log_l, log_red = log_contrast(lab_n)
    return NormView(
        lab=lab_n,
        log_l=log_l,
        log_red=log_red,
        skin=crop(regions.skin_area & ~regions.features, True).astype(bool),
        tone=tone_n,
        tone_near=tone_near,
        clear_near=clear_near,
        specular=crop(regions.specular, True).astype(bool),
        features=crop(regions.features, True).astype(bool),
        smile=crop(regions.smile, True).astype(bool),
        region_masks={n: crop(m, True).astype(bool) for n, m in regions.masks.items()},
        mid_x=None if face is None else (mid - x0) * k_eff,
        k=k_eff,
        offset=(x0, y0),
        mm_per_px=mm_per_px,
    )


def log_contrast(lab: FloatArray) -> tuple[FloatArray, FloatArray]:
    """``LOG_L_UNITS · ln Y`` and ``LOG_RED_UNITS · ln(R/G)`` (linear light) of a CIELAB image."""
    enc = np.clip(cv2.cvtColor(lab, cv2.COLOR_Lab2RGB), 0.0, 1.0)
    lin = np.where(enc <= 0.04045, enc / 12.92, ((enc + 0.055) / 1.055) ** 2.4)
    lin = np.maximum(lin, 1e-3)  # black pixels: a floor, not -inf
    y = lin @ np.array([0.2126, 0.7152, 0.0722], dtype=np.float32)
    log_l: FloatArray = (LOG_L_UNITS * np.log(y)).astype(np.float32)
    log_red: FloatArray = (LOG_RED_UNITS * np.log(lin[..., 0] / lin[..., 1])).astype(np.float32)
    return log_l, log_red


def ramp(x: float, points: list[tuple[float, float]]) -> int:
    """Piecewise-linear map of a measurement to a 0-100 severity (clamped, rounded)."""
    xs, ys = zip(*points, strict=True)
    return round(float(np.clip(np.interp(x, xs, ys), 0.0, 100.0)))


def _blur(img: FloatArray, sigma: float) -> FloatArray:
    """Gaussian blur; wide ones run on a reduced copy (a 60-px sigma needs no full-res pass)."""
    if sigma <= 6.0:
        out: FloatArray = cv2.GaussianBlur(img, (0, 0), sigma, borderType=cv2.BORDER_REFLECT)
        return out
    h, w = img.shape[:2]
    f = sigma / 3.0
    sw, sh = max(2, round(w / f)), max(2, round(h / f))
    small = cv2.resize(img, (sw, sh), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), sigma * sw / w, borderType=cv2.BORDER_REFLECT)
    out = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    return out


def masked_blur(img: FloatArray, mask: BoolArray, sigma: float) -> FloatArray:
    """Gaussian local mean of ``img`` over ``mask`` only (normalised convolution).

    Used as the local "background skin" so a spot is compared with the skin around it,
    never with the hair or background next to the face.
    """
    m = mask.astype(np.float32)
    num = _blur(img * m, sigma)
    den = _blur(m, sigma)
    out: FloatArray = num / np.maximum(den, 1e-3)
    return out


def robust_sigma(x: FloatArray) -> float:
    """1.4826 x median absolute deviation: a noise scale that spots do not inflate."""
    if x.size == 0:
        return 0.0
    med = np.median(x)
    return float(1.4826 * np.median(np.abs(x - med)))


def patch_spread(x: FloatArray) -> float:
    """The 90th percentile of ``|x - median|``, scaled to a standard deviation (÷ 1.645).

    For Gaussian noise it matches :func:`robust_sigma`; unlike the median absolute deviation
    it also sees variation confined to a part of the pixels (blotches covering 10-50 % of the
    skin), which a robust scale discards by design. A few isolated spots (well under 10 % of
    the pixels) still hardly count.
    """
    if x.size == 0:
        return 0.0
    return float(np.percentile(np.abs(x - np.median(x)), 90)) / 1.645


def box_of(mask: BoolArray) -> Box | None:
    """Bounding box (x, y, w, h) of a mask, or None if it is empty."""
    ys, xs = np.nonzero(mask)
    if xs.size == 0:
        return None
    return int(xs.min()), int(ys.min()), int(np.ptp(xs)) + 1, int(np.ptp(ys)) + 1
