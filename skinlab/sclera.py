"""The whites of the eyes, outlined by the iris model: a white reference for light and exposure.

The iris model gives each eye's lid outline (its first 16 contour points) and the iris (its
centre and four points on its edge). The visible sclera is what lies inside the lids and
outside the iris, with a margin from both (lashes shade the lid edge; the limbus is a dark
ring): a few hundred pixels on a phone selfie, a handful on a small face.
"""

from __future__ import annotations

import cv2
import numpy as np

from skinlab._types import BoolArray, U8Array
from skinlab.detect import Face

#: The first 16 points of the iris model's eye contour are the lids (lower, then upper).
LID_POINTS = 16


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
