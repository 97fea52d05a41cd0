"""Step 5 — skin tone: ITA°, Monk Skin Tone, a Fitzpatrick estimate, undertone, hex.

* ITA° (Individual Typology Angle, Chardon et al. 1991) = arctan((L* - 50) / b*) · 180/π,
  computed with ``atan2`` so that b* ≈ 0 does not divide by zero; six bands (Del Bino 2006).
* Monk Skin Tone (Monk 2019, Google's 10-swatch scale): the nearest *photographed swatch* by
  CIEDE2000. The ten official swatches are display colours for people to compare skin with
  (Monk 1-3 reflect 81-86 % of the light, Monk 10 under 2 %); real skin spans a much narrower
  range (L* about 30 to 76). Each swatch is mapped onto the colorimetric range of real skin
  (monotone, per CIELAB axis, anchored on published skin colorimetry) and the photographed skin
  is compared with those "photographed swatches". See docs/skinlab.md, "0.3.0".
* Fitzpatrick: only an *estimate* from ITA bands — Fitzpatrick types describe how skin reacts
  to the sun, which a photo cannot show.
* Undertone from the hue angle h = atan2(b*, a*): more yellow = warm, more red/pink = cool.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from skinlab.cielab import delta_e_ciede2000, hex_of_lab, srgb_to_lab
from skinlab.fielddoc import described

MONK_HEX: tuple[str, ...] = (
    "#f6ede4", "#f3e7db", "#f7ead0", "#eadaba", "#d7bd96",
    "#a07e56", "#825c43", "#604134", "#3a312a", "#292420",
)  # fmt: skip


def _hex_to_lab(h: str) -> tuple[float, float, float]:
    r, g, b = (int(h[i : i + 2], 16) / 255.0 for i in (1, 3, 5))
    return srgb_to_lab((r, g, b))


#: CIELAB (D65) of the ten Monk swatches, Monk 1 (lightest) to Monk 10 (darkest).
MONK_LAB: tuple[tuple[float, float, float], ...] = tuple(_hex_to_lab(h) for h in MONK_HEX)

# The range of real human skin that the scale's ends are anchored to (CIELAB, D65):
# L*: 30.15 (darkest) to 75.96 (lightest) measured across Fitzpatrick types I-VI (Dornelles,
# Goldim & Cestari 2004, Photochem Photobiol 79:540, n = 193); a*, b*: the span of skin's
# redness and yellowness in the published skin colour volumes (Chardon et al. 1991; Del Bino
# et al. 2006; Xiao et al. 2017) - round figures, and the choice of figures inside the published
# spans does not decide the results (docs/skinlab.md, "0.3.0", sensitivity table).
SKIN_L_RANGE: tuple[float, float] = (30.0, 76.0)
SKIN_A_RANGE: tuple[float, float] = (6.0, 14.0)
SKIN_B_RANGE: tuple[float, float] = (8.0, 24.0)


def photographed_swatches(
    display: tuple[tuple[float, float, float], ...] = MONK_LAB,
    *,
    L_range: tuple[float, float] = SKIN_L_RANGE,
    a_range: tuple[float, float] = SKIN_A_RANGE,
    b_range: tuple[float, float] = SKIN_B_RANGE,
) -> tuple[tuple[float, float, float], ...]:
    """Each Monk swatch as real skin of that tone photographs: CIELAB, lightest first.

    A monotone (affine) map per CIELAB axis from the span of the ten display swatches onto the
    span of real skin: the lightest swatch becomes the lightest skin, the darkest the darkest,
    and every swatch keeps its place in between (its relative lightness, yellowness and
    redness, as Monk designed them). People who annotate with the scale compare skin *as they
    perceive it* (lightness constancy: skin reflecting half the light still looks "very
    light"), so the measured colour must be compared with the swatch as it would be measured
    on real skin, not with the display colour.
    """
    arr = np.array(display, dtype=np.float64)
    out = np.empty_like(arr)
    for axis, (lo, hi) in enumerate((L_range, a_range, b_range)):
        src = arr[:, axis]
        out[:, axis] = lo + (src - src.min()) * (hi - lo) / (src.max() - src.min())
    return tuple((float(r[0]), float(r[1]), float(r[2])) for r in np.round(out, 2))


#: The ten Monk tones as real skin photographs (CIELAB), Monk 1 to 10: what the Monk estimate
#: compares the measured skin with. ``MONK_LAB``/``MONK_HEX`` stay the official swatches.
MONK_SKIN_LAB: tuple[tuple[float, float, float], ...] = photographed_swatches()
MONK_SKIN_HEX: tuple[str, ...] = tuple(hex_of_lab(lab) for lab in MONK_SKIN_LAB)
_MONK_ARR = np.array(MONK_SKIN_LAB, dtype=np.float64)
_MONK_DISPLAY_ARR = np.array(MONK_LAB, dtype=np.float64)


class ItaBand(StrEnum):
    """The skin colour category of an ITA° (Del Bino & Bernerd 2013), lightest first."""

    VERY_LIGHT = "very_light"
    LIGHT = "light"
    INTERMEDIATE = "intermediate"
    TAN = "tan"
    BROWN = "brown"
    DARK = "dark"


class Fitzpatrick(StrEnum):
    """Fitzpatrick phototypes, I (always burns) to VI (never burns)."""

    I = "I"  # noqa: E741 - the type's own name
    II = "II"
    III = "III"
    IV = "IV"
    V = "V"
    VI = "VI"


class Undertone(StrEnum):
    WARM = "warm"
    NEUTRAL = "neutral"
    COOL = "cool"


# ITA bands, lower bounds (degrees), lightest first (Del Bino & Bernerd 2013).
ITA_BANDS: tuple[tuple[ItaBand, float], ...] = (
    (ItaBand.VERY_LIGHT, 55.0),
    (ItaBand.LIGHT, 41.0),
    (ItaBand.INTERMEDIATE, 28.0),
    (ItaBand.TAN, 10.0),
    (ItaBand.BROWN, -30.0),
    (ItaBand.DARK, -math.inf),
)
# Fitzpatrick estimate per ITA band (the usual ITA→phototype correspondence): in order.
_FITZ_OF_BAND: dict[ItaBand, Fitzpatrick] = dict(zip(ItaBand, Fitzpatrick, strict=True))
FITZPATRICK_NOTE = (
    "Estimate from skin colour only: Fitzpatrick types describe how skin reacts to the sun, "
    "which a photo cannot show."
)
FITZPATRICK_TYPES: tuple[Fitzpatrick, ...] = tuple(Fitzpatrick)
#: How far the colour of a photo without any white reference (a skin-filled close-up: no face,
#: no background) may be from the skin's own, because the camera set exposure and white balance
#: from the skin itself: ±10 L* is about ±1/2 EV at skin lightness; ±8 b* is about the shift the
#: residual 4500 K / 8000 K casts of the synthetic benchmark give skin.
UNTRUSTED_DL = 10.0
UNTRUSTED_DB = 8.0
_UNTRUSTED_NOTE = (
    " This photo has no white reference (no face or background to judge the light by), so the"
    " camera's exposure and white balance may have changed your skin's colour: type {point} is"
    " the best guess, {lo} to {hi} possible."
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


def ita_band(ita: float) -> ItaBand:
    """The ITA band name: very_light (>55), light, intermediate, tan, brown, dark (<-30)."""
    for name, lower in ITA_BANDS:
        if ita > lower:
            return name
    return ItaBand.DARK


def fitzpatrick_from_ita(ita: float) -> Fitzpatrick:
    """Fitzpatrick type I-VI *estimated* from ITA° (labelled as an estimate in results)."""
    return _FITZ_OF_BAND[ita_band(ita)]


#: The prior over Fitzpatrick types I-VI for a photo alone: uniform. MetSkin does not know
#: its users' mix of skin types, and borrowing a clinic's (PAD-UFES-20's patients are mostly
#: types I-III) would make the estimate look right on that clinic's photos for the wrong
#: reason. A questionnaire, where given, replaces the photo's estimate altogether.
FITZPATRICK_PRIOR: tuple[float, ...] = (1 / 6,) * 6

# A grid over the colours real skin has (L*, b*), 0.5 units apart: the possible true colours.
_GRID_L, _GRID_B = np.meshgrid(
    np.arange(SKIN_L_RANGE[0], SKIN_L_RANGE[1] + 0.01, 0.5),
    np.arange(SKIN_B_RANGE[0], SKIN_B_RANGE[1] + 0.01, 0.5),
)
_GRID_TYPE = np.sum(
    np.degrees(np.arctan2(_GRID_L - 50.0, _GRID_B))[..., None]
    <= np.array([lo for _, lo in ITA_BANDS[:-1]])[None, None, :],
    axis=2,
)  # 0 = I ... 5 = VI: the type of each true colour (the ITA bands)
_GRID_TYPE_CELLS = np.bincount(_GRID_TYPE.ravel(), minlength=6).astype(np.float64)


def untrusted_box(lab: tuple[float, float, float]) -> tuple[float, float]:
    """(±L*, ±b*): how far this photo may have moved the skin's colour (0.5.1, per photo).

    A skin-filled close-up is exposed and white-balanced from the skin itself: the camera
    pulls the skin towards its grey and its exposure target. A colour that still lies among
    the colours real skin has may have been moved by the usual amount (``UNTRUSTED_DL``,
    ``UNTRUSTED_DB``, the 0.3.0 box). A colour outside them — greyer than any skin (b* below
    ``SKIN_B_RANGE``), lighter or darker than any (L* outside ``SKIN_L_RANGE``) — has been
    moved *at least* its distance to those colours, and then by as much again as any photo
    may be: so on each axis the half-width is the usual one plus that distance. How grey and
    how bright the camera left the skin sets its own uncertainty; nothing here was fitted.
    """
    L, _, b = lab
    out_l = max(0.0, SKIN_L_RANGE[0] - L, L - SKIN_L_RANGE[1])
    out_b = max(0.0, SKIN_B_RANGE[0] - b, b - SKIN_B_RANGE[1])
    return UNTRUSTED_DL + out_l, UNTRUSTED_DB + out_b


def fitzpatrick_posterior(
    lab: tuple[float, float, float],
    prior: tuple[float, ...] = FITZPATRICK_PRIOR,
    box: tuple[float, float] | None = None,
) -> npt.NDArray[np.float64]:
    """P(type I-VI | the measured colour) for a photo whose colour cannot be trusted.

    Model: a type's true skin colour is anywhere in its ITA band, inside the colours real
    skin has (uniform); the photo shows that colour moved by the camera's exposure and white
    balance, anywhere within ± the photo's own box (:func:`untrusted_box`; ``box`` overrides
    it: the benchmark passes the one-box-for-all of 0.5.0). So P(measured | type) = the share
    of the type's colours that lie within that box of the measurement, and the posterior is
    that times the ``prior``.
    """
    L, _, b = lab
    dl, db = untrusted_box(lab) if box is None else box
    near = (np.abs(_GRID_L - L) <= dl) & (np.abs(_GRID_B - b) <= db)
    if not near.any():  # a colour no skin has (a grey close-up): take the nearest skin colour
        L = float(np.clip(L, *SKIN_L_RANGE))
        b = float(np.clip(b, *SKIN_B_RANGE))
        near = (np.abs(_GRID_L - L) <= dl) & (np.abs(_GRID_B - b) <= db)
    hits = np.bincount(_GRID_TYPE[near], minlength=6).astype(np.float64)
    likelihood = np.divide(hits, _GRID_TYPE_CELLS, out=np.zeros(6), where=_GRID_TYPE_CELLS > 0)
    post = likelihood * np.asarray(prior, dtype=np.float64)
    total = float(post.sum())
    return post / total if total > 0 else np.asarray(prior, dtype=np.float64)


def fitzpatrick_under_uncertainty(
    lab: tuple[float, float, float], box: tuple[float, float] | None = None
) -> tuple[Fitzpatrick, Fitzpatrick, Fitzpatrick]:
    """(point, lowest, highest) Fitzpatrick estimate when the photo's colour cannot be trusted.

    From :func:`fitzpatrick_posterior`. The point is the type most likely to be within one
    type of the truth (the Bayes choice for "right within one type", the way the estimate is
    judged); the range is the central 80 % of the posterior (and holds the point).
    """
    post = fitzpatrick_posterior(lab, box=box)
    within_one = [float(post[max(0, t - 1) : t + 2].sum()) for t in range(6)]
    point = int(np.argmax(within_one))
    cum = np.cumsum(post)
    lo = min(point, int(np.searchsorted(cum, 0.1)))
    hi = max(point, int(np.searchsorted(cum, 0.9)))
    return FITZPATRICK_TYPES[point], FITZPATRICK_TYPES[lo], FITZPATRICK_TYPES[hi]


def nearest_swatch(lab: tuple[float, float, float], palette: npt.ArrayLike) -> int:
    """The 1-based index of the colour of ``palette`` (CIELAB rows) nearest ``lab``, CIEDE2000."""
    d = delta_e_ciede2000(lab, np.asarray(palette, dtype=np.float64))
    return int(np.argmin(d)) + 1


def monk_from_lab(lab: tuple[float, float, float]) -> int:
    """Monk Skin Tone (1-10) of photographed skin: the nearest photographed swatch, CIEDE2000."""
    return nearest_swatch(lab, _MONK_ARR)


def monk_display_from_lab(lab: tuple[float, float, float]) -> int:
    """The nearest *display* swatch by CIEDE2000 (skinlab 0.1-0.2; kept for comparison)."""
    return nearest_swatch(lab, _MONK_DISPLAY_ARR)


def undertone_from_lab(lab: tuple[float, float, float]) -> tuple[Undertone, float]:
    """Return (``warm``|``neutral``|``cool``, hue angle h° = atan2(b*, a*))."""
    _, a, b = lab
    h = math.degrees(math.atan2(b, a))
    if h < UNDERTONE_COOL_BELOW:
        return Undertone.COOL, h
    if h > UNDERTONE_WARM_ABOVE:
        return Undertone.WARM, h
    return Undertone.NEUTRAL, h


@dataclass(frozen=True)
class ToneResult:
    """The measured skin tone."""

    ita: float = field(metadata=described("Individual Typology Angle, degrees"))
    ita_band: ItaBand
    monk: int = field(metadata=described(minimum=1, maximum=10))
    monk_hex: str = field(metadata=described("The official Monk swatch colour"))
    fitzpatrick: Fitzpatrick
    fitzpatrick_note: str
    undertone: Undertone
    hue_angle: float = field(metadata=described("CIELAB hue angle h°, degrees"))
    hex: str
    lab: tuple[float, float, float] = field(metadata=described(length=3))
    confidence: float
    pixels: int = field(metadata=described("Skin pixels the tone was measured on", minimum=0))
    #: The Monk tone's swatch as real skin photographs (``monk_hex`` is the official swatch).
    monk_skin_hex: str = field(
        default="",
        metadata=described("The Monk tone as real skin photographs (engine 0.3.0+)"),
    )
    #: [lowest, highest] Fitzpatrick type the photo allows (both = ``fitzpatrick`` when the
    #: colour could be judged against a white reference or a face).
    fitzpatrick_range: list[Fitzpatrick] = field(
        default_factory=list,
        metadata=described(
            "Lowest and highest type (I-VI) the photo allows (engine 0.3.0+)", length=2
        ),
    )

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ToneResult:
        """Rebuild from ``asdict`` output; an unknown key or value raises (never a silent None)."""
        return cls(
            **{
                **d,
                "ita_band": ItaBand(d["ita_band"]),
                "fitzpatrick": Fitzpatrick(d["fitzpatrick"]),
                "undertone": Undertone(d["undertone"]),
                "lab": tuple(d["lab"]),
                "fitzpatrick_range": [Fitzpatrick(t) for t in d.get("fitzpatrick_range", [])],
            }
        )


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


def lit_skin(pixels: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The lit half of the clear skin: pixels at or above the median lightness.

    Shading only darkens (a surface turned away from the light, the sides of the face, the
    edge of a close-up): the skin's colour is what it shows where the light falls on it,
    as a person judging skin tone looks at the lit cheek, not at the shadow under the jaw.
    Highlights are already out of the clear-skin mask. Also drops what little hair or
    shadow got into the mask (both darker than lit skin).
    """
    if len(pixels) < 200:
        return pixels
    L = pixels[:, 0]
    out: npt.NDArray[np.float32] = pixels[np.median(L) <= L]
    return out


def measure_tone(
    pixels: npt.NDArray[np.float32], *, confidence: float, colour_trusted: bool = True
) -> ToneResult:
    """Compute the full tone summary from the clear-skin CIELAB pixels of one image.

    ``colour_trusted`` is False when nothing in the photo tells the light (no face, no
    background or sclera used for colour constancy): the Fitzpatrick estimate then comes with
    the range the photo allows (:func:`fitzpatrick_under_uncertainty`).
    """
    lab = robust_lab(pixels)
    ita = ita_degrees(lab[0], lab[2])
    band = ita_band(ita)
    monk = monk_from_lab(lab)
    undertone, hue = undertone_from_lab(lab)
    fitz = fitzpatrick_from_ita(ita)
    fitz_range = [fitz, fitz]
    note = FITZPATRICK_NOTE
    if not colour_trusted:
        point, lo, hi = fitzpatrick_under_uncertainty(lab)
        measured = FITZPATRICK_TYPES.index(fitz)
        if measured >= FITZPATRICK_TYPES.index(Fitzpatrick.V):
            # never tell someone whose skin measures dark that they are lighter because the
            # photo is uncertain (the known failure of photo-based tone estimates)
            point = FITZPATRICK_TYPES[max(measured, FITZPATRICK_TYPES.index(point))]
            hi = FITZPATRICK_TYPES[max(measured, FITZPATRICK_TYPES.index(hi))]
        fitz = point
        fitz_range = [lo, hi]
        if lo != hi:
            note += _UNTRUSTED_NOTE.format(point=fitz, lo=lo, hi=hi)
    return ToneResult(
        ita=round(ita, 2),
        ita_band=band,
        monk=monk,
        monk_hex=MONK_HEX[monk - 1],
        fitzpatrick=fitz,
        fitzpatrick_note=note,
        undertone=undertone,
        hue_angle=round(hue, 1),
        hex=hex_of_lab(lab),
        lab=(round(lab[0], 2), round(lab[1], 2), round(lab[2], 2)),
        confidence=round(float(np.clip(confidence, 0.0, 1.0)), 3),
        pixels=len(pixels),
        monk_skin_hex=MONK_SKIN_HEX[monk - 1],
        fitzpatrick_range=fitz_range,
    )
