"""Small spots: inflamed spots (acne) and dark spots, each against the skin around it.

Inflamed spots are small raised red blobs: a* (red-green) above the local skin by a margin
that scales with the image's own a* noise. Dark spots are small blobs whose L* is below the
local skin without being red. Sizes are in millimetres (from the inter-pupil distance, or the
assumed close-up field), so the same spot is found at any camera resolution.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from skinlab._types import BoolArray, FloatArray, as_u8
from skinlab.checks.context import (
    SkinContext,
    masked_blur,
    ramp,
    robust_sigma,
)
from skinlab.concerns import Concern
from skinlab.result import ConcernResult, PixelBox

#: Minimum a* rise of an inflamed spot over the skin around it (CIELAB units).
ACNE_MIN_DELTA_A = 6.0
#: Minimum L* drop of a dark spot below the skin around it.
DARK_MIN_DELTA_L = 5.0
# Spot diameters considered (mm): papules/pustules and lentigines are mostly 1-7 mm.
SPOT_MIN_MM = 1.0
SPOT_MAX_MM = 7.0
#: Light smoothing before thresholding (mm): averages out pixel noise inside a spot.
SMOOTH_MM = 0.3

HAYASHI_GRADES = ((5, "mild"), (20, "moderate"), (50, "severe"))


def hayashi_grade(half_face_count: int) -> str:
    """Hayashi et al. 2008 acne grade from inflamed eruptions on half the face."""
    for upper, name in HAYASHI_GRADES:
        if half_face_count <= upper:
            return name
    return "very_severe"


@dataclass
class Spot:
    """A detected spot in normalised-view pixels."""

    x: float
    y: float
    w: int
    h: int
    area: int
    contrast: float


def _components(
    cand: BoolArray, min_area: float, max_area: float, contrast: FloatArray
) -> list[Spot]:
    n, labels, stats, cents = cv2.connectedComponentsWithStats(as_u8(cand), connectivity=8)
    spots: list[Spot] = []
    for i in range(1, n):
        _x, _y, w, h, area = (int(v) for v in stats[i])
        if not (min_area <= area <= max_area):
            continue
        if max(w, h) > 3 * min(w, h) or area < 0.3 * w * h:
            continue  # elongated or ragged: a line or an edge, not a round spot
        c = float(np.abs(contrast[labels == i]).max())
        spots.append(Spot(float(cents[i][0]), float(cents[i][1]), w, h, area, c))
    return spots


def find_spots(ctx: SkinContext) -> tuple[list[Spot], list[Spot], dict[str, float]]:
    """Return (inflamed spots, dark spots, noise stats) in the normalised view."""
    nv = ctx.norm
    skin = nv.skin
    mmpx = nv.mm_per_px
    L = np.ascontiguousarray(nv.lab[..., 0])
    a = np.ascontiguousarray(nv.lab[..., 1])
    # The local skin: a wide masked average, 4 mm — wider than any spot we count.
    sigma_bg = max(2.0, 4.0 / mmpx)
    smooth = max(0.5, SMOOTH_MM / mmpx)
    res_a = cv2.GaussianBlur(a, (0, 0), smooth) - masked_blur(a, skin, sigma_bg)
    res_L = cv2.GaussianBlur(L, (0, 0), smooth) - masked_blur(L, skin, sigma_bg)
    # Stay 1.5 mm inside the skin's edge: the face outline, hairline and jaw shadow are
    # contrasts of the face's shape, not spots.
    er = max(2, round(1.5 / mmpx))
    inner = (
        cv2.erode(
            skin.astype(np.uint8),
            cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * er + 1, 2 * er + 1)),
        )
        > 0
    )
    sa = robust_sigma(res_a[inner]) if inner.any() else 0.0
    sl = robust_sigma(res_L[inner]) if inner.any() else 0.0
    thr_a = max(ACNE_MIN_DELTA_A, 3.5 * sa)
    thr_L = max(DARK_MIN_DELTA_L, 3.5 * sl)
    min_area = np.pi * (SPOT_MIN_MM / 2 / mmpx) ** 2 * 0.6
    max_area = np.pi * (SPOT_MAX_MM / 2 / mmpx) ** 2
    red = inner & (res_a > thr_a)
    dark = inner & (res_L < -thr_L) & (res_a < 0.5 * thr_a)
    red_spots = _components(red, max(2.0, min_area), max_area, res_a)
    dark_spots = [
        d
        for d in _components(dark, max(2.0, min_area), max_area, res_L)
        # the darker rim of an inflamed spot is part of that spot, not a dark spot
        if all(
            np.hypot(d.x - r.x, d.y - r.y) > 0.5 * (max(d.w, d.h) + max(r.w, r.h))
            for r in red_spots
        )
    ]
    stats = {"a_noise": sa, "l_noise": sl, "a_threshold": thr_a, "l_threshold": thr_L}
    return red_spots, dark_spots, stats


def _regions_of(ctx: SkinContext, spots: list[Spot]) -> list[str]:
    names: dict[str, int] = {}
    for s in spots:
        for name, m in ctx.norm.region_masks.items():
            yi, xi = round(s.y), round(s.x)
            if 0 <= yi < m.shape[0] and 0 <= xi < m.shape[1] and m[yi, xi]:
                names[name] = names.get(name, 0) + 1
    return sorted(names, key=lambda n: -names[n])


def _loc(ctx: SkinContext, s: Spot) -> PixelBox:
    return ctx.to_orig_box(s.x - s.w / 2, s.y - s.h / 2, s.w, s.h)


def assess_spots(ctx: SkinContext) -> list[ConcernResult]:
    """Acne (count, Hayashi grade) and dark spots, each relative to the person's own skin."""
    red, dark, stats = find_spots(ctx)
    red.sort(key=lambda s: -s.contrast)
    dark.sort(key=lambda s: -s.contrast)
    count = len(red)
    if ctx.norm.mid_x is not None:
        mid = ctx.norm.mid_x
        left = sum(1 for s in red if s.x >= mid)  # person's left = image right
        right = count - left
        half = max(left, right)
        scope = "half_face"
    else:
        left = right = 0
        half = count
        scope = "visible_skin"
    grade = hayashi_grade(half)
    # Severity follows the Hayashi grade boundaries: 5 → 25, 20 → 50, 50 → 80, 80+ → 100.
    acne_sev = ramp(float(half), [(0, 0), (5, 25), (20, 50), (50, 80), (80, 100)])
    conf = 0.75 * ctx.quality_score if ctx.face is not None else 0.5 * ctx.quality_score
    if count:
        expl = (
            f"{count} small red raised spot{'s' if count != 1 else ''} found"
            + (f" ({half} on the more affected side of the face)" if scope == "half_face" else "")
            + f": that counts as {grade.replace('_', ' ')} on the Hayashi acne scale."
        )
    else:
        expl = "No inflamed spots were found."
    acne = ConcernResult(
        name=Concern.ACNE,
        label=Concern.ACNE.label,
        severity=acne_sev,
        confidence=round(conf, 3),
        regions=_regions_of(ctx, red),
        locations=[_loc(ctx, s) for s in red[:100]],
        explanation=expl,
        details={
            "count": count,
            "half_face_count": half,
            "left_count": left,
            "right_count": right,
            "hayashi_grade": grade,
            "scope": scope,
            "a_threshold": round(stats["a_threshold"], 2),
        },
    )
    skin_px = max(1, int(ctx.norm.skin.sum()))
    dark_area = sum(s.area for s in dark) / skin_px
    mean_contrast = float(np.mean([s.contrast for s in dark])) if dark else 0.0
    n_dark = len(dark)
    dark_sev = max(
        ramp(float(n_dark), [(0, 0), (3, 20), (10, 50), (30, 90)]),
        ramp(dark_area, [(0, 0), (0.005, 20), (0.03, 60), (0.08, 100)]),
    )
    if n_dark:
        dexpl = (
            f"{n_dark} dark spot{'s' if n_dark != 1 else ''} found, on average "
            f"{mean_contrast:.0f} L* units darker than the skin around them."
        )
    else:
        dexpl = "No dark spots stand out from the skin around them."
    dark_res = ConcernResult(
        name=Concern.DARK_SPOTS,
        label=Concern.DARK_SPOTS.label,
        severity=dark_sev,
        confidence=round(0.7 * ctx.quality_score, 3),
        regions=_regions_of(ctx, dark),
        locations=[_loc(ctx, s) for s in dark[:100]],
        explanation=dexpl,
        details={
            "count": n_dark,
            "area_share": round(dark_area, 4),
            "mean_delta_l": round(mean_contrast, 2),
            "l_threshold": round(stats["l_threshold"], 2),
        },
    )
    return [acne, dark_res]
