"""Concerns that need a face: fine lines (ridge filter) and dark circles (under-eye L*)."""

from __future__ import annotations

import numpy as np

from skinlab.checks.context import SkinContext, box_of, ramp
from skinlab.concerns import Concern
from skinlab.result import ConcernResult

LINE_REGIONS = ("forehead", "left_eye_corner", "right_eye_corner")
#: Ridge strength (in L* units of the sato response) above which a pixel is part of a line.
RIDGE_THRESHOLD = 1.2


def assess_fine_lines(ctx: SkinContext) -> ConcernResult:
    """Dark ridges (skimage ``sato``, black ridges, 0.5-1 mm scale) on forehead and eye corners."""
    # imported on first use: skimage.filters pulls in SciPy's statistics (seconds to import)
    from skimage.filters import sato

    nv = ctx.norm
    mmpx = nv.mm_per_px
    sig = [max(1.0, 0.5 / mmpx), max(1.5, 1.0 / mmpx)]
    L = nv.log_l  # a fold darkens skin by a ratio: the same line, the same contrast on every tone
    densities: dict[str, float] = {}
    locs = []
    for name in LINE_REGIONS:
        m = nv.region_masks.get(name)
        if m is None:
            continue
        b = box_of(m)
        if b is None or m.sum() < 50:
            continue
        x, y, w, h = b
        crop = L[y : y + h, x : x + w].astype(np.float64)
        ridges = sato(crop, sigmas=sig, black_ridges=True, mode="reflect")  # type: ignore[no-untyped-call]
        # clear skin only (with a 1 mm margin so the darker line pixels themselves count):
        # hair over the forehead is full of "lines". Clear skin of the whole face, not the
        # tone mask: that one only covers forehead, cheeks and chin, never the eye corners.
        mm = (m & nv.clear_near)[y : y + h, x : x + w] & ~nv.specular[y : y + h, x : x + w]
        if mm.sum() < 30:
            continue
        line = (ridges > RIDGE_THRESHOLD) & mm
        densities[name] = float(line.sum()) / float(mm.sum())
        if densities[name] > 0.02:
            locs.append(ctx.to_orig_box(x, y, w, h))
    density = 0.0 if not densities else float(np.mean(list(densities.values())))
    sev = ramp(density, [(0, 0), (0.02, 10), (0.06, 40), (0.15, 85), (0.25, 100)])
    expl = (
        "No noticeable fine lines on the forehead or around the eyes."
        if sev < 20
        else f"Fine lines cover about {density * 100:.0f}% of the forehead and eye-corner skin."
    )
    return ConcernResult(
        name=Concern.FINE_LINES,
        label=Concern.FINE_LINES.label,
        severity=sev,
        confidence=round(0.45 * ctx.quality_score, 3),
        regions=[n for n, d in densities.items() if d > 0.02],
        locations=locs,
        explanation=expl,
        details={
            "line_density": round(density, 4),
            "per_region": {k: round(v, 4) for k, v in densities.items()},
        },
    )


def assess_dark_circles(ctx: SkinContext) -> ConcernResult:
    """How much darker (L*) the under-eye skin is than the person's own cheeks."""
    nv = ctx.norm
    rm = nv.region_masks
    L = nv.log_l  # a shadow is a ratio: measured so, Monk 10 is not scored lower than Monk 1

    def med(names: tuple[str, ...]) -> float | None:
        vals = [L[rm[n] & ~nv.specular] for n in names if n in rm]
        allv = np.concatenate(vals) if vals else np.array([])
        return float(np.median(allv)) if allv.size >= 30 else None

    under = med(("left_under_eye", "right_under_eye"))
    cheek = med(("left_cheek", "right_cheek"))
    if under is None or cheek is None:
        delta = 0.0
        conf = 0.1
    else:
        delta = cheek - under
        conf = 0.6 * ctx.quality_score
    sev = ramp(delta, [(0, 0), (3, 10), (6, 35), (10, 70), (15, 100)])
    locs = []
    for n in ("right_under_eye", "left_under_eye"):
        if n in rm:
            b = box_of(rm[n])
            if b is not None:
                locs.append(ctx.to_orig_box(*b))
    expl = (
        "The skin under your eyes is about as light as your cheeks."
        if sev < 20
        else f"The skin under your eyes is {delta:.0f} L* units darker than your cheeks."
    )
    return ConcernResult(
        name=Concern.DARK_CIRCLES,
        label=Concern.DARK_CIRCLES.label,
        severity=sev,
        confidence=round(conf, 3),
        regions=["left_under_eye", "right_under_eye"] if sev >= 20 else [],
        locations=locs if sev >= 20 else [],
        explanation=expl,
        details={"under_eye_l": under, "cheek_l": cheek, "delta_l": round(delta, 2)},
    )
