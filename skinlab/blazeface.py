"""BlazeFace (MediaPipe's face detector) run with OpenCV's DNN: anchors, decoding, NMS.

BlazeFace is a single-shot detector: for each anchor (a fixed point on a grid over the
square input) it predicts a face score and a box plus six keypoints (two eyes, nose tip,
mouth, two ear tragions) as offsets from the anchor, in input pixels. Two models are used:
the short-range one (128 px input, faces filling a good part of the picture, as in a selfie)
and, when it finds nothing, the full-range one (192 px, smaller faces further away).

Anchor layouts follow MediaPipe's SSD anchor options for these models (reference: Bazarevsky
et al. 2019, "BlazeFace: Sub-millisecond Neural Face Detection on Mobile GPUs").
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from skinlab._types import FloatArray, U8Array
from skinlab.models import FACE_DETECTION_FULL, FACE_DETECTION_SHORT, ModelFile, load_net

#: Faces scoring below this are not faces (MediaPipe's own default).
MIN_SCORE = 0.5
#: Boxes overlapping more than this (IoU) are the same face.
NMS_IOU = 0.3
#: Raw logits are clipped here before the sigmoid (MediaPipe clips at 100; float32 overflows).
_LOGIT_CLIP = 80.0


@dataclass(frozen=True)
class Detection:
    """One face found by BlazeFace, in image pixels."""

    #: x, y, w, h of the face box.
    box: tuple[float, float, float, float]
    #: The six keypoints (x, y): eye, eye, nose tip, mouth, ear, ear (as the model orders them).
    keypoints: FloatArray
    score: float


def _anchors(input_size: int, strides: tuple[int, ...], per_cell: tuple[int, ...]) -> FloatArray:
    """Anchor centres (normalised x, y), one row per anchor, in the model's output order."""
    rows = []
    for stride, count in zip(strides, per_cell, strict=True):
        n = input_size // stride
        ys, xs = np.mgrid[0:n, 0:n]
        centres = np.stack([(xs + 0.5) / n, (ys + 0.5) / n], axis=-1).reshape(-1, 2)
        rows.append(np.repeat(centres, count, axis=0))
    out: FloatArray = np.concatenate(rows).astype(np.float32)
    return out


# Short range: a 16x16 grid with 2 anchors per cell, then an 8x8 grid with 6 (three layers of
# stride 16 share it, 2 anchors each): 512 + 384 = 896. Full range: one 48x48 grid, 1 anchor.
_LAYOUT: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    FACE_DETECTION_SHORT.name: ((8, 16), (2, 6)),
    FACE_DETECTION_FULL.name: ((4,), (1,)),
}
_anchor_cache: dict[str, FloatArray] = {}


def anchors_for(model: ModelFile) -> FloatArray:
    """The anchors of ``model`` (computed once)."""
    if model.name not in _anchor_cache:
        strides, per_cell = _LAYOUT[model.name]
        _anchor_cache[model.name] = _anchors(model.input_size, strides, per_cell)
    return _anchor_cache[model.name]


def _letterbox(rgb: U8Array, size: int) -> tuple[U8Array, float, float, float]:
    """The image centred on a square canvas of ``size`` px (aspect kept), with the mapping
    back: image = (canvas - offset) / scale."""
    h, w = rgb.shape[:2]
    scale = size / max(h, w)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    small = cv2.resize(rgb, (nw, nh), interpolation=cv2.INTER_AREA)
    canvas = np.zeros((size, size, 3), np.uint8)
    ox, oy = (size - nw) // 2, (size - nh) // 2
    canvas[oy : oy + nh, ox : ox + nw] = small
    return canvas, scale, float(ox), float(oy)


def _iou(a: FloatArray, b: FloatArray) -> FloatArray:
    """IoU of box ``a`` (x0, y0, x1, y1) with each row of ``b``."""
    ix0 = np.maximum(a[0], b[:, 0])
    iy0 = np.maximum(a[1], b[:, 1])
    ix1 = np.minimum(a[2], b[:, 2])
    iy1 = np.minimum(a[3], b[:, 3])
    inter = np.clip(ix1 - ix0, 0, None) * np.clip(iy1 - iy0, 0, None)
    area_a = (a[2] - a[0]) * (a[3] - a[1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    out: FloatArray = inter / np.maximum(area_a + area_b - inter, 1e-9)
    return out


def weighted_nms(
    boxes: FloatArray, points: FloatArray, scores: FloatArray
) -> list[tuple[FloatArray, FloatArray, float]]:
    """Group overlapping detections and average each group weighted by score (as MediaPipe
    does: neighbouring anchors all see the face, and their mean is steadier than the best)."""
    order = np.argsort(-scores)
    boxes, points, scores = boxes[order], points[order], scores[order]
    left = np.ones(len(scores), bool)
    out = []
    for i in range(len(scores)):
        if not left[i]:
            continue
        same = left & (_iou(boxes[i], boxes) > NMS_IOU)
        left &= ~same
        w = scores[same][:, None]
        out.append(
            (
                (boxes[same] * w).sum(0) / w.sum(),
                (points[same] * w[:, :, None]).sum(0) / w.sum(),
                float(scores[i]),
            )
        )
    return out


def detect(rgb: U8Array, model: ModelFile, min_score: float = MIN_SCORE) -> list[Detection]:
    """Faces found by one BlazeFace model on an RGB image, best first."""
    net = load_net(model)
    size = model.input_size
    canvas, scale, ox, oy = _letterbox(rgb, size)
    # NCHW, RGB, scaled to [-1, 1] as the model was trained
    blob = cv2.dnn.blobFromImage(canvas, 1 / 127.5, (size, size), (127.5, 127.5, 127.5))
    outs = net.run(blob)
    raw_scores = next(o for o in outs if o.shape[-1] == 1).reshape(-1)
    raw = next(o for o in outs if o.shape[-1] == 16).reshape(-1, 8, 2)
    scores = 1.0 / (1.0 + np.exp(-np.clip(raw_scores, -_LOGIT_CLIP, _LOGIT_CLIP)))
    keep = scores >= min_score
    if not keep.any():
        return []
    anchors = anchors_for(model)[keep]
    raw = raw[keep] / size
    centre = raw[:, 0] + anchors
    half = raw[:, 1] / 2
    boxes = np.concatenate([centre - half, centre + half], axis=1)  # x0, y0, x1, y1
    points = raw[:, 2:] + anchors[:, None, :]
    found = []
    for box, pts, score in weighted_nms(boxes, points, scores[keep]):
        # canvas (normalised) → image pixels
        x0, y0 = (box[0] * size - ox) / scale, (box[1] * size - oy) / scale
        x1, y1 = (box[2] * size - ox) / scale, (box[3] * size - oy) / scale
        kp = np.stack([(pts[:, 0] * size - ox) / scale, (pts[:, 1] * size - oy) / scale], 1)
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        found.append(Detection((x0, y0, x1 - x0, y1 - y0), kp.astype(np.float32), score))
    return found


def detect_faces(rgb: U8Array, min_score: float = MIN_SCORE) -> list[Detection]:
    """Faces in ``rgb`` (best first): the short-range model, then the full-range one if the
    short-range model found nothing (small faces, people further from the camera)."""
    found = detect(rgb, FACE_DETECTION_SHORT, min_score)
    if not found:
        found = detect(rgb, FACE_DETECTION_FULL, min_score)
    return found
