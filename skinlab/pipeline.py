"""The photo pipeline: face → quality → colour constancy → regions → tone → concerns → overlay."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import cv2
import numpy as np

from skinlab import quality as q
from skinlab._types import pixels
from skinlab.color import (
    IlluminantEstimate,
    correct_rgb,
    estimate_illuminant,
    rgb_to_lab,
    sclera_candidates,
    srgb_to_linear,
    white_of_sclera,
)
from skinlab.detect import Box, Face, make_face_detector, profile_face_present
from skinlab.errors import NoSkinFound
from skinlab.exposure import SCLERA_MIN_PIXELS, normalise_exposure
from skinlab.load import LoadedImage
from skinlab.options import AnalysisOptions
from skinlab.overlay import render_overlay
from skinlab.regions import (
    build_regions,
    eye_geometry,
    featureless,
    fill_holes,
    grow_skin,
    loose_skin_mask,
    seed_colours,
    skin_like_mask,
)
from skinlab.result import (
    AnalysisResult,
    ColorCorrection,
    FaceInfo,
    MediaType,
    PixelBox,
    Pose,
    Quality,
    QualityIssue,
    RegionInfo,
)
from skinlab.sclera import sclera_crops, sclera_light_pixels
from skinlab.tone import lit_skin, measure_tone

Progress = Callable[[str, float], None]

#: Average adult inter-pupil distance, mm (``checks.context.IPD_MM``).
_IPD_MM = 63.0

#: Long side of the reduced copy used to estimate the light (plenty for an average colour).
_CC_LONG_SIDE = 320


#: The sclera is used as a white reference only when the face has at least this many
#: working-image pixels per millimetre (the visible sclera is a strip about 4 mm tall).
SCLERA_MIN_PX_PER_MM = 1.0

#: A face without two confirmed eyes is only trusted when it is this large (share of the
#: image's shorter side): Haar cascades also fire on skin texture in close-ups.
EYELESS_FACE_MIN_SHARE = 0.3


#: Without a face, skin must fill at least this share of the picture to be taken as a
#: close-up of skin; less, and the colour measured may be the background's.
CLOSE_UP_MIN_SKIN_SHARE = 0.5
#: The highest tone confidence when what was measured is not confirmed to be skin.
UNCONFIRMED_SKIN_MAX_CONFIDENCE = 0.2


def plausible_face(face: Face, shape: tuple[int, ...]) -> bool:
    """Landmarks or two eyes confirm a face; without them only a large face box is believed."""
    return (
        face.landmarks is not None
        or len(face.eyes) == 2
        or face.box[2] >= EYELESS_FACE_MIN_SHARE * min(shape[:2])
    )


def _box_loc(box: Box, s: float) -> PixelBox:
    x, y, w, h = box
    return {"x": round(x * s), "y": round(y * s), "w": round(w * s), "h": round(h * s)}


def _scaled_face(face: Face, k: float) -> Face:
    def sb(b: Box) -> Box:
        return (round(b[0] * k), round(b[1] * k), max(1, round(b[2] * k)), max(1, round(b[3] * k)))

    return Face(
        box=sb(face.box),
        eyes=[sb(e) for e in face.eyes],
        score=face.score,
        frontal=face.frontal,
        landmarks=None if face.landmarks is None else face.landmarks * np.float32(k),
        pose=face.pose,
    )


def _estimate_light(
    rgb: np.ndarray, face: Face | None
) -> tuple[np.ndarray, ColorCorrection, object]:
    h, w = rgb.shape[:2]
    k = min(1.0, _CC_LONG_SIDE / max(h, w))
    small = cv2.resize(
        rgb, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA
    )
    sface = _scaled_face(face, k) if face is not None else None
    lin_small = srgb_to_linear(small)
    lab_small = rgb_to_lab(small)
    # The skin to keep out of the light estimate: the face centre's colour, or else the
    # colour covering most of the picture (a close-up). Its hue is not checked here: under a
    # coloured light, light skin may look bluish or orange.
    seed = seed_colours(lab_small, sface)[0]
    skin = grow_skin(lab_small, skin_like_mask(lab_small, seed), seed)
    if sface is not None:
        skin |= loose_skin_mask(lab_small, seed, sface)
    # What the skin encloses (spots, lesions, pen marks, hair on the skin) is not background:
    # grey-world must only see what lies *around* the skin.
    skin = fill_holes(skin)
    sclera = _sclera_light(rgb, face, seed) if face is not None else None
    est = estimate_illuminant(lin_small, skin, sclera=sclera)
    if est.applied:
        est = _keep_skin_in_gamut(est, lin_small, skin)
    cc = ColorCorrection(
        method=est.method,
        applied=est.applied,
        illuminant_estimate={
            "rgb": [round(v, 4) for v in est.illuminant_rgb],
            "cct_k": None if est.cct_k is None else round(est.cct_k),
            "candidates": {k2: [round(v, 4) for v in c] for k2, c in est.candidates.items()},
        },
        gains=[round(g, 4) for g in est.gains],
        confidence=est.confidence,
    )
    corrected = correct_rgb(rgb, est.gains) if est.applied else rgb
    return corrected, cc, est


def _sclera_light(
    rgb: np.ndarray, face: Face, seed: tuple[float, float, float]
) -> np.ndarray | None:
    """The light's colour from the whites of the eyes, measured at working resolution: the
    sclera the iris model outlines when the face has irises, else (Haar and YuNet faces) the
    central band of each eye box.

    The visible sclera is a strip about 4 mm tall: with less than one pixel per millimetre
    it is two or three pixels blended with lids and iris, and what looks like sclera is lid
    skin — so a face that small gives no sclera estimate.
    """
    if eye_geometry(face)[2] / _IPD_MM < SCLERA_MIN_PX_PER_MM:
        return None
    if len(face.irises) == 2:
        return _outlined_sclera_light(rgb, face, seed)
    if len(face.eyes) == 2:
        return _eye_band_sclera_light(rgb, face, seed)
    return None


def _outlined_sclera_light(
    rgb: np.ndarray, face: Face, seed: tuple[float, float, float]
) -> np.ndarray | None:
    """The light from the sclera inside the iris model's lids and outside its iris."""
    crops = []
    for win, outline in sclera_crops(face, rgb.shape):
        crop = np.ascontiguousarray(rgb[win])
        lab = rgb_to_lab(crop)
        # the outline's 1-px margin is not always enough on very light skin, which can be
        # brighter than the sclera: keep skin-coloured pixels out
        crops.append((crop, lab, outline & ~skin_like_mask(lab, seed)))
    # fewer pixels than the exposure step asks of the sclera are lids and lashes blended in
    if len(crops) != 2 or sum(int(m.sum()) for _, _, m in crops) < SCLERA_MIN_PIXELS:
        return None
    picks = []
    for crop, lab, mask in crops:
        p = sclera_light_pixels(srgb_to_linear(crop), lab, mask, (seed[1], seed[2]))
        if p is not None:
            picks.append(p)
    return white_of_sclera(picks)


def _eye_band_sclera_light(
    rgb: np.ndarray, face: Face, seed: tuple[float, float, float]
) -> np.ndarray | None:
    """The light from the bright, least skin-coloured pixels of each eye box's central band:
    for faces without irises (Haar, YuNet), whose eye boxes are all there is to go by."""
    picks = []
    for ex, ey, ew, eh in face.eyes:
        # the central band of the eye box holds the eye itself (not brow or lid skin)
        band = np.ascontiguousarray(
            rgb[ey + eh // 3 : ey + 2 * eh // 3 + 1, ex + ew // 6 : ex + ew - ew // 6]
        )
        if band.size == 0:
            continue
        lab = rgb_to_lab(band)
        # very light skin can be brighter than the sclera: keep skin-coloured pixels out
        mask = ~skin_like_mask(lab, seed)
        p = sclera_candidates(srgb_to_linear(band), mask, lab, (seed[1], seed[2]))
        if p is not None:
            picks.append(p)
    return white_of_sclera(picks)


def _skin_hue_ok(lab: tuple[float, float, float]) -> bool:
    """Skin under a neutral light has a hue between red and yellow (≈ 20-100°) unless it is
    nearly grey (chroma < 3, the lightest and darkest tones)."""
    _, a, b = lab
    c = float(np.hypot(a, b))
    h = float(np.degrees(np.arctan2(b, a)))
    return c < 3.0 or 20.0 <= h <= 100.0


def _keep_skin_in_gamut(
    est: IlluminantEstimate, lin: np.ndarray, skin: np.ndarray
) -> IlluminantEstimate:
    """Gamut constraint (after Forsyth 1990): a correction that turns the skin green, blue
    or grey-purple is wrong — usually grey-world fooled by hair or shadow around a close-up.
    Shrink such a correction until the corrected skin is skin-coloured again, or drop it."""
    if int(skin.sum()) < 50:
        return est
    mean_skin = np.median(pixels(lin, skin), axis=0).astype(np.float64)
    illum = np.asarray(est.illuminant_rgb, dtype=np.float64)
    for strength in (1.0, 0.75, 0.5, 0.25):
        e = 1.0 + strength * (illum - 1.0)
        e = e / float(e @ np.array([0.2126, 0.7152, 0.0722]))
        g = 1.0 / e
        corrected = np.clip(mean_skin * g, 0, 1)[None, None, :].astype(np.float32)
        enc = np.where(
            corrected <= 0.0031308, 12.92 * corrected, 1.055 * np.power(corrected, 1 / 2.4) - 0.055
        )
        lab = cv2.cvtColor(enc.astype(np.float32), cv2.COLOR_RGB2Lab)[0, 0]
        if _skin_hue_ok((float(lab[0]), float(lab[1]), float(lab[2]))):
            if strength == 1.0:
                return est
            return replace(
                est,
                method=est.method + "+gamut_limited",
                illuminant_rgb=(float(e[0]), float(e[1]), float(e[2])),
                gains=(float(g[0]), float(g[1]), float(g[2])),
                confidence=round(est.confidence * strength, 3),
            )
    return replace(
        est, method=est.method + "+rejected", gains=(1.0, 1.0, 1.0), applied=False, confidence=0.0
    )


def analyze_loaded(
    img: LoadedImage,
    options: AnalysisOptions,
    on_progress: Progress | None = None,
    *,
    media_type: str = "photo",
    timings: dict[str, float] | None = None,
) -> AnalysisResult:
    """Run the photo pipeline on a decoded image (NoSkinFound when there is nothing to measure)."""
    tm: dict[str, float] = {} if timings is None else timings

    def step(name: str, frac: float) -> None:
        if on_progress is not None:
            on_progress(name, frac)

    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        tm[name] = round((now - t) * 1000, 2)
        t = now

    rgb = img.rgb
    s = img.scale
    step("detect_face", 0.1)
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    detector = make_face_detector(options.face_detector)
    faces = detector.detect(rgb)
    face = next((f for f in faces if plausible_face(f, gray.shape)), None)
    lap("face_detection")

    step("quality", 0.2)
    issues, metrics = q.image_checks(rgb, gray, face)
    if face is None and not options.tone_only and profile_face_present(gray):
        issues.append(q.issue("face_turned"))
    lap("quality")

    step("color_correction", 0.3)
    if options.color_correction:
        corrected, cc, est = _estimate_light(rgb, face)
        issues += q.cast_check(est)  # type: ignore[arg-type]
    else:
        corrected = rgb
        cc = ColorCorrection(
            method="none",
            applied=False,
            illuminant_estimate={},
            gains=[1.0, 1.0, 1.0],
            confidence=0.0,
        )
    exposure_factor = 1.0
    if options.color_correction:
        corrected, exposure = normalise_exposure(corrected, face)
        exposure_factor = exposure.confidence
        metrics["exposure_gain"] = exposure.gain
        metrics["exposure_confidence"] = exposure.confidence
        estimate = {**cc.illuminant_estimate, "exposure_reference": exposure.reference}
        cc = replace(cc, illuminant_estimate=estimate)
        known = {i.code for i in issues}
        if exposure.uncertain and not known & {"too_dark", "overexposed"}:
            issues.append(q.issue("exposure_uncertain"))
    lab = rgb_to_lab(corrected)
    lap("color_correction")

    step("regions", 0.4)
    try:
        try:
            regions = build_regions(lab, face)
        except NoSkinFound:
            if face is None or len(face.eyes) == 2:
                raise
            # A face candidate not confirmed by both eyes whose "face" holds no skin is a
            # false hit (skin texture or a pattern): measure the photo as a close-up instead.
            face = None
            issues = [i for i in issues if i.code not in ("face_turned", "face_too_small")]
            regions = build_regions(lab, None)
    except NoSkinFound as exc:
        hint = " ".join(
            i.message for i in issues if i.code in ("too_dark", "overexposed", "blurry")
        )
        raise NoSkinFound(f"{exc.message} {hint}".strip()) from exc
    if regions.colour_uncertain:
        # Colour gave no evidence of skin (a nearly grey close-up, or a greyscale photo).
        if featureless(lab, regions.tone_mask):
            # ... and what was taken for skin has no texture or shading either (a blank
            # image, a plain wall): nothing in the photo shows skin
            raise NoSkinFound(
                f"{NoSkinFound.default_message} {q.MESSAGES['skin_colour_uncertain']}"
            )
        issues.append(q.issue("skin_colour_uncertain"))
    H, W = lab.shape[:2]
    skin_share = float(regions.skin_area.sum()) / (H * W)
    metrics["skin_share"] = round(skin_share, 4)
    if face is None and skin_share < 0.15:
        issues.append(q.issue("skin_too_small"))
    # Without a face, what was taken for skin is only known to be skin when it fills most of
    # the picture (a close-up). Otherwise it may be a wall, a sheet or clothes of a skin-like
    # colour behind a face that was missed: say so, and never with confidence.
    unconfirmed = face is None and skin_share < CLOSE_UP_MIN_SKIN_SHARE
    if unconfirmed:
        issues.append(q.issue("skin_unconfirmed"))
    lap("regions")

    step("tone", 0.5)
    qscore = q.score(issues)
    tone_px = lab[regions.tone_mask]
    n_px = len(tone_px)
    conf = qscore * min(1.0, n_px / 3000.0) * (0.6 + 0.4 * cc.confidence if cc.applied else 0.7)
    if regions.colour_uncertain:
        conf *= 0.5  # the colour measured may not be skin's at all
    # the skin may be a stop lighter or darker than it photographed (0.5), or was brought back
    # by a reference less sure than the sclera (the teeth)
    conf *= exposure_factor
    if unconfirmed:
        conf = min(conf, UNCONFIRMED_SKIN_MAX_CONFIDENCE)
    # a face or a colour reference tells the light; a skin-filled close-up does not
    trusted = cc.applied or face is not None
    tone = measure_tone(lit_skin(tone_px), confidence=conf, colour_trusted=trusted)
    lap("tone")

    concerns = []
    if not options.tone_only:
        step("concerns", 0.6)
        # imported here: the concern checks pull in scikit-image's filters (and SciPy), which
        # a tone-only run (and every CLI start) need not pay for
        from skinlab.checks import SkinContext, make_norm_view, run_checks

        ctx = SkinContext(
            lab=lab,
            regions=regions,
            face=face,
            scale_to_orig=s,
            quality_score=qscore,
            norm=make_norm_view(lab, regions, face),
        )
        lap("normalise")
        concerns = run_checks(ctx, tm)
        t = time.perf_counter()

    face_info = FaceInfo(
        detected=face is not None,
        box=_box_loc(face.box, s) if face is not None else None,
        eyes=[_box_loc(e, s) for e in face.eyes] if face is not None else [],
        frontal=bool(face.frontal) if face is not None else False,
        detector=detector.name,
        landmarks=face is not None and face.landmarks is not None,
        pose=None
        if face is None or face.pose is None
        else Pose(yaw=face.pose[0], pitch=face.pose[1], roll=face.pose[2]),
    )
    region_info = {}
    for name, box in regions.boxes.items():
        bx, by, bw, bh = box
        area = max(1, bw * bh)
        clear = int(regions.tone_mask[by : by + bh, bx : bx + bw].sum())
        region_info[name] = RegionInfo(
            box=_box_loc(box, s),
            skin_share=round(clear / area, 3),
            pixels=int(regions.masks[name].sum()),
        )

    overlay = None
    if options.overlay:
        step("overlay", 0.9)
        overlay = render_overlay(
            rgb,
            (img.orig_width, img.orig_height),
            concerns,
            face_info.box,
            options.overlay_long_side,
        )
        lap("overlay")
    step("done", 1.0)
    return AnalysisResult(
        media_type=MediaType(media_type),
        source_format=img.media_type,
        image={
            "width": img.orig_width,
            "height": img.orig_height,
            "analysed_width": W,
            "analysed_height": H,
        },
        quality=Quality(ok=not issues, score=qscore, issues=_dedupe(issues), metrics=metrics),
        color_correction=cc,
        face=face_info,
        regions=region_info,
        tone=tone,
        concerns=concerns,
        timings_ms=tm,
        overlay_jpeg=overlay,
    )


def _dedupe(issues: list[QualityIssue]) -> list[QualityIssue]:
    seen: set[str] = set()
    out = []
    for i in issues:
        if i.code not in seen:
            seen.add(i.code)
            out.append(i)
    return out
