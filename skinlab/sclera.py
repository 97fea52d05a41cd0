"""The whites of the eyes, outlined by the iris model: a white reference for light and exposure.

The iris model gives each eye's lid outline (its first 16 contour points) and the iris (its
centre and four points on its edge). The visible sclera is what lies inside the lids and
outside the iris, with a margin from both (lashes shade the lid edge; the limbus is a dark
ring): a few hundred pixels on a phone selfie, a handful on a small face.
"""

from __future__ import annotations

import cv2
import numpy as np

from skinlab._types import BoolArray, FloatArray, U8Array, channel_max, pixels
from skinlab.detect import Face

#: The first 16 points of the iris model's eye contour are the lids (lower, then upper).
LID_POINTS = 16

#: A linear channel at or above this is clipped: it no longer carries the light's colour.
CLIPPED_LINEAR = 0.98
#: The light's colour is read from the brightest quarter of the outlined sclera (the share
#: the exposure step reads its level from): the darker pixels are where lashes shade the
#: upper lid's edge, the limbus blends in and the corners curve away from the light.
BRIGHTEST_SHARE = 0.25
#: ... and of those, the half least coloured in the skin's direction: at 1-2 px/mm the
#: outline's edge still blends with lid skin and the pink caruncle, and a blend with skin
#: is coloured towards the skin, while the light tints sclera and skin alike.
LEAST_SKIN_COLOURED_SHARE = 0.5


def sclera_masks(face: Face, shape: tuple[int, ...]) -> list[BoolArray]:
    """One full-size mask per eye (image-left first) of the visible sclera; empty without
    irises."""
    out = []
    for win, m in sclera_crops(face, shape):
        full = np.zeros(shape[:2], bool)
        full[win] = m
        out.append(full)
    return out


def sclera_crops(face: Face, shape: tuple[int, ...]) -> list[tuple[tuple[slice, slice], BoolArray]]:
    """Per eye: the image window around it and the sclera mask of that window (cheap: a face
    is small; :func:`sclera_masks` gives full-size masks)."""
    H, W = shape[:2]
    out = []
    for eye in face.irises:
        lids = np.round(eye.contour[:LID_POINTS, :2]).astype(np.int32)
        x, y, w, h = cv2.boundingRect(lids)
        x0, y0 = max(0, x - 1), max(0, y - 1)
        x1, y1 = min(W, x + w + 1), min(H, y + h + 1)
        if x1 <= x0 or y1 <= y0:
            continue
        m: U8Array = np.zeros((y1 - y0, x1 - x0), np.uint8)
        cv2.fillPoly(m, [cv2.convexHull(lids - np.array([x0, y0], np.int32))], 1)
        # a pixel's margin from the lids, and the iris with its dark rim left out
        m = cv2.erode(m, np.ones((3, 3), np.uint8))
        cx, cy = eye.iris[0, :2]
        centre = (round(float(cx)) - x0, round(float(cy)) - y0)
        cv2.circle(m, centre, max(1, round(1.25 * eye.iris_radius)), 0, -1)
        out.append(((slice(y0, y1), slice(x0, x1)), m > 0))
    return out


def sclera_light_pixels(
    lin: FloatArray, lab: FloatArray, mask: BoolArray, skin_ab: tuple[float, float]
) -> FloatArray | None:
    """The linear-RGB pixels of one eye's outlined sclera (``mask``) that show the light: not
    clipped, the brightest quarter by L*, and of those the half least coloured in the skin's
    direction (``skin_ab``: the skin's a*, b* under the same light). None with fewer than 4."""
    sel = mask & (channel_max(lin) < CLIPPED_LINEAR)
    px, lp = pixels(lin, sel), pixels(lab, sel)
    if len(px) < 4:
        return None
    bright = lp[:, 0] >= np.quantile(lp[:, 0], 1.0 - BRIGHTEST_SHARE)
    px, lp = pixels(px, bright), pixels(lp, bright)
    norm = float(np.hypot(*skin_ab))
    if norm > 1e-3:
        towards_skin = (lp[:, 1] * skin_ab[0] + lp[:, 2] * skin_ab[1]) / norm
        px = px[towards_skin <= np.quantile(towards_skin, LEAST_SKIN_COLOURED_SHARE)]
    out: FloatArray = px
    return out
