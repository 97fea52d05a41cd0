"""Seeded synthetic skin images with known truth, for the benchmark and the tests.

A scene is rendered in *linear light* from albedos given in CIELAB, lit by a known
illuminant, then camera-processed (blur, noise, sRGB encoding, JPEG). Two layouts:

The skin rendered for Monk tone k is that tone *as real skin photographs*
(``skinlab.tone.MONK_SKIN_LAB``: the official display swatch mapped onto the colorimetric range of
real skin), not the display swatch itself: real skin never reflects 86 % of the light like the
Monk 1 swatch, nor under 2 % like Monk 10. The ITA truth is computed from the rendered colour;
the Monk truth is the nearest photographed swatch (k for the ten tones themselves).
``palette="display"`` renders the official display colours instead (the 0.1-0.2 benchmark).

* ``face`` — a drawn frontal face (eyes with sclera, brows, nose, lips, hair) on a near-neutral
  wall: skin albedo exactly the requested CIELAB colour, mild shading, planted inflamed papules
  (known count and positions), dark spots, forehead lines and T-zone shine; optionally (off by
  default, for the concern tests) crow's feet, red cheeks, dark circles, mottled pigment and
  fine surface texture, whose centres are returned in ``SyntheticImage.planted``;
* ``patch`` — a skin close-up (no face) beside a near-neutral surface, with papules and spots.

Illuminants are luminance-normalised (the camera's auto-exposure keeps the brightness), so
the truth is the skin albedo's CIELAB and only the colour of the light changes — except that
the exposure is lowered just enough to keep the skin from clipping, as a phone's
auto-exposure would (this only happens for the lightest tones under the warm light). Everything is
drawn from ``numpy.random.default_rng(seed)``: the same seed gives the same image.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image
from skimage.color import lab2rgb

from skinlab.tone import MONK_LAB, MONK_SKIN_LAB, nearest_swatch

_LUMA = np.array([0.2126, 0.7152, 0.0722])


def lab_to_linear(lab: tuple[float, float, float]) -> np.ndarray:
    """Linear sRGB (may exceed [0, 1] slightly) of a CIELAB colour."""
    srgb = lab2rgb(np.array([[lab]], dtype=np.float64))[0, 0]
    out: np.ndarray = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    return out


def cct_gains(cct: float) -> np.ndarray:
    """Linear-sRGB colour of a Planckian light of ``cct`` kelvin, relative to D65, luminance 1."""
    t = float(cct)
    # Kim et al. (2002) cubic fit of the Planckian locus in CIE xy.
    if t <= 4000:
        x = -0.2661239e9 / t**3 - 0.2343589e6 / t**2 + 0.8776956e3 / t + 0.179910
    else:
        x = -3.0258469e9 / t**3 + 2.1070379e6 / t**2 + 0.2226347e3 / t + 0.240390
    if t <= 2222:
        y = -1.1063814 * x**3 - 1.34811020 * x**2 + 2.18555832 * x - 0.20219683
    elif t <= 4000:
        y = -0.9549476 * x**3 - 1.37418593 * x**2 + 2.09137015 * x - 0.16748867
    else:
        y = 3.0817580 * x**3 - 5.87338670 * x**2 + 3.75112997 * x - 0.37001483
    xyz = np.array([x / y, 1.0, (1 - x - y) / y])
    m = np.array([[3.2406, -1.5372, -0.4986], [-0.9689, 1.8758, 0.0415], [0.0557, -0.2040, 1.0570]])
    rgb = m @ xyz
    out: np.ndarray = rgb / float(rgb @ _LUMA)
    return out


ILLUMINANTS: dict[str, np.ndarray] = {
    "daylight": np.ones(3),  # D65: the sRGB white point
    # Phones white-balance on their own, so what is left in a photo is a *residual* cast:
    # a warm 4500 K tungsten/sunset-like cast and a cool 8000 K shade-like cast.
    "warm": cct_gains(4500),
    "cool": cct_gains(8000),
}


PALETTES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "skin": MONK_SKIN_LAB,  # the ten tones as real skin photographs (0.3.0)
    "display": MONK_LAB,  # the official display swatches (the benchmark of 0.1-0.2)
}


def monk_truth(lab: tuple[float, float, float], palette: str = "skin") -> int:
    """Nearest Monk tone (1-10) of a truth colour in ``palette``, by CIEDE2000."""
    return nearest_swatch(lab, PALETTES[palette])


def benchmark_tones(
    in_between: bool = True, palette: str = "skin"
) -> list[tuple[str, tuple[float, float, float]]]:
    """The ten Monk tones' skin colours, and (optionally) the midpoints between neighbours."""
    pal = PALETTES[palette]
    tones = [(f"monk{i + 1}", pal[i]) for i in range(10)]
    if in_between:
        for i in range(9):
            a, b = np.array(pal[i]), np.array(pal[i + 1])
            m = tuple(float(v) for v in (a + b) / 2)
            tones.append((f"monk{i + 1}.5", (m[0], m[1], m[2])))
    return tones


@dataclass
class SyntheticImage:
    """A rendered scene and its truth."""

    jpeg: bytes
    rgb: np.ndarray
    skin_lab: tuple[float, float, float]
    layout: str
    illuminant: str
    papules: list[tuple[int, int]] = field(default_factory=list)
    dark_spots: list[tuple[int, int]] = field(default_factory=list)
    face_box: tuple[int, int, int, int] | None = None
    #: Centres of the optional planted features (face layout): "lines", "crow_feet",
    #: "shine", "redness", "dark_circles" → [(x, y), ...]; "mottling"/"texture" → face centre.
    planted: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    #: The true skin regions, by region name, of a face drawn on known landmarks
    #: (``meshface.render_real_face``): where the face is, not where a detector finds it.
    #: Empty for this module's layouts, whose drawing has no real face's proportions.
    regions: dict[str, np.ndarray] = field(default_factory=dict)
    #: Where that face's 468 FaceMesh landmarks truly are (x, y image pixels); None otherwise.
    landmarks: np.ndarray | None = None

    @property
    def monk(self) -> int:
        """Truth Monk tone."""
        return monk_truth(self.skin_lab)

    @property
    def ita(self) -> float:
        """Truth ITA°."""
        L, _, b = self.skin_lab
        return math.degrees(math.atan2(L - 50.0, b))


def offset_lab(base: tuple[float, float, float], dL: float, da: float, db: float) -> np.ndarray:
    L, a, b = base
    return lab_to_linear((float(np.clip(L + dL, 1, 99)), a + da, b + db))


#: Relative absorption of the skin's two chromophores in the linear-sRGB channels (R, G, B):
#: haemoglobin absorbs green most, blue less and red little; melanin absorbs more the shorter
#: the wavelength. A feature planted with ``physical=True`` multiplies the skin's reflectance
#: by exp(-k · absorption) (Beer-Lambert): the same k is the same amount of pigment, so the
#: same *physical* contrast on every skin tone (an offset in CIELAB is not: 14 L* units is a
#: faint mark on light skin and a near-black one on Monk 10).
HAEMOGLOBIN = np.array([0.12, 1.0, 0.55])
MELANIN = np.array([0.5, 0.75, 1.0])
#: Absorbance (k) of flushed cheeks at their centre, of an inflamed papule, of a dark spot.
FLUSH_ABSORBANCE = 0.45
PAPULE_ABSORBANCE = 0.8
SPOT_ABSORBANCE = 0.8


def _absorb(canvas: np.ndarray, alpha: np.ndarray, absorption: np.ndarray, k: float) -> None:
    canvas *= np.exp(-k * alpha[..., None] * absorption[None, None, :])


def _blob(canvas: np.ndarray, alpha: np.ndarray, colour: np.ndarray) -> None:
    canvas[:] = canvas * (1 - alpha[..., None]) + colour[None, None, :] * alpha[..., None]


def gauss_alpha(
    shape: tuple[int, int], cx: float, cy: float, r: float
) -> tuple[np.ndarray, tuple[slice, slice]]:
    H, W = shape
    x0, x1 = max(0, int(cx - 3 * r)), min(W, int(cx + 3 * r) + 1)
    y0, y1 = max(0, int(cy - 3 * r)), min(H, int(cy + 3 * r) + 1)
    yy, xx = np.mgrid[y0:y1, x0:x1]
    a = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * (r / 1.6) ** 2))
    a = np.clip(a * 1.6, 0, 1)  # flat-ish top, soft edge
    return a, (slice(y0, y1), slice(x0, x1))


def _smooth_noise(rng: np.random.Generator, shape: tuple[int, int], sigma: float) -> np.ndarray:
    """Gaussian noise smoothed to features about ``sigma`` pixels across, unit variance."""
    field_ = np.asarray(cv2.GaussianBlur(rng.normal(size=shape), (0, 0), sigma), np.float64)
    out: np.ndarray = field_ / (float(field_.std()) + 1e-9)
    return out


@dataclass(frozen=True)
class FaceGeometry:
    """Where the face layout draws its features (image pixels, before any int() of OpenCV's
    drawing calls). ``fw`` is the face width; the eyes' pupils sit at ``cx ± d/2`` on the line
    ``ey``. A drawing's proportions, not a person's: the region benchmark draws its faces on
    a real face's landmarks instead (``meshface``)."""

    cx: float
    ey: float
    fw: float

    @property
    def d(self) -> float:
        """Inter-pupil distance."""
        return 0.4 * self.fw

    @property
    def pupils(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """Image-left (the person's right) first."""
        return (self.cx - self.d / 2, self.ey), (self.cx + self.d / 2, self.ey)

    @property
    def face(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The face outline: an ellipse's centre and semi-axes."""
        return (self.cx, self.ey + 0.15 * self.fw), (0.5 * self.fw, 0.68 * self.fw)

    @property
    def hairline(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The hair over the top of the forehead: an ellipse's centre and semi-axes."""
        return (self.cx, self.ey - 0.55 * self.fw), (0.55 * self.fw, 0.2 * self.fw)

    @property
    def eye_axes(self) -> tuple[float, float]:
        """Semi-axes of each eye's white (its corners are this far either side of the pupil)."""
        return 0.09 * self.fw, 0.04 * self.fw

    @property
    def brow_axes(self) -> tuple[float, float]:
        """Semi-axes of each brow's arc (drawn from 200° to 340°, centred above the pupil)."""
        return 0.11 * self.fw, 0.05 * self.fw

    @property
    def brow_dy(self) -> float:
        """How far the brow arcs' centres lie above the eye line."""
        return 0.06 * self.fw

    @property
    def brow_thickness(self) -> int:
        return max(2, int(0.025 * self.fw))

    @property
    def nostril_dx(self) -> float:
        """How far each nostril's centre lies from the midline."""
        return 0.05 * self.fw

    @property
    def nostril_y(self) -> float:
        return self.ey + 0.32 * self.fw

    @property
    def nostril_axes(self) -> tuple[float, float]:
        return 0.03 * self.fw, 0.015 * self.fw

    @property
    def lips(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The lips: an ellipse's centre and semi-axes."""
        return (self.cx, self.ey + 0.5 * self.fw), (0.17 * self.fw, 0.05 * self.fw)


def _ellipse_mask(
    shape: tuple[int, int], ellipse: tuple[tuple[float, float], tuple[float, float]]
) -> np.ndarray:
    """A filled ellipse drawn exactly as ``render`` draws it (same integer centre and axes)."""
    (x, y), (a, b) = ellipse
    m = np.zeros(shape, np.uint8)
    cv2.ellipse(m, (int(x), int(y)), (int(a), int(b)), 0, 0, 360, 1, -1)
    out: np.ndarray = m > 0
    return out


#: The iris of every drawn eye (linear RGB).
IRIS = lab_to_linear((30.0, 8.0, 16.0))


def hair_colour(rng: np.random.Generator, skin_lab: tuple[float, float, float]) -> np.ndarray:
    """Hair and brows (linear RGB): dark, and darker than the skin, as dark hair is on every
    skin tone."""
    return lab_to_linear((min(float(rng.uniform(12, 30)), 0.65 * skin_lab[0]), 3.0, 5.0))


def sclera_colour(rng: np.random.Generator) -> np.ndarray:
    """The whites of the eyes (linear RGB): near-white, a little warm."""
    return lab_to_linear(
        (float(rng.uniform(82, 90)), float(rng.uniform(0, 1.5)), float(rng.uniform(0, 2.5)))
    )


def wall(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    """The room behind the person (linear RGB, ``size`` is width x height): a near-neutral
    wall (grey-world's assumption; real backgrounds are tested on real photos) with a gentle
    gradient across it."""
    W, H = size
    wall_L = float(rng.uniform(40, 80))
    colour = lab_to_linear((wall_L, float(rng.uniform(-0.6, 0.6)), float(rng.uniform(-0.6, 0.6))))
    img = np.empty((H, W, 3), np.float64)
    img[:] = colour
    img *= np.linspace(0.9, 1.08, W)[None, :, None]
    return img


def photograph(
    rng: np.random.Generator,
    scene: np.ndarray,
    skin: np.ndarray,
    illuminant: str,
    blur: float,
    noise: float,
    jpeg_quality: int,
) -> tuple[np.ndarray, bytes]:
    """Light the linear ``scene`` and take its picture: the light's gains, auto-exposure that
    lowers the exposure only if the ``skin`` would clip, lens blur, sRGB, sensor noise and a
    JPEG. Returns the decoded-equivalent RGB array and the JPEG bytes."""
    gains = ILLUMINANTS[illuminant]
    exposure = min(1.0, 0.98 / float(np.max(skin * gains)))
    img = scene * (gains * exposure)[None, None, :]
    if blur > 0:
        img = np.asarray(cv2.GaussianBlur(img, (0, 0), blur), dtype=np.float64)
    img = np.clip(img, 0, 1)
    srgb = np.where(img <= 0.0031308, 12.92 * img, 1.055 * np.power(img, 1 / 2.4) - 0.055) * 255
    srgb += rng.normal(0, noise, srgb.shape)
    rgb = np.clip(np.rint(srgb), 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="JPEG", quality=jpeg_quality)
    return rgb, buf.getvalue()


def render(
    seed: int,
    skin_lab: tuple[float, float, float],
    *,
    layout: str = "face",
    illuminant: str = "daylight",
    size: tuple[int, int] = (640, 480),
    n_papules: int = 0,
    n_dark_spots: int = 0,
    lines: bool = False,
    shine: bool = False,
    line_mm: float = 0.5,
    line_depth: float = 0.14,
    crow_feet: bool = False,
    redness: bool = False,
    dark_circles: bool = False,
    mottling: bool = False,
    texture: bool = False,
    physical: bool = False,
    noise: float = 2.0,
    blur: float = 0.6,
    jpeg_quality: int = 90,
) -> SyntheticImage:
    """Render one synthetic image (``size`` is width x height) with known truth.

    ``line_mm`` and ``line_depth`` set the width and the luminance drop of the forehead lines
    and crow's feet. ``physical=True`` plants papules, dark spots and flushed cheeks as
    pigment (a reflectance ratio, the same on every tone) instead of CIELAB offsets. The
    optional features draw from their own random generator, so an image with one of them is
    the same image as without it, plus the feature.
    """
    rng = np.random.default_rng(seed)
    extra_rng = np.random.default_rng([seed, 1])
    planted: dict[str, list[tuple[int, int]]] = {}
    W, H = size
    skin = lab_to_linear(skin_lab)
    img = wall(rng, size)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float64)
    papules: list[tuple[int, int]] = []
    spots: list[tuple[int, int]] = []
    face_box = None
    if layout == "face":
        fw = 0.42 * W * float(rng.uniform(0.92, 1.05))
        cx = W / 2 + float(rng.uniform(-0.04, 0.04)) * W
        ey = H * 0.42
        g = FaceGeometry(cx, ey, fw)
        d = g.d  # inter-pupil distance
        mm = d / 63.0  # pixels per millimetre
        # hair behind the head
        hair = hair_colour(rng, skin_lab)
        cv2.ellipse(
            img,
            (int(cx), int(ey - 0.1 * fw)),
            (int(0.6 * fw), int(0.75 * fw)),
            0,
            0,
            360,
            hair.tolist(),
            -1,
        )
        # neck and face
        cv2.rectangle(
            img,
            (int(cx - 0.28 * fw), int(ey + 0.5 * fw)),
            (int(cx + 0.28 * fw), H),
            skin.tolist(),
            -1,
        )
        face = _ellipse_mask((H, W), g.face).astype(np.uint8)
        img[face > 0] = skin
        # shading: a soft fall-off towards the edge of the face (mean ≈ 1 on cheeks/forehead)
        r2 = ((xx - cx) / (0.5 * fw)) ** 2 + ((yy - ey - 0.15 * fw) / (0.68 * fw)) ** 2
        shade = np.where(face > 0, np.clip(1.02 - 0.07 * r2, 0.85, 1.02), 1.0)
        img *= shade[..., None]
        centre = [(int(cx), int(ey + 0.15 * fw))]
        if mottling:
            # uneven pigment: soft darker, yellower blotches a few millimetres across
            blotch = _smooth_noise(extra_rng, (H, W), 2.5 * mm)
            alpha = np.clip(blotch - 0.3, 0, 1.5) / 1.5 * (face > 0)
            _blob(img, alpha, offset_lab(skin_lab, -7, 1, 6))
            planted["mottling"] = centre
        if texture:
            # pores and a rough surface: fine (≈ 1 mm) light-dark variation of the skin
            grain = _smooth_noise(extra_rng, (H, W), 0.7 * mm)
            img *= np.where(face > 0, 1.0 + 0.08 * np.clip(grain, -3, 3), 1.0)[..., None]
            planted["texture"] = centre
        if redness:
            # flushed cheeks: a diffuse rise of a* a couple of centimetres across
            red = offset_lab(skin_lab, -2, 10, 2)
            planted["redness"] = []
            for sx in (-1, 1):
                px, py = cx + sx * 0.22 * fw, ey + 0.33 * fw
                a, sl = gauss_alpha((H, W), px, py, 0.1 * fw)
                if physical:
                    _absorb(img[sl], a, HAEMOGLOBIN, FLUSH_ABSORBANCE)
                else:
                    _blob(img[sl], a, red)
                planted["redness"].append((int(px), int(py)))
        # hairline over the top of the forehead
        img[_ellipse_mask((H, W), g.hairline)] = hair
        # eye sockets: slightly darker around the eyes
        for ex in (cx - d / 2, cx + d / 2):
            a, sl = gauss_alpha((H, W), ex, ey, 0.16 * fw)
            img[sl] *= (1 - 0.22 * a)[..., None]
        if dark_circles:
            # darker skin under each eye (an ellipse below the lower lid)
            planted["dark_circles"] = []
            for ex in (cx - d / 2, cx + d / 2):
                under = np.zeros((H, W), np.float32)
                cv2.ellipse(
                    under,
                    (int(ex), int(ey + 0.33 * d)),
                    (int(0.3 * d), int(0.12 * d)),
                    0,
                    0,
                    360,
                    1,
                    -1,
                )
                soft = np.asarray(cv2.GaussianBlur(under, (0, 0), 0.04 * d), np.float64)
                img *= (1 - 0.35 * soft)[..., None]
                planted["dark_circles"].append((int(ex), int(ey + 0.33 * d)))
        # brows
        for ex, _ in g.pupils:
            cv2.ellipse(
                img,
                (int(ex), int(ey - g.brow_dy)),
                (int(g.brow_axes[0]), int(g.brow_axes[1])),
                0,
                200,
                340,
                hair.tolist(),
                g.brow_thickness,
            )
        # eyes: sclera, iris, pupil, lid line
        sclera, iris = sclera_colour(rng), IRIS
        for ex, _ in g.pupils:
            cv2.ellipse(
                img,
                (int(ex), int(ey)),
                (int(g.eye_axes[0]), int(g.eye_axes[1])),
                0,
                0,
                360,
                sclera.tolist(),
                -1,
            )
            cv2.circle(img, (int(ex), int(ey)), int(0.036 * fw), iris.tolist(), -1)
            cv2.circle(img, (int(ex), int(ey)), int(0.016 * fw), (0.005, 0.005, 0.005), -1)
            cv2.ellipse(
                img,
                (int(ex), int(ey)),
                (int(0.095 * fw), int(0.045 * fw)),
                0,
                180,
                360,
                (0.01, 0.008, 0.006),
                max(1, int(0.012 * fw)),
            )
        # nose: side shadows and nostrils
        for sx in (-1, 1):
            a, sl = gauss_alpha((H, W), cx + sx * 0.07 * fw, ey + 0.18 * fw, 0.05 * fw)
            img[sl] *= (1 - 0.1 * a)[..., None]
            cv2.ellipse(
                img,
                (int(cx + sx * g.nostril_dx), int(g.nostril_y)),
                (int(g.nostril_axes[0]), int(g.nostril_axes[1])),
                0,
                0,
                360,
                (0.02, 0.015, 0.012),
                -1,
            )
        # lips and mouth line
        lips = offset_lab(skin_lab, -10, 18, 4)
        (lip_x, lip_y), (lip_a, lip_b) = g.lips
        cv2.ellipse(
            img, (int(lip_x), int(lip_y)), (int(lip_a), int(lip_b)), 0, 0, 360, lips.tolist(), -1
        )
        cv2.line(
            img,
            (int(cx - 0.16 * fw), int(ey + 0.5 * fw)),
            (int(cx + 0.16 * fw), int(ey + 0.5 * fw)),
            (0.02, 0.01, 0.01),
            max(1, int(0.01 * fw)),
        )
        face_box = (int(cx - 0.5 * fw), int(ey - 0.53 * fw), int(fw), int(1.36 * fw))
        # where spots may go: cheeks, forehead, chin (away from eyes, nose and mouth)
        zones = [
            (cx - 0.33 * fw, ey + 0.2 * fw, cx - 0.12 * fw, ey + 0.45 * fw),
            (cx + 0.12 * fw, ey + 0.2 * fw, cx + 0.33 * fw, ey + 0.45 * fw),
            (cx - 0.25 * fw, ey - 0.36 * fw, cx + 0.25 * fw, ey - 0.2 * fw),
            (cx - 0.14 * fw, ey + 0.62 * fw, cx + 0.14 * fw, ey + 0.72 * fw),
        ]
        line_col = 1.0 - line_depth
        if lines:
            for k in range(3):
                y = ey - (0.22 + 0.045 * k) * fw
                pts = np.array(
                    [
                        (int(x), int(y + 0.01 * fw * math.sin(x / (0.1 * fw))))
                        for x in np.linspace(cx - 0.2 * fw, cx + 0.2 * fw, 20)
                    ]
                )
                mask = np.zeros((H, W), np.uint8)
                cv2.polylines(mask, [pts], False, 1, max(1, int(line_mm * mm)))
                img[mask > 0] *= line_col
            planted["lines"] = [(int(cx), int(ey - 0.265 * fw))]
        if crow_feet:
            # three short lines fanning out from each outer eye corner
            planted["crow_feet"] = []
            for sx in (-1, 1):
                ox, oy = cx + sx * (d / 2 + 0.45 * d), ey
                mask = np.zeros((H, W), np.uint8)
                for ang in (-25.0, 0.0, 25.0):
                    t = math.radians(ang)
                    x0, y0 = ox - sx * 0.05 * d, oy
                    x1, y1 = ox + sx * 0.12 * d * math.cos(t), oy + 0.12 * d * math.sin(t)
                    cv2.line(
                        mask, (int(x0), int(y0)), (int(x1), int(y1)), 1, max(1, int(line_mm * mm))
                    )
                img[mask > 0] *= line_col
                planted["crow_feet"].append((int(ox), int(oy)))
        if shine:
            planted["shine"] = []
            for hx, hy, rr in ((cx, ey - 0.28 * fw, 0.06), (cx, ey + 0.2 * fw, 0.035)):
                a, sl = gauss_alpha((H, W), hx, hy, rr * fw)
                img[sl] += (0.35 * a)[..., None]
                planted["shine"].append((int(hx), int(hy)))
    else:  # patch: skin close-up over most of the frame, a neutral surface at one side
        mm = W / 60.0
        split = int(W * float(rng.uniform(0.72, 0.8)))
        region = np.zeros((H, W), np.uint8)
        pts = np.array([(0, 0), (split, 0), (split - int(0.05 * W), H), (0, H)], np.int32)
        cv2.fillPoly(region, [pts], 1)
        img[region > 0] = skin
        shade = np.where(
            region > 0, 1.02 - 0.05 * ((xx / W - 0.4) ** 2 + (yy / H - 0.5) ** 2) * 2, 1.0
        )
        img *= shade[..., None]
        zones = [(0.08 * W, 0.1 * H, split - 0.15 * W, 0.9 * H)]
    # plant inflamed papules and dark spots at separated random positions
    placed: list[tuple[float, float, float]] = []

    def place(radius_mm: tuple[float, float]) -> tuple[float, float, float] | None:
        for _ in range(300):
            z = zones[int(rng.integers(len(zones)))]
            x = float(rng.uniform(z[0], z[2]))
            y = float(rng.uniform(z[1], z[3]))
            r = float(rng.uniform(*radius_mm)) * mm
            if all(math.hypot(x - px, y - py) > 2.6 * (r + pr) for px, py, pr in placed):
                placed.append((x, y, r))
                return x, y, r
        return None

    papule = offset_lab(skin_lab, -4, 16, 3)
    for _ in range(n_papules):
        p = place((1.2, 2.2))
        if p is None:
            continue
        a, sl = gauss_alpha((H, W), *p)
        if physical:
            _absorb(img[sl], a, HAEMOGLOBIN, PAPULE_ABSORBANCE)
        else:
            _blob(img[sl], a, papule)
        papules.append((int(p[0]), int(p[1])))
    dark = offset_lab(skin_lab, -14, 2, 6)
    for _ in range(n_dark_spots):
        p = place((1.0, 2.0))
        if p is None:
            continue
        a, sl = gauss_alpha((H, W), *p)
        if physical:
            _absorb(img[sl], a, MELANIN, SPOT_ABSORBANCE)
        else:
            _blob(img[sl], a, dark)
        spots.append((int(p[0]), int(p[1])))
    rgb, jpeg = photograph(rng, img, skin, illuminant, blur, noise, jpeg_quality)
    return SyntheticImage(
        jpeg=jpeg,
        rgb=rgb,
        skin_lab=skin_lab,
        layout=layout,
        illuminant=illuminant,
        papules=papules,
        dark_spots=spots,
        face_box=face_box,
        planted=planted,
    )
