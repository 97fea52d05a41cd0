"""The names other parts of MetSkin link to: concerns and ingredient-flag glossary keys.

Both lists are contracts (docs in /work/brief COMMON.md, "Shared vocabulary"): the analysis
result page links to ``/learn/concern/<name>/`` and the routine and ingredient checker link
to ``/learn/term/<key>/``. Keep them here, in one place.
"""

from __future__ import annotations

# Concern names the analysis engine reports (``skinlab.concerns.Concern`` values).
ENGINE_CONCERNS: tuple[str, ...] = (
    "acne",
    "redness",
    "dark_spots",
    "uneven_tone",
    "shine",
    "texture",
    "fine_lines",
    "dark_circles",
    "lesion",
)
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
