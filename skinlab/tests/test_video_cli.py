# mypy: disable-error-code="no-untyped-def"
# (pytest tests and fixtures: arguments are fixtures, results are asserted, not returned)
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skinlab
from bench.analysis.synthetic import render
from skinlab.cli import main
from skinlab.tone import MONK_SKIN_LAB


def _video(path: Path, frames: list[np.ndarray], fps: int = 10) -> Path:
    h, w = frames[0].shape[:2]
    fourcc = cv2.VideoWriter_fourcc(*"mp4v")  # type: ignore[attr-defined]
    vw = cv2.VideoWriter(str(path), fourcc, fps, (w, h))
    for f in frames:
        vw.write(cv2.cvtColor(f, cv2.COLOR_RGB2BGR))
    vw.release()
    return path


@pytest.fixture(scope="module")
def face_video(tmp_path_factory) -> Path:
    rgb = render(4, MONK_SKIN_LAB[6], size=(480, 360), n_papules=4).rgb
    frames = [np.roll(rgb, i, axis=1) for i in range(20)]
    return _video(tmp_path_factory.mktemp("v") / "face.mp4", frames)


def test_probe_video(face_video):
    info = skinlab.probe_video(face_video)
    assert info.duration_s == pytest.approx(2.0, abs=0.2)
    assert (info.width, info.height) == (480, 360)
    assert info.frame_count == 20 and info.fps == pytest.approx(10)
    with pytest.raises(skinlab.UnsupportedMedia):
        skinlab.probe_video(b"not a video at all")


def test_analyze_video_from_bytes(face_video):
    r = skinlab.analyze(
        face_video.read_bytes(), options=skinlab.AnalysisOptions(video_max_frames=6)
    )
    assert r.media_type == "video" and r.video is not None
    # the frames are the same face shifted by a pixel or two: they agree
    assert r.video.frames_used >= 1 and r.video.consistency >= 0.95
    assert r.tone is not None and r.tone.monk in (6, 7, 8)
    assert r.to_dict()["video"]["frames_sampled"] >= r.video.frames_used
    # the frames are analysed with the landmark model unless another detector is asked for
    assert (r.face.detector, r.face.landmarks) == ("mediapipe", True)


def test_frame_selection_prefers_sharp_frames(tmp_path):
    # given a video whose frames alternate sharp and heavily blurred (the face is still found
    # in every frame, so only sharpness can tell them apart)
    rgb = render(4, MONK_SKIN_LAB[6], size=(480, 360), n_papules=4).rgb
    frames = [
        np.roll(rgb, i, axis=1)
        if i % 2 == 0
        else cv2.GaussianBlur(np.roll(rgb, i, axis=1), (0, 0), 4)
        for i in range(20)
    ]
    path = _video(tmp_path / "alternating.mp4", frames)
    # when every frame is scored and the best three are analysed
    opts = skinlab.AnalysisOptions(video_max_frames=20, video_best_frames=3, overlay=False)
    r = skinlab.analyze_video(path, options=opts)
    # then the frames analysed are sharp ones (even indices) only
    assert r.video is not None and r.video.frames_sampled >= 18
    assert len(r.video.frame_indices) == 3
    assert all(i % 2 == 0 for i in r.video.frame_indices), r.video.frame_indices


def test_consistency_is_high_for_identical_frames_and_low_for_different_tones(tmp_path):
    same = [render(4, MONK_SKIN_LAB[6], size=(480, 360)).rgb] * 3
    r = skinlab.analyze_video(_video(tmp_path / "same.mp4", same))
    assert r.video is not None and r.video.frames_used == 3
    assert r.video.consistency >= 0.95
    assert "inconsistent_frames" not in {i.code for i in r.quality.issues}
    # three frames of three very different skin tones (Monk 2, 6, 9)
    toned = [render(4, MONK_SKIN_LAB[k], size=(480, 360)).rgb for k in (1, 5, 8)]
    r = skinlab.analyze_video(_video(tmp_path / "toned.mp4", toned))
    assert r.video is not None and r.video.frames_used == 3
    assert r.video.consistency <= 0.5
    assert "inconsistent_frames" in {i.code for i in r.quality.issues}


def test_video_frames_are_scored_with_the_configured_detector(face_video, monkeypatch):
    import skinlab.pipeline
    import skinlab.video
    from skinlab.detect import HaarFaceDetector

    asked: list[str | None] = []
    haar = HaarFaceDetector()

    def detector_for(path=None):
        asked.append(path)
        return haar

    monkeypatch.setattr(skinlab.video, "make_face_detector", detector_for)
    monkeypatch.setattr(skinlab.pipeline, "make_face_detector", detector_for)
    opts = skinlab.AnalysisOptions(face_detector="yunet.onnx", video_max_frames=4, overlay=False)
    r = skinlab.analyze_video(face_video, options=opts)
    assert r.video is not None and r.video.frames_used >= 1
    assert asked and set(asked) == {"yunet.onnx"}


@pytest.fixture
def unusable_models(tmp_path) -> dict[str, str]:
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"this is not an ONNX model")
    return {"missing": str(tmp_path / "missing.onnx"), "broken": str(broken)}


@pytest.mark.parametrize("which", ["missing", "broken"])
def test_unusable_face_detector_model_is_a_configuration_error(
    which, unusable_models, face_video, astronaut_png, tmp_path, capsys
):
    opts = skinlab.AnalysisOptions(face_detector=unusable_models[which])
    with pytest.raises(skinlab.ConfigurationError):
        skinlab.analyze_image(astronaut_png, options=opts)
    steps: list[str] = []
    with pytest.raises(skinlab.ConfigurationError):
        skinlab.analyze_video(face_video, options=opts, on_progress=lambda s, _f: steps.append(s))
    assert steps == []  # refused before any frame is decoded
    with pytest.raises(skinlab.ConfigurationError):
        skinlab.analyze(face_video.read_bytes(), options=opts)
    photo = tmp_path / "a.png"
    photo.write_bytes(astronaut_png)
    capsys.readouterr()
    for path in (photo, face_video):
        assert main(["analyze", str(path), "--face-detector", unusable_models[which]]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error: configuration_error: ")


def test_video_without_face_gives_quality_issue(tmp_path):
    rng = np.random.default_rng(1)
    frames = [rng.integers(0, 255, (120, 160, 3), dtype=np.uint8) for _ in range(8)]
    r = skinlab.analyze_video(_video(tmp_path / "noise.mp4", frames))
    codes = {i.code for i in r.quality.issues}
    assert "no_face" in codes and not r.quality.ok


def test_video_too_long_is_refused(face_video):
    with pytest.raises(skinlab.VideoTooLong):
        skinlab.analyze_video(face_video, options=skinlab.AnalysisOptions(video_max_duration_s=1.0))


def test_cli_exit_code_2_on_bad_input(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "missing.jpg")]) == 2
    txt = tmp_path / "note.txt"
    txt.write_text("hello")
    assert main(["analyze", str(txt), "--json"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("error: ") for line in err)


def test_cli_json_and_batch(tmp_path, astronaut_png):
    (tmp_path / "a.png").write_bytes(astronaut_png)
    (tmp_path / "b.txt").write_text("nope")
    out = subprocess.run(
        [sys.executable, "-m", "skinlab", "analyze", str(tmp_path / "a.png"), "--json",
         "--overlay", str(tmp_path / "o.jpg")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert '"schema_version": "1.0"' in out.stdout
    assert (tmp_path / "o.jpg").read_bytes().startswith(b"\xff\xd8\xff")
    assert (
        main(["batch", str(tmp_path), "--csv", str(tmp_path / "out.csv"), "--quiet", "--tone-only"])
        == 0
    )
    rows = (tmp_path / "out.csv").read_text().splitlines()
    assert rows[0].startswith("file,ok,ita,ita_band,monk,fitzpatrick,undertone,acne")
    assert any(r.startswith("b.txt,False") and r.endswith("unsupported_media") for r in rows)


def test_cli_prints_the_fitzpatrick_range_of_a_close_up(tmp_path, capsys):
    # given a skin-filled close-up (nothing in it tells the light) and the astronaut's face
    img = render(3, MONK_SKIN_LAB[2], layout="patch", size=(640, 480), noise=1.0)
    cv2.imwrite(str(tmp_path / "c.png"), cv2.cvtColor(img.rgb[:, :380], cv2.COLOR_RGB2BGR))
    # when the command line analyses it
    assert main(["analyze", str(tmp_path / "c.png"), "--tone-only"]) == 0
    # then the Fitzpatrick estimate is printed with the range the photo allows
    tone_line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("tone:"))
    r = skinlab.analyze(tmp_path / "c.png", options=skinlab.AnalysisOptions(tone_only=True))
    assert r.tone is not None
    lo, hi = r.tone.fitzpatrick_range
    assert f"Fitzpatrick {r.tone.fitzpatrick} (estimate; {lo}-{hi} possible)" in tone_line


#: What bad input may raise. InternalError is also a SkinlabError (the public wrapper turns any
#: unexpected exception into one), so it must be ruled out explicitly: it means a bug.
EXPECTED_ERRORS = (
    skinlab.EmptyInput,
    skinlab.UnsupportedMedia,
    skinlab.CorruptMedia,
    skinlab.ImageTooLarge,
    skinlab.VideoTooLong,
    skinlab.NoSkinFound,
)


def _only_expected_errors(fn, data: bytes) -> None:
    try:
        fn(data)
    except skinlab.InternalError as exc:
        raise AssertionError(f"unexpected {exc.__cause__!r}") from exc
    except EXPECTED_ERRORS:
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_only_raise_skinlab_errors(data):
    for fn in (skinlab.analyze, skinlab.probe_video):
        _only_expected_errors(fn, data)


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(
        [
            b"\xff\xd8\xff\xe0",
            b"\x89PNG\r\n\x1a\n",
            b"\x00\x00\x00\x18ftypheic",
            b"\x00\x00\x00\x18ftypisom",
            b"\x1a\x45\xdf\xa3",
        ]
    ),
    st.binary(max_size=512),
)
def test_magic_prefixed_garbage_is_typed(prefix, tail):
    _only_expected_errors(skinlab.analyze, prefix + tail)


def test_frame_count_fallback_is_bounded(face_video):
    from skinlab.video import _count_frames

    assert _count_frames(str(face_video), limit=5) == 5
    assert _count_frames(str(face_video), limit=1000) == 20
