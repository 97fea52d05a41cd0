# mypy: disable-error-code="no-untyped-def"
# (pytest tests and fixtures: arguments are fixtures, results are asserted, not returned)
"""The same score on every skin tone, and no confident tone of what is not skin.

Features are planted at the same *physical* contrast (``render(..., physical=True)``: a
fold or shadow as a reflectance ratio, blood and pigment by Beer-Lambert) on the same face
at Monk 1, 5 and 10; ``python -m bench.analysis --only fairness`` runs all ten tones.
"""

import statistics

import numpy as np
import pytest

import skinlab
from bench.analysis.fairness import FEATURES, false_dark_spots, severity
from bench.analysis.real_faces import astronaut, expose, jpeg, recolour, skin_weight
from bench.analysis.synthetic import render
from skinlab.detect import make_face_detector
from skinlab.tone import MONK_SKIN_LAB

TONES = (1, 5, 10)


@pytest.mark.parametrize("concern", sorted(FEATURES))
def test_the_same_physical_feature_scores_the_same_on_light_and_dark_skin(concern):
    scores = [severity(concern, m, 6, **FEATURES[concern]) for m in TONES]
    mean = statistics.fmean(scores)
    assert mean >= 15, (concern, scores)  # the feature is found at all
    assert all(abs(s - mean) <= 0.15 * mean for s in scores), (concern, scores)


def test_flushed_cheeks_are_clear_redness_on_every_tone():
    for m in TONES:
        assert severity("redness", m, 6, redness=True) >= 40, m


@pytest.mark.parametrize("monk", [1, 9, 10])
def test_no_false_dark_spots_on_clear_faces(monk):
    # dark hair against the darkest skin used to give 3-7 "spots" at the face's edge
    assert false_dark_spots(monk, faces=3) == 0


@pytest.mark.parametrize("monk", [3, 9])
def test_exposure_is_corrected_against_the_whites_of_the_eyes(monk):
    img = render(5, MONK_SKIN_LAB[monk - 1], size=(1024, 768))
    opts = skinlab.AnalysisOptions(tone_only=True, overlay=False)
    normal = skinlab.analyze_image(jpeg(img.rgb), options=opts)
    assert normal.tone is not None and normal.quality.metrics["exposure_gain"] == 1.0
    for factor in (0.6, 1.4):
        r = skinlab.analyze_image(jpeg(expose(img.rgb, factor)), options=opts)
        assert r.tone is not None and abs(r.tone.monk - normal.tone.monk) <= 1, factor
        gain = r.quality.metrics["exposure_gain"]
        assert gain == pytest.approx(1 / factor, rel=0.15)  # the sclera told by how much


def _teeth_painted(rgb, landmarks, lightness, a, b):
    """The astronaut with her mouth opening recoloured (its shading kept): L* scaled so the
    brightest quarter of the opening is at ``lightness``, a* and b* set."""
    import cv2

    from skinlab.color import rgb_to_lab
    from skinlab.landmarks import MOUTH_OPENING, polygon_mask

    out = rgb.copy()
    mouth = polygon_mask(landmarks, MOUTH_OPENING, rgb.shape)
    lab = rgb_to_lab(np.ascontiguousarray(rgb)).astype(np.float32)
    lab[mouth, 0] *= lightness / np.percentile(lab[mouth, 0], 75)
    lab[mouth, 1], lab[mouth, 2] = a, b
    back = cv2.cvtColor(lab, cv2.COLOR_Lab2RGB)
    out[mouth] = np.clip(np.rint(back[mouth] * 255), 0, 255).astype(np.uint8)
    return out


@pytest.fixture(scope="module")
def astro_landmarks():
    face = make_face_detector().detect(astronaut())[0]
    assert face.landmarks is not None
    return face.landmarks


def test_a_smile_corrects_the_exposure_when_the_eyes_are_too_small(astronaut_png):
    # the astronaut's eyes are too small to be a white reference (0.7 px/mm); she smiles
    opts = skinlab.AnalysisOptions(tone_only=True, overlay=False)
    normal = skinlab.analyze_image(astronaut_png, options=opts)
    assert normal.quality.metrics["exposure_gain"] == 1.0  # her teeth: well exposed
    for factor in (0.5, 0.6):
        dim = skinlab.analyze_image(jpeg(expose(astronaut(), factor)), options=opts)
        assert dim.color_correction.illuminant_estimate["exposure_reference"] == "teeth"
        assert 0.75 / factor <= dim.quality.metrics["exposure_gain"] <= 1.1 / factor
        assert "exposure_uncertain" not in {i.code for i in dim.quality.issues}
        assert dim.tone is not None and normal.tone is not None
        assert abs(dim.tone.monk - normal.tone.monk) <= 1, factor
        # corrected by a reference less sure than the sclera: a little less confident
        assert dim.quality.metrics["exposure_confidence"] < 1.0


def test_without_a_reference_a_dim_photo_gets_an_exposure_warning(astro_landmarks):
    # her mouth closed (the opening painted lip-coloured): no sclera, no teeth, nothing to
    # correct a dim copy by
    closed = _teeth_painted(astronaut(), astro_landmarks, 50.0, 25.0, 12.0)
    opts = skinlab.AnalysisOptions(tone_only=True, overlay=False)
    normal = skinlab.analyze_image(jpeg(closed), options=opts)
    dim = skinlab.analyze_image(jpeg(expose(closed, 0.5)), options=opts)
    assert "exposure_uncertain" not in {i.code for i in normal.quality.issues}
    assert "exposure_uncertain" in {i.code for i in dim.quality.issues}
    assert dim.color_correction.illuminant_estimate["exposure_reference"] == "none"
    assert dim.quality.metrics["exposure_gain"] == 1.0
    assert dim.quality.ok is False
    assert dim.tone is not None and normal.tone is not None
    assert dim.tone.confidence < 0.6 * normal.tone.confidence


def test_a_photo_too_dark_to_correct_fully_gets_an_exposure_warning(astronaut_png):
    # every 8-bit value at 0.45 (about 0.17 of the light): her teeth ask for a gain beyond
    # the limit, so the photo stays dark after the correction; the tone is not to be trusted
    opts = skinlab.AnalysisOptions(tone_only=True, overlay=False)
    normal = skinlab.analyze_image(astronaut_png, options=opts)
    very_dim = (astronaut().astype(np.float64) * 0.45).astype(np.uint8)
    dim = skinlab.analyze_image(jpeg(very_dim), options=opts)
    assert dim.color_correction.illuminant_estimate["exposure_reference"] == "teeth"
    assert "exposure_uncertain" in {i.code for i in dim.quality.issues}
    assert dim.quality.metrics["exposure_confidence"] == 0.5
    assert dim.tone is not None and normal.tone is not None
    assert dim.tone.confidence < 0.6 * normal.tone.confidence


def test_dull_teeth_in_a_scene_with_whites_do_not_lighten_the_skin(astro_landmarks):
    # well exposed, but her teeth dull (L* about 72): alone they would ask for a gain of 1.5+;
    # the flag's white stripes would then pass white, so nothing is changed
    from skinlab.exposure import TEETH_REFERENCE_L, _y_of_l, teeth_lightness

    dull = _teeth_painted(astronaut(), astro_landmarks, 64.0, 1.0, 12.0)
    face = make_face_detector().detect(dull)[0]
    level = teeth_lightness(dull, face)
    assert level is not None and _y_of_l(TEETH_REFERENCE_L) / _y_of_l(level) > 1.5
    r = skinlab.analyze_image(jpeg(dull), options=skinlab.AnalysisOptions(tone_only=True))
    assert r.quality.metrics["exposure_gain"] == 1.0
    assert r.tone is not None and r.tone.monk <= 4


def test_a_missed_face_never_gives_a_confident_tone_of_the_background():
    # Haar misses the astronaut recoloured to Monk 9: what it measures instead is not skin
    rgb = astronaut()
    face = make_face_detector().detect(rgb)[0]
    img = recolour(rgb, skin_weight(rgb, face.landmarks), MONK_SKIN_LAB[8], np.ones(3))
    r = skinlab.analyze_image(
        jpeg(img), options=skinlab.AnalysisOptions(tone_only=True, face_detector="haar")
    )
    assert not r.face.detected
    assert "skin_unconfirmed" in {i.code for i in r.quality.issues}
    assert r.quality.ok is False and r.tone is not None and r.tone.confidence <= 0.2
    # the landmark model finds the face and measures the skin
    r = skinlab.analyze_image(jpeg(img), options=skinlab.AnalysisOptions(tone_only=True))
    assert r.face.detected and r.tone is not None and abs(r.tone.monk - 9) <= 1
    assert "skin_unconfirmed" not in {i.code for i in r.quality.issues}
