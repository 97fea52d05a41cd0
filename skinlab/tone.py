"""Step 5 — skin tone: ITA°, Monk Skin Tone, a Fitzpatrick estimate, undertone, hex.

* ITA° (Individual Typology Angle, Chardon et al. 1991) = arctan((L* - 50) / b*) · 180/π,
  computed with ``atan2`` so that b* ≈ 0 does not divide by zero; six bands (Del Bino 2006).
* Monk Skin Tone (Monk 2019, Google's 10-swatch scale): the nearest swatch by CIEDE2000.
* Fitzpatrick: only an *estimate* from ITA bands — Fitzpatrick types describe how skin reacts
  to the sun, which a photo cannot show.
* Undertone from the hue angle h = atan2(b*, a*): more yellow = warm, more red/pink = cool.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from skimage.color import deltaE_ciede2000, rgb2lab

from skinlab.color import hex_of_lab

MONK_HEX: tuple[str, ...] = (
    "#f6ede4", "#f3e7db", "#f7ead0", "#eadaba", "#d7bd96",
    "#a07e56", "#825c43", "#604134", "#3a312a", "#292420",
)  # fmt: skip


def _hex_to_lab(h: str) -> tuple[float, float, float]:
    rgb = np.array([[[int(h[i : i + 2], 16) / 255.0 for i in (1, 3, 5)]]])
    lab = rgb2lab(rgb)[0, 0]
    return float(lab[0]), float(lab[1]), float(lab[2])


#: CIELAB (D65) of the ten Monk swatches, Monk 1 (lightest) to Monk 10 (darkest).
MONK_LAB: tuple[tuple[float, float, float], ...] = tuple(_hex_to_lab(h) for h in MONK_HEX)
_MONK_ARR = np.array(MONK_LAB, dtype=np.float64)

# ITA bands, lower bounds (degrees), lightest first (Del Bino & Bernerd 2013).
ITA_BANDS: tuple[tuple[str, float], ...] = (
    ("very_light", 55.0),
    ("light", 41.0),
    ("intermediate", 28.0),
    ("tan", 10.0),
    ("brown", -30.0),
    ("dark", -math.inf),
)
# Fitzpatrick estimate per ITA band (the usual ITA→phototype correspondence).
_FITZ_OF_BAND = {
    "very_light": "I",
    "light": "II",
    "intermediate": "III",
    "tan": "IV",
    "brown": "V",
    "dark": "VI",
}
FITZPATRICK_NOTE = (
    "Estimate from skin colour only: Fitzpatrick types describe how skin reacts to the sun, "
    "which a photo cannot show."
)
# Hue-angle cut-offs for undertone, in degrees: skin hue angles span roughly 40-75°
# (redder skin lower, yellower higher); the middle third is called neutral.
UNDERTONE_COOL_BELOW = 50.0
UNDERTONE_WARM_ABOVE = 60.0


def ita_degrees(L: float, b: float) -> float:
    """ITA° = arctan((L* - 50) / b*) in degrees, via ``atan2`` so b* = 0 is safe.

    For skin (b* > 0) this equals the textbook formula; for b* ≤ 0 it stays continuous
    (beyond ±90°) instead of jumping from -90° to +90°, and keeps the band order right.
    """
    return math.degrees(math.atan2(L - 50.0, b))


def ita_band(ita: float) -> str:
    """The ITA band name: very_light (>55), light, intermediate, tan, brown, dark (<-30)."""
    for name, lower in ITA_BANDS:
        if ita > lower:
            return name
    return "dark"


def fitzpatrick_from_ita(ita: float) -> str:
    """Fitzpatrick type I-VI *estimated* from ITA° (labelled as an estimate in results)."""
    return _FITZ_OF_BAND[ita_band(ita)]


def monk_from_lab(lab: tuple[float, float, float]) -> int:
    """Nearest Monk Skin Tone (1-10) by CIEDE2000."""
    d = deltaE_ciede2000(np.asarray(lab, dtype=np.float64)[None, :], _MONK_ARR)  # type: ignore[no-untyped-call]
    return int(np.argmin(d)) + 1


def undertone_from_lab(lab: tuple[float, float, float]) -> tuple[str, float]:
    """Return (``warm``|``neutral``|``cool``, hue angle h° = atan2(b*, a*))."""
    _, a, b = lab
    h = math.degrees(math.atan2(b, a))
    if h < UNDERTONE_COOL_BELOW:
        return "cool", h
    if h > UNDERTONE_WARM_ABOVE:
        return "warm", h
    return "neutral", h


@dataclass
class ToneResult:
    """The measured skin tone."""

    ita: float
    ita_band: str
    monk: int
    monk_hex: str
    fitzpatrick: str
    fitzpatrick_note: str
    undertone: str
    hue_angle: float
    hex: str
    lab: tuple[float, float, float]
    confidence: float
    pixels: int


def robust_lab(pixels: npt.NDArray[np.float32]) -> tuple[float, float, float]:
    """Trimmed mean (inner 50 % by distance to the median) of CIELAB pixels."""
    px = pixels[:: max(1, len(pixels) // 60_000)].astype(np.float64)
    med = np.median(px, axis=0)
    if len(px) < 20:
        return float(med[0]), float(med[1]), float(med[2])
    d = np.abs(px - med).sum(axis=1)
    keep = d <= np.quantile(d, 0.5)
    m = px[keep].mean(axis=0)
    return float(m[0]), float(m[1]), float(m[2])


def measure_tone(pixels: npt.NDArray[np.float32], *, confidence: float) -> ToneResult:
    """Compute the full tone summary from the clear-skin CIELAB pixels of one image."""
    lab = robust_lab(pixels)
    ita = ita_degrees(lab[0], lab[2])
    band = ita_band(ita)
    monk = monk_from_lab(lab)
    undertone, hue = undertone_from_lab(lab)
    return ToneResult(
        ita=round(ita, 2),
        ita_band=band,
        monk=monk,
        monk_hex=MONK_HEX[monk - 1],
        fitzpatrick=fitzpatrick_from_ita(ita),
        fitzpatrick_note=FITZPATRICK_NOTE,
        undertone=undertone,
        hue_angle=round(hue, 1),
        hex=hex_of_lab(lab),
        lab=(round(lab[0], 2), round(lab[1], 2), round(lab[2], 2)),
        confidence=round(float(np.clip(confidence, 0.0, 1.0)), 3),
        pixels=len(pixels),
    )
