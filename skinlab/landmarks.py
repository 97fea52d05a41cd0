"""Face regions and head pose from MediaPipe's 468 FaceMesh landmarks.

Each region is a polygon through landmark indices of MediaPipe's canonical face mesh, chosen
on the mesh itself (drawn over a real face, docs/skinlab.md): skin only, with a margin from
eyes, brows, lips and nostrils. ``right_*`` / ``left_*`` are the person's own sides; the
mesh's first half (indices like 33, 133) lies on the image's left, which is the person's
right in a photo that is not mirrored.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from skinlab._types import BoolArray, FloatArray

#: Skin regions, as polygons of landmark indices (person's sides).
REGION_POLYGONS: dict[str, tuple[int, ...]] = {
    "forehead": (54, 103, 67, 109, 10, 338, 297, 332, 284,
                 300, 293, 334, 296, 336, 9, 107, 66, 105, 63, 70),
    "right_under_eye": (226, 31, 228, 229, 230, 231, 232, 233, 128, 121, 120, 119, 118, 117, 111),
    "left_under_eye": (446, 261, 448, 449, 450, 451, 452, 453, 357, 350, 349, 348, 347, 346, 340),
    "right_cheek": (116, 117, 118, 119, 100, 142, 36, 205, 187, 123),
    "left_cheek": (345, 346, 347, 348, 329, 371, 266, 425, 411, 352),
    "nose": (168, 417, 351, 419, 248, 281, 275, 274, 1, 44, 45, 51, 3, 196, 122, 193),
    "chin": (83, 18, 313, 418, 262, 369, 396, 175, 171, 140, 32, 194),
    "right_eye_corner": (124, 156, 139, 34, 227, 143, 35, 226, 113),
    "left_eye_corner": (353, 383, 368, 264, 447, 372, 265, 446, 342),
}  # fmt: skip

#: Features that are never skin to measure: eyes with their upper lids (from the brow's lower
#: edge to the lash line: lid creases, lashes and eye make-up are dark by nature), brows,
#: lips, nostrils.
FEATURE_POLYGONS: dict[str, tuple[int, ...]] = {
    "right_upper_lid": (46, 53, 52, 65, 55, 133, 173, 157, 158, 159, 160, 161, 246, 33, 130),
    "left_upper_lid": (276, 283, 282, 295, 285, 362, 398, 384, 385, 386, 387, 388, 466, 263, 359),
    "right_eye": (33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246),
    "left_eye": (263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466),
    "right_brow": (70, 63, 105, 66, 107, 55, 65, 52, 53, 46),
    "left_brow": (300, 293, 334, 296, 336, 285, 295, 282, 283, 276),
    "lips": (61, 185, 40, 39, 37, 0, 267, 269, 270, 409,
             291, 375, 321, 405, 314, 17, 84, 181, 91, 146),
    "nostrils": (48, 64, 98, 97, 2, 326, 327, 294, 278, 274, 1, 44),
}  # fmt: skip

#: The outline of the face (forehead top, temples, jaw, chin).
FACE_OVAL: tuple[int, ...] = (
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
    152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
)  # fmt: skip

#: Outer corners of the eyes (image-left, image-right), top of the forehead, chin.
OUTER_EYE_CORNERS = (33, 263)
FOREHEAD_TOP, CHIN_BOTTOM = 10, 152


def polygon_mask(points: FloatArray, indices: tuple[int, ...], shape: tuple[int, ...]) -> BoolArray:
    """The filled polygon through ``points[indices]`` (x, y image pixels)."""
    m = np.zeros(shape[:2], np.uint8)
    poly = np.round(points[list(indices), :2]).astype(np.int32)
    cv2.fillPoly(m, [poly], 1, lineType=cv2.LINE_8)
    out: BoolArray = m > 0
    return out


def region_masks(points: FloatArray, shape: tuple[int, ...]) -> dict[str, BoolArray]:
    """Every named skin region as a mask of the image."""
    return {name: polygon_mask(points, idx, shape) for name, idx in REGION_POLYGONS.items()}


def feature_mask(points: FloatArray, shape: tuple[int, ...], margin_px: float) -> BoolArray:
    """Eyes, brows, lips and nostrils, grown by ``margin_px`` (lashes, lip line, brow hairs)."""
    m = np.zeros(shape[:2], bool)
    for idx in FEATURE_POLYGONS.values():
        m |= polygon_mask(points, idx, shape)
    r = max(1, round(margin_px))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
    out: BoolArray = cv2.dilate(m.astype(np.uint8), kernel) > 0
    return out


def face_mask(points: FloatArray, shape: tuple[int, ...]) -> BoolArray:
    """Everything inside the face outline."""
    return polygon_mask(points, FACE_OVAL, shape)


def head_pose(points: FloatArray) -> tuple[float, float, float]:
    """(yaw, pitch, roll) in degrees from the 3-D landmarks (z is depth, scaled like x).

    The face's own axes: across from one outer eye corner to the other, down from the top of
    the forehead to the chin; their cross product is the direction the face looks along.
    Yaw > 0: the face is turned towards the image's right; pitch > 0: chin up; roll > 0: the
    eye line tilts down towards the image's right.
    """
    p = points.astype(np.float64)
    across = p[OUTER_EYE_CORNERS[1]] - p[OUTER_EYE_CORNERS[0]]
    down = p[CHIN_BOTTOM] - p[FOREHEAD_TOP]
    across /= np.linalg.norm(across) + 1e-9
    depth = np.cross(across, down)  # into the picture for a face looking at the camera
    depth /= np.linalg.norm(depth) + 1e-9
    down = np.cross(depth, across)
    yaw = math.degrees(math.atan2(-depth[0], depth[2]))
    pitch = math.degrees(math.atan2(depth[1], math.hypot(depth[0], depth[2])))
    roll = math.degrees(math.atan2(across[1], across[0]))
    return round(yaw, 1), round(pitch, 1), round(roll, 1)
