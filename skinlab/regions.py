"""Step 4 — where the skin is: face regions, or a colour-segmented skin mask.

With a face, the named regions (forehead, cheeks, nose, chin, under-eyes, eye corners) are
polygons through the face's own landmarks (MediaPipe's FaceMesh, :mod:`skinlab.landmarks`);
with a detector that gives no landmarks (Haar, YuNet) they are laid out from the eye positions
(or the face box when the eyes were not found), using average facial proportions in units of
the inter-pupil distance. ``left``/``right`` are the person's
own sides (the person's left cheek appears on the right of a non-mirrored photo).

Skin pixels are found relative to the person's own skin colour (a seed taken from the centre
of the face, or the dominant skin-like colour of a close-up), never with fixed thresholds
tuned to light skin. Two masks come out: ``skin_area`` (loose: everything that is skin,
including red or dark spots, used to look for concerns) and ``tone_mask`` (tight: clear skin
only — hair, eyes, lips, spots, specular highlights and deep shadow are left out — used to
measure colour).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from skinlab._types import BoolArray, FloatArray, U8Array, as_u8, pixels
from skinlab.detect import Box, Face
from skinlab.errors import NoSkinFound
from skinlab.landmarks import (
    FEATURE_POLYGONS,
    REGION_POLYGONS,
    face_mask,
    polygon_mask,
    region_masks,
    region_polygons,
)
from skinlab.landmarks import feature_mask as landmark_feature_mask

#: Eyes, brows, lips and nostrils are left out with this margin (mm): lashes, the tear-duct
#: corner of the eye, brow hairs and the lip line reach beyond the landmark outline.
FEATURE_MARGIN_MM = 2.5
#: Average adult inter-pupil distance, mm (the scale of every face).
_IPD_MM = 63.0

# Regions whose colour represents the person's skin tone (the nose is often shiny, the
# under-eyes are darker by nature, so they are measured but not used for tone).
TONE_REGIONS = ("forehead", "left_cheek", "right_cheek", "chin")


@dataclass
class RegionSet:
    """Masks and boxes of the measured skin, in working-image pixels."""

    #: Region name → mask (region geometry ∧ skin area).
    masks: dict[str, BoolArray]
    #: Region name → (x, y, w, h) box.
    boxes: dict[str, Box]
    skin_area: BoolArray
    tone_mask: BoolArray
    #: Clear skin anywhere on the face or close-up (``tone_mask`` before it is limited to the
    #: tone regions): no hair, eyes, lips, spots, highlights or deep shadow.
    clear: BoolArray
    specular: BoolArray
    shadow: BoolArray
    #: Facial features (eyes, brows, nostrils, mouth) left out of every concern measurement.
    features: BoolArray
    #: The wider smile area, left out of the lesion screen only.
    smile: BoolArray
    #: Median CIELAB of the clear skin: the person's own baseline.
    baseline_lab: tuple[float, float, float]
    #: Characteristic length in pixels (inter-pupil distance with a face, else image-based).
    unit_px: float
    has_face: bool
    #: True when colour gave no real evidence of skin: the skin was taken to be the nearly grey
    #: colour filling a close-up (the fallback of :func:`build_regions`), or the photo has no
    #: colour at all (greyscale). The tone measured on such skin may be a wall's.
    colour_uncertain: bool = False


def _clip_box(box: tuple[float, float, float, float], shape: tuple[int, ...]) -> Box:
    x, y, w, h = box
    H, W = shape[:2]
    x0, y0 = int(max(0, round(x))), int(max(0, round(y)))
    x1, y1 = int(min(W, round(x + w))), int(min(H, round(y + h)))
    return x0, y0, max(0, x1 - x0), max(0, y1 - y0)


def eye_geometry(face: Face) -> tuple[tuple[float, float], tuple[float, float], float]:
    """Eye centres (image-left first) and inter-pupil distance: the pupils found by the iris
    model, the landmarks' eye outlines, the eye boxes, or the face box, in that order."""
    x, y, w, h = face.box
    if face.landmarks is not None:
        if len(face.irises) == 2:
            ca, cb = (tuple(float(v) for v in e.iris[0, :2]) for e in face.irises)
        else:
            ca, cb = (
                tuple(float(v) for v in face.landmarks[list(FEATURE_POLYGONS[n]), :2].mean(0))
                for n in ("right_eye", "left_eye")
            )
        ea, eb = (ca[0], ca[1]), (cb[0], cb[1])
        return ea, eb, float(np.hypot(eb[0] - ea[0], eb[1] - ea[1]))
    if len(face.eyes) == 2:
        (ax, ay, aw, ah), (bx, by, bw, bh) = face.eyes
        ea = (ax + aw / 2, ay + ah / 2)
        eb = (bx + bw / 2, by + bh / 2)
        ipd = abs(eb[0] - ea[0])
        if 0.25 * w < ipd < 0.65 * w:
            return ea, eb, ipd
    # Average proportions of a Haar face box: eyes at 38 % height, 30 % / 70 % width.
    ey = y + 0.38 * h
    return (x + 0.3 * w, ey), (x + 0.7 * w, ey), 0.4 * w


def face_region_boxes(face: Face, shape: tuple[int, ...]) -> dict[str, Box]:
    """Named region boxes from eye centres and inter-pupil distance ``d``."""
    (lx, ly), (rx, ry), d = eye_geometry(face)
    cx, ey = (lx + rx) / 2, (ly + ry) / 2
    # (x, y, w, h) in units relative to the eye line; image-left eye = person's right eye.
    boxes = {
        "forehead": (cx - 0.7 * d, ey - 0.95 * d, 1.4 * d, 0.5 * d),
        "right_under_eye": (lx - 0.3 * d, ey + 0.2 * d, 0.55 * d, 0.28 * d),
        "left_under_eye": (rx - 0.25 * d, ey + 0.2 * d, 0.55 * d, 0.28 * d),
        "right_cheek": (lx - 0.4 * d, ey + 0.55 * d, 0.55 * d, 0.55 * d),
        "left_cheek": (rx - 0.15 * d, ey + 0.55 * d, 0.55 * d, 0.55 * d),
        "nose": (cx - 0.17 * d, ey + 0.15 * d, 0.34 * d, 0.7 * d),
        "chin": (cx - 0.4 * d, ey + 1.5 * d, 0.8 * d, 0.3 * d),
        "right_eye_corner": (lx - 0.62 * d, ey - 0.15 * d, 0.25 * d, 0.4 * d),
        "left_eye_corner": (rx + 0.37 * d, ey - 0.15 * d, 0.25 * d, 0.4 * d),
    }
    return {k: _clip_box(v, shape) for k, v in boxes.items()}


def feature_mask(face: Face, shape: tuple[int, ...]) -> BoolArray:
    """Eyes, brows, nostrils and mouth: dark or red by nature, never spots or redness."""
    (lx, ly), (rx, ry), d = eye_geometry(face)
    cx, ey = (lx + rx) / 2, (ly + ry) / 2
    m = np.zeros(shape[:2], np.uint8)
    for ex, eyy in ((lx, ly), (rx, ry)):
        cv2.ellipse(m, (int(ex), int(eyy)), (int(0.3 * d), int(0.17 * d)), 0, 0, 360, 1, -1)
        # brow band above each eye
        cv2.rectangle(
            m,
            (int(ex - 0.4 * d), int(eyy - 0.55 * d)),
            (int(ex + 0.4 * d), int(eyy - 0.1 * d)),
            1,
            -1,
        )
    cv2.rectangle(
        m, (int(cx - 0.32 * d), int(ey + 0.68 * d)), (int(cx + 0.32 * d), int(ey + 0.98 * d)), 1, -1
    )
    cv2.ellipse(m, (int(cx), int(ey + 1.22 * d)), (int(0.5 * d), int(0.2 * d)), 0, 0, 360, 1, -1)
    out: BoolArray = m > 0
    return out


def smile_mask(face: Face, shape: tuple[int, ...]) -> BoolArray:
    """The mouth area generous enough for a wide smile: its corners and folds are dark, but
    never a spot to check (used by the lesion screen only; perioral acne is still counted)."""
    (lx, ly), (rx, ry), d = eye_geometry(face)
    cx, ey = (lx + rx) / 2, (ly + ry) / 2
    m = np.zeros(shape[:2], np.uint8)
    cv2.ellipse(m, (int(cx), int(ey + 1.25 * d)), (int(0.65 * d), int(0.3 * d)), 0, 0, 360, 1, -1)
    out: BoolArray = m > 0
    return out


def _grown(mask: BoolArray, radius: float) -> BoolArray:
    r = max(1, round(radius))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
    out: BoolArray = cv2.dilate(mask.astype(np.uint8), kernel) > 0
    return out


def _polygon_box(xy: FloatArray, shape: tuple[int, ...]) -> Box:
    x0, y0 = xy.min(0)
    x1, y1 = xy.max(0)
    return _clip_box((float(x0), float(y0), float(x1 - x0 + 1), float(y1 - y0 + 1)), shape)


def _box_mask(box: Box, shape: tuple[int, ...]) -> BoolArray:
    m = np.zeros(shape[:2], dtype=bool)
    x, y, w, h = box
    m[y : y + h, x : x + w] = True
    return m


def _hue_chroma(lab: FloatArray) -> tuple[FloatArray, FloatArray]:
    a, b = lab[..., 1], lab[..., 2]
    return np.degrees(np.arctan2(b, a)).astype(np.float32), np.hypot(a, b).astype(np.float32)


def skin_plausible(lab_px: tuple[float, float, float], face: bool = False) -> bool:
    """Could this (already light-corrected) colour be skin? Hue 5-105°, some chroma.

    With a face found, near-neutral colours are accepted too (the lightest and darkest skin
    has chroma under 6, and the face itself is strong evidence).
    """
    L, a, b = lab_px
    h = float(np.degrees(np.arctan2(b, a)))
    c = float(np.hypot(a, b))
    if not 4.0 <= L <= 99.0 or c > 60.0:
        return False
    if face and c < 8.0:
        return True
    return c >= 3.0 and 5.0 <= h <= 105.0


#: A nearly grey dominant colour is accepted as skin in a close-up only when it covers at
#: least this share of the frame (most of it).
CLOSEUP_GREY_SKIN_MIN_SHARE = 0.5


def near_neutral_skin(lab_px: tuple[float, float, float]) -> bool:
    """Very light (and very dark) skin is nearly grey, and a phone's auto white balance on a
    frame full of skin greys it further: chroma under 3 is no evidence against skin as long
    as the colour is not on the green or blue side of grey."""
    L, a, b = lab_px
    return 15.0 <= L <= 97.0 and float(np.hypot(a, b)) < 3.0 and a >= -1.5 and b >= -1.5


#: A photo whose chroma stays below this (CIELAB units) on 99 % of its pixels has no colour
#: to tell skin from anything else: a greyscale photo or a black-and-white filter.
COLOURLESS_CHROMA = 2.0


def colourless(lab: FloatArray) -> bool:
    """True when the photo has essentially no colour (greyscale): chroma ~0 everywhere."""
    step = max(1, int(np.sqrt(lab.shape[0] * lab.shape[1] / 60_000)))
    sub = lab[::step, ::step]
    chroma = np.hypot(sub[..., 1], sub[..., 2])
    return bool(float(np.percentile(chroma, 99)) < COLOURLESS_CHROMA)


#: Skin whose L* varies by less than this between its 1st and 99th percentile is one flat
#: tone: real skin always shows some texture, shading or camera noise.
FEATURELESS_L_RANGE = 1.0


def featureless(lab: FloatArray, mask: BoolArray) -> bool:
    """True when the pixels under ``mask`` are one uniform tone (no texture or shading at all):
    a painted wall or a blank image, not skin."""
    px = _sample(pixels(lab, mask))
    if len(px) == 0:
        return True
    lo, hi = np.percentile(px[:, 0], [1, 99])
    return bool(float(hi - lo) < FEATURELESS_L_RANGE)


def seed_colour(lab: FloatArray, face: Face | None) -> tuple[float, float, float]:
    """The person's approximate skin colour: the face centre, or the dominant skin-like colour."""
    return seed_colours(lab, face)[0]


def seed_colours(lab: FloatArray, face: Face | None) -> list[tuple[float, float, float]]:
    """Candidate skin colours, most likely first (the face centre, or histogram peaks)."""
    if face is not None and face.landmarks is not None:
        # the cheeks, nose and forehead as the landmarks outline them (hair and brows may
        # cover part of them: the median takes the skin that covers most)
        m = np.zeros(lab.shape[:2], bool)
        for name in ("left_cheek", "right_cheek", "nose", "forehead"):
            m |= polygon_mask(face.landmarks, REGION_POLYGONS[name], lab.shape)
        px = pixels(lab, m)
        if len(px) >= 20:
            med = np.median(px, axis=0)
            return [(float(med[0]), float(med[1]), float(med[2]))]
    if face is not None:
        x, y, w, h = face.box
        patch = lab[y + int(0.45 * h) : y + int(0.75 * h), x + int(0.25 * w) : x + int(0.75 * w)]
        px = patch.reshape(-1, 3)
        if len(px) >= 20:
            med = np.median(px, axis=0)
            return [(float(med[0]), float(med[1]), float(med[2]))]
    step = max(1, int(np.sqrt(lab.shape[0] * lab.shape[1] / 60_000)))
    lab = lab[::step, ::step]  # ~60k pixels are plenty for a colour histogram
    hue, chroma = _hue_chroma(lab)
    L = lab[..., 0]
    valid = (L > 4) & (L < 99) & (chroma <= 60)
    # Skin-like hues count fully, other colours at half weight: near-neutral skin (the lightest
    # and darkest tones) under a coloured light can fall outside the hue range, and must
    # still win when it covers most of a close-up.
    plausible = (chroma >= 3) & (hue >= 5) & (hue <= 105)
    px = pixels(lab, valid)
    wts = np.where(plausible[valid], 1.0, 0.5)
    if len(px) < 50:
        px = lab.reshape(-1, 3)
        wts = np.ones(len(px))
    # Mode of the weighted (a*, b*) histogram: the colour that covers the most pixels.
    counts, ae, be = np.histogram2d(
        px[:, 1], px[:, 2], bins=40, range=[[-20, 60], [-20, 60]], weights=wts
    )
    hist: FloatArray = cv2.GaussianBlur(counts.astype(np.float32), (5, 5), 1.0)
    out: list[tuple[float, float, float]] = []
    for _ in range(3):  # the three largest colour clusters, e.g. skin, wall, clothes
        if float(hist.max()) <= 0:
            break
        ii, jj = np.unravel_index(int(np.argmax(hist)), hist.shape)
        i, j = int(ii), int(jj)
        a0, b0 = (ae[i] + ae[i + 1]) / 2, (be[j] + be[j + 1]) / 2
        hist[max(0, i - 3) : i + 4, max(0, j - 3) : j + 4] = 0  # suppress this peak
        near = np.hypot(px[:, 1] - a0, px[:, 2] - b0) < 6
        if int(near.sum()) < 20:
            continue
        med = np.median(px[near], axis=0)
        out.append((float(med[0]), float(med[1]), float(med[2])))
    if not out:
        med = np.median(px, axis=0)
        out.append((float(med[0]), float(med[1]), float(med[2])))
    return out


def skin_like_mask(lab: FloatArray, seed: tuple[float, float, float]) -> BoolArray:
    """Pixels close to the seed colour in 3-D (ΔE76).

    Tight on purpose: used to keep skin out of the light estimate, where a wall tinted by the
    same light must *not* be taken for skin.
    """
    L0, a0, b0 = seed
    c0 = float(np.hypot(a0, b0))
    d = np.sqrt((lab[..., 0] - L0) ** 2 + (lab[..., 1] - a0) ** 2 + (lab[..., 2] - b0) ** 2)
    out: BoolArray = d < max(7.0, 0.25 * c0)
    return out


def grow_skin(lab: FloatArray, core: BoolArray, seed: tuple[float, float, float]) -> BoolArray:
    """Extend the clearly skin-coloured core to all skin, stopping at edges.

    Shading, curvature and vignetting change skin colour gradually, so shaded skin belongs
    to the skin; the boundary to a wall, a sheet or clothes is a step (a strong colour
    gradient). Pixels of broadly skin-like colour that are not on a strong edge form regions;
    every region that contains core pixels is skin.
    """
    L0, a0, b0 = seed
    c0 = float(np.hypot(a0, b0))
    sm = cv2.GaussianBlur(lab, (3, 3), 0)
    grad2: FloatArray = np.zeros(core.shape, np.float32)
    for c in range(3):
        ch = np.ascontiguousarray(sm[..., c])
        gx: FloatArray = cv2.Sobel(ch, cv2.CV_32F, 1, 0, ksize=3) / 8.0
        gy: FloatArray = cv2.Sobel(ch, cv2.CV_32F, 0, 1, ksize=3) / 8.0
        grad2 += gx * gx + gy * gy
    # more than 2.5 ΔE per pixel (on the ~320-px copy) is an edge, not shading
    barrier = grad2 > 2.5**2
    dab = np.hypot(lab[..., 1] - a0, lab[..., 2] - b0)
    broad = (dab < max(20.0, c0)) & (np.abs(lab[..., 0] - L0) < 40) & ~barrier
    n, labels = cv2.connectedComponents(as_u8(broad), connectivity=4)
    hit = np.unique(labels[core & broad])
    keep = np.zeros(n, bool)
    keep[hit[hit > 0]] = True
    out: BoolArray = core | keep[labels]
    return out


def loose_skin_mask(
    lab: FloatArray, seed: tuple[float, float, float], face: Face | None
) -> BoolArray:
    """Everything close enough to the seed colour to be skin (spots included)."""
    if face is not None and face.landmarks is not None:
        # the face's own outline, kept a few millimetres inside: at the hairline and the jaw
        # the outline runs along hair and shadow (dark hair is skin-coloured enough on the
        # darkest skin to pass the colour test). Only its bounding rectangle is looked at.
        outline = _shrunk(face_mask(face.landmarks, lab.shape), OUTLINE_MARGIN * _ipd(face))
        x, y, w, h = cv2.boundingRect(as_u8(outline))
        out = np.zeros(lab.shape[:2], bool)
        if w and h:
            win = (slice(y, y + h), slice(x, x + w))
            out[win] = _close_to(lab[win], seed, outline[win], min(lab.shape[:2]))
        return out
    within = None if face is None else _face_ellipse(face, lab.shape)
    return _close_to(lab, seed, within, min(lab.shape[:2]))


#: How far inside the landmark face outline skin is looked for (share of the inter-pupil
#: distance: about 5 mm).
OUTLINE_MARGIN = 0.08


def _ipd(face: Face) -> float:
    return eye_geometry(face)[2]


def _shrunk(mask: BoolArray, radius: float) -> BoolArray:
    r = max(1, round(radius))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
    out: BoolArray = cv2.erode(mask.astype(np.uint8), kernel) > 0
    return out


def _face_ellipse(face: Face, shape: tuple[int, ...]) -> BoolArray:
    """Skin of the face only: an ellipse around the face box (not neck, hands, background)."""
    x, y, w, h = face.box
    ell = np.zeros(shape[:2], np.uint8)
    cv2.ellipse(
        ell, (int(x + w / 2), int(y + h * 0.52)), (int(w * 0.5), int(h * 0.62)), 0, 0, 360, 1, -1
    )
    out: BoolArray = ell > 0
    return out


def _close_to(
    lab: FloatArray, seed: tuple[float, float, float], within: BoolArray | None, short_side: int
) -> BoolArray:
    """Pixels near the seed colour (inside ``within``), smoothed by a closing and an opening
    sized to the whole image (``short_side``), holes filled."""
    L0, a0, b0 = seed
    c0 = float(np.hypot(a0, b0))
    dab = np.hypot(lab[..., 1] - a0, lab[..., 2] - b0)
    L = lab[..., 0]
    m = (dab < max(12.0, 0.6 * c0)) & (L > L0 - 30) & (min(99.5, L0 + 30) > L)
    if within is not None:
        m &= within
    u8: U8Array = m.astype(np.uint8)
    k = max(3, (short_side // 150) | 1)
    u8 = cv2.morphologyEx(u8, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    u8 = cv2.morphologyEx(u8, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    out: BoolArray = fill_holes(u8 > 0)
    return out


def fill_holes(mask: BoolArray) -> BoolArray:
    """Fill regions enclosed by the mask: spots, moles and papules *on* the skin are skin area
    (they are what the concern checks look for), even when their colour is far from the skin's.
    """
    h, w = mask.shape
    pad = np.zeros((h + 2, w + 2), np.uint8)
    pad[1:-1, 1:-1] = mask.astype(np.uint8)
    flood = pad.copy()
    ff_mask = np.zeros((h + 4, w + 4), np.uint8)
    cv2.floodFill(flood, ff_mask, (0, 0), 1)  # everything reachable from outside
    holes = flood[1:-1, 1:-1] == 0
    out: BoolArray = mask | holes
    return out


#: Hair (a beard, stubble, a fringe) is told from skin by its texture, not its colour: black
#: hair on the darkest skin is as close to the skin's colour as a dark spot is, and a
#: lightness floor that kept it out also left out the darker red patches of dark skin. At hair
#: scale skin is smooth, and hair is dense light-dark strands. The cue is the local RMS
#: gradient of ln Y (luminance as a ratio: the same hair, or the same spot, gives the same
#: value on every tone) over a window of this size (Gaussian sigma, mm) ...
HAIR_WINDOW_MM = 1.5
#: ... above this (ln Y per mm; measured at 2-2.7 px/mm: skin about 0.1 or less at the median,
#: the astronaut's face regions 0.34-0.49 at the 99th percentile (folds, the edges of
#: features), the planted spots, lines and papules of the synthetic faces at most 0.5; the two
#: real-hair beards of ``bench.analysis.beard`` 0.55-0.8 at the median) ...
HAIR_MIN_GRADIENT = 0.5
#: ... over an area at least this wide (mm): a spot (at most 7 mm), a line or a feature's
#: edge is as strong, but only along a thin rim; a beard or a fringe is textured throughout.
HAIR_MIN_WIDTH_MM = 9.0
#: ... and at least this long (mm). A textured area shorter than this is left as skin: a
#: lesion with a dark, uneven surface and a sharp edge is textured like hair over its whole
#: width, and a cue that took it for hair hid it from the lesion screen (real PAD-UFES-20
#: lesions pasted at their true size on the astronaut's cheek: two melanomas, a basal cell
#: carcinoma and an actinic keratosis of 7-18 mm vanished). The lesions of those photos are
#: at most 22 mm across but one; a beard or a fringe runs across the face (60 mm and more).
HAIR_MIN_EXTENT_MM = 30.0
#: Within that width of such an area, skin textured at this share of the threshold is hair too
#: (a hysteresis: the thin margins of a beard, under the lip, along the jaw, and where the
#: hair is sparser) ...
HAIR_EDGE_SHARE = 0.6
#: ... and so is the skin this close (mm) to it: the last hairs, thinner than the window sees.
HAIR_FRINGE_MM = 2.0
#: Below this resolution (px/mm) hair is not resolved and the cue is not used.
HAIR_MIN_PX_PER_MM = 1.0
#: The texture is measured on a copy of at most this resolution (px/mm): finer shows pixel
#: noise (larger, as a ratio, on dark skin) rather than more of the hair, and costs more ...
_HAIR_MAX_PX_PER_MM = 3.0
#: ... and the width test on one of about this resolution: it needs no finer detail.
_HAIR_AREA_PX_PER_MM = 1.0


def _ln_luminance(L: FloatArray) -> FloatArray:
    """ln Y (relative luminance) of CIELAB L*, up to a constant (the cube law; the linear toe,
    L* < 8, is black to any camera and needs no care here)."""
    out: FloatArray = cv2.log(np.maximum(L + np.float32(16.0), np.float32(1.0)))
    return out * np.float32(3.0)  # ln Y up to a constant, which no gradient sees


def hair_texture(L: FloatArray, px_per_mm: float) -> FloatArray:
    """Local RMS gradient of ln Y (per mm) over a ``HAIR_WINDOW_MM`` window."""
    ln_y = _ln_luminance(L.astype(np.float32))
    gx: FloatArray = cv2.Sobel(ln_y, cv2.CV_32F, 1, 0, ksize=3)
    gy: FloatArray = cv2.Sobel(ln_y, cv2.CV_32F, 0, 1, ksize=3)
    energy: FloatArray = cv2.GaussianBlur(gx * gx + gy * gy, (0, 0), HAIR_WINDOW_MM * px_per_mm)
    # Sobel's 3x3 kernel weighs the central difference by 8 (per pixel → per mm)
    out: FloatArray = cv2.sqrt(energy) * np.float32(px_per_mm / 8.0)
    return out


def hair_mask(lab: FloatArray, skin: BoolArray, features: BoolArray, px_per_mm: float) -> BoolArray:
    """Hair lying on the skin: textured like hair over an area wider than any spot.

    The width test looks at the texture whatever its colour (a beard's skin-coloured gaps and
    its hair alike), leaving out the facial ``features`` (the edges of eyes, lips and nostrils
    are strong, but they are not hair). Looked at only on the face: the skin's bounding
    rectangle and a margin, on a copy of at most ``_HAIR_MAX_PX_PER_MM``.
    """
    out = np.zeros(skin.shape, bool)
    bx, by, bw, bh = cv2.boundingRect(as_u8(skin))
    if bw < 8 or bh < 8 or px_per_mm < HAIR_MIN_PX_PER_MM:
        return out
    # a margin around the skin: the hair beyond its edge (the rest of a beard, below the
    # chin) shows how wide the hair is that reaches onto it
    x, y, w, h = _clip_box(_padded((bx, by, bw, bh), HAIR_MIN_WIDTH_MM * px_per_mm), skin.shape)
    win = (slice(y, y + h), slice(x, x + w))
    L = lab[win][..., 0]
    # the texture at the same scale on every photo (see _HAIR_MAX_PX_PER_MM)
    k = min(1.0, _HAIR_MAX_PX_PER_MM / px_per_mm)
    if k < 1.0:
        size = (max(1, round(w * k)), max(1, round(h * k)))
        L = cv2.resize(L, size, interpolation=cv2.INTER_AREA)
    ppm = px_per_mm * k
    texture = hair_texture(L, ppm)
    not_features = ~_resized(features[win], L.shape)
    wide, near = _wide_area((texture > HAIR_MIN_GRADIENT) & not_features, ppm)
    hair = wide | (near & (texture > HAIR_EDGE_SHARE * HAIR_MIN_GRADIENT))
    rf = max(1, round(HAIR_FRINGE_MM * ppm))
    fringe = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * rf + 1, 2 * rf + 1))
    hair = cv2.dilate(as_u8(hair), fringe) > 0
    out[win] = _resized(hair, (h, w)) & skin[win]
    return out


def _wide_area(mask: BoolArray, px_per_mm: float) -> tuple[BoolArray, BoolArray]:
    """(the parts of ``mask`` at least ``HAIR_MIN_WIDTH_MM`` wide, everything within that
    width of them), tested on a copy of about ``_HAIR_AREA_PX_PER_MM``."""
    k = min(1.0, _HAIR_AREA_PX_PER_MM / px_per_mm)
    coarse = _resized(mask, (max(1, round(mask.shape[0] * k)), max(1, round(mask.shape[1] * k))))
    r = max(1, round(HAIR_MIN_WIDTH_MM * k * px_per_mm / 2))
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
    wide = cv2.morphologyEx(as_u8(coarse), cv2.MORPH_OPEN, disc)
    # a beard on dark skin is textured in patches: patches closer than the width test are
    # one area when its length is judged
    near = cv2.dilate(wide, disc)
    wide = cv2.bitwise_and(wide, _long_parts(near, k * px_per_mm))
    near = cv2.dilate(wide, disc)
    return _resized(wide > 0, mask.shape), _resized(near > 0, mask.shape)


def _long_parts(mask: U8Array, px_per_mm: float) -> U8Array:
    """The connected parts of ``mask`` at least ``HAIR_MIN_EXTENT_MM`` long (bounding box)."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    extent = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    keep = extent >= HAIR_MIN_EXTENT_MM * px_per_mm
    keep[0] = False  # the background
    out: U8Array = keep[labels].astype(np.uint8)
    return out


def _padded(box: Box, pad: float) -> tuple[float, float, float, float]:
    x, y, w, h = box
    return x - pad, y - pad, w + 2 * pad, h + 2 * pad


def _resized(mask: BoolArray, shape: tuple[int, ...]) -> BoolArray:
    """``mask`` at another size (``shape``: rows, columns), nearest neighbour."""
    if mask.shape[:2] == tuple(shape[:2]):
        return mask
    out: BoolArray = (
        cv2.resize(as_u8(mask), (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST) > 0
    )
    return out


def _sample(px: FloatArray, n: int = 40_000) -> FloatArray:
    """An evenly strided subset of at most ~n pixels: medians of 40k pixels are as good as of
    400k, at a tenth of the cost."""
    step = max(1, len(px) // n)
    out: FloatArray = px[::step]
    return out


def face_features(face: Face, shape: tuple[int, ...]) -> tuple[BoolArray, BoolArray]:
    """(the facial features left out of every measurement, the wider smile area)."""
    if face.landmarks is None:
        return feature_mask(face, shape), smile_mask(face, shape)
    unit = eye_geometry(face)[2]
    features = landmark_feature_mask(face.landmarks, shape, FEATURE_MARGIN_MM * unit / _IPD_MM)
    smile = _grown(polygon_mask(face.landmarks, FEATURE_POLYGONS["lips"], shape), unit / 8)
    return features, smile


def build_regions(lab: FloatArray, face: Face | None) -> RegionSet:
    """Build the skin masks and named regions of a light-corrected CIELAB image.

    Raises :class:`NoSkinFound` when no plausible skin colour covers enough of the image.
    """
    shape = lab.shape
    H, W = shape[:2]
    min_share = 0.01 if face is not None else 0.05
    skin = None
    grey_fallback = False
    # The first candidate colour that looks like skin and covers enough of the image.
    for k, seed in enumerate(seed_colours(lab, face)):
        near_grey = face is None and k == 0 and near_neutral_skin(seed)
        if not (skin_plausible(seed, face is not None) or near_grey):
            continue
        cand = loose_skin_mask(lab, seed, face)
        # a nearly grey colour is taken for skin only when it fills most of a close-up
        fallback = near_grey and not skin_plausible(seed)
        need = CLOSEUP_GREY_SKIN_MIN_SHARE if fallback else min_share
        if cand.sum() >= max(400, need * H * W):
            skin = cand
            grey_fallback = fallback
            break
    if skin is None:
        raise NoSkinFound()
    features = np.zeros((H, W), bool)
    smile = np.zeros((H, W), bool)
    if face is not None:
        features, smile = face_features(face, shape)
        # hair on the skin is not skin; taken out after the holes were filled, so a beard the
        # skin encloses does not come back as a "spot"
        skin = skin & ~hair_mask(lab, skin, features, eye_geometry(face)[2] / _IPD_MM)
    # Refine the seed on the loose skin (one step of a robust mean shift).
    skin_px = _sample(pixels(lab, skin))
    med = np.median(skin_px, axis=0)
    L0, a0, b0 = float(med[0]), float(med[1]), float(med[2])
    c0 = float(np.hypot(a0, b0))
    spread_L = float(np.subtract(*np.percentile(skin_px[:, 0], [75, 25])))
    # Per-pixel tests only where there is skin (its bounding rectangle): a face is a small
    # part of most photos.
    bx, by, bw, bh = cv2.boundingRect(as_u8(skin))
    win = (slice(by, by + bh), slice(bx, bx + bw))
    sub, sk = lab[win], skin[win]
    L = sub[..., 0]
    dab = np.hypot(sub[..., 1] - a0, sub[..., 2] - b0)
    # Highlights: much brighter and less saturated than the skin; shadow: much darker.
    chroma = np.hypot(sub[..., 1], sub[..., 2])
    specular = np.zeros((H, W), bool)
    shadow = np.zeros((H, W), bool)
    tight = np.zeros((H, W), bool)
    specular[win] = sk & (L0 + max(10.0, 1.5 * spread_L) < L) & (chroma < 0.85 * c0 + 2)
    shadow[win] = sk & (L0 - max(18.0, 2.5 * spread_L) > L)
    tight[win] = (
        sk
        & (dab < max(6.0, 0.4 * c0))
        & (np.abs(L - L0) < max(8.0, 1.8 * spread_L))
        & ~specular[win]
        & ~shadow[win]
    )

    boxes: dict[str, Box]
    masks: dict[str, BoolArray] = {}
    if face is not None:
        unit = eye_geometry(face)[2]
        if face.landmarks is not None:
            pupils = eye_geometry(face)[:2]
            geometry = region_masks(face.landmarks, shape, pupils)
            polygons = region_polygons(face.landmarks, pupils)
            boxes = {}
            for name, geom in geometry.items():
                masks[name] = geom & skin & ~features
                boxes[name] = _polygon_box(polygons[name], shape)
        else:
            boxes = face_region_boxes(face, shape)
            for name, box in boxes.items():
                masks[name] = _box_mask(box, shape) & skin
        tone_geom = np.zeros((H, W), bool)
        for name in TONE_REGIONS:
            tone_geom |= masks[name]
        tone_mask = tight & tone_geom
        if tone_mask.sum() < 200:  # regions mostly hidden (hair, hands): use all face skin
            tone_mask = tight
    else:
        ys, xs = np.nonzero(skin)
        box = _clip_box(
            (float(xs.min()), float(ys.min()), float(np.ptp(xs) + 1), float(np.ptp(ys) + 1)), shape
        )
        boxes = {"skin": box}
        masks = {"skin": skin}
        unit = max(H, W) / 6.0
        tone_mask = tight
    if tone_mask.sum() < 100:
        raise NoSkinFound()
    tmed = np.median(_sample(pixels(lab, tone_mask)), axis=0)
    return RegionSet(
        masks=masks,
        boxes=boxes,
        skin_area=skin,
        tone_mask=tone_mask,
        clear=tight,
        specular=specular,
        shadow=shadow,
        features=features,
        smile=smile,
        baseline_lab=(float(tmed[0]), float(tmed[1]), float(tmed[2])),
        unit_px=float(unit),
        has_face=face is not None,
        colour_uncertain=grey_fallback or colourless(lab),
    )
