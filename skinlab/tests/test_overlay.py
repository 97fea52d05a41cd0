# mypy: disable-error-code="no-untyped-def"
# (pytest tests and fixtures: arguments are fixtures, results are asserted, not returned)
"""The overlay marks what was found, where it was found, and leaves the rest of the photo."""

import io

import numpy as np
import pytest
from PIL import Image

import skinlab
from bench.analysis.synthetic import render
from skinlab.concerns import CONCERN_COLORS, Concern
from skinlab.load import load_image
from skinlab.result import AnalysisResult
from skinlab.tone import MONK_SKIN_LAB

#: The legend sits in the bottom-left corner; the top TOP rows of a 768-px-high overlay are
#: photo and marks only.
TOP = 460


def _photo_and_overlay(jpeg: bytes) -> tuple[np.ndarray, np.ndarray, AnalysisResult]:
    r = skinlab.analyze_image(jpeg)
    assert r.overlay_jpeg is not None
    overlay = np.asarray(Image.open(io.BytesIO(r.overlay_jpeg)).convert("RGB"))
    photo = load_image(jpeg, max_pixels=10**8, long_side=1024).rgb
    assert overlay.shape == photo.shape  # a 1024-px photo is drawn on at full size
    return photo, overlay, r


def _marked_area(r: AnalysisResult, shape: tuple[int, ...], pad: int) -> np.ndarray:
    """Everything within ``pad`` px of any reported location or of the face box."""
    near = np.zeros(shape[:2], bool)
    boxes = [loc for c in r.concerns for loc in c.locations]
    if r.face.box is not None:
        boxes.append(r.face.box)
    for b in boxes:
        w, h = b.get("w", 0), b.get("h", 0)
        near[
            max(0, b["y"] - pad) : b["y"] + h + pad + 1, max(0, b["x"] - pad) : b["x"] + w + pad + 1
        ] = True
    return near


@pytest.fixture(scope="module")
def spotted():
    img = render(5, MONK_SKIN_LAB[5], size=(1024, 768), n_papules=10, n_dark_spots=2)
    return _photo_and_overlay(img.jpeg)


def test_each_reported_spot_is_circled_in_its_concern_colour(spotted):
    photo, overlay, r = spotted
    acne = r.concern("acne")
    assert acne is not None and acne.severity >= 10 and len(acne.locations) >= 5
    colour = np.array(CONCERN_COLORS[Concern.ACNE])
    changed = np.abs(overlay.astype(int) - photo.astype(int)).max(axis=2) > 30
    in_colour = np.abs(overlay.astype(int) - colour).max(axis=2) < 40
    yy, xx = np.mgrid[0 : photo.shape[0], 0 : photo.shape[1]]
    for loc in acne.locations:
        cx, cy = loc["x"] + loc["w"] / 2, loc["y"] + loc["h"] / 2
        # the circle's radius: half the spot plus three line widths (3 px at 1024 px)
        ring = np.abs(np.hypot(xx - cx, yy - cy) - (max(loc["w"], loc["h"]) / 2 + 9)) <= 3
        marked = ring & changed & in_colour
        # a ring of changed pixels in the acne colour all around the spot (in each of the
        # eight directions: a circle drawn elsewhere, even next to it, would miss some)
        sector = ((np.degrees(np.arctan2(yy - cy, xx - cx)) + 180) // 45) % 8
        assert len(np.unique(sector[marked])) == 8, loc


def test_the_photo_is_unchanged_away_from_every_finding(spotted):
    photo, overlay, r = spotted
    far = ~_marked_area(r, photo.shape, pad=20)
    far[TOP:] = False  # the legend is drawn bottom-left
    assert far.sum() > 0.5 * TOP * photo.shape[1]
    # The photo itself, up to the JPEG's rounding: a tint moves every pixel (a 3 % warm tint:
    # 3 levels on average) and a blur moves the edges (sigma 0.5 px: 7 levels at the 99.9th
    # percentile)
    moved = np.abs(overlay[far].astype(int) - photo[far].astype(int))
    assert moved.mean() <= 1.0 and np.percentile(moved, 99.9) <= 4


def test_a_photo_with_nothing_found_only_gets_the_face_box():
    img = render(5, MONK_SKIN_LAB[5], size=(1024, 768))
    photo, overlay, r = _photo_and_overlay(img.jpeg)
    drawn = [c.name for c in r.concerns if c.severity >= 10 and c.locations]
    assert drawn == []  # nothing noticeable on a clean synthetic face
    # drawn on: more than the JPEG's rounding, which stays within the 8-px block of a line
    diff = np.abs(overlay.astype(int) - photo.astype(int)).max(axis=2) > 8
    fb = r.face.box
    assert fb is not None
    outline = np.zeros(diff.shape, bool)
    x0, y0, x1, y1 = fb["x"], fb["y"], fb["x"] + fb["w"], fb["y"] + fb["h"]
    outline[y0 - 8 : y1 + 9, x0 - 8 : x1 + 9] = True
    outline[y0 + 9 : y1 - 8, x0 + 9 : x1 - 8] = False
    assert diff.any() and not (diff & ~outline).any()  # the thin face outline, and no legend
