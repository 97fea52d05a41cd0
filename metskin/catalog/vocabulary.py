"""Names shared with the rest of MetSkin: concerns, active classes, ingredient flags.

Concern names and labels are ``metskin.accounts.concerns``'s (skinlab's, plus ``dryness``,
which people report in their skin profile). Active classes and flags are defined here, once;
they double as the glossary keys of ``/learn/term/<key>/``, so the front end can link each
badge to its explanation. ``make api-types`` writes the front end's copy of all of them
(``frontend/src/lib/vocabulary.ts``).
"""

from __future__ import annotations

from django.db import models

from metskin.accounts.concerns import CONCERN_LABELS, CONCERNS, MEASURED_CONCERNS

__all__ = ["CONCERNS", "CONCERN_LABELS", "MEASURED_CONCERNS"]  # re-exported for the apps above


class Category(models.TextChoices):
    CLEANSER = "cleanser", "Cleanser"
    TONER = "toner", "Toner"
    SERUM = "serum", "Serum"
    MOISTURISER = "moisturiser", "Moisturiser"
    SUNSCREEN = "sunscreen", "Sunscreen"
    EXFOLIANT = "exfoliant", "Exfoliant"
    TREATMENT = "treatment", "Treatment"
    EYE_CARE = "eye_care", "Eye care"
    MASK = "mask", "Mask"


# Washed off within a minute: ratings for clogging pores do not apply to these.
RINSE_OFF = frozenset({Category.CLEANSER})


class ActiveClass(models.TextChoices):
    RETINOID = "retinoid", "Retinoid"
    AHA = "aha", "AHA (alpha hydroxy acid)"
    BHA = "bha", "BHA (salicylic acid)"
    BENZOYL_PEROXIDE = "benzoyl_peroxide", "Benzoyl peroxide"
    VITAMIN_C = "vitamin_c", "Vitamin C"
    NIACINAMIDE = "niacinamide", "Niacinamide"
    AZELAIC_ACID = "azelaic_acid", "Azelaic acid"
    SPF = "spf", "Sunscreen filter"


# Bits of Product.actives_mask, one per class; never renumber (stored in the database).
ACTIVE_BITS: dict[str, int] = {
    ActiveClass.RETINOID: 1 << 0,
    ActiveClass.AHA: 1 << 1,
    ActiveClass.BHA: 1 << 2,
    ActiveClass.BENZOYL_PEROXIDE: 1 << 3,
    ActiveClass.VITAMIN_C: 1 << 4,
    ActiveClass.NIACINAMIDE: 1 << 5,
    ActiveClass.AZELAIC_ACID: 1 << 6,
    ActiveClass.SPF: 1 << 7,
}

# Strong actives: introduced slowly, and never a retinoid with the acids or BPO on one night.
STRONG_ACTIVES: frozenset[str] = frozenset(
    {ActiveClass.RETINOID, ActiveClass.AHA, ActiveClass.BHA, ActiveClass.BENZOYL_PEROXIDE}
)


def actives_to_mask(actives: set[str] | frozenset[str]) -> int:
    mask = 0
    for active in actives:
        mask |= ACTIVE_BITS[active]
    return mask


def mask_to_actives(mask: int) -> list[str]:
    return [active for active, bit in ACTIVE_BITS.items() if mask & bit]


# What each concern is treated with, best evidence first (used by search and the routine).
ACTIVES_FOR_CONCERN: dict[str, tuple[str, ...]] = {
    "acne": (
        ActiveClass.BHA,
        ActiveClass.BENZOYL_PEROXIDE,
        ActiveClass.RETINOID,
        ActiveClass.AZELAIC_ACID,
        ActiveClass.NIACINAMIDE,
    ),
    "redness": (ActiveClass.AZELAIC_ACID, ActiveClass.NIACINAMIDE),
    "dark_spots": (
        ActiveClass.VITAMIN_C,
        ActiveClass.AZELAIC_ACID,
        ActiveClass.NIACINAMIDE,
        ActiveClass.RETINOID,
        ActiveClass.AHA,
    ),
    "uneven_tone": (ActiveClass.VITAMIN_C, ActiveClass.NIACINAMIDE, ActiveClass.AHA),
    "shine": (ActiveClass.NIACINAMIDE, ActiveClass.BHA),
    "texture": (ActiveClass.AHA, ActiveClass.BHA, ActiveClass.RETINOID),
    "fine_lines": (ActiveClass.RETINOID, ActiveClass.VITAMIN_C),
    "dark_circles": (ActiveClass.VITAMIN_C, ActiveClass.NIACINAMIDE),
    "dryness": (),
    "lesion": (),
}
# Concerns whose products are a category rather than an active.
CATEGORIES_FOR_CONCERN: dict[str, tuple[str, ...]] = {
    "dryness": (Category.MOISTURISER,),
    "dark_circles": (Category.EYE_CARE,),
}


class Flag(models.TextChoices):
    """An ingredient's flags; the values are glossary keys."""

    FRAGRANCE = "fragrance", "Fragrance"
    EU_ALLERGEN = "eu_allergen", "EU-declared fragrance allergen"
    DRYING_ALCOHOL = "drying_alcohol", "Drying alcohol"
    COMEDOGENIC = "comedogenic", "May clog pores"
    PREGNANCY_CAUTION = "pregnancy_caution", "Not advised in pregnancy"
    IRRITANT = "irritant", "Can irritate"


# A comedogenic rating at or above this is "high": acne-prone skin avoids it (leave-on).
HIGH_COMEDOGENIC = 4
# An irritancy rating at or above this earns the "irritant" flag.
HIGH_IRRITANCY = 3
# Salicylic acid above this strength is "high-strength" (pregnancy rule).
SALICYLIC_ACID_PREGNANCY_LIMIT_PERCENT = 2


def learn_term_url(key: str) -> str:
    return f"/learn/term/{key}/"


def learn_concern_url(concern: str) -> str:
    return f"/learn/concern/{concern}/"
