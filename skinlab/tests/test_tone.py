# mypy: disable-error-code="no-untyped-def"
# (pytest tests and fixtures: arguments are fixtures, results are asserted, not returned)
import math

import numpy as np
import pytest

from skinlab.tone import (
    FITZPATRICK_NOTE,
    MONK_HEX,
    MONK_LAB,
    MONK_SKIN_HEX,
    MONK_SKIN_LAB,
    SKIN_A_RANGE,
    SKIN_B_RANGE,
    SKIN_L_RANGE,
    UNTRUSTED_DB,
    UNTRUSTED_DL,
    fitzpatrick_from_ita,
    fitzpatrick_posterior,
    fitzpatrick_under_uncertainty,
    ita_band,
    ita_degrees,
    measure_tone,
    monk_display_from_lab,
    monk_from_lab,
    photographed_swatches,
    undertone_from_lab,
    untrusted_box,
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


def test_the_official_swatches_are_unchanged():
    assert MONK_HEX == (
        "#f6ede4", "#f3e7db", "#f7ead0", "#eadaba", "#d7bd96",
        "#a07e56", "#825c43", "#604134", "#3a312a", "#292420",
    )  # fmt: skip
    assert [monk_display_from_lab(lab) for lab in MONK_LAB] == list(range(1, 11))


def test_photographed_swatches_span_real_skin_and_keep_the_order_of_the_scale():
    skin = np.array(MONK_SKIN_LAB)
    display = np.array(MONK_LAB)
    for axis, (lo, hi) in enumerate((SKIN_L_RANGE, SKIN_A_RANGE, SKIN_B_RANGE)):
        assert skin[:, axis].min() == pytest.approx(lo, abs=0.01)
        assert skin[:, axis].max() == pytest.approx(hi, abs=0.01)
        # monotone: the same order of the ten tones on every axis as the display swatches
        assert list(np.argsort(skin[:, axis], kind="stable")) == list(
            np.argsort(display[:, axis], kind="stable")
        )
    # lightest swatch -> lightest skin (L* 76), darkest -> darkest skin (L* 30)
    assert skin[0, 0] == pytest.approx(76.0) and skin[9, 0] == pytest.approx(30.0)
    assert [monk_from_lab(lab) for lab in MONK_SKIN_LAB] == list(range(1, 11))
    # the ITAs of the ten photographed tones fall from very light to dark, in order
    itas = [ita_degrees(L, b) for L, _, b in MONK_SKIN_LAB]
    assert itas == sorted(itas, reverse=True)
    assert ita_band(itas[0]) == "very_light" and ita_band(itas[9]) == "dark"
    # other anchors give other swatches (the anchors are parameters, not hidden constants)
    wider = photographed_swatches(L_range=(25.0, 78.0))
    assert wider[0][0] == pytest.approx(78.0) and wider[9][0] == pytest.approx(25.0)


@pytest.mark.parametrize(
    ("lab", "expected"),
    [
        # published skin colours (not used to set the anchors): the ColorChecker "dark skin"
        # patch (McCamy et al. 1976; a brown skin) and the darkest facial skin cluster of a
        # 120-person spectroradiometric study (IADR 2009, "Proposed shade guide for human facial
        # skin"): L* 26.7, a* 14.6, b* 14.7
        ((37.99, 13.56, 14.06), (7, 8)),
        ((26.7, 14.6, 14.7), (9, 10)),
        # very light skin as spectrophotometers measure it (L* 72, b* 12): the light end
        ((72.0, 8.0, 12.0), (1, 2, 3)),
    ],
)
def test_real_skin_colours_get_the_monk_tone_people_give_them(lab, expected):
    assert monk_from_lab(lab) in expected


def test_very_light_skin_is_no_longer_read_as_monk_5():
    # well-exposed very light skin (L* 76, b* 18.5: as light as the lightest skin measured
    # with a chromameter) is nearest the *display* swatch Monk 5 - the gap between display
    # colours and real skin that the photographed swatches close
    lab = (76.0, 8.0, 18.5)
    assert monk_display_from_lab(lab) == 5
    assert monk_from_lab(lab) in (1, 2, 3)
    # and the darkest skin is not pushed lighter: below L* 30 it is Monk 10
    assert monk_from_lab((24.0, 6.0, 7.0)) == 10


def test_tone_result_keeps_the_official_swatch_and_adds_the_photographed_one():
    px = np.tile(np.array([[39.3, 13.6, 14.8]], np.float32), (500, 1))
    t = measure_tone(px, confidence=0.9)
    assert t.monk == 8
    assert t.monk_hex == "#604134"
    assert t.monk_skin_hex == MONK_SKIN_HEX[7]


def test_undertone_from_hue_angle():
    assert undertone_from_lab((60, 15, 10))[0] == "cool"  # h ≈ 34°
    assert undertone_from_lab((60, 10, 15))[0] == "neutral"  # h ≈ 56°
    assert undertone_from_lab((60, 5, 20))[0] == "warm"  # h ≈ 76°


def test_lit_skin_keeps_the_lit_half():
    from skinlab.tone import lit_skin, robust_lab

    # one skin colour under shading from full light (L* 70) down to deep shade (L* 40)
    L = np.linspace(40.0, 70.0, 1000, dtype=np.float32)
    px = np.stack([L, 0.15 * L, 0.25 * L], axis=1).astype(np.float32)
    lit = lit_skin(px)
    assert len(lit) == 500 and float(lit[:, 0].min()) >= 55.0
    assert robust_lab(lit)[0] == pytest.approx(62.5, abs=0.5)
    assert len(lit_skin(px[:100])) == 100  # too few pixels to split: all kept


def _tone_of(lab, *, trusted):
    px = np.tile(np.array([lab], np.float32), (500, 1))
    return measure_tone(px, confidence=0.5, colour_trusted=trusted)


def test_trusted_colour_gives_the_ita_band_and_a_one_type_range():
    t = _tone_of((62.0, 10.0, 18.0), trusted=True)  # ITA 33.7°
    assert t.fitzpatrick == "III" and t.fitzpatrick_range == ["III", "III"]
    assert t.fitzpatrick_note == FITZPATRICK_NOTE  # no range to explain


def test_untrusted_colour_reports_the_range_the_photo_allows():
    # a skin-filled close-up the camera greyed (b* 2.5) and over-exposed (L* 79.5): real skin
    # is never that grey or that light, so the camera moved it at least 5.5 b* and 3.5 L*,
    # and the photo's own box grows by that much (0.5.1); type I, II still possible
    lab = (79.5, 0.6, 2.5)
    assert fitzpatrick_from_ita(ita_degrees(lab[0], lab[2])) == "I"
    assert untrusted_box(lab) == pytest.approx((UNTRUSTED_DL + 3.5, UNTRUSTED_DB + 5.5))
    assert fitzpatrick_under_uncertainty(lab) == ("I", "I", "II")
    # with the one box for all of 0.5.0 only type I was left
    assert fitzpatrick_under_uncertainty(lab, box=(UNTRUSTED_DL, UNTRUSTED_DB)) == ("I", "I", "I")
    # a colour among the colours of skin keeps the usual box
    assert untrusted_box((60.0, 10.0, 15.0)) == (UNTRUSTED_DL, UNTRUSTED_DB)
    # greyed skin at L* 66 (b* 7.5, ITA 65°): type I is the single most likely (posterior
    # 0.52), but II is the type most likely to be right within one (I, II or III: 0.96)
    post = fitzpatrick_posterior((66.0, 5.0, 7.5))
    assert int(post.argmax()) == 0 and post.sum() == pytest.approx(1.0)
    t = _tone_of((66.0, 5.0, 7.5), trusted=False)
    assert t.fitzpatrick == "II" and t.fitzpatrick_range == ["I", "III"]
    assert "type II is the best guess, I to III possible" in t.fitzpatrick_note
    # greyed skin at L* 62 (b* 6, ITA 63°, I as measured): I to IV possible, II the best guess
    t = _tone_of((62.0, 2.0, 6.0), trusted=False)
    assert t.fitzpatrick == "II" and t.fitzpatrick_range == ["I", "IV"]
    assert "no white reference" in t.fitzpatrick_note
    assert t.ita_band == "very_light"  # the measurement itself is reported as it is


@pytest.mark.parametrize(
    "lab", [(28.0, 10.0, 12.0), (35.0, 10.0, 15.0), (43.0, 12.0, 12.0), (54.0, 12.0, 23.0)]
)
def test_untrusted_colour_never_makes_dark_skin_lighter(lab):
    measured = fitzpatrick_from_ita(ita_degrees(lab[0], lab[2]))
    assert measured in ("V", "VI")
    t = _tone_of(lab, trusted=False)
    types = ("I", "II", "III", "IV", "V", "VI")
    assert types.index(t.fitzpatrick) >= types.index(measured)
    lo, hi = t.fitzpatrick_range
    assert types.index(lo) <= types.index(t.fitzpatrick) <= types.index(hi)
