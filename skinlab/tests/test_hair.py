# mypy: disable-error-code="no-untyped-def"
# (pytest tests: arguments are fixtures, results are asserted, not returned)
"""Hair is not skin, on every tone (issue 15): a beard of *real* hair on the astronaut.

The beard is real fur (scikit-image's cat, the texture the cue was tuned on) or the camera
man's own hair (held out), darkened to black hair and blended over the astronaut's chin, jaw
and lower cheeks, on her face recoloured to a Monk tone (:mod:`bench.analysis.beard`). On
Monk 9-10 black hair is within the skin's colour range, and before the texture cue the beard
was measured as skin: texture up, dark "spots" on it. The yardstick for the scores is the same
photo with the true beard mask left out (what a perfect cue would give): a beard also covers
skin, so the bearded face need not score like the clean one.
"""

from functools import lru_cache

import numpy as np
import pytest

from bench.analysis.beard import (
    analyse,
    bearded_face,
    hair_cue_replaced,
    lesion_on_cheek,
    not_her_skin,
    pad_lesions,
    sharpened,
    toned_face,
    true_hair,
    without_hair_cue,
)
from bench.analysis.fairness import FEATURES, SIZE
from bench.analysis.synthetic import render
from skinlab.landmarks import region_masks
from skinlab.tone import MONK_SKIN_LAB


@lru_cache(maxsize=8)
def _bearded(monk, texture="cat_fur"):
    face, alpha = bearded_face(monk, texture)
    return face, alpha, analyse(face.rgb)


def _beard_kept_in_chin(face, alpha, measure):
    """Share of the beard (opacity > 0.5) inside the chin region that is still skin there."""
    beard = alpha > 0.5
    chin = region_masks(face.landmarks.astype(np.float32), alpha.shape)["chin"]
    return float((measure.masks["chin"] & beard).sum()) / float((chin & beard).sum())


@pytest.mark.parametrize("monk", [3, 9, 10])
def test_a_beard_of_real_hair_is_left_out_of_the_chin(monk):
    # before the cue: 43 % kept on Monk 3 (the skin between the hairs closes over it),
    # 19 % on Monk 9, 4.5 % on Monk 10
    face, alpha, measure = _bearded(monk)
    assert _beard_kept_in_chin(face, alpha, measure) <= 0.01


@pytest.mark.parametrize("monk", [9, 10])
def test_held_out_real_hair_is_mostly_left_out_of_the_chin(monk):
    # the camera man's hair was not looked at when the thresholds were chosen; before the
    # cue 14-16 % of it was kept
    face, alpha, measure = _bearded(monk, "cameraman_hair")
    assert _beard_kept_in_chin(face, alpha, measure) <= 0.05


@pytest.mark.parametrize("monk", [3, 9, 10])
def test_no_dark_spots_are_found_on_the_beard(monk):
    # before the cue: 20 on Monk 3, 11 on Monk 9, 4 on Monk 10
    _face, alpha, measure = _bearded(monk)
    assert measure.found_on("dark_spots", true_hair(alpha)) <= 2


@pytest.mark.parametrize("monk", [9, 10])
def test_the_beard_does_not_raise_texture_beyond_what_the_true_beard_mask_gives(monk):
    # before the cue: 4 points above (34 vs 30 on Monk 9, 36 vs 32 on Monk 10)
    face, alpha, measure = _bearded(monk)
    with hair_cue_replaced(true_hair(alpha)):
        truth = analyse(face.rgb)
    assert abs(measure.scores["texture"] - truth.scores["texture"]) <= 2


@pytest.mark.parametrize("monk", [1, 9, 10])
def test_clean_skin_is_not_taken_for_hair(monk):
    face = toned_face(monk)
    with without_hair_cue():
        before = analyse(face.rgb)
    after = analyse(face.rgb)
    for name, mask in before.masks.items():
        assert after.masks[name].sum() >= 0.995 * mask.sum(), name
    # redness of dark skin is darker too: a colour rule that kept the beard out moved it
    # (Monk 9: 37 → 21); the texture cue must not
    assert abs(after.scores["redness"] - before.scores["redness"]) <= 2


@pytest.mark.parametrize("concern", sorted(FEATURES))
def test_planted_spots_lines_and_papules_are_not_hair(concern):
    img = render(6, MONK_SKIN_LAB[9], size=SIZE, physical=True, **FEATURES[concern])
    with without_hair_cue():
        before = analyse(img.rgb)
    after = analyse(img.rgb)
    for name, mask in before.masks.items():
        assert after.masks[name].sum() >= 0.995 * mask.sum(), name
    assert after.scores == before.scores


@pytest.mark.parametrize("monk", [9, 10])
def test_her_own_hair_over_the_forehead_is_left_out_of_a_sharpened_photo(monk):
    # The astronaut's own (blond, not recoloured) hair lies over her forehead and temples, and
    # on dark skin it reads as red: with every pixel that is not her skin left out, redness
    # is 23-24 on the photo sharpened as a phone would; without the cue, 35-39. (On the soft
    # x3 upscale without sharpening the cue does not see that hair: 37 and 34, see the docs.)
    img = sharpened(toned_face(monk).rgb)
    with hair_cue_replaced(not_her_skin()):
        truth = analyse(img)
    assert abs(analyse(img).scores["redness"] - truth.scores["redness"]) <= 3


#: Real lesions (PAD-UFES-20) the cue took for hair before it asked an area to be long: a
#: dark, uneven lesion with a sharp edge is textured like hair across its whole width.
LESIONS_ONCE_TAKEN_FOR_HAIR = (
    "images_300px/PAT_333_702_840.png",  # melanoma, 7 mm
    "images_300px/PAT_710_1330_243.png",  # melanoma, 10 mm
    "images_300px/PAT_309_663_812.png",  # actinic keratosis, 8 mm
)


@pytest.mark.parametrize("photo", LESIONS_ONCE_TAKEN_FOR_HAIR)
def test_a_real_lesion_on_the_cheek_is_not_taken_for_hair(photo):
    (row,) = [r for r in pad_lesions() if r["file"] == photo]
    placed = lesion_on_cheek(row)
    assert placed is not None
    face, where = placed
    with without_hair_cue():
        before = analyse(face.rgb)
    after = analyse(face.rgb)
    assert before.found_on("lesion", where) > 0  # the lesion screen sees it without the cue
    assert (after.skin & where).sum() >= 0.95 * (before.skin & where).sum()
    assert after.found_on("lesion", where) > 0  # ... and still with it
