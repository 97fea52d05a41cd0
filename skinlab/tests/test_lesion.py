# mypy: disable-error-code="no-untyped-def"
# (pytest tests and fixtures: arguments are fixtures, results are asserted, not returned)
"""The lesion screen on drawn close-ups whose truth is known by construction."""

from typing import Any

import cv2
import numpy as np
import pytest
from skimage.color import lab2rgb

import skinlab
from skinlab.checks.lesion import LesionScore, refine_outline
from skinlab.tests.conftest import jpeg_bytes

SKIN = (66.0, 9.0, 16.0)
BROWN = (42.0, 12.0, 20.0)
BLACK = (16.0, 3.0, 3.0)


def _rgb(lab: tuple[float, float, float]) -> np.ndarray:
    out: np.ndarray = lab2rgb(np.array([[lab]], dtype=np.float64))[0, 0] * 255.0
    return out


def closeup(spot: np.ndarray, colours: dict[int, tuple[float, float, float]], skin=SKIN) -> bytes:
    """A 480x480 skin close-up; ``spot`` holds colour keys (0 = skin) drawn over it."""
    rng = np.random.default_rng(1)
    img: np.ndarray = np.empty((480, 480, 3), np.float64)
    img[:] = _rgb(skin)
    for key, lab in colours.items():
        img[spot == key] = _rgb(lab)
    blurred = np.asarray(cv2.GaussianBlur(img, (0, 0), 1.2), dtype=np.float64)
    noisy = blurred + rng.normal(0, 1.5, img.shape)
    return jpeg_bytes(np.clip(np.rint(noisy), 0, 255).astype(np.uint8))


def _lesion(data: bytes) -> dict[str, Any]:
    r = skinlab.analyze_image(data, options=skinlab.AnalysisOptions(overlay=False))
    lesion = r.concern("lesion")
    assert lesion is not None
    return lesion.details


def test_an_even_round_brown_spot_in_a_close_up_shows_no_sign():
    spot = np.zeros((480, 480), np.uint8)
    cv2.circle(spot, (240, 240), 45, 1, -1)
    d = _lesion(closeup(spot, {1: BROWN}))
    assert d["subject_of_close_up"] is True
    assert d["colour_families"] == ["brown"]
    assert d["asymmetry"] < 0.25 and d["border_irregular_octants"] < 4
    assert d["signs"] == [] and d["worth_a_look"] is False


def test_one_sign_is_enough_for_the_spot_a_close_up_is_taken_of():
    # an even round spot, half brown and half black: a mix of two colours (the C sign)
    spot = np.zeros((480, 480), np.uint8)
    cv2.circle(spot, (240, 240), 45, 1, -1)
    spot[:, 240:][spot[:, 240:] == 1] = 2
    d = _lesion(closeup(spot, {1: BROWN, 2: BLACK}))
    assert d["subject_of_close_up"] is True
    assert set(d["colour_families"]) == {"brown", "black"}
    assert d["signs"] == ["colour"]
    assert d["worth_a_look"] is True


def test_a_spot_at_the_edge_of_a_close_up_needs_two_signs():
    spot = np.zeros((480, 480), np.uint8)
    cv2.circle(spot, (70, 70), 40, 1, -1)
    spot[:, 70:][spot[:, 70:] == 1] = 2
    d = _lesion(closeup(spot, {1: BROWN, 2: BLACK}))
    assert d["subject_of_close_up"] is False
    assert "colour" in d["signs"] and len(d["signs"]) == 1
    assert d["worth_a_look"] is False


def test_light_and_dark_brown_are_one_colour_but_red_and_white_are_two():
    def score(colours: list[str], subject: bool = True) -> LesionScore:
        return LesionScore(
            x=0, y=0, w=40, h=40, area=1200, asymmetry=0.1, border=1, colours=colours,
            diameter_mm=8.0, delta_e=20.0, size_known=False, subject=subject,
        )  # fmt: skip

    assert score(["light_brown", "dark_brown"]).colour_families == ["brown"]
    assert score(["light_brown", "dark_brown"]).signs == []
    assert score(["red", "white"]).signs == ["colour"]  # a pink spot with scale
    assert score(["red", "dark_brown"]).worth_a_look  # red with a crust
    assert not score(["red", "dark_brown"], subject=False).worth_a_look
    # without a scale the diameter is never a sign
    assert "diameter" not in score(["red"]).signs


def test_outline_is_the_dark_core_not_its_pale_halo():
    # a lobed dark core (3 overlapping discs) inside a faint round halo
    de = np.zeros((200, 200), np.float32)
    cv2.circle(de, (100, 100), 60, 12.0, -1)
    core = np.zeros((200, 200), np.uint8)
    for cx, cy in ((85, 90), (118, 95), (100, 122)):
        cv2.circle(core, (cx, cy), 22, 1, -1)
    de[core > 0] = 45.0
    de = cv2.GaussianBlur(de, (0, 0), 1.5)
    member = de > 8.0
    ys, xs = np.nonzero(member)
    box = (int(xs.min()), int(ys.min()), int(np.ptp(xs)) + 1, int(np.ptp(ys)) + 1)
    x, y, w, h, mask = refine_outline(de, member, box, 8.0)
    assert int(mask.sum()) == pytest.approx(int(core.sum()), rel=0.1)
    assert int(member.sum()) > 2 * int(core.sum())  # the detection itself took the halo
    # the refined outline lies on the core
    full = np.zeros((200, 200), bool)
    full[y : y + h, x : x + w] = mask
    assert (full & (core > 0)).sum() / full.sum() > 0.95


def test_near_grey_skin_filling_a_close_up_is_measured():
    # very light skin greyed by a phone's white balance (chroma under 3), with a dark mole
    grey_skin = (67.0, 0.2, 2.9)
    spot = np.zeros((480, 480), np.uint8)
    cv2.ellipse(spot, (240, 240), (40, 60), 20, 0, 360, 1, -1)
    r = skinlab.analyze_image(
        closeup(spot, {1: (30.0, 8.0, 10.0)}, skin=grey_skin),
        options=skinlab.AnalysisOptions(overlay=False),
    )
    assert r.tone is not None and r.tone.lab[0] == pytest.approx(67.0, abs=2.0)
    lesion = r.concern("lesion")
    assert lesion is not None and lesion.details["subject_of_close_up"] is True
    loc = lesion.locations[0]
    assert abs(loc["x"] + loc["w"] / 2 - 240) < 10 and abs(loc["y"] + loc["h"] / 2 - 240) < 10


PINK = (64.0, 24.0, 14.0)


def test_contrast_tells_a_brown_spot_from_a_pink_one_and_measures_mixed_colour():
    spot = np.zeros((480, 480), np.uint8)
    cv2.circle(spot, (240, 240), 45, 1, -1)
    brown = _lesion(closeup(spot, {1: BROWN}))["contrast"]
    pink = _lesion(closeup(spot, {1: PINK}))["contrast"]
    # the brown spot is far darker than the skin (about its 24 L* units); the pink one is
    # hardly darker but redder (the erythema index rises), the brown one less red for its depth
    assert brown["darkening"] > 15 and abs(pink["darkening"]) < 8
    assert pink["reddening"] > 8 and pink["reddening"] > brown["reddening"]
    # one even colour: little spread inside, nothing white or black
    assert brown["variegation"] < 8 and brown["white"] == 0 and brown["dark_blue"] == 0
    # half brown, half black: the spread inside is large and a black share is measured
    spot[:, 240:][spot[:, 240:] == 1] = 2
    mixed = _lesion(closeup(spot, {1: BROWN, 2: BLACK}))["contrast"]
    assert mixed["variegation"] > 15 and mixed["dark_blue"] > 0.3
    # a flat drawn spot is no rougher than the skin around it
    assert abs(brown["texture"]) < 0.7
