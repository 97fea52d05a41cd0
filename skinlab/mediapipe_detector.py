"""The default face detector: BlazeFace, then FaceMesh's 468 landmarks and the iris model.

A face the landmark model cannot place (too small in the picture, or turned, covered or
blurred so that FaceMesh does not recognise a face in the crop) is still returned, with the
detector's box and eye keypoints, no landmarks, and ``landmark_issue`` saying why, so the
result can tell the person what to do instead of measuring guessed regions as if they were
exact.
"""

from __future__ import annotations

import numpy as np

from skinlab._types import FloatArray, U8Array
from skinlab.blazeface import Detection, detect_faces
from skinlab.detect import Box, Face
from skinlab.facemesh import (
    MIN_PRESENCE,
    crop_from_landmarks,
    face_crop,
    run_facemesh,
    run_iris,
)
from skinlab.landmarks import FEATURE_POLYGONS, head_pose

#: A face narrower than this (working-image pixels) is too small for landmarks: FaceMesh
#: would place its 468 points on a blur of a few dozen pixels.
MIN_LANDMARK_FACE_PX = 40
#: Beyond these angles (degrees) the face is reported as turned (``face_turned``): a cheek
#: is then foreshortened and its colour and texture are measured at a slant.
MAX_FRONTAL_YAW = 20.0
MAX_FRONTAL_PITCH = 25.0
#: A detection FaceMesh does not recognise as a face is kept (as ``face_unclear``) only when
#: the detector itself is this sure: BlazeFace's weak hits on skin texture (two PAD close-ups
#: at 0.55) are not faces, and FaceMesh says so (presence < 0.001).
MIN_SCORE_WITHOUT_MESH = 0.75
#: Faces examined per photo (best first); the rest are ignored.
MAX_FACES = 3


def _eye_box(points: FloatArray, indices: tuple[int, ...]) -> Box:
    """Bounding box of an eye outline, grown a little (lids and lashes)."""
    xy = points[list(indices), :2]
    x0, y0 = xy.min(0)
    x1, y1 = xy.max(0)
    w, h = x1 - x0, y1 - y0
    pad_x = 0.15 * w
    pad_y = (max(1.3 * h, 0.5 * w) - h) / 2  # an open eye is about half as tall as wide
    return (
        round(x0 - pad_x),
        round(y0 - pad_y),
        max(1, round(w + 2 * pad_x)),
        max(1, round(h + 2 * pad_y)),
    )


def _box_of_points(points: FloatArray) -> Box:
    x0, y0 = points[:, :2].min(0)
    x1, y1 = points[:, :2].max(0)
    return round(x0), round(y0), max(1, round(x1 - x0)), max(1, round(y1 - y0))


def _keypoint_eyes(det: Detection) -> list[Box]:
    """Eye boxes around the detector's two eye keypoints (no landmarks)."""
    w = det.box[2]
    side = 0.22 * w
    eyes = [
        (round(x - side / 2), round(y - side / 3), round(side), round(side / 1.5))
        for x, y in det.keypoints[:2]
    ]
    return sorted(eyes, key=lambda b: b[0])


class MediaPipeFaceDetector:
    """BlazeFace + FaceMesh + iris (MediaPipe, Apache-2.0) run by ``cv2.dnn``."""

    name = "mediapipe"

    def __init__(self) -> None:
        # load and verify every model now, so a missing or damaged file is refused before
        # any work (ConfigurationError), as for a YuNet path
        from skinlab.models import (
            FACE_DETECTION_FULL,
            FACE_DETECTION_SHORT,
            FACE_LANDMARK,
            IRIS_LANDMARK,
            load_net,
        )

        for model in (FACE_DETECTION_SHORT, FACE_DETECTION_FULL, FACE_LANDMARK, IRIS_LANDMARK):
            load_net(model)

    def detect(self, image: U8Array) -> list[Face]:
        """Faces in an RGB (or grey) image, best first, with landmarks where possible."""
        rgb = image if image.ndim == 3 else np.repeat(image[..., None], 3, axis=2)
        rgb = np.ascontiguousarray(rgb)
        found = (self._face(rgb, det) for det in detect_faces(rgb)[:MAX_FACES])
        faces = [f for f in found if f is not None]
        # a face with landmarks before one without, then the larger
        faces.sort(key=lambda f: (f.landmarks is not None, f.box[2] * f.box[3]), reverse=True)
        if faces and faces[0].landmarks is not None:
            faces[0].irises = run_iris(rgb, faces[0].landmarks)
        return faces

    def _face(self, rgb: U8Array, det: Detection) -> Face | None:
        x, y, w, h = det.box
        box = (round(x), round(y), max(1, round(w)), max(1, round(h)))
        if w < MIN_LANDMARK_FACE_PX:
            return self._without_landmarks(det, box, "face_too_small")
        mesh = run_facemesh(rgb, face_crop(det))
        if mesh.presence >= MIN_PRESENCE:
            # a second pass on a crop fitted to the first landmarks (MediaPipe's own
            # refinement in video): steadier points on small or tilted faces
            second = run_facemesh(rgb, crop_from_landmarks(mesh.points))
            if second.presence >= MIN_PRESENCE:
                mesh = second
        if mesh.presence < MIN_PRESENCE:
            if det.score < MIN_SCORE_WITHOUT_MESH:
                return None  # two models disagree, the surer one says no face
            return self._without_landmarks(det, box, "face_unclear")
        pts = mesh.points
        yaw, pitch, roll = head_pose(pts)
        eyes = sorted(
            (_eye_box(pts, FEATURE_POLYGONS[n]) for n in ("right_eye", "left_eye")),
            key=lambda b: b[0],
        )
        frontal = abs(yaw) <= MAX_FRONTAL_YAW and abs(pitch) <= MAX_FRONTAL_PITCH
        return Face(
            box=_box_of_points(pts),
            eyes=eyes,
            score=det.score,
            frontal=frontal,
            landmarks=pts,
            pose=(yaw, pitch, roll),
        )

    @staticmethod
    def _without_landmarks(det: Detection, box: Box, issue: str) -> Face:
        return Face(
            box=box,
            eyes=_keypoint_eyes(det),
            score=det.score,
            frontal=issue != "face_unclear",
            landmark_issue=issue,
        )
