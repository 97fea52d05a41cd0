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


def delta_e_ciede2000(lab: tuple[float, float, float], palette: np.ndarray) -> np.ndarray:
    """CIEDE2000 colour difference (kL = kC = kH = 1; Sharma, Wu & Dalal 2005) between one
    CIELAB colour and each row of ``palette``."""
    L1, a1, b1 = (float(v) for v in lab)
    ref = np.asarray(palette, dtype=np.float64)
    L2, a2, b2 = ref[:, 0], ref[:, 1], ref[:, 2]
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dL = L2 - L1
    dC = c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(c1p * c2p == 0, 0.0, dh)
    dH = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    L_mean = (L1 + L2) / 2
    cp_mean = (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_mean = (
        np.where(np.abs(h1p - h2p) > 180, np.where(h_sum < 360, h_sum + 360, h_sum - 360), h_sum)
        / 2
    )
    h_mean = np.where(c1p * c2p == 0, h_sum, h_mean)
    t = (
        1
        - 0.17 * np.cos(np.radians(h_mean - 30))
        + 0.24 * np.cos(np.radians(2 * h_mean))
        + 0.32 * np.cos(np.radians(3 * h_mean + 6))
        - 0.20 * np.cos(np.radians(4 * h_mean - 63))
    )
    d_theta = 30 * np.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(cp_mean**7 / (cp_mean**7 + 25.0**7))
    s_l = 1 + 0.015 * (L_mean - 50) ** 2 / np.sqrt(20 + (L_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    out: np.ndarray = np.sqrt(
        (dL / s_l) ** 2 + (dC / s_c) ** 2 + (dH / s_h) ** 2 + r_t * (dC / s_c) * (dH / s_h)
    )
    return out
