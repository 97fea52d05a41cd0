"""Colour conversions and step 3 — colour constancy.

The light in a phone photo tints everything, and skin tone is a colour measurement, so the
illuminant is estimated and divided out (von Kries, in linear RGB) before any colour is
measured. Three estimators are combined, each from pixels that should be neutral on average:

* the whites of the eyes (sclera), when the face detector found eyes — the most direct white
  reference on a face;
* grey-world on the *non-skin* pixels (walls, clothes, background): grey-world on the whole
  image would drag the skin itself towards grey;
* white-patch (the brightest non-clipped non-skin pixels, a robust max-RGB).

Corrections are normalised to keep luminance, so only the colour of the light is removed,
never the exposure (ITA depends on L*). When the evidence is weak (a skin close-up with no
background) the correction is shrunk towards none, and ``applied`` says what happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from skinlab._types import BoolArray, FloatArray, U8Array, channel_max, pixels
from skinlab.cielab import hex_of_lab as hex_of_lab  # re-exported: colour helpers live here
from skinlab.cielab import lab_to_srgb8

# Luminance weights of linear sRGB (Rec. 709 primaries, D65).
_LUMA = np.array([0.2126, 0.7152, 0.0722], dtype=np.float32)

_LUT_TO_LINEAR: FloatArray = np.array(
    [
        (v / 255.0) / 12.92 if v / 255.0 <= 0.04045 else ((v / 255.0 + 0.055) / 1.055) ** 2.4
        for v in range(256)
    ],
    dtype=np.float32,
)


def srgb_to_linear(rgb: U8Array) -> FloatArray:
    """Return linear-light RGB in [0, 1] for an 8-bit sRGB image (table lookup, fast)."""
    return _LUT_TO_LINEAR[rgb]


def linear_to_srgb(lin: FloatArray) -> U8Array:
    """Encode linear RGB in [0, 1] as 8-bit sRGB (values outside are clipped)."""
    x = np.clip(lin, 0.0, 1.0)
    enc = np.where(x <= 0.0031308, 12.92 * x, 1.055 * np.power(x, 1 / 2.4) - 0.055)
    out: U8Array = np.clip(np.rint(enc * 255.0), 0, 255).astype(np.uint8)
    return out


def rgb_to_lab(rgb: U8Array) -> FloatArray:
    """CIELAB (D65) of an 8-bit sRGB image as float32 (L* 0-100), using OpenCV's fast path."""
    f = rgb.astype(np.float32) * np.float32(1 / 255.0)
    lab: FloatArray = cv2.cvtColor(f, cv2.COLOR_RGB2Lab)
    return lab


def lab_to_rgb_u8(lab: tuple[float, float, float]) -> tuple[int, int, int]:
    """8-bit sRGB for one CIELAB colour (clipped into gamut)."""
    return lab_to_srgb8(lab)


@dataclass
class IlluminantEstimate:
    """What colour constancy found and did."""

    method: str
    #: Estimated colour of the light as linear RGB, normalised to luminance 1.
    illuminant_rgb: tuple[float, float, float]
    #: Per-channel gains that were applied to linear RGB (1, 1, 1 when nothing was applied).
    gains: tuple[float, float, float]
    applied: bool
    confidence: float
    #: Estimates of each method that had enough pixels, for transparency.
    candidates: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    #: Correlated colour temperature of the estimate, in kelvin (approximate).
    cct_k: float | None = None


def _normalise(rgb: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    y = float(np.dot(rgb, _LUMA.astype(np.float64)))
    out: npt.NDArray[np.float64] = rgb / y if y > 1e-6 else np.ones(3)
    return out


def grey_world(px: FloatArray) -> npt.NDArray[np.float64] | None:
    """Grey-world illuminant: the mean of linear-RGB pixels ``px`` (n, 3); None if too few."""
    if len(px) < 200:
        return None
    # Drop clipped and near-black pixels: they carry no information about the light.
    mx = channel_max(px)
    keep = (mx < 0.98) & (mx > 0.02)
    if int(keep.sum()) < 200:
        return None
    return _normalise(pixels(px, keep).mean(axis=0).astype(np.float64))


#: Surfaces more colourful than this (CIELAB chroma) are coloured objects, not grey ones
#: seen under a coloured light: a residual cast after a phone's white balance moves a grey
#: surface by 10-20 units of chroma, a strong uncorrected one by up to about 30.
SATURATED_CHROMA = 25.0


def saturated(px: FloatArray) -> BoolArray:
    """Which of the linear-RGB pixels ``px`` (n, 3) are too colourful to be grey surfaces
    under the light: an orange suit, a red flag. Grey-world assumes the *average surface* is
    grey; a large saturated object would drag the estimate towards its own colour. The cut
    follows the scene (1.5 times the median chroma of the pixels, at least
    ``SATURATED_CHROMA``), so a strong cast that tints every grey surface does not push the
    walls themselves out."""
    if len(px) < 200:
        return np.zeros(len(px), bool)
    # OpenCV's linear-RGB conversion: the sRGB encoding folded in, 8x faster than encoding
    # first (the chroma agrees within 0.5 unit, against a cut of 25 or more)
    lin = np.clip(px, 0.0, 1.0).astype(np.float32)
    lab = cv2.cvtColor(lin[None, :, :], cv2.COLOR_LRGB2Lab)[0]
    chroma = np.hypot(lab[:, 1], lab[:, 2])
    limit = max(SATURATED_CHROMA, 1.5 * float(np.median(chroma)))
    out: BoolArray = chroma > limit
    return out


def white_patch(px: FloatArray, top: float = 0.02) -> npt.NDArray[np.float64] | None:
    """Robust max-RGB: the mean of the brightest ``top`` share of the non-clipped linear-RGB
    pixels ``px`` (n, 3)."""
    if len(px) < 200:
        return None
    mx = channel_max(px)
    ok = mx < 0.98
    if int(ok.sum()) < 200:
        return None
    px = pixels(px, ok)
    lum = px @ _LUMA
    cut = np.quantile(lum, 1.0 - top)
    bright = pixels(px, lum >= cut)
    return _normalise(bright.mean(axis=0).astype(np.float64))


def sclera_candidates(
    lin: FloatArray,
    mask: BoolArray,
    lab: FloatArray | None = None,
    skin_ab: tuple[float, float] | None = None,
) -> npt.NDArray[np.float32] | None:
    """The linear-RGB pixels of one eye's band taken for sclera (the whites of the eyes).

    Inside an eye box the sclera is among the brightest pixels, and — whatever the light —
    it is less coloured *in the skin's direction* than the lids and the skin around it (the
    light tints both alike; only skin adds its own colour). So the sclera is taken as the
    pixels that are both bright (upper 40 % of L*) and low along the skin's chroma direction
    (lower 40 %). No saturation threshold is used: under a coloured light the sclera itself
    looks saturated.
    """
    if int(mask.sum()) < 30:
        return None
    sel = mask & (channel_max(lin) < 0.98)
    px = pixels(lin, sel)
    if len(px) < 20:
        return None
    if lab is not None and skin_ab is not None and np.hypot(*skin_ab) > 1e-3:
        lp = pixels(lab, sel)
        u = np.asarray(skin_ab, dtype=np.float64) / float(np.hypot(*skin_ab))
        proj = lp[:, 1] * u[0] + lp[:, 2] * u[1]
        cand = (lp[:, 0] >= np.quantile(lp[:, 0], 0.6)) & (proj <= np.quantile(proj, 0.4))
    else:
        lum = px @ _LUMA
        cand = lum >= np.quantile(lum, 0.7)
    if int(cand.sum()) < 4:
        return None
    out: npt.NDArray[np.float32] = px[cand]
    return out


def white_of_sclera(picks: list[npt.NDArray[np.float32]]) -> npt.NDArray[np.float64] | None:
    """The light's colour from the sclera pixels of both eyes (median, luminance 1)."""
    if not picks:
        return None
    allpx = np.concatenate(picks)
    if len(allpx) < 8:
        return None
    return _normalise(np.median(allpx, axis=0).astype(np.float64))


def _rg_chroma(v: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    s = float(v.sum())
    out: npt.NDArray[np.float64] = v[:2] / s if s > 0 else np.array([1 / 3, 1 / 3])
    return out


def _cct_of(illum: npt.NDArray[np.float64]) -> float | None:
    """Approximate CCT (McCamy 1992) of a linear-sRGB illuminant."""
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ illum
    s = float(xyz.sum())
    if s <= 0:
        return None
    x, y = xyz[0] / s, xyz[1] / s
    if abs(0.1858 - y) < 1e-6:
        return None
    n = (x - 0.3320) / (0.1858 - y)
    return float(449 * n**3 + 3525 * n**2 + 6823.3 * n + 5520.33)


def estimate_illuminant(
    lin: FloatArray,
    skin_mask: BoolArray,
    sclera: npt.NDArray[np.float64] | None = None,
) -> IlluminantEstimate:
    """Estimate the light from sclera, non-skin grey-world and white-patch, and combine them.

    The estimates are averaged in rg-chromaticity, weighted by how much evidence each has
    (sclera found; share of the image that is not skin). The correction is applied in full
    when the evidence is strong and shrunk towards "no correction" when it is weak (a skin
    close-up with little else in view, where grey-world would mistake the skin for grey).
    ``confidence`` combines evidence with the agreement between methods. ``sclera``: the
    light's colour from the whites of the eyes, estimated by the caller at full resolution
    (:func:`sclera_candidates`, :func:`white_of_sclera`), or None.
    """
    h, w = skin_mask.shape
    total = h * w
    # Non-skin candidate pixels, with a margin around skin so its bleeding edge is excluded.
    grown = cv2.dilate(skin_mask.astype(np.uint8), np.ones((11, 11), np.uint8)) > 0
    non_skin = ~grown
    candidates: dict[str, npt.NDArray[np.float64]] = {}
    weights: dict[str, float] = {}
    evidence = 0.0
    sc = sclera
    if sc is not None:
        candidates["sclera"] = sc
        weights["sclera"] = 1.0
        evidence = 0.8
    share = float(non_skin.sum()) / max(1, total)
    # 15 % of the picture off the skin is plenty of background for grey-world.
    bg_evidence = float(np.clip((share - 0.03) / 0.12, 0.0, 1.0))
    if bg_evidence > 0:
        background = pixels(lin, non_skin)  # taken once: three estimators read the same pixels
        gw = grey_world(background[~saturated(background)])
        if gw is not None:
            candidates["grey_world"] = gw
            weights["grey_world"] = 1.5 * bg_evidence
            evidence = max(evidence, bg_evidence)
        wp = white_patch(background)
        if wp is not None:
            candidates["white_patch"] = wp
            # the brightest non-skin pixels are often skin edges: a weak vote only
            weights["white_patch"] = 0.25 * bg_evidence
    if not candidates:
        return IlluminantEstimate(
            method="none",
            illuminant_rgb=(1.0, 1.0, 1.0),
            gains=(1.0, 1.0, 1.0),
            applied=False,
            confidence=0.0,
            candidates={},
        )
    names = list(candidates)
    chroma = np.array([_rg_chroma(candidates[k]) for k in names])
    wts = np.array([weights[k] for k in names])
    mean_rg = (chroma * wts[:, None]).sum(axis=0) / wts.sum()
    if len(names) >= 3:
        # Drop the estimate farthest from the weighted mean when it disagrees clearly (an
        # outlier such as a coloured object taken for white), then re-average. Only with
        # three or more: of two estimates that disagree, neither can be called the outlier
        # (grey-world on a large coloured garment and a white-patch on real whites disagree
        # as much as the reverse): see the two-estimate rule below.
        dist = np.sqrt(((chroma - mean_rg) ** 2).sum(axis=1))
        worst = int(np.argmax(dist))
        if dist[worst] > 0.02:
            keep = np.arange(len(names)) != worst
            chroma, wts = chroma[keep], wts[keep]
            names = [n for i, n in enumerate(names) if keep[i]]
            mean_rg = (chroma * wts[:, None]).sum(axis=0) / wts.sum()
    spread = (
        float(np.sqrt(((chroma - mean_rg) ** 2).sum(axis=1)).max()) if len(chroma) > 1 else 0.02
    )
    strength = float(np.clip(evidence, 0.0, 1.0))
    if len(names) == 2:
        gap = float(np.sqrt(((chroma[0] - chroma[1]) ** 2).sum()))
        if gap > 0.02:
            # Of two estimates that disagree clearly, neither can be called the outlier (grey-
            # world on a large coloured garment against a white-patch on real whites, or the
            # reverse): correct only as far as the smaller of the two asks, and only when they
            # agree on the light's direction; the confidence says how much they disagree.
            neutral = np.array([1 / 3, 1 / 3])
            shifts = chroma - neutral
            same_way = float(shifts[0] @ shifts[1]) > 0
            smaller = int(np.argmin(np.sqrt((shifts**2).sum(axis=1))))
            mean_rg = chroma[smaller]
            if not same_way:
                strength = 0.0
    illum = np.array([mean_rg[0], mean_rg[1], 1.0 - mean_rg[0] - mean_rg[1]])
    illum = _normalise(np.maximum(illum, 1e-3))
    conf = float(np.clip(evidence * (1.0 - min(1.0, spread / 0.06)), 0.0, 1.0))
    # Shrink towards no correction when the evidence is weak. Limit to plausible lights.
    est = np.ones(3) + strength * (illum - np.ones(3))
    est = _normalise(np.clip(est, 0.25, 4.0))
    gains = 1.0 / est
    return IlluminantEstimate(
        method="+".join(names),
        illuminant_rgb=(float(est[0]), float(est[1]), float(est[2])),
        gains=(float(gains[0]), float(gains[1]), float(gains[2])),
        applied=strength > 0,
        confidence=round(conf, 3),
        candidates={k: (float(v[0]), float(v[1]), float(v[2])) for k, v in candidates.items()},
        cct_k=_cct_of(est),
    )


def apply_gains(lin: FloatArray, gains: tuple[float, float, float]) -> FloatArray:
    """Von Kries correction: multiply linear RGB by per-channel gains."""
    out: FloatArray = lin * np.asarray(gains, dtype=np.float32)
    return out


def correct_rgb(rgb: U8Array, gains: tuple[float, float, float]) -> U8Array:
    """Apply von Kries ``gains`` (linear light) to an 8-bit sRGB image via per-channel LUTs.

    Exactly the same as decoding, multiplying and re-encoding, but a table lookup per pixel.
    """
    if gains == (1.0, 1.0, 1.0):
        return rgb
    out = np.empty_like(rgb)
    for c in range(3):
        lut = linear_to_srgb((_LUT_TO_LINEAR * np.float32(gains[c])).astype(np.float32))
        out[..., c] = cv2.LUT(rgb[..., c], lut)
    return out
