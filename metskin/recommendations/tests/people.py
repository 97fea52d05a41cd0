"""Generated people for the routine property test and ``bench.routines``: every skin type,
sensitivity, pregnancy status, allergy and concern mix, with or without an analysis."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from random import Random

from metskin.catalog.vocabulary import CONCERNS, MEASURED_CONCERNS
from metskin.recommendations.engine.facts import AnalysisSnapshot, Finding, ProfileFacts

SKIN_TYPES = ("", "dry", "oily", "combination", "normal")
SENSITIVITY = ("none", "somewhat", "very")
BUDGETS = ("any", "low", "mid", "high")
# Things people really say they react to: fragrance allergens, lanolin, a vitamin, a nut,
# a preservative, a filter, an active.
ALLERGIES = (
    "linalool",
    "limonene",
    "lanolin",
    "vitamin E",
    "almond",
    "phenoxyethanol",
    "octocrylene",
    "salicylic acid",
    "coconut",
)
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Person:
    profile: ProfileFacts  # allergies as written; resolve them against the catalogue
    allergy_names: tuple[str, ...]
    history: tuple[AnalysisSnapshot, ...]


def _analysis(rng: Random, index: int) -> AnalysisSnapshot:
    measured = [name for name in MEASURED_CONCERNS if name != "lesion"]
    picked = rng.sample(measured, rng.randint(1, 4))
    findings = [Finding(name=name, severity=rng.randint(15, 85), confidence=0.8) for name in picked]
    return AnalysisSnapshot(
        analysis_id=f"a{index}", taken_at=NOW - timedelta(days=1), findings=tuple(findings)
    )


def people(count: int, *, seed: int = 18) -> Iterator[Person]:
    """``count`` people; the first of them walk every skin type × sensitivity × pregnancy
    combination so none is left to chance, the rest are drawn at random."""
    grid = [
        (skin, sensitivity, pregnant)
        for skin in SKIN_TYPES
        for sensitivity in SENSITIVITY
        for pregnant in (False, True)
    ]
    for index in range(count):
        rng = Random(seed * 100_003 + index)
        if index < len(grid):
            skin, sensitivity, pregnant = grid[index]
        else:
            skin = rng.choice(SKIN_TYPES)
            sensitivity = rng.choice(SENSITIVITY)
            pregnant = rng.random() < 0.25
        allergies = tuple(rng.sample(ALLERGIES, rng.choice((0, 0, 1, 1, 2))))
        profile = ProfileFacts(
            skin_type=skin,
            sensitive=sensitivity != "none",
            very_sensitive=sensitivity == "very",
            pregnant_or_breastfeeding=pregnant,
            acne_prone=rng.random() < 0.3,
            budget=rng.choice(BUDGETS),
            prefers_fragrance_free=rng.random() < 0.2,
            prefers_vegan=rng.random() < 0.15,
            concerns=tuple(rng.sample(CONCERNS, rng.randint(0, 3))),
            phototype=rng.choice((None, 1, 2, 3, 4, 5, 6)),
            currency=rng.choice(("GBP", "USD", "EUR")),
        )
        history = (_analysis(rng, index),) if rng.random() < 0.7 else ()
        yield Person(profile=profile, allergy_names=allergies, history=history)
