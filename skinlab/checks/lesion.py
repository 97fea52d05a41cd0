"""Pigmented or coloured spots worth a dermatologist's look: an ABCD-style screen.

For each spot that stands out from the person's own skin (ΔE76 against the local skin) and
is at least 2 mm across, four signs dermatologists use are scored (Nachbar et al. 1994, the
"ABCD rule", adapted to a phone photo):

* A — asymmetry: the spot folded about its two principal axes; the share that does not
  overlap (0 symmetric … 1).
* B — border: how far the outline departs from its fitted ellipse, octant by octant; the
  number of irregular octants (0-8).
* C — colour variety: how many of six colour classes (light brown, dark brown, black, red,
  blue-grey, white) cover ≥ 5 % of the spot, judged relative to the person's skin.
* D — size: the longest diameter in millimetres (from the inter-pupil distance). In a close-up
  without a face there is no scale: the diameter is reported from an assumed field of view
  (``size_scale: assumed``) but does not count as a sign.

A sign counts as present at the textbook cut-offs (A ≥ 0.25 on either axis, B ≥ 4 octants,
C ≥ 3 colours, D > 6 mm); ``worth_a_look`` is true when two or more are present — the common
"two or more ABCD signs" rule of public skin-check advice. These cut-offs were set from the
literature, not fitted to the benchmark photos. It is a prompt to see a dermatologist, never a
diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from skinlab._types import BoolArray, FloatArray, as_u8
from skinlab.checks.context import SkinContext, masked_blur, ramp
from skinlab.concerns import Concern
from skinlab.result import ConcernResult

MIN_DIAMETER_MM = 2.0
MIN_DELTA_E = 8.0
MAX_FACE_LESION_MM = 25.0
MIN_SHAPE_PX = 12
ASYM_CUT = 0.25
BORDER_CUT = 4
COLOURS_CUT = 3
DIAMETER_CUT_MM = 6.0
SIGNS_FOR_LOOK = 2


@dataclass
class LesionScore:
    """ABCD sub-scores of one spot (normalised-view pixels for geometry)."""

    x: float
    y: float
    w: int
    h: int
    area: int
    asymmetry: float
    border: int
    colours: list[str]
    diameter_mm: float
    delta_e: float
    #: False in a close-up without a face: there is no scale, so size is not a sign
    size_known: bool = True

    @property
    def signs(self) -> list[str]:
        """The ABCD signs present at the textbook cut-offs."""
        out = []
        if self.asymmetry >= ASYM_CUT:
            out.append("asymmetry")
        if self.border >= BORDER_CUT:
            out.append("border")
        if len(self.colours) >= COLOURS_CUT:
            out.append("colour")
        if self.size_known and self.diameter_mm > DIAMETER_CUT_MM:
            out.append("diameter")
        return out

    @property
    def worth_a_look(self) -> bool:
        """True when at least two ABCD signs are present."""
        return len(self.signs) >= SIGNS_FOR_LOOK

    @property
    def score(self) -> float:
        """0-1 suspicion score: the signs present plus how far each is past its cut-off."""
        parts = [
            min(1.0, self.asymmetry / (2 * ASYM_CUT)),
            min(1.0, self.border / (2 * BORDER_CUT)),
            min(1.0, (len(self.colours) - 1) / (2 * (COLOURS_CUT - 1))),
            min(1.0, self.diameter_mm / (2 * DIAMETER_CUT_MM)),
        ]
        return float(np.mean(parts))


def asymmetry(mask: BoolArray) -> float:
    """Largest non-overlapping share when the shape is folded about its principal axes."""
    ys, xs = np.nonzero(mask)
    if xs.size < 10:
        return 0.0
    pts = np.stack([xs, ys], axis=1).astype(np.float64)
    c = pts.mean(axis=0)
    cov = np.cov((pts - c).T)
    _, vecs = np.linalg.eigh(cov)
    rot = (pts - c) @ vecs  # coordinates along the principal axes
    # Rasterise in the rotated frame and fold about each axis.
    r = rot.round().astype(int)
    r -= r.min(axis=0)
    r += 1
    grid = np.zeros((int(r[:, 1].max()) + 3, int(r[:, 0].max()) + 3), bool)
    grid[r[:, 1], r[:, 0]] = True
    grid = cv2.morphologyEx(grid.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8)) > 0
    cy = float((rot[:, 1] - rot[:, 1].min() + 1).mean())
    cx = float((rot[:, 0] - rot[:, 0].min() + 1).mean())
    area = float(grid.sum())
    out = 0.0
    for axis, centre in ((0, cy), (1, cx)):
        flipped = np.flip(grid, axis=axis)
        # shift so that the centroid maps onto itself
        size = grid.shape[axis]
        shift = round(2 * centre - (size - 1))
        flipped = np.roll(flipped, shift, axis=axis)
        out = max(out, float((grid ^ flipped).sum()) / (2 * area))
    return round(out, 3)


def border_irregularity(mask: BoolArray) -> int:
    """Octants (0-8) whose outline strays > 10 % from the fitted ellipse on average."""
    cnts, _ = cv2.findContours(mask.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not cnts:
        return 0
    cnt = max(cnts, key=cv2.contourArea)
    if len(cnt) < 12:
        return 0
    (ex, ey), (ma, mb), ang = cv2.fitEllipse(cnt)
    pts = cnt[:, 0, :].astype(np.float64) - (ex, ey)
    t = np.radians(ang)
    # coordinates in the ellipse frame
    u = pts[:, 0] * np.cos(t) + pts[:, 1] * np.sin(t)
    v = -pts[:, 0] * np.sin(t) + pts[:, 1] * np.cos(t)
    a, b = max(ma / 2, 1e-3), max(mb / 2, 1e-3)
    theta = np.arctan2(v, u)
    r = np.hypot(u, v)
    r_ell = (a * b) / np.sqrt((b * np.cos(theta)) ** 2 + (a * np.sin(theta)) ** 2)
    dev = np.abs(r - r_ell) / r_ell
    octant = ((theta + np.pi) / (2 * np.pi) * 8).astype(int) % 8
    count = 0
    for o in range(8):
        sel = octant == o
        if sel.any() and float(dev[sel].mean()) > 0.10:
            count += 1
    return count


COLOUR_CLASSES = ("light_brown", "dark_brown", "black", "red", "blue_grey", "white")


def colour_classes(pixels: FloatArray, base: tuple[float, float, float]) -> list[str]:
    """Colour classes covering ≥ 5 % of the spot, each defined relative to the skin ``base``."""
    L0, a0, b0 = base
    L, a, b = pixels[:, 0], pixels[:, 1], pixels[:, 2]
    hue = np.degrees(np.arctan2(b, a))
    chroma = np.hypot(a, b)
    c0 = float(np.hypot(a0, b0))
    dL = L - L0
    black = dL < -min(40.0, 0.6 * L0)
    blue_grey = ~black & ((hue > 100) | (hue < -30) | ((chroma < 0.5 * c0) & (dL < -10)))
    white = (dL > 8) & (chroma < 0.7 * c0)
    red = ~black & ~white & (a - a0 > 8) & (hue < 45) & (dL > -20)
    dark_brown = ~black & ~blue_grey & ~red & (dL <= -20)
    light_brown = ~black & ~blue_grey & ~red & ~white & (dL > -20) & (dL <= -5)
    masks = {
        "light_brown": light_brown,
        "dark_brown": dark_brown,
        "black": black,
        "red": red,
        "blue_grey": blue_grey,
        "white": white,
    }
    n = max(1, len(pixels))
    return [name for name in COLOUR_CLASSES if float(masks[name].sum()) / n >= 0.05]


def find_lesions(ctx: SkinContext, max_candidates: int = 3) -> list[LesionScore]:
    """Find the spots that stand out most from the person's skin and score them."""
    nv = ctx.norm
    lab = nv.lab
    mmpx = nv.mm_per_px
    H, W = nv.skin.shape
    # Local skin colour at a large scale: lesions are compared with the skin around them,
    # which also absorbs gentle lighting gradients across a close-up.
    sigma_bg = max(4.0, 0.12 * max(H, W))
    ref = nv.tone if nv.tone.sum() > 50 else nv.skin
    bg = np.dstack(
        [masked_blur(np.ascontiguousarray(lab[..., c]), ref, sigma_bg) for c in range(3)]
    )
    de = np.sqrt(((lab - bg) ** 2).sum(axis=2)).astype(np.float32)
    de = cv2.GaussianBlur(de, (0, 0), max(0.7, 0.4 / mmpx))
    # The person's own variation sets the bar: spots must stand out well beyond it.
    ref_de = de[ref]
    noise = float(np.percentile(ref_de, 90)) if ref_de.size else 0.0
    thr = max(MIN_DELTA_E, 1.5 * noise)
    cand = (de > thr) & ~nv.features & ~nv.smile
    cand_u8 = cv2.morphologyEx(cand.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    n, labels, stats, cents = cv2.connectedComponentsWithStats(as_u8(cand_u8), connectivity=8)
    min_area = np.pi * (MIN_DIAMETER_MM / 2 / mmpx) ** 2
    ring_k = np.ones((7, 7), np.uint8)
    scored: list[tuple[float, int]] = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if area < min_area or area > 0.6 * H * W:
            continue
        if ctx.face is not None and max(w, h) * mmpx > MAX_FACE_LESION_MM:
            continue  # on a face, anything this large is a shadow or a feature, not a spot
        if x == 0 or y == 0 or x + w >= W or y + h >= H:
            continue  # cut by the frame: cannot be assessed (and is usually background)
        comp = labels[y : y + h, x : x + w] == i
        # A spot lies *on* skin: most of a ring around it must be skin.
        y0, y1 = max(0, y - 4), min(H, y + h + 4)
        x0, x1 = max(0, x - 4), min(W, x + w + 4)
        sub = (labels[y0:y1, x0:x1] == i).astype(np.uint8)
        ring = (cv2.dilate(sub, ring_k) > 0) & (sub == 0)
        # On a face the ring must be *clear* skin (not lips, brows, hair or teeth).
        around = nv.tone_near if ctx.face is not None else (nv.skin | nv.tone)
        skin_ring = float(around[y0:y1, x0:x1][ring].mean()) if ring.any() else 0.0
        if skin_ring < 0.5:
            continue
        if ctx.face is not None and _solidity(comp) < 0.7:
            continue  # on a face, crescent or line shapes are folds and smile shadows
        mean_de = float(de[y : y + h, x : x + w][comp].mean())
        scored.append((area * mean_de, i))
    scored.sort(reverse=True)
    out: list[LesionScore] = []
    base = ctx.regions.baseline_lab
    for _, i in scored[:max_candidates]:
        x, y, w, h, area = (int(v) for v in stats[i])
        comp = labels[y : y + h, x : x + w] == i
        px = lab[y : y + h, x : x + w][comp]
        if ctx.face is not None and _is_inflamed_spot(px, base, area * mmpx**2):
            continue  # a small red bump on a face is counted as acne, not as a lesion
        cnt_mask = comp.astype(np.uint8)
        cnts, _ = cv2.findContours(cnt_mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        (_, _), (rw, rh), _ = cv2.minAreaRect(max(cnts, key=cv2.contourArea))
        out.append(
            LesionScore(
                x=float(cents[i][0]),
                y=float(cents[i][1]),
                w=w,
                h=h,
                area=area,
                # below ~12 px across, outline shape is pixel noise: not judged
                asymmetry=asymmetry(comp) if min(w, h) >= MIN_SHAPE_PX else 0.0,
                border=border_irregularity(comp) if min(w, h) >= MIN_SHAPE_PX else 0,
                colours=colour_classes(px, base),
                diameter_mm=round(max(rw, rh) * mmpx, 1),
                delta_e=round(float(de[y : y + h, x : x + w][comp].mean()), 1),
                size_known=ctx.face is not None,
            )
        )
    return out


def _solidity(comp: BoolArray) -> float:
    """Area over convex-hull area: 1 for a disc, low for crescents and lines."""
    cnts, _ = cv2.findContours(as_u8(comp), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not cnts:
        return 0.0
    hull = cv2.convexHull(np.concatenate(cnts))
    hull_area = float(cv2.contourArea(hull))
    return float(comp.sum()) / hull_area if hull_area > 0 else 1.0


def _is_inflamed_spot(px: FloatArray, base: tuple[float, float, float], area_mm2: float) -> bool:
    d_a = float(np.median(px[:, 1])) - base[1]
    d_l = float(np.median(px[:, 0])) - base[0]
    return area_mm2 < np.pi * 2.5**2 and d_a > 5 and d_l > -8


def _details(s: LesionScore) -> dict[str, Any]:
    return {
        "asymmetry": s.asymmetry,
        "border_irregular_octants": s.border,
        "colours": s.colours,
        "colour_count": len(s.colours),
        "diameter_mm": s.diameter_mm,
        "delta_e": s.delta_e,
        "signs": s.signs,
        "worth_a_look": s.worth_a_look,
    }


def assess_lesions(ctx: SkinContext) -> ConcernResult:
    """The lesion concern: the most suspicious spot's ABCD scores and ``worth_a_look``."""
    cands = find_lesions(ctx)
    cands.sort(key=lambda s: (s.worth_a_look, len(s.signs), s.score), reverse=True)
    scale = "ipd" if ctx.face is not None else "assumed"
    if not cands:
        return ConcernResult(
            name=Concern.LESION.value,
            label=Concern.LESION.label,
            severity=0,
            confidence=round(0.5 * ctx.quality_score, 3),
            regions=[],
            locations=[],
            explanation="No spot stands out enough from the skin around it to check further.",
            details={
                "asymmetry": 0.0,
                "border_irregular_octants": 0,
                "colours": [],
                "colour_count": 0,
                "diameter_mm": 0.0,
                "signs": [],
                "worth_a_look": False,
                "size_scale": scale,
                "candidates": [],
            },
        )
    top = cands[0]
    sev = ramp(len(top.signs) + top.score, [(0, 0), (1, 20), (2, 55), (3, 80), (5, 100)])
    if top.worth_a_look:
        signs = ", ".join(top.signs)
        expl = (
            f"One spot shows {len(top.signs)} of the 4 signs dermatologists check ({signs}). "
            "It is worth showing it to a dermatologist; this is not a diagnosis."
        )
    elif top.signs:
        expl = (
            f"The most noticeable spot shows 1 of the 4 signs dermatologists check "
            f"({top.signs[0]}). Keep an eye on it and see a dermatologist if it changes."
        )
    else:
        expl = "The spots found look even in shape and colour. See a dermatologist if one changes."
    d = _details(top)
    d["size_scale"] = scale
    d["candidates"] = [_details(s) for s in cands]
    return ConcernResult(
        name=Concern.LESION.value,
        label=Concern.LESION.label,
        severity=sev,
        confidence=round((0.6 if ctx.face is not None else 0.5) * ctx.quality_score, 3),
        regions=[],
        locations=[ctx.to_orig_box(s.x - s.w / 2, s.y - s.h / 2, s.w, s.h) for s in cands],
        explanation=expl,
        details=d,
    )
