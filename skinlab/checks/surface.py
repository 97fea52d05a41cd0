"""Whole-skin measurements: redness, uneven tone, shine and texture.

Every measurement is a contrast within the person's own skin (never an absolute colour), so
darker skin is not scored as "uneven" or "dull" for being darker.
"""

from __future__ import annotations

import cv2
import numpy as np

from skinlab._types import as_u8
from skinlab.checks.context import (
    SkinContext,
    box_of,
    masked_blur,
    patch_spread,
    ramp,
    robust_sigma,
)
from skinlab.concerns import Concern
from skinlab.result import ConcernResult

#: a* rise over the person's clear-skin a* that counts as visibly red (≈ 2 just-noticeable
#: differences of a*).
REDNESS_DELTA_A = 5.0
T_ZONE = ("forehead", "nose")
CHEEKS = ("left_cheek", "right_cheek")


def _region_list(ctx: SkinContext, mask: np.ndarray, min_share: float = 0.1) -> list[str]:
    out = []
    for name, m in ctx.norm.region_masks.items():
        n = int(m.sum())
        if n and float((mask & m).sum()) / n >= min_share:
            out.append(name)
    return out


def assess_redness(ctx: SkinContext) -> ConcernResult:
    """An a*-based erythema index: red area and how much redder than the person's clear skin."""
    nv = ctx.norm
    skin = nv.skin
    # the erythema index ln(R/G): haemoglobin raises it by the same amount on every skin tone
    # (a* rises half as much on Monk 10 as on Monk 5 for the same blood)
    a = cv2.GaussianBlur(np.ascontiguousarray(nv.log_red), (0, 0), 1.5)
    # The person's clear skin: the lower quartile of a* over their clear-skin pixels (hair,
    # brows and shadow are not in that mask, so they cannot pull the baseline down).
    ref = nv.tone if int(nv.tone.sum()) >= 200 else skin
    base = float(np.percentile(a[ref], 25))
    red = skin & (a > base + REDNESS_DELTA_A)
    share = float(red.sum()) / max(1, int(skin.sum()))
    excess = float(np.mean(a[red] - base)) if red.any() else 0.0
    # Erythema index: mean a* excess over the whole skin (area x intensity).
    ei = share * excess
    # How red it is where it is red: flushed cheeks are a clear finding though they are a
    # tenth of the face. Counts once the red skin is a patch (5 % of the skin), not a spot.
    where_red = ramp(excess, [(5, 10), (10, 45), (15, 75), (20, 90)]) * min(1.0, share / 0.05)
    sev = max(
        ramp(share, [(0, 0), (0.05, 10), (0.2, 45), (0.5, 90)]),
        ramp(ei, [(0, 0), (0.5, 15), (2.0, 50), (5.0, 100)]),
        round(where_red),
    )
    locs = []
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(as_u8(red), connectivity=8)
    min_area = max(20.0, 0.002 * skin.sum())
    order = sorted(range(1, n), key=lambda i: -int(stats[i][4]))
    for i in order[:6]:
        x, y, w, h, area = (int(v) for v in stats[i])
        if area >= min_area:
            locs.append(ctx.to_orig_box(x, y, w, h))
    regions = _region_list(ctx, red)
    if share < 0.02:
        expl = "Your skin's redness is even: no area is clearly redder than the rest."
    else:
        where = (
            f" (mostly {', '.join(r.replace('_', ' ') for r in regions[:3])})" if regions else ""
        )
        expl = (
            f"{share * 100:.0f}% of the visible skin is clearly redder than your own clear "
            f"skin{where}."
        )
    return ConcernResult(
        name=Concern.REDNESS,
        label=Concern.REDNESS.label,
        severity=sev,
        confidence=round(0.7 * ctx.quality_score, 3),
        regions=regions,
        locations=locs,
        explanation=expl,
        details={
            "red_area_share": round(share, 4),
            "mean_excess_a": round(excess, 2),
            "erythema_index": round(ei, 3),
            "baseline_a": round(base, 2),
        },
    )


def assess_uneven_tone(ctx: SkinContext) -> ConcernResult:
    """Blotchiness: spread of the mid-scale (1-8 mm) variation of b* and L* over clear skin.

    Measured on clear skin only (no shadows, folds or highlights) and with L* at half weight:
    a face's 3-D shape also makes light and dark patches of L*, while uneven pigment shows in
    b* (yellowness) as much as in L*.
    """
    nv = ctx.norm
    skin = nv.tone & ~nv.specular
    mmpx = nv.mm_per_px
    lo = max(0.8, 1.0 / mmpx)
    hi = max(3.0, 8.0 / mmpx)
    deltas = []
    for c in (0, 2):
        ch = np.ascontiguousarray(nv.lab[..., c])
        band = masked_blur(ch, skin, lo) - masked_blur(ch, skin, hi)
        deltas.append(band[skin])
    if not skin.any():
        spread = 0.0
    else:
        # blotches cover part of the skin: a robust scale (MAD) would discard them
        spread = float(np.hypot(0.5 * patch_spread(deltas[0]), patch_spread(deltas[1])))
    sev = ramp(spread, [(0, 0), (1.0, 10), (2.0, 40), (4.0, 90), (5.0, 100)])
    expl = (
        "Your skin tone is even."
        if sev < 20
        else f"Your skin tone varies by about {spread:.1f} ΔE between nearby patches (blotchiness)."
    )
    return ConcernResult(
        name=Concern.UNEVEN_TONE,
        label=Concern.UNEVEN_TONE.label,
        severity=sev,
        confidence=round(0.6 * ctx.quality_score, 3),
        regions=list(ctx.norm.region_masks)[:6] if sev >= 20 else [],
        locations=[],
        explanation=expl,
        details={"mid_scale_spread_de": round(spread, 3)},
    )


def assess_shine(ctx: SkinContext) -> ConcernResult:
    """Specular highlight share in the T-zone (forehead, nose) against the cheeks."""
    nv = ctx.norm
    rm = nv.region_masks

    def share(names: tuple[str, ...]) -> float | None:
        tot = sum(int(rm[n].sum()) for n in names if n in rm)
        if tot == 0:
            return None
        return sum(int((rm[n] & nv.specular).sum()) for n in names if n in rm) / tot

    tz = share(T_ZONE)
    ch = share(CHEEKS)
    if tz is None:  # no face: shine over the whole skin
        tz = float((nv.specular & nv.skin).sum()) / max(1, int(nv.skin.sum()))
        ch = None
    sev = ramp(tz, [(0, 0), (0.01, 10), (0.05, 45), (0.15, 90), (0.25, 100)])
    locs = []
    for name in T_ZONE + CHEEKS:
        if name in rm:
            b = box_of(rm[name] & nv.specular)
            if b is not None and (rm[name] & nv.specular).sum() > 10:
                locs.append(ctx.to_orig_box(*b))
    expl = (
        "Little or no shine."
        if sev < 20
        else f"{tz * 100:.0f}% of the T-zone shows shine (bright highlights)"
        + (f", against {ch * 100:.0f}% of the cheeks." if ch is not None else ".")
    )
    return ConcernResult(
        name=Concern.SHINE,
        label=Concern.SHINE.label,
        severity=sev,
        confidence=round(0.6 * ctx.quality_score, 3),
        regions=[n for n in T_ZONE if n in rm] if sev >= 20 else [],
        locations=locs,
        explanation=expl,
        details={
            "t_zone_specular_share": round(tz, 4),
            "cheek_specular_share": None if ch is None else round(ch, 4),
        },
    )


def assess_texture(ctx: SkinContext) -> ConcernResult:
    """Fine-scale (0.3-1.5 mm) roughness of L*: pores and uneven surface, noise-corrected."""
    nv = ctx.norm
    skin = cv2.erode((nv.skin & ~nv.specular).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    mmpx = nv.mm_per_px
    L = np.ascontiguousarray(nv.log_l)  # pores and relief are ratios of reflectance
    fine = cv2.GaussianBlur(L, (0, 0), max(0.5, 0.3 / mmpx))
    coarse = cv2.GaussianBlur(L, (0, 0), max(1.5, 1.5 / mmpx))
    band = fine - coarse
    # Camera noise also lives at this scale: subtract the finest-scale residual as its estimate.
    finest = L - fine
    if not skin.any():
        rough = 0.0
        noise = 0.0
    else:
        rough = robust_sigma(band[skin])
        noise = robust_sigma(finest[skin])
    value = max(0.0, rough - 0.5 * noise)
    sev = ramp(value, [(0, 0), (0.6, 10), (1.5, 45), (3.0, 90), (4.0, 100)])
    expl = (
        "Your skin surface looks smooth."
        if sev < 20
        else "Visible pores or an uneven surface show as fine light-dark variation."
    )
    return ConcernResult(
        name=Concern.TEXTURE,
        label=Concern.TEXTURE.label,
        severity=sev,
        confidence=round(0.45 * ctx.quality_score, 3),
        regions=[n for n in ("nose", "left_cheek", "right_cheek") if n in nv.region_masks]
        if sev >= 20
        else [],
        locations=[],
        explanation=expl,
        details={"roughness_l": round(rough, 3), "noise_l": round(noise, 3)},
    )
