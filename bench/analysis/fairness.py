"""The same score on every skin tone: features planted at the same physical contrast.

Each feature is planted on the same synthetic face (same seed, same geometry) rendered at
each of the ten Monk tones, as a *physical* change: lines, texture and dark circles as a
reflectance ratio (a shadow, a fold), papules and flushed cheeks as haemoglobin, dark spots
as melanin (``render(..., physical=True)``). A measure that is fair scores them the same on
every tone. Targets: each tone's severity within ±15 % of the mean over the ten tones, for
fine lines, texture, dark spots, redness, dark circles and acne; no dark spot on ten clear
faces of each tone; flushed cheeks reach redness 40 on every tone.
"""

from __future__ import annotations

import statistics

import skinlab
from bench.analysis.synthetic import render
from skinlab.tone import MONK_SKIN_LAB

SIZE = (1024, 768)
#: concern → the features planted (keyword arguments of ``render``).
FEATURES: dict[str, dict[str, object]] = {
    "fine_lines": {"lines": True, "crow_feet": True, "line_mm": 1.0, "line_depth": 0.2},
    "texture": {"texture": True},
    "dark_spots": {"n_dark_spots": 8},
    "redness": {"redness": True},
    "dark_circles": {"dark_circles": True},
    "acne": {"n_papules": 14},
}
TOLERANCE = 0.15
SEEDS = (6, 7, 8)


def severity(concern: str, monk: int, seed: int, **features: object) -> int:
    img = render(seed, MONK_SKIN_LAB[monk - 1], size=SIZE, physical=True, **features)  # type: ignore[arg-type]
    r = skinlab.analyze_image(img.jpeg, options=skinlab.AnalysisOptions(overlay=False))
    c = r.concern(concern)
    assert c is not None
    return c.severity


def per_tone(concern: str, seeds: tuple[int, ...] = SEEDS) -> list[float]:
    """Mean severity over ``seeds`` for Monk 1..10 with the concern's feature planted."""
    return [
        statistics.fmean(severity(concern, m, s, **FEATURES[concern]) for s in seeds)
        for m in range(1, 11)
    ]


def fair(scores: list[float]) -> tuple[bool, float]:
    """(every tone within ±15 % of the mean, the largest relative deviation)."""
    mean = statistics.fmean(scores)
    worst = max(abs(s - mean) for s in scores) / mean if mean > 0 else float("inf")
    return worst <= TOLERANCE, worst


def false_dark_spots(monk: int, faces: int = 10) -> int:
    """Dark spots reported on ``faces`` clear faces (nothing planted) of one tone."""
    total = 0
    for seed in range(100, 100 + faces):
        img = render(seed, MONK_SKIN_LAB[monk - 1], size=SIZE)
        r = skinlab.analyze_image(img.jpeg, options=skinlab.AnalysisOptions(overlay=False))
        c = r.concern("dark_spots")
        total += int(c.details.get("count") or 0) if c is not None else 0
    return total
