# mypy: disable-error-code="no-untyped-def"
# (pytest tests and fixtures: arguments are fixtures, results are asserted, not returned)
"""Shared fixtures: small images built in memory (no downloads, no /work/shared)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from skimage import data


@pytest.fixture(scope="session")
def astronaut_png() -> bytes:
    buf = io.BytesIO()
    Image.fromarray(data.astronaut()).save(buf, format="PNG")  # type: ignore[no-untyped-call]
    return buf.getvalue()


@pytest.fixture(scope="session")
def astronaut_jpeg() -> bytes:
    buf = io.BytesIO()
    Image.fromarray(data.astronaut()).save(buf, format="JPEG", quality=90)  # type: ignore[no-untyped-call]
    return buf.getvalue()


def jpeg_bytes(arr: np.ndarray, **kw: object) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="JPEG", quality=90, **kw)
    return buf.getvalue()
