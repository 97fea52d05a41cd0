"""The tone benchmark on real skin texture: a real portrait recoloured to every Monk tone
and lit four ways (see :mod:`bench.analysis.real_faces`). This set, not the synthetic one,
is the evidence for the Monk estimate: the synthetic faces are flat-coloured drawings.

Two framings of the same photo (the whole portrait, and a head-and-shoulders crop with less
background for colour constancy) x 10 Monk tones x 4 lights = 80 images. Truth: the Monk
tone the skin was recoloured to (its median skin pixel is exactly that photographed swatch).
Targets: Monk within ±1 on ≥ 90 % of all images, and on every tone for ≥ 3 of the 4 lights
(a light counts when both framings are within ±1).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

import skinlab
from bench.analysis.real_faces import astronaut, jpeg, light_gains, recolour, skin_weight
from skinlab.tone import MONK_SKIN_LAB

FRAMINGS = {"portrait": (slice(0, 512), slice(0, 512)), "head": (slice(20, 330), slice(90, 370))}


@dataclass
class Case:
    tone: int
    light: str
    framing: str
    data: bytes


def cases() -> list[Case]:
    """The 80 recoloured photos (JPEG q90), built in memory."""
    from skinlab.detect import make_face_detector

    rgb = astronaut()
    face = make_face_detector("mediapipe").detect(rgb)[0]
    assert face.landmarks is not None
    weight = skin_weight(rgb, face.landmarks)
    out = []
    for k, lab in enumerate(MONK_SKIN_LAB, start=1):
        for light, gains in light_gains().items():
            img = recolour(rgb, weight, lab, gains)
            for name, (ys, xs) in FRAMINGS.items():
                out.append(Case(k, light, name, jpeg(img[ys, xs].copy())))
    return out


@dataclass
class Answer:
    case: Case
    monk: int | None
    face: bool
    confidence: float
    quality_ok: bool
    error: str = ""


def run(detector: str | None = None) -> list[Answer]:
    """The engine's answer on every case (tone only), with the given face detector."""
    opts = skinlab.AnalysisOptions(tone_only=True, overlay=False, face_detector=detector)
    answers = []
    for c in cases():
        try:
            r = skinlab.analyze_image(c.data, options=opts)
        except skinlab.SkinlabError as exc:
            answers.append(Answer(c, None, False, 0.0, False, exc.code))
            continue
        assert r.tone is not None
        answers.append(Answer(c, r.tone.monk, r.face.detected, r.tone.confidence, r.quality.ok))
    return answers


def within(a: Answer) -> bool:
    return a.monk is not None and abs(a.monk - a.case.tone) <= 1


def summary(answers: list[Answer]) -> tuple[list[list[object]], dict[str, object]]:
    """Per-tone rows and the overall figures."""
    rows: list[list[object]] = []
    tones_ok = 0
    lights = list(light_gains())
    for k in range(1, 11):
        mine = [a for a in answers if a.case.tone == k]
        per_light = {
            light: all(within(a) for a in mine if a.case.light == light) for light in lights
        }
        ok = sum(per_light.values()) >= 3
        tones_ok += ok
        rows.append([
            f"Monk {k}",
            " ".join(str(a.monk) if a.monk is not None else a.error or "-" for a in mine),
            f"{100 * statistics.fmean(a.monk == k for a in mine):.0f}%",
            f"{100 * statistics.fmean(within(a) for a in mine):.0f}%",
            f"{sum(per_light.values())}/4",
            f"{100 * statistics.fmean(a.face for a in mine):.0f}%",
            f"{statistics.fmean(a.confidence for a in mine):.2f}",
            "PASS" if ok else "MISS",
        ])  # fmt: skip
    overall = statistics.fmean(within(a) for a in answers)
    return rows, {"overall": overall, "tones_ok": tones_ok, "n": len(answers)}


def timed_run(detector: str | None) -> tuple[list[Answer], float]:
    t = time.perf_counter()
    answers = run(detector)
    return answers, time.perf_counter() - t
