"""Real faces for the benchmark and the tests: scikit-image's astronaut, changed in known ways.

scikit-image ships one colour photograph of a real face: ``skimage.data.astronaut()`` (Eileen
Collins, a NASA portrait in the public domain). Every variant below starts from it, so the
texture is real skin, and the change is known:

* ``turn_head`` — the head turned about its vertical axis (yaw): the face's own 3-D landmarks
  (FaceMesh, on the frontal photo) are rotated and projected, and the picture is warped
  piecewise-affinely from the frontal landmarks to the turned ones. Nothing hidden appears
  (the far cheek is squeezed, not occluded): an approximation of a real head turn;
* ``rescale`` — the photo at another size (the face from ~30 px to the whole frame);
* ``expose`` — another camera exposure: linear light multiplied by a factor, then clipped;
* ``recolour`` — the skin recoloured to a target skin colour with its own texture and shading
  kept (see the function), lit by another light: the real-texture tone benchmark.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image

_LUMA = np.array([0.2126, 0.7152, 0.0722])


@lru_cache(maxsize=1)
def astronaut() -> np.ndarray:
    """The astronaut portrait, 512 x 512 RGB (read-only copy cached)."""
    from skimage import data

    rgb: np.ndarray = data.astronaut()  # type: ignore[no-untyped-call]
    rgb.setflags(write=False)
    return rgb


def turn_head(rgb: np.ndarray, landmarks: np.ndarray, yaw_deg: float) -> np.ndarray:
    """The face turned by ``yaw_deg`` about the head's vertical axis (z = 0 is the centre of
    the head in FaceMesh's coordinates); ``landmarks`` are its frontal 468 points (x, y, z).
    Points well outside the face stay where they are."""
    from skimage.transform import PiecewiseAffineTransform, warp

    pts = landmarks.astype(np.float64)
    cx = float(pts[:, 0].mean())
    t = math.radians(yaw_deg)
    turned = pts.copy()
    turned[:, 0] = cx + (pts[:, 0] - cx) * math.cos(t) - pts[:, 2] * math.sin(t)
    h, w = rgb.shape[:2]
    # a fixed ring around the face and the image corners keep the rest of the picture
    cy = float(pts[:, 1].mean())
    r = 1.3 * float(np.ptp(pts[:, 1]))
    ring = np.array(
        [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in np.linspace(0, 2 * math.pi, 24)]
        + [(0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)]
    )
    src = np.vstack([pts[:, :2], ring])
    dst = np.vstack([turned[:, :2], ring])
    # output (turned) coordinates → input (frontal) coordinates
    tform = PiecewiseAffineTransform.from_estimate(dst, src)  # type: ignore[no-untyped-call]
    out = warp(rgb, tform, output_shape=(h, w), order=1, mode="edge", preserve_range=True)  # type: ignore[no-untyped-call]
    result: np.ndarray = np.clip(np.rint(out), 0, 255).astype(np.uint8)
    return result


def rescale(rgb: np.ndarray, factor: float) -> np.ndarray:
    """The photo resized by ``factor`` (area averaging down, cubic up)."""
    h, w = rgb.shape[:2]
    size = (max(1, round(w * factor)), max(1, round(h * factor)))
    interp = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    out: np.ndarray = cv2.resize(rgb, size, interpolation=interp)
    return out


def to_linear(rgb: np.ndarray) -> np.ndarray:
    """Linear-light RGB in [0, 1] of an 8-bit sRGB image."""
    x = rgb.astype(np.float64) / 255.0
    out: np.ndarray = np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)
    return out


def to_srgb(lin: np.ndarray) -> np.ndarray:
    """8-bit sRGB of linear-light RGB (clipped to [0, 1], as a sensor clips)."""
    x = np.clip(lin, 0.0, 1.0)
    enc = np.where(x <= 0.0031308, 12.92 * x, 1.055 * np.power(x, 1 / 2.4) - 0.055)
    out: np.ndarray = np.clip(np.rint(enc * 255.0), 0, 255).astype(np.uint8)
    return out


def expose(rgb: np.ndarray, factor: float) -> np.ndarray:
    """The same scene at ``factor`` times the exposure (linear light, clipped like a sensor)."""
    return to_srgb(to_linear(rgb) * factor)


def jpeg(rgb: np.ndarray, quality: int = 90) -> bytes:
    """JPEG bytes of an RGB array."""
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def png(rgb: np.ndarray) -> bytes:
    """PNG bytes of an RGB array."""
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="PNG")
    return buf.getvalue()


# ------------------------------------------------------------------ recolouring


#: Residual casts of four lights after a phone's white balance (linear-sRGB gains,
#: luminance 1): the warm and shade casts are Planckian 4500 K and 8000 K relative to D65,
#: as in the synthetic benchmark; fluorescent is a 4500 K cast with the green excess that
#: white balance leaves under tubes (a green-magenta error it does not correct).
def light_gains() -> dict[str, np.ndarray]:
    """The four lights of the real-texture tone benchmark."""
    from bench.analysis.synthetic import cct_gains

    fluo = cct_gains(4500) * np.array([1.0, 1.07, 1.0])
    return {
        "warm": cct_gains(4500),
        "daylight": np.ones(3),
        "shade": cct_gains(8000),
        "fluorescent": fluo / float(fluo @ _LUMA),
    }


def skin_weight(rgb: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """How much each pixel is the astronaut's skin (0-1, feathered): pixels near her own skin
    colour in her face and neck, and her lips (they darken with the skin); eyes, brows and
    teeth out."""
    from skinlab.color import rgb_to_lab
    from skinlab.landmarks import FACE_OVAL, FEATURE_POLYGONS, MOUTH_OPENING, polygon_mask

    lab = rgb_to_lab(np.ascontiguousarray(rgb)).astype(np.float64)
    h, w = rgb.shape[:2]
    face = polygon_mask(landmarks, FACE_OVAL, rgb.shape)
    ys, xs = np.nonzero(face)
    region = np.zeros((h, w), np.uint8)
    fh = int(np.ptp(ys))
    # the face and the neck below it (down to the collar of her suit)
    cv2.rectangle(
        region, (int(xs.min()), int(ys.min())), (int(xs.max()), int(ys.max() + 0.45 * fh)), 1, -1
    )
    cheeks = polygon_mask(landmarks, (116, 117, 118, 119, 100, 142, 36, 205, 187, 123), rgb.shape)
    ref = np.median(lab[cheeks], axis=0)
    d_ab = np.hypot(lab[..., 1] - ref[1], lab[..., 2] - ref[2])
    near = (d_ab < 14) & (lab[..., 0] > ref[0] - 28) & (lab[..., 0] < 99)
    features = np.zeros((h, w), bool)
    for name in ("right_eye", "left_eye", "right_brow", "left_brow"):
        features |= polygon_mask(landmarks, FEATURE_POLYGONS[name], rgb.shape)
    # lips darken with the skin (their redness is kept as a ratio); the mouth opening (her
    # teeth, near enough to her skin's colour to pass the test above) stays as it is
    teeth = polygon_mask(landmarks, MOUTH_OPENING, rgb.shape)
    lips = polygon_mask(landmarks, FEATURE_POLYGONS["lips"], rgb.shape) & ~teeth
    m = (((near & (region > 0)) | lips) & ~features & ~teeth).astype(np.float32)
    m = cv2.morphologyEx(m, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    out: np.ndarray = np.clip(cv2.GaussianBlur(m, (0, 0), 1.2), 0, 1)
    return out


def recolour(
    rgb: np.ndarray,
    weight: np.ndarray,
    target_lab: tuple[float, float, float],
    gains: np.ndarray,
) -> np.ndarray:
    """The skin recoloured to ``target_lab`` with its texture kept, then the scene lit by
    ``gains`` (linear-sRGB multipliers of the light).

    Each skin pixel's linear RGB is its own colour divided by the skin's median colour (so
    shading, pores, freckles and redness stay as the ratios they are) times the target
    colour: the median skin pixel becomes exactly ``target_lab`` (the truth). Pixels partly
    skin (the feathered edge) are blended. Auto-exposure is lowered only if the lit skin
    would clip, as a phone's would.
    """
    from bench.analysis.synthetic import lab_to_linear

    lin = to_linear(rgb)
    skin = weight > 0.5
    median = np.median(lin[skin], axis=0)
    target = lab_to_linear(target_lab)
    skin_lin = lin / np.maximum(median, 1e-6) * target
    mixed = lin * (1 - weight[..., None]) + skin_lin * weight[..., None]
    lit = mixed * gains[None, None, :]
    exposure = min(1.0, 0.98 / float(np.percentile(lit[skin].max(axis=1), 99)))
    return to_srgb(lit * exposure)
