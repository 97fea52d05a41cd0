"""FaceMesh (468 face landmarks) and the iris model, run with OpenCV's DNN on rotated crops.

Both models look at a square crop that is turned so the eyes are level: for FaceMesh, the
BlazeFace box enlarged 1.5 times around its centre; for the iris model, each eye's corners
enlarged 2.3 times. A crop is cut with one affine warp (crop pixels → image pixels), and the
points the model returns in crop pixels go back through the same matrix. The iris model was
trained on the left eye of the picture; the other eye is mirrored before and after.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from skinlab._types import FloatArray, U8Array
from skinlab.blazeface import Detection
from skinlab.models import FACE_LANDMARK, IRIS_LANDMARK, load_net

#: FaceMesh's crop is the detector's box enlarged this much (MediaPipe's own value).
FACE_CROP_SCALE = 1.5
#: The iris model's crop is the eye's width enlarged this much (MediaPipe's own value).
EYE_CROP_SCALE = 2.3
#: Below this face-presence probability FaceMesh's points are not a face.
MIN_PRESENCE = 0.5
#: Eye corner landmarks (outer, inner) of the eye on the image's left, then the other eye.
EYE_CORNERS = ((33, 133), (263, 362))


@dataclass(frozen=True)
class Crop:
    """A square crop of an image: ``matrix`` maps crop pixels to image pixels."""

    matrix: FloatArray  # 2 x 3
    size: int

    @classmethod
    def around(cls, cx: float, cy: float, side: float, angle: float, size: int) -> Crop:
        """A ``side``-px square centred on (cx, cy), its x axis turned by ``angle`` radians."""
        k = side / size
        c, s = math.cos(angle) * k, math.sin(angle) * k
        # image = centre + R(angle) · k · (crop - size/2)
        m = np.array(
            [
                [c, -s, cx - (c * size / 2 - s * size / 2)],
                [s, c, cy - (s * size / 2 + c * size / 2)],
            ],
            dtype=np.float64,
        )
        return cls(m, size)

    def cut(self, rgb: U8Array, flip: bool = False) -> U8Array:
        """The crop's pixels (edges replicated where it leaves the image)."""
        out: U8Array = cv2.warpAffine(
            rgb,
            self.matrix,
            (self.size, self.size),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_REPLICATE,
        )
        return out[:, ::-1] if flip else out

    def to_image(self, pts: FloatArray, flip: bool = False) -> FloatArray:
        """Crop-pixel points (x, y, z) → image pixels; z is scaled like x."""
        p = pts.astype(np.float64).copy()
        if flip:
            p[:, 0] = self.size - p[:, 0]
        xy = p[:, :2] @ self.matrix[:, :2].T + self.matrix[:, 2]
        k = math.hypot(self.matrix[0, 0], self.matrix[1, 0])
        out: FloatArray = np.column_stack([xy, p[:, 2] * k]).astype(np.float32)
        return out


def _blob(crop: U8Array) -> cv2.typing.MatLike:
    """NCHW float input in [0, 1] (what FaceMesh and the iris model were trained on)."""
    return cv2.dnn.blobFromImage(crop, 1 / 255.0, (crop.shape[1], crop.shape[0]))


def face_crop(det: Detection) -> Crop:
    """FaceMesh's crop for a BlazeFace detection: eyes level, box enlarged 1.5 times."""
    x, y, w, h = det.box
    (ax, ay), (bx, by) = det.keypoints[0], det.keypoints[1]
    angle = math.atan2(float(by - ay), float(bx - ax))
    return Crop.around(x + w / 2, y + h / 2, max(w, h) * FACE_CROP_SCALE, angle, 192)


def crop_from_landmarks(points: FloatArray) -> Crop:
    """A refined FaceMesh crop from a first set of landmarks (the whole mesh, eyes level)."""
    (ax, ay), (bx, by) = points[33, :2], points[263, :2]
    angle = math.atan2(float(by - ay), float(bx - ax))
    c, s = math.cos(-angle), math.sin(-angle)
    centred = points[:, :2] - points[:, :2].mean(0)
    rot = centred @ np.array([[c, s], [-s, c]])
    lo, hi = rot.min(0), rot.max(0)
    mid = (lo + hi) / 2
    cx, cy = points[:, :2].mean(0) + mid @ np.array([[c, -s], [s, c]])
    side = float(max(hi - lo)) * FACE_CROP_SCALE
    return Crop.around(float(cx), float(cy), side, angle, 192)


@dataclass
class Mesh:
    """FaceMesh's answer for one face: 468 points (x, y, z) in image pixels, and how sure."""

    points: FloatArray
    presence: float


def run_facemesh(rgb: U8Array, crop: Crop) -> Mesh:
    """The 468 landmarks of the face in ``crop``, in image pixels."""
    net = load_net(FACE_LANDMARK)
    outs = net.run(_blob(crop.cut(rgb)))
    flag = next(o for o in outs if o.size == 1)
    raw = next(o for o in outs if o.size == 468 * 3).reshape(468, 3)
    presence = 1.0 / (1.0 + math.exp(-float(np.clip(flag.reshape(-1)[0], -80, 80))))
    return Mesh(crop.to_image(raw), presence)


@dataclass
class Eye:
    """The iris model's answer for one eye, in image pixels."""

    #: 71 points: the eyelid contour first (16: lower lid corner to corner, then upper lid),
    #: then rings around the eye and the brow.
    contour: FloatArray
    #: Iris centre, then four points on its edge.
    iris: FloatArray

    @property
    def iris_radius(self) -> float:
        """Mean distance from the iris centre to its edge points."""
        return float(np.linalg.norm(self.iris[1:, :2] - self.iris[0, :2], axis=1).mean())


def run_iris(rgb: U8Array, mesh: FloatArray) -> list[Eye]:
    """Both eyes (image-left first) from the iris model, placed by the face's eye corners."""
    net = load_net(IRIS_LANDMARK)
    eyes = []
    for i, (outer, inner) in enumerate(EYE_CORNERS):
        a, b = mesh[outer, :2], mesh[inner, :2]
        if i == 1:  # the other eye's corners, ordered as on the image-left eye
            a, b = b, a
        angle = math.atan2(float(b[1] - a[1]), float(b[0] - a[0]))
        side = float(np.hypot(*(b - a))) * EYE_CROP_SCALE
        mid = (a + b) / 2
        crop = Crop.around(float(mid[0]), float(mid[1]), side, angle, 64)
        flip = i == 1
        outs = net.run(_blob(np.ascontiguousarray(crop.cut(rgb, flip=flip))))
        contour = next(o for o in outs if o.size == 71 * 3).reshape(71, 3)
        iris = next(o for o in outs if o.size == 5 * 3).reshape(5, 3)
        eyes.append(Eye(crop.to_image(contour, flip), crop.to_image(iris, flip)))
    return eyes
