"""Array type aliases, and small array helpers.

OpenCV's type stubs accept and return ``ndarray[Any, dtype[integer | floating]]``, which does
not unify with precise dtypes under mypy; the aliases name the intent (8-bit image, float
image, mask) while staying compatible with OpenCV's signatures.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

#: 8-bit image, HxWx3 RGB or HxW grey.
U8Array = npt.NDArray[Any]
#: float32 image (linear RGB or CIELAB).
FloatArray = npt.NDArray[Any]
#: boolean mask, HxW.
BoolArray = npt.NDArray[Any]


def as_u8(mask: npt.NDArray[Any]) -> U8Array:
    """A mask or image as an 8-bit array for OpenCV."""
    return mask.astype(np.uint8)


def channel_max(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """The largest of the three colour channels at each pixel of ``a`` (..., 3): the same as
    ``a.max(axis=-1)``, which numpy runs about 10x slower over an axis of three (35 ms
    against 4 ms on a 1008 x 756 image)."""
    out: npt.NDArray[Any] = np.maximum(np.maximum(a[..., 0], a[..., 1]), a[..., 2])
    return out


def pixels(a: npt.NDArray[Any], mask: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """The pixels of ``a`` (H x W x C, or n x C) where the boolean ``mask`` (H x W, or n) is
    set, as rows (k x C): the same as ``a[mask]``, which numpy runs 4-9x slower with a
    channel axis (2.5 ms against 0.3 ms for 76,000 pixels). A mask of another shape is an
    error, as with ``a[mask]`` (``np.compress`` alone would quietly cut or pad it)."""
    if mask.shape != a.shape[:-1]:
        raise IndexError(f"mask of shape {mask.shape} for pixels of shape {a.shape}")
    out: npt.NDArray[Any] = np.compress(mask.ravel(), a.reshape(-1, a.shape[-1]), axis=0)
    return out
