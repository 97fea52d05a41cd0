"""sRGB ↔ CIELAB (D65, 2°) for single colours, in plain NumPy.

The same formulas as scikit-image's ``rgb2lab``/``lab2rgb``, kept here so that importing
skinlab (the swatch tables are built at import) does not load scikit-image or OpenCV.
"""

from __future__ import annotations

import numpy as np

_RGB_TO_XYZ = np.array(
    [[0.412453, 0.357580, 0.180423], [0.212671, 0.715160, 0.072169], [0.019334, 0.119193, 0.950227]]
)
_XYZ_TO_RGB = np.linalg.inv(_RGB_TO_XYZ)
_WHITE_D65 = np.array([0.95047, 1.0, 1.08883])


def srgb_to_lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """CIELAB of an sRGB colour given in [0, 1]."""
    c = np.asarray(rgb, dtype=np.float64)
    lin = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
    xyz = _RGB_TO_XYZ @ lin / _WHITE_D65
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16.0 / 116.0)
    L = 116.0 * f[1] - 16.0
    return float(L), float(500.0 * (f[0] - f[1])), float(200.0 * (f[1] - f[2]))


def lab_to_srgb8(lab: tuple[float, float, float]) -> tuple[int, int, int]:
    """8-bit sRGB of a CIELAB colour (clipped into gamut)."""
    L, a, b = lab
    fy = (L + 16.0) / 116.0
    f = np.array([fy + a / 500.0, fy, fy - b / 200.0])
    xyz = np.where(f > 0.2068966, f**3, (f - 16.0 / 116.0) / 7.787) * _WHITE_D65
    lin = np.clip(_XYZ_TO_RGB @ xyz, 0.0, None)
    enc = np.where(lin > 0.0031308, 1.055 * np.power(lin, 1 / 2.4) - 0.055, 12.92 * lin)
    r, g, bb = (int(np.clip(round(float(v) * 255.0), 0, 255)) for v in enc)
    return r, g, bb


def hex_of_lab(lab: tuple[float, float, float]) -> str:
    """``#rrggbb`` for a CIELAB colour."""
    r, g, b = lab_to_srgb8(lab)
    return f"#{r:02x}{g:02x}{b:02x}"
