"""The names other parts of MetSkin link to: concerns and ingredient-flag glossary keys.

Both are contracts between the parts of MetSkin: the analysis result page links to
``/learn/concern/<name>/`` and the routine and ingredient checker link to
``/learn/term/<key>/``. Concern names come from ``skinlab.concerns.Concern``; the rest live
here, in one place.
"""

from __future__ import annotations

from skinlab.concerns import Concern

# Concern names the analysis engine reports: skinlab's enum is the one source.
ENGINE_CONCERNS: tuple[str, ...] = tuple(concern.value for concern in Concern)
# Concerns a person can report in their skin profile that the engine does not measure.
SELF_REPORTED_CONCERNS: tuple[str, ...] = ("dryness",)
CONCERN_NAMES: tuple[str, ...] = ENGINE_CONCERNS + SELF_REPORTED_CONCERNS

# Ingredient flags and active classes that link to a glossary entry.
TERM_KEYS: tuple[str, ...] = (
    "fragrance",
    "eu_allergen",
    "drying_alcohol",
    "comedogenic",
    "pregnancy_caution",
    "irritant",
    "retinoid",
    "aha",
    "bha",
    "benzoyl_peroxide",
    "vitamin_c",
    "niacinamide",
    "azelaic_acid",
    "spf",
)
