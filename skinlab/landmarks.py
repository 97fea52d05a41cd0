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
}  # fmt: skip

#: The eye-corner (crow's feet) regions are not drawn through the mesh: there the mesh runs
#: over the curved side of the face, where a landmark a few pixels off changed a small
#: polygon by a quarter (IoU 0.77 on the synthetic faces). Each is laid out from the eye's
#: outer corner (landmark 33 for the person's right eye, its mirror 263 for the left) along
#: the eye line (pupil to pupil), sized in inter-pupil distances ``d``: from 0.05 d to 0.30 d
#: beyond the corner (about 3 to 19 mm), from 0.15 d above the eye line to 0.20 d below it
#: (brow tail to cheekbone), widening by 1.3 towards the temple. The two are mirror images.
EYE_CORNER_ANCHORS: dict[str, int] = {"right_eye_corner": 33, "left_eye_corner": 263}
EYE_CORNER_ALONG = (0.05, 0.30)
EYE_CORNER_ACROSS = (-0.15, 0.20)
EYE_CORNER_FAN = 1.3

#: Every region's name: the mesh polygons and the two eye corners.
REGION_NAMES: tuple[str, ...] = (*REGION_POLYGONS, *EYE_CORNER_ANCHORS)

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

#: The mouth opening (the inner edge of the lips): teeth, when the person smiles.
MOUTH_OPENING: tuple[int, ...] = (
    78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95,
)  # fmt: skip

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


Pupils = tuple[tuple[float, float], tuple[float, float]]


def eye_centres(points: FloatArray) -> Pupils:
    """The centres of the two eye outlines (image-left first): the pupils' stand-in when the
    iris model gave none."""
    a, b = (points[list(FEATURE_POLYGONS[n]), :2].mean(0) for n in ("right_eye", "left_eye"))
    return (float(a[0]), float(a[1])), (float(b[0]), float(b[1]))


def eye_corner_polygons(points: FloatArray, pupils: Pupils | None = None) -> dict[str, FloatArray]:
    """The two crow's-feet quadrilaterals (x, y image pixels), see ``EYE_CORNER_ANCHORS``."""
    corners = {name: points[idx, :2] for name, idx in EYE_CORNER_ANCHORS.items()}
    return eye_corner_quadrilaterals(corners, pupils or eye_centres(points))


def eye_corner_quadrilaterals(
    outer_corners: dict[str, FloatArray], pupils: Pupils
) -> dict[str, FloatArray]:
    """The crow's-feet quadrilateral beside each eye's outer corner (``EYE_CORNER_ANCHORS``'
    names), laid out along the pupil-to-pupil line from any two outer corners and pupils."""
    pa, pb = (np.asarray(p, np.float64) for p in pupils)
    d = float(np.linalg.norm(pb - pa))
    across = (pb - pa) / max(d, 1e-6)  # image-left eye → image-right eye
    down = np.array([-across[1], across[0]])
    (u0, u1), (v0, v1) = EYE_CORNER_ALONG, EYE_CORNER_ACROSS
    out = {}
    for name, xy in outer_corners.items():
        corner = np.asarray(xy, np.float64)
        outward = -across if name == "right_eye_corner" else across
        quad = [
            corner + d * (u * outward + v * down)
            for u, v in ((u0, v0), (u1, EYE_CORNER_FAN * v0), (u1, EYE_CORNER_FAN * v1), (u0, v1))
        ]
        out[name] = np.array(quad, np.float32)
    return out


def region_polygons(points: FloatArray, pupils: Pupils | None = None) -> dict[str, FloatArray]:
    """Every named skin region as a polygon (x, y image pixels)."""
    out = {name: points[list(idx), :2] for name, idx in REGION_POLYGONS.items()}
    out.update(eye_corner_polygons(points, pupils))
    return out


def _fill(poly: FloatArray, shape: tuple[int, ...]) -> BoolArray:
    m = np.zeros(shape[:2], np.uint8)
    cv2.fillPoly(m, [np.round(poly).astype(np.int32)], 1, lineType=cv2.LINE_8)
    out: BoolArray = m > 0
    return out


def region_masks(
    points: FloatArray, shape: tuple[int, ...], pupils: Pupils | None = None
) -> dict[str, BoolArray]:
    """Every named skin region as a mask of the image (the eye corners kept inside the face
    outline: at the temples hair may come close)."""
    masks = {name: _fill(poly, shape) for name, poly in region_polygons(points, pupils).items()}
    face = face_mask(points, shape)
    for name in EYE_CORNER_ANCHORS:
        masks[name] &= face
    return masks


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
