# mypy: disable-error-code="no-untyped-def"
# (pytest tests and fixtures: arguments are fixtures, results are asserted, not returned)
"""The quality gate: each failed check gives its code and an action a person can take."""

import io

import numpy as np
import pytest
from PIL import Image
from skimage import data

import skinlab
from bench.analysis.synthetic import render
from skinlab.result import AnalysisResult
from skinlab.tests.conftest import jpeg_bytes
from skinlab.tone import MONK_SKIN_LAB

NO_OVERLAY = skinlab.AnalysisOptions(overlay=False)


def _analyse(arr: np.ndarray) -> AnalysisResult:
    return skinlab.analyze_image(jpeg_bytes(np.ascontiguousarray(arr)), options=NO_OVERLAY)


def _png(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="PNG")
    return buf.getvalue()


#: What each issue tells the person to do (the message is "what is wrong: what to do").
ACTIONS = {
    "skin_colour_uncertain": "take the photo in daylight, without filters, with skin filling",
    "overexposed": "step out of direct sun or turn off the flash",
    "face_too_small": "move closer so your face fills most of the frame",
    "face_turned": "look straight at the camera with both eyes visible",
    "skin_too_small": "move closer so the skin fills the frame",
}


def _assert_issue(r: AnalysisResult, code: str) -> None:
    issues: dict[str, str] = {i.code: i.message for i in r.quality.issues}
    assert code in issues, f"{code} not in {sorted(issues)}"
    what, _, action = issues[code].partition(": ")
    assert what and ACTIONS[code] in action  # what is wrong, then what to do
    assert not r.quality.ok


@pytest.fixture(scope="module")
def good_face() -> np.ndarray:
    return render(2, MONK_SKIN_LAB[4], size=(640, 480)).rgb


@pytest.fixture(scope="module")
def good_result(good_face) -> AnalysisResult:
    return _analyse(good_face)


def test_a_good_photo_passes_every_check(good_result):
    assert good_result.face.detected and good_result.quality.ok
    assert good_result.quality.issues == []


# ------------------------------------------------------------------ colour gives no evidence


def test_a_flat_grey_photo_is_refused_with_the_colour_hint():
    # given a blank mid-grey frame: no colour and no texture, nothing that shows skin
    flat = _png(np.full((480, 640, 3), 128, np.uint8))
    # then it is refused like any photo without measurable skin, with the action to take
    with pytest.raises(skinlab.NoSkinFound) as exc:
        skinlab.analyze_image(flat)
    assert "could not tell skin from the background" in exc.value.message
    assert ACTIONS["skin_colour_uncertain"] in exc.value.message


def test_a_small_face_on_a_plain_grey_wall_is_not_measured_as_grey_skin():
    # the face is too small to be detected; the wall around it must not be read as skin
    wall = np.full((768, 1024, 3), 128, np.uint8)
    wall[300:420, 400:520] = np.asarray(Image.fromarray(data.astronaut()).resize((120, 120)))
    with pytest.raises(skinlab.NoSkinFound):
        skinlab.analyze_image(_png(wall))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_greyscale_face_photo_is_measured_but_flagged(fmt):
    # given the astronaut portrait converted to greyscale (chroma 0 everywhere)
    grey = Image.fromarray(data.astronaut()).convert("L")
    buf = io.BytesIO()
    grey.save(buf, format=fmt)
    r = skinlab.analyze_image(buf.getvalue(), options=NO_OVERLAY)
    colour = skinlab.analyze_image(_png(data.astronaut()), options=NO_OVERLAY)
    # then a tone is still given, but flagged: the photo cannot tell skin by its colour
    assert r.face.detected and r.tone is not None
    _assert_issue(r, "skin_colour_uncertain")
    assert r.tone.confidence < colour.tone.confidence  # type: ignore[union-attr]
    # and the colour portrait is not flagged
    assert "skin_colour_uncertain" not in {i.code for i in colour.quality.issues}


def test_a_nearly_grey_skin_close_up_is_still_measured_but_flagged():
    # given a skin close-up whose camera white balance made the skin nearly grey (chroma < 3,
    # as in some PAD-UFES-20 photos): the near-grey fallback still measures it...
    img = render(3, (66.0, 1.0, 1.5), layout="patch", size=(640, 480), noise=1.0)
    r = _analyse(img.rgb[:, :380])
    assert r.tone is not None and abs(r.tone.lab[0] - 66.0) < 2 and r.tone.monk <= 2
    # ...with the issue, and a lower confidence than the same close-up of coloured skin
    _assert_issue(r, "skin_colour_uncertain")
    skin = _analyse(render(3, MONK_SKIN_LAB[1], layout="patch", size=(640, 480), noise=1.0).rgb)
    assert "skin_colour_uncertain" not in {i.code for i in skin.quality.issues}
    assert skin.tone is not None and r.tone.confidence < 0.5 * skin.tone.confidence


def test_coloured_skin_photos_do_not_get_the_colour_issue(good_result):
    assert "skin_colour_uncertain" not in {i.code for i in good_result.quality.issues}


# ------------------------------------------------------------------ exposure, face, skin area


def test_overexposed(good_face, good_result):
    # given the good photo with the exposure pushed until the skin clips
    bright = np.clip(good_face.astype(np.float32) * 1.5, 0, 255).astype(np.uint8)
    r = _analyse(bright)
    assert r.quality.metrics["clipped_share"] > 0.12
    _assert_issue(r, "overexposed")
    assert "overexposed" not in {i.code for i in good_result.quality.issues}


def test_face_too_small(good_result):
    # given a face found, but only 76 px wide (too few pixels for its skin)
    r = _analyse(render(2, MONK_SKIN_LAB[4], size=(150, 112)).rgb)
    assert r.face.detected and r.face.box is not None and r.face.box["w"] < 80
    _assert_issue(r, "face_too_small")
    assert "face_too_small" not in {i.code for i in good_result.quality.issues}


def test_face_turned_when_only_one_eye_is_visible_to_haar(good_face, good_result):
    # given the good face with its left eye (image right) hidden, as in a face turned away:
    # cover it with skin from the cheek below (Haar judges the pose from the eyes it finds;
    # the landmark model reads the pose itself: test_landmarks.py)
    img = render(2, MONK_SKIN_LAB[4], size=(640, 480))
    assert img.face_box is not None
    x, y, w, _ = img.face_box
    d = 0.4 * w  # inter-pupil distance of the drawn face
    ex, ey = round(x + w / 2 + d / 2), round(y + 0.53 * w)
    half, top = round(0.4 * d), round(ey - 0.35 * d)
    turned = good_face.copy()
    cheek = good_face[round(ey + 0.3 * d) : round(ey + 0.8 * d), ex - half : ex + half]
    turned[top : top + cheek.shape[0], ex - half : ex + half] = cheek
    r = skinlab.analyze_image(
        jpeg_bytes(np.ascontiguousarray(turned)),
        options=skinlab.AnalysisOptions(overlay=False, face_detector="haar"),
    )
    assert r.face.detected and len(r.face.eyes) == 1 and not r.face.frontal
    _assert_issue(r, "face_turned")
    assert good_result.face.frontal
    assert "face_turned" not in {i.code for i in good_result.quality.issues}


def test_skin_too_small():
    # given a skin close-up filling only 12 % of a frame of dark green cloth (no face)
    patch = render(3, MONK_SKIN_LAB[4], layout="patch", size=(640, 480)).rgb
    rng = np.random.default_rng(0)
    scene = np.clip(rng.normal((30, 60, 40), 2, (480, 640, 3)), 0, 255).astype(np.uint8)
    scene[100:292, 100:292] = patch[:192, :192]
    r = _analyse(scene)
    assert not r.face.detected and r.quality.metrics["skin_share"] < 0.15
    _assert_issue(r, "skin_too_small")
    # the same skin filling most of the frame is not too small
    big = _analyse(patch[:, :380])
    assert "skin_too_small" not in {i.code for i in big.quality.issues}
