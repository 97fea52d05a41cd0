"""Synthetic faces drawn on a real face's geometry, whose landmarks — and so whose regions —
are known: the truth of the region benchmark (issue 15).

The ellipse face of ``synthetic.render`` has a drawing's proportions, not a person's (its
brows end 0.76 d from the midline where a real brow ends near 0.96 d, its chin is 0.7 d long
where a real one is about 0.45 d); a landmark model, which follows a real face, places its
regions off that drawing's features. Here the face is drawn on the 468 FaceMesh points of a
real person — scikit-image's astronaut (Eileen Collins, NASA, public domain), levelled and
measured in inter-pupil distances ``d`` — so each render *knows* where every landmark is:
the face outline, brows, eyes, nostrils and lips are filled through those points, and the
true regions are the engine's region definitions (``skinlab.landmarks.region_masks``) laid
through the same known points. The benchmark then scores where a detector puts the regions
on a drawing of every Monk tone under every light against where the drawing's own landmarks
put them: a landmark model's placement, not the region definitions (which are a convention;
no render can say where a real cheek ends).

The template is read once from the real photograph, by FaceMesh itself: it is a real face's
geometry as the mesh describes faces, so a render is a face the mesh can describe exactly;
what the benchmark measures is how far the detector's points drift from it on a drawing of
each tone, light, size and roll.
"""

from __future__ import annotations

import functools
import math

import cv2
import numpy as np

from bench.analysis.real_faces import astronaut, rescale
from bench.analysis.synthetic import (
    IRIS,
    SyntheticImage,
    gauss_alpha,
    hair_colour,
    lab_to_linear,
    offset_lab,
    photograph,
    sclera_colour,
    wall,
)
from skinlab.landmarks import FACE_OVAL, FEATURE_POLYGONS, MOUTH_OPENING, region_masks

#: The upper lid's lash line of each eye (outer corner to inner corner), drawn dark.
_LASH_LINES = {
    "right_eye": (33, 246, 161, 160, 159, 158, 157, 173, 133),
    "left_eye": (263, 466, 388, 387, 386, 385, 384, 398, 362),
}
#: The lower lid's rim of each eye (outer corner to inner corner).
_LOWER_LIDS = {
    "right_eye": (33, 7, 163, 144, 145, 153, 154, 155, 133),
    "left_eye": (263, 249, 390, 373, 374, 380, 381, 382, 362),
}
#: The nose's wings, and the point in each nostril's dark opening (read off the astronaut).
_WINGS, _NOSTRILS = (64, 294), (99, 328)
#: Where each side of the nose starts beside the bridge (the nose region's upper corners),
#: and the ridge from the bridge to the tip.
_SIDEWALL_TOPS, _RIDGE = (193, 417), (168, 1)
#: The mouth's corners (beside each wing), the base of the nose above the lip (from wing
#: to wing) and the hollow under the lower lip.
_MOUTH_CORNERS, _UNDER_NOSE, _UNDER_LIP = (61, 291), (98, 2, 327), (83, 18, 313)
#: The mouth line: the upper lip's inner edge, corner to corner.
_MOUTH_LINE = (78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308)


@functools.cache
def template() -> tuple[np.ndarray, np.ndarray]:
    """The astronaut's 468 FaceMesh points and her two pupils, levelled (the pupils on a
    horizontal line) and measured from the point between the pupils in inter-pupil
    distances: (points (468, 2), pupils (2, 2), image-left pupil first)."""
    from skinlab.detect import make_face_detector
    from skinlab.regions import eye_geometry

    rgb = rescale(astronaut(), 2.0)
    face = make_face_detector("mediapipe").detect(rgb)[0]
    assert face.landmarks is not None
    (ax, ay), (bx, by), d = eye_geometry(face)
    centre = np.array([(ax + bx) / 2, (ay + by) / 2])
    roll = math.atan2(by - ay, bx - ax)
    level = np.array([[math.cos(-roll), -math.sin(-roll)], [math.sin(-roll), math.cos(-roll)]])
    points = (face.landmarks[:, :2] - centre) @ level.T / d
    pupils = (np.array([(ax, ay), (bx, by)]) - centre) @ level.T / d
    return points.astype(np.float64), pupils.astype(np.float64)


def place(d: float, centre: tuple[float, float], roll_deg: float) -> tuple[np.ndarray, np.ndarray]:
    """The template's points and pupils in an image: ``d`` pixels between the pupils, the
    point between them at ``centre``, turned ``roll_deg`` in the image plane."""
    points, pupils = template()
    t = math.radians(roll_deg)
    turn = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]]) * d
    c = np.asarray(centre, np.float64)
    return points @ turn.T + c, pupils @ turn.T + c


def _xy(p: np.ndarray) -> tuple[int, int]:
    return int(p[0]), int(p[1])


def _poly(points: np.ndarray, indices: tuple[int, ...]) -> np.ndarray:
    return np.round(points[list(indices)]).astype(np.int32)


def render_real_face(
    seed: int,
    skin_lab: tuple[float, float, float],
    *,
    illuminant: str = "daylight",
    size: tuple[int, int] = (1024, 768),
    noise: float = 2.0,
    blur: float = 0.6,
    jpeg_quality: int = 90,
) -> SyntheticImage:
    """A frontal face on the template's geometry, with its true regions (``regions``). The
    seed sets the wall, the hair's darkness, the face's size (d = 15-18 % of the width), its
    place and a roll of up to ±8°; the same seed gives the same face on every tone."""
    rng = np.random.default_rng(seed)
    W, H = size
    skin = lab_to_linear(skin_lab)
    img = wall(rng, size)
    d = float(rng.uniform(0.15, 0.18)) * W
    centre = (W / 2 + float(rng.uniform(-0.04, 0.04)) * W, H * float(rng.uniform(0.38, 0.44)))
    points, pupils = place(d, centre, float(rng.uniform(-8, 8)))
    hair = hair_colour(rng, skin_lab)

    oval = _poly(points, FACE_OVAL)
    (ox, oy), (ow, oh), angle = cv2.fitEllipse(oval)
    # hair behind the head, reaching above and beside the face's outline; the neck below it
    cv2.ellipse(img, ((ox, oy - 0.12 * oh), (1.2 * ow, 1.25 * oh), angle), hair.tolist(), -1)
    chin = points[152]
    cv2.rectangle(  # in the jaw's shadow, so the chin's outline shows as on a real photo
        img,
        (int(chin[0] - 0.28 * ow), int(chin[1] - 0.3 * oh)),
        (int(chin[0] + 0.28 * ow), H),
        (0.8 * skin).tolist(),
        -1,
    )
    face = np.zeros((H, W), np.uint8)
    cv2.fillPoly(face, [oval], 1)
    img[face > 0] = skin
    # shading: a soft fall-off towards the face's edge, as on the ellipse face
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float64)
    r2 = ((xx - ox) / (0.5 * ow)) ** 2 + ((yy - oy) / (0.5 * oh)) ** 2
    img *= np.where(face > 0, np.clip(1.02 - 0.07 * r2, 0.85, 1.02), 1.0)[..., None]
    # eye sockets: slightly darker around the eyes
    for px, py in pupils:
        a, sl = gauss_alpha((H, W), px, py, 0.4 * d)
        img[sl] *= (1 - 0.22 * a)[..., None]
    for brow in ("right_brow", "left_brow"):
        cv2.fillPoly(img, [_poly(points, FEATURE_POLYGONS[brow])], hair.tolist())
    _draw_eyes(img, points, pupils, d, rng)
    _draw_nose(img, points, d)
    lips = offset_lab(skin_lab, -10, 18, 4)  # as on the ellipse face
    cv2.fillPoly(img, [_poly(points, FEATURE_POLYGONS["lips"])], lips.tolist())
    # her mouth is open in a smile: teeth between the lips, under the upper lip's dark edge
    cv2.fillPoly(img, [_poly(points, MOUTH_OPENING)], lab_to_linear((82.0, 0.5, 6.0)).tolist())
    cv2.polylines(
        img, [_poly(points, _MOUTH_LINE)], False, (0.02, 0.01, 0.01), max(1, int(0.025 * d))
    )

    rgb, jpeg = photograph(rng, img, skin, illuminant, blur, noise, jpeg_quality)
    x0, y0 = oval.min(0)
    x1, y1 = oval.max(0)
    pupil_pair = (
        (float(pupils[0, 0]), float(pupils[0, 1])),
        (float(pupils[1, 0]), float(pupils[1, 1])),
    )
    return SyntheticImage(
        jpeg=jpeg,
        rgb=rgb,
        skin_lab=skin_lab,
        layout="real_face",
        illuminant=illuminant,
        face_box=(int(x0), int(y0), int(x1 - x0), int(y1 - y0)),
        regions=region_masks(points, (H, W), pupil_pair),
        landmarks=points,
    )


def _draw_eyes(
    img: np.ndarray, points: np.ndarray, pupils: np.ndarray, d: float, rng: np.random.Generator
) -> None:
    """Each eye's white through its outline, the iris and pupil inside it, the lash line."""
    H, W = img.shape[:2]
    sclera = sclera_colour(rng)
    for eye, (px, py) in zip(("right_eye", "left_eye"), pupils, strict=True):
        white = np.zeros((H, W), np.uint8)
        cv2.fillPoly(white, [_poly(points, FEATURE_POLYGONS[eye])], 1)
        img[white > 0] = sclera
        ball = np.zeros((H, W), np.uint8)  # the iris, hidden where the lids cover it
        cv2.circle(ball, (int(px), int(py)), int(0.19 * d), 1, -1)
        img[(ball > 0) & (white > 0)] = IRIS
        cv2.circle(img, (int(px), int(py)), int(0.08 * d), (0.005, 0.005, 0.005), -1)
        cv2.polylines(
            img,
            [_poly(points, _LASH_LINES[eye])],
            False,
            (0.01, 0.008, 0.006),
            max(1, int(0.03 * d)),
        )
        lower = np.zeros((H, W), np.uint8)  # the lower lid's rim, a faint shadow
        cv2.polylines(lower, [_poly(points, _LOWER_LIDS[eye])], False, 1, max(1, int(0.02 * d)))
        img[lower > 0] *= 0.7


def _shade(img: np.ndarray, path: np.ndarray, width: float, gain: float) -> None:
    """Darken (``gain`` < 0) or lighten the skin along ``path`` (points, x y), softly: a
    stroke ``width`` pixels wide, blurred by half of that."""
    H, W = img.shape[:2]
    stroke = np.zeros((H, W), np.float32)
    cv2.polylines(stroke, [np.round(path).astype(np.int32)], False, 1.0, max(1, int(width)))
    soft = np.asarray(cv2.GaussianBlur(stroke, (0, 0), max(0.5, width / 2)), np.float64)
    img *= (1 + gain * soft)[..., None]


def _draw_nose(img: np.ndarray, points: np.ndarray, d: float) -> None:
    """The shading a face is read by around the nose and mouth — the nose's sides in shadow
    from beside the bridge to each wing, a light ridge and tip, the shadow under the nose, the
    folds from the wings to the mouth's corners, the hollow under the lower lip — and a dark
    nostril either side of the nose's base."""
    for top, wing, corner in zip(_SIDEWALL_TOPS, _WINGS, _MOUTH_CORNERS, strict=True):
        _shade(img, points[[top, wing]], 0.12 * d, -0.12)
        _shade(img, points[[wing, corner]] + [[0.0, 0.0], [0.0, -0.05 * d]], 0.04 * d, -0.08)
    _shade(img, points[list(_RIDGE)], 0.06 * d, 0.06)
    _shade(img, points[[1, 1]], 0.12 * d, 0.05)
    _shade(img, points[list(_UNDER_NOSE)], 0.05 * d, -0.12)
    _shade(img, points[list(_UNDER_LIP)], 0.06 * d, -0.1)
    for nostril in _NOSTRILS:
        x, y = points[nostril]
        cv2.ellipse(
            img,
            (int(x), int(y)),
            (max(1, int(0.055 * d)), max(1, int(0.025 * d))),
            0,
            0,
            360,
            (0.02, 0.015, 0.012),
            -1,
        )
