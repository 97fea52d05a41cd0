"""Array type aliases.

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
