# mypy: disable-error-code="no-untyped-def"
# (pytest tests and fixtures: arguments are fixtures, results are asserted, not returned)
import math

import pytest

from skinlab.tone import (
    MONK_LAB,
    fitzpatrick_from_ita,
    ita_band,
    ita_degrees,
    monk_from_lab,
    undertone_from_lab,
)


def test_ita_formula_and_zero_b():
    assert ita_degrees(50.0, 10.0) == 0.0
    assert ita_degrees(60.0, 10.0) == pytest.approx(45.0)
    assert ita_degrees(40.0, 10.0) == pytest.approx(-45.0)
    assert ita_degrees(70.0, 0.0) == 90.0  # atan2: no division by zero
    assert ita_degrees(30.0, 0.0) == -90.0
    assert ita_degrees(65.0, 20.0) == pytest.approx(math.degrees(math.atan(15 / 20)))


@pytest.mark.parametrize(
    ("ita", "band"),
    [
        (55.01, "very_light"),
        (55.0, "light"),
        (41.01, "light"),
        (41.0, "intermediate"),
        (28.0, "tan"),
        (10.0, "brown"),
        (-30.0, "dark"),
        (-29.99, "brown"),
        (-80.0, "dark"),
    ],
)
def test_ita_band_boundaries(ita, band):
    assert ita_band(ita) == band


def test_fitzpatrick_mapping():
    assert [fitzpatrick_from_ita(v) for v in (60, 50, 30, 20, 0, -40)] == [
        "I", "II", "III", "IV", "V", "VI",
    ]  # fmt: skip


def test_each_monk_swatch_maps_to_itself():
    assert [monk_from_lab(lab) for lab in MONK_LAB] == list(range(1, 11))


def test_undertone_from_hue_angle():
    assert undertone_from_lab((60, 15, 10))[0] == "cool"  # h ≈ 34°
    assert undertone_from_lab((60, 10, 15))[0] == "neutral"  # h ≈ 56°
    assert undertone_from_lab((60, 5, 20))[0] == "warm"  # h ≈ 76°
