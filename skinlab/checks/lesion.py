"""Pigmented or coloured spots worth a dermatologist's look: an ABCD-style screen.

For each spot that stands out from the person's own skin (ΔE76 against the local skin) and
is at least 2 mm across, four signs dermatologists use are scored (Nachbar et al. 1994, the
"ABCD rule", adapted to a phone photo), on the spot's own outline (Otsu's split of the colour
difference around it, so a dark mole is judged without its pale halo):

* A — asymmetry: the spot folded about its two principal axes; the share that does not
  overlap (0 symmetric … 1).
* B — border: how far the outline departs from its fitted ellipse, octant by octant; the
  number of irregular octants (0-8).
* C — colour: which of six colour classes (light brown, dark brown, black, red, blue-grey,
  white; the colours of the dermoscopic ABCD rule) cover ≥ 5 % of the spot, judged relative
  to the person's skin. The sign is "a mix of two or more colours" (the NHS's wording of C),
  with light and dark brown counted as one colour (two shades of brown are one colour to a
  lay reader, and are the normal look of a common mole). Red with white (scale, a pearly
  look) or red with dark brown/black (crust, dried blood) — the look of the non-pigmented
  skin cancers — are two colours too.
* D — size: the longest diameter in millimetres (from the inter-pupil distance). In a close-up
  without a face there is no scale: the diameter is reported from an assumed field of view
  (``size_scale: assumed``) but does not count as a sign.

A sign counts as present at the textbook cut-offs (A ≥ 0.25 on either axis, B ≥ 4 octants,
two colours, D > 6 mm). ``worth_a_look``:

* for the spot a close-up is taken of (no face, the spot near the centre of the frame): any
  one sign — the public advice (American Academy of Dermatology: see a dermatologist about a
  spot with any of the ABCDE warning signs). The person singled this spot out; for a consumer
  screen, missing a cancer costs more than an unnecessary visit;
* for any other spot (the incidental spots of a face photo, seen at lower detail): two or
  more signs.

These cut-offs come from the literature, not from the benchmark photos. It is a prompt to see
a dermatologist, never a diagnosis; the benchmark reports how many benign spots it flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from skimage.filters import threshold_otsu

from skinlab._types import BoolArray, FloatArray, as_u8
from skinlab.checks.context import SkinContext, masked_blur, ramp, robust_sigma
from skinlab.concerns import Concern
from skinlab.regions import fill_holes
from skinlab.result import ConcernResult

MIN_DIAMETER_MM = 2.0
MIN_DELTA_E = 8.0
MAX_FACE_LESION_MM = 25.0
MIN_SHAPE_PX = 12
ASYM_CUT = 0.25
BORDER_CUT = 4
#: Colours (light and dark brown counted as one) for the C sign: "a mix of two or more".
COLOURS_CUT = 2
DIAMETER_CUT_MM = 6.0
#: Signs needed on a spot a close-up was taken of, and on any other spot.
SIGNS_FOR_LOOK_SUBJECT = 1
SIGNS_FOR_LOOK = 2
#: A close-up's subject: the spot's centre lies in the middle of the frame (this share of
#: its width and height, centred).
SUBJECT_CENTRE_SHARE = 0.5


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
    #: True for the spot a close-up is taken of (no face; near the centre of the frame)
    subject: bool = False
    #: The spot's colour against the skin around it (:func:`colour_contrast`), or None
    contrast: dict[str, float] | None = None

    @property
    def colour_families(self) -> list[str]:
        """The colours present, with light and dark brown counted as one ("brown")."""
        fams = ["brown" if c in ("light_brown", "dark_brown") else c for c in self.colours]
        return list(dict.fromkeys(fams))

    @property
    def signs(self) -> list[str]:
        """The ABCD signs present at the textbook cut-offs."""
        out = []
        if self.asymmetry >= ASYM_CUT:
            out.append("asymmetry")
        if self.border >= BORDER_CUT:
            out.append("border")
        if len(self.colour_families) >= COLOURS_CUT:
            out.append("colour")
        if self.size_known and self.diameter_mm > DIAMETER_CUT_MM:
            out.append("diameter")
        return out

    @property
    def worth_a_look(self) -> bool:
        """Any sign on the subject of a close-up; two or more on any other spot."""
        return len(self.signs) >= (SIGNS_FOR_LOOK_SUBJECT if self.subject else SIGNS_FOR_LOOK)

    @property
    def score(self) -> float:
        """0-1 suspicion score: the signs present plus how far each is past its cut-off."""
        parts = [
            min(1.0, self.asymmetry / (2 * ASYM_CUT)),
            min(1.0, self.border / (2 * BORDER_CUT)),
            min(1.0, (len(self.colour_families) - 1) / (2 * (COLOURS_CUT - 1))),
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
    masks = _class_masks(pixels, base)
    n = max(1, len(pixels))
    return [name for name in COLOUR_CLASSES if float(masks[name].sum()) / n >= 0.05]


def _class_masks(pixels: FloatArray, base: tuple[float, float, float]) -> dict[str, BoolArray]:
    """Each pixel's colour class (``COLOUR_CLASSES``), relative to the skin ``base``."""
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
    return {
        "light_brown": light_brown,
        "dark_brown": dark_brown,
        "black": black,
        "red": red,
        "blue_grey": blue_grey,
        "white": white,
    }


#: The ring of skin a spot's colour is compared with: this many mm wide (at least 3 px),
#: starting this many mm outside the outline (the spot's blurred rim left out).
RING_MM = 1.5
RING_GAP_MM = 0.5
#: Scale of the surface texture compared inside and around a spot (the fine relief of a
#: warty or scaly surface; the band-pass of ``log_l`` below this many mm).
TEXTURE_MM = 0.6
#: A pixel of the spot counts as white (scale, crust, a pearly sheen) when it is this many
#: L* units lighter than the skin around it and less coloured than that skin.
WHITE_DL = 8.0


def colour_contrast(
    lab: FloatArray,
    log_l: FloatArray,
    log_red: FloatArray,
    skin: BoolArray,
    member: BoolArray,
    mm_per_px: float,
) -> dict[str, float] | None:
    """How the spot's colour differs from the skin right around it, and how mixed it is.

    ``member``: image-sized mask of the spot's outline; ``skin``: where skin lies. The
    measurements a dermatologist reads from the colour of a spot:

    * ``darkening``: how much darker the spot is than the skin around it (median ``log_l``,
      about L* units) — pigment (melanin) darkens, a pink or pearly spot barely does;
    * ``reddening``: how much redder (median ``log_red``, the erythema index: haemoglobin
      absorbs green) — the pink-red of a vascular, inflamed or non-pigmented growth;
    * ``variegation``: the spread of colour inside the spot, in CIELAB (a perceptual
      space): the 90th percentile of each pixel's ΔE76 from the spot's median colour;
    * ``white``: the share of the spot lighter than the skin and less coloured (scale,
      crust, a pearly or scar-like white);
    * ``dark_blue``: the share that is black or blue-grey (``colour_classes``' classes);
    * ``texture``: how much rougher the spot's surface is than the skin's, in ln units of
      the ratio of the two fine-scale (``TEXTURE_MM``) ``log_l`` spreads (robust SD): a
      warty, crusted or scaly surface above 0, a smooth one at or below.

    All are contrasts with the person's own skin in the same photo, so the camera's
    exposure and white balance largely cancel. None when the ring holds too little skin.
    """
    H, W = member.shape
    gap = max(1, round(RING_GAP_MM / mm_per_px))
    width = max(3, round(RING_MM / mm_per_px))
    ys, xs = np.nonzero(member)
    m = gap + width + 1
    y0, y1 = max(0, int(ys.min()) - m), min(H, int(ys.max()) + 1 + m)
    x0, x1 = max(0, int(xs.min()) - m), min(W, int(xs.max()) + 1 + m)
    sub = as_u8(member[y0:y1, x0:x1])

    def grow(r: int) -> BoolArray:
        k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
        return cv2.dilate(sub, k) > 0

    ring = grow(gap + width) & ~grow(gap) & skin[y0:y1, x0:x1]
    inside = sub > 0
    if int(ring.sum()) < 20 or int(inside.sum()) < 10:
        return None
    lab_s, ll, lr = lab[y0:y1, x0:x1], log_l[y0:y1, x0:x1], log_red[y0:y1, x0:x1]
    px = lab_s[inside]
    skin_lab = np.median(lab_s[ring], axis=0)
    med = np.median(px, axis=0)
    spread = np.sqrt(((px - med) ** 2).sum(axis=1))
    L0, a0, b0 = (float(v) for v in skin_lab)
    c0 = float(np.hypot(a0, b0))
    chroma = np.hypot(px[:, 1], px[:, 2])
    white = (px[:, 0] - L0 > WHITE_DL) & (chroma < c0)
    classes = _class_masks(px, (L0, a0, b0))
    fine = ll - cv2.GaussianBlur(ll, (0, 0), max(1.0, TEXTURE_MM / mm_per_px))
    rough_in = robust_sigma(fine[inside])
    rough_ring = robust_sigma(fine[ring])
    texture = float(np.log(max(rough_in, 1e-3) / max(rough_ring, 1e-3)))
    return {
        "darkening": round(float(np.median(ll[ring]) - np.median(ll[inside])), 2),
        "reddening": round(float(np.median(lr[inside]) - np.median(lr[ring])), 2),
        "variegation": round(float(np.percentile(spread, 90)), 2),
        "white": round(float(white.mean()), 3),
        "dark_blue": round(float((classes["black"] | classes["blue_grey"]).mean()), 3),
        "texture": round(texture, 3),
    }


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
    n, labels, stats, _ = cv2.connectedComponentsWithStats(as_u8(cand_u8), connectivity=8)
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
        x, y, w, h, _ = (int(v) for v in stats[i])
        x, y, w, h, comp = refine_outline(de, labels == i, (x, y, w, h), thr)
        area = int(comp.sum())
        cy, cx = (float(v.mean()) for v in np.nonzero(comp))
        px = lab[y : y + h, x : x + w][comp]
        if ctx.face is not None and _is_inflamed_spot(px, base, area * mmpx**2):
            continue  # a small red bump on a face is counted as acne, not as a lesion
        cnt_mask = comp.astype(np.uint8)
        cnts, _ = cv2.findContours(cnt_mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        (_, _), (rw, rh), _ = cv2.minAreaRect(max(cnts, key=cv2.contourArea))
        member = np.zeros((H, W), bool)
        member[y : y + h, x : x + w] = comp
        # the skin around it: not the low-bar detection's own pixels (a mole's pale halo)
        around_skin = (nv.skin | nv.tone) & (labels != i)
        contrast = colour_contrast(lab, nv.log_l, nv.log_red, around_skin, member, mmpx)
        out.append(
            LesionScore(
                x=x + cx,
                y=y + cy,
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
                contrast=contrast,
            )
        )
    if ctx.face is None:
        _mark_subject(ctx, out)
    return out


def _mark_subject(ctx: SkinContext, spots: list[LesionScore]) -> None:
    """In a close-up, the most prominent spot near the centre of the frame is its subject."""
    nv = ctx.norm
    H, W = ctx.lab.shape[:2]
    half = SUBJECT_CENTRE_SHARE / 2
    for s in spots:  # most prominent first (area x contrast)
        wx, wy = s.x / nv.k + nv.offset[0], s.y / nv.k + nv.offset[1]
        if abs(wx / W - 0.5) <= half and abs(wy / H - 0.5) <= half:
            s.subject = True
            return


def refine_outline(
    de: FloatArray, member: BoolArray, box: tuple[int, int, int, int], thr: float
) -> tuple[int, int, int, int, BoolArray]:
    """The spot's own outline: Otsu's threshold on the colour difference around it.

    Detection uses a low bar (a few ΔE above the person's variation) so that faint spots are
    found; at that bar a dark mole includes its pale halo and comes out round. The outline
    that shape and colour are judged on splits the spot from the skin around it by Otsu's
    method (the usual first step of lesion segmentation), in a window holding the spot and
    a margin of skin as wide as half its size. The outline stays inside the detected spot
    (``member``: the image-sized mask of its pixels). Returns (x, y, w, h, mask of the box).
    """
    H, W = de.shape
    x, y, w, h = box
    mx, my = max(4, w // 2), max(4, h // 2)
    x0, y0, x1, y1 = max(0, x - mx), max(0, y - my), min(W, x + w + mx), min(H, y + h + my)
    otsu = float(threshold_otsu(de[y0:y1, x0:x1]))  # type: ignore[no-untyped-call]
    comp = member[y : y + h, x : x + w]
    if otsu <= thr:
        return x, y, w, h, comp
    core = as_u8((de[y : y + h, x : x + w] > otsu) & comp)
    n, lab_, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
    if n <= 1:
        return x, y, w, h, comp
    best = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    if stats[best, cv2.CC_STAT_AREA] < 10:  # nothing of substance above the bar
        return x, y, w, h, comp
    bx, by, bw, bh, _ = (int(v) for v in stats[best])
    mask = fill_holes(lab_[by : by + bh, bx : bx + bw] == best)
    return x + bx, y + by, bw, bh, mask


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
        "colour_families": s.colour_families,
        "diameter_mm": s.diameter_mm,
        "delta_e": s.delta_e,
        "signs": s.signs,
        "worth_a_look": s.worth_a_look,
        "subject_of_close_up": s.subject,
        "contrast": s.contrast,
    }


def assess_lesions(ctx: SkinContext) -> ConcernResult:
    """The lesion concern: the most suspicious spot's ABCD scores and ``worth_a_look``."""
    cands = find_lesions(ctx)
    cands.sort(key=lambda s: (s.worth_a_look, len(s.signs), s.score), reverse=True)
    scale = "ipd" if ctx.face is not None else "assumed"
    if not cands:
        return ConcernResult(
            name=Concern.LESION,
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
                "colour_families": [],
                "diameter_mm": 0.0,
                "signs": [],
                "worth_a_look": False,
                "subject_of_close_up": False,
                "size_scale": scale,
                "candidates": [],
            },
        )
    top = cands[0]
    sev = ramp(len(top.signs) + top.score, [(0, 0), (1, 20), (2, 55), (3, 80), (5, 100)])
    if top.worth_a_look and len(top.signs) == 1:
        expl = (
            f"The spot in this close-up shows 1 of the 4 signs dermatologists check "
            f"({top.signs[0]}). Any one of these signs on a spot you are watching is reason "
            "enough to show it to a dermatologist; this is not a diagnosis."
        )
    elif top.worth_a_look:
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
        name=Concern.LESION,
        label=Concern.LESION.label,
        severity=sev,
        confidence=round((0.6 if ctx.face is not None else 0.5) * ctx.quality_score, 3),
        regions=[],
        locations=[ctx.to_orig_box(s.x - s.w / 2, s.y - s.h / 2, s.w, s.h) for s in cands],
        explanation=expl,
        details=d,
    )
