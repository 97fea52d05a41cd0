"""The whites of the eyes, outlined by the iris model: a white reference for light and exposure.

The iris model gives each eye's lid outline (its first 16 contour points) and the iris (its
centre and four points on its edge). The visible sclera is what lies inside the lids and
outside the iris, with a margin from both (lashes shade the lid edge; the limbus is a dark
ring): a few hundred pixels on a phone selfie, a handful on a small face.
"""

from __future__ import annotations

import cv2
import numpy as np

from skinlab._types import BoolArray
from skinlab.detect import Face

#: The first 16 points of the iris model's eye contour are the lids (lower, then upper).
LID_POINTS = 16


def sclera_masks(face: Face, shape: tuple[int, ...]) -> list[BoolArray]:
    """One mask per eye (image-left first) of the visible sclera; empty without irises."""
    out = []
    for eye in face.irises:
        m = np.zeros(shape[:2], np.uint8)
        lids = np.round(eye.contour[:LID_POINTS, :2]).astype(np.int32)
        cv2.fillPoly(m, [cv2.convexHull(lids)], 1)
        r = eye.iris_radius
        # a pixel's margin from the lids, and the iris with its dark rim left out
        m = cv2.erode(m, np.ones((3, 3), np.uint8))
        cx, cy = eye.iris[0, :2]
        cv2.circle(m, (round(float(cx)), round(float(cy))), max(1, round(1.25 * r)), 0, -1)
        out.append(m > 0)
    return out
