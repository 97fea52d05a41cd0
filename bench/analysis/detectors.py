"""The landmark model against Haar, side by side: faces found, regions against truth, speed.

* Faces found: the astronaut at ten sizes (the image 28 to 4032 px wide, her face 5 to
  830 px) and turned ±30° (``turn_head``); the real-texture tone set (80 photos, every
  Monk tone).
* Regions on synthetic faces drawn on a real face's geometry (``meshface``), per region and
  per skin tone. The renderer draws the face through the 468 FaceMesh points of a real
  person, so it knows where every landmark is, and returns the true regions: the engine's
  region definitions laid through those known points. The same face (same seed) is drawn at
  every tone and light with the camera's noise and JPEG; IoU against that truth is the
  target's figure. Beside it, the consistency figure: IoU with the regions the same detector
  places on the clean, mid-tone (Monk 5), daylight rendering of that face, which shows
  whether placement holds up on dark skin, under coloured light and noise, but not whether
  it is right.
* Speed: each detector on a 1024 x 768 photo, one core, median of many runs.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from bench.analysis.meshface import render_real_face
from bench.analysis.real_faces import astronaut, rescale, turn_head
from bench.analysis.synthetic import ILLUMINANTS, render
from skinlab.detect import make_face_detector
from skinlab.pipeline import plausible_face
from skinlab.tone import MONK_SKIN_LAB

SCALES = (0.055, 0.08, 0.12, 0.2, 0.3, 0.45, 0.8, 1.0, 2.0, 7.875)
REGION_NAMES = (
    "forehead", "left_cheek", "right_cheek", "nose", "chin",
    "left_under_eye", "right_under_eye", "left_eye_corner", "right_eye_corner",
)  # fmt: skip


def astronaut_cases() -> list[tuple[str, np.ndarray]]:
    """(label, image): ten sizes and two head turns."""
    rgb = astronaut()
    face = make_face_detector("mediapipe").detect(rgb)[0]
    assert face.landmarks is not None
    out = [(f"size x{s:g} ({round(512 * s)} px)", rescale(rgb, s)) for s in SCALES]
    out += [(f"turned {y:+d}°", turn_head(rgb, face.landmarks, y)) for y in (-30, 30)]
    return out


def faces_found(detector: str, image: np.ndarray) -> tuple[bool, bool, str]:
    """(a face found, landmarks placed, measured yaw) by ``detector`` on ``image``."""
    gray_shape = image.shape[:2]
    faces = make_face_detector(detector).detect(image)
    face = next((f for f in faces if plausible_face(f, gray_shape)), None)
    if face is None:
        return False, False, "-"
    yaw = f"{face.pose[0]:+.0f}°" if face.pose is not None else "-"
    return True, face.landmarks is not None, yaw


def _regions(detector: str, rgb: np.ndarray) -> dict[str, np.ndarray] | None:
    """Where ``detector`` places each region (its geometry, before any skin test): the
    landmark regions as the engine draws them, or Haar's boxes from the eyes."""
    from skinlab.landmarks import region_masks
    from skinlab.regions import eye_geometry, face_region_boxes

    faces = make_face_detector(detector).detect(rgb)
    face = next((f for f in faces if plausible_face(f, rgb.shape)), None)
    if face is None:
        return None
    if face.landmarks is not None:
        return region_masks(face.landmarks, rgb.shape, eye_geometry(face)[:2])
    geometry = {}
    boxes = face_region_boxes(face, rgb.shape)
    for name in REGION_NAMES:
        x, y, w, h = boxes[name]
        m = np.zeros(rgb.shape[:2], bool)
        m[y : y + h, x : x + w] = True
        geometry[name] = m
    return geometry


def _iou(a: np.ndarray, b: np.ndarray) -> float:
    union = int((a | b).sum())
    return float((a & b).sum()) / union if union else 0.0


#: Per detector, per Monk tone (1-10), per region: the IoUs over every face and light.
ToneRegionIoU = dict[str, dict[int, dict[str, list[float]]]]


def region_iou(
    detectors: tuple[str, ...] = ("mediapipe", "haar"), seeds: tuple[int, ...] = (21, 22, 23)
) -> tuple[ToneRegionIoU, ToneRegionIoU]:
    """IoU of each detector's regions with the renderer's true regions (``truth``) and with
    the same detector's regions on the same face's clean Monk 5 daylight rendering
    (``consistency``), for every Monk tone under every light. A face the detector misses
    scores 0 on every region. Each scene is rendered once and given to every detector."""
    truth: ToneRegionIoU = {
        d: {m: {n: [] for n in REGION_NAMES} for m in range(1, 11)} for d in detectors
    }
    consistency: ToneRegionIoU = {
        d: {m: {n: [] for n in REGION_NAMES} for m in range(1, 11)} for d in detectors
    }
    for seed in seeds:
        clean = render_real_face(seed, MONK_SKIN_LAB[4], noise=0.0, blur=0.0)
        refs = {d: _regions(d, clean.rgb) for d in detectors}
        for m in range(1, 11):
            for light in ILLUMINANTS:
                img = render_real_face(seed, MONK_SKIN_LAB[m - 1], illuminant=light)
                for d in detectors:
                    got = _regions(d, img.rgb)
                    ref = refs[d]
                    for n in REGION_NAMES:
                        truth[d][m][n].append(0.0 if got is None else _iou(got[n], img.regions[n]))
                        consistency[d][m][n].append(
                            0.0 if got is None or ref is None else _iou(got[n], ref[n])
                        )
    return truth, consistency


def per_region(scores: dict[int, dict[str, list[float]]]) -> dict[str, float]:
    """Mean IoU of each region over every tone, light and face."""
    return {n: statistics.fmean(v for m in scores for v in scores[m][n]) for n in REGION_NAMES}


def per_tone(scores: dict[int, dict[str, list[float]]], region: str) -> dict[int, float]:
    """Mean IoU of one region for each Monk tone (over lights and faces)."""
    return {m: statistics.fmean(scores[m][region]) for m in scores}


def detector_ms(detector: str, runs: int = 15) -> float:
    """Median milliseconds (CPU) of one detection on a 1024 x 768 synthetic face photo."""
    rgb = render(3, MONK_SKIN_LAB[5], size=(1024, 768)).rgb
    det = make_face_detector(detector)
    det.detect(rgb)
    times = []
    for _ in range(runs):
        t = time.process_time()
        det.detect(rgb)
        times.append(1000 * (time.process_time() - t))
    return statistics.median(times)
