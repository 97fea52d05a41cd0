"""A product's facts from its ingredient list (pure functions, no Django).

The importer and the admin store these on Product so search and recommendations filter on
columns instead of walking ingredient lists; the rules engine reads them as plain data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from metskin.catalog.knowledge import WEAK_SIGNAL_ACTIVES, WEAK_SIGNAL_MAX_POSITION, is_irritant
from metskin.catalog.vocabulary import (
    HIGH_COMEDOGENIC,
    RINSE_OFF,
    SALICYLIC_ACID_PREGNANCY_LIMIT_PERCENT,
    ActiveClass,
    Category,
    Flag,
)

_SPF = re.compile(r"\bSPF\s*(\d{1,3})\b", re.IGNORECASE)
# The number first, as some labels print it: "Sun Lotion 30 SPF", "Broad Spectrum 40 SPF".
_SPF_AFTER = re.compile(r"\b(\d{1,3})\+?\s*SPF\b", re.IGNORECASE)
# The US label's wording without the letters: "UV Protector Broad Spectrum 50+".
_SPF_BROAD_SPECTRUM = re.compile(r"\bBroad[- ]Spectrum\s+(\d{1,3})\+?(?!\s*%)", re.IGNORECASE)
# Sold beside sunscreens but not as one: after-sun care and self-tan (unless the name
# states an SPF), so a list without a UV filter is not an incomplete one.
_NOT_SUN_PROTECTION = re.compile(r"\bafter[- ]?sun\b|\bself[- ]?tan", re.IGNORECASE)
_NAME_STRENGTH = re.compile(r"(\d{1,2}(?:\.\d{1,2})?)\s*%\s*(?:BHA|salicylic)", re.IGNORECASE)
_NAME_STRENGTH_AFTER = re.compile(
    r"(?:BHA|salicylic acid)\s*(\d{1,2}(?:\.\d{1,2})?)\s*%", re.IGNORECASE
)
# What a product's name says it contains. A name that promises an active whose class no
# listed ingredient has means the list we hold is incomplete (many source rows list only
# the inactive ingredients): "Retinol Serum" without a retinoid, "SPF 45" without a filter.
_CLAIMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        ActiveClass.RETINOID,
        re.compile(
            r"\b(?:retinol|retinal|retinaldehyde|retinoid|adapalene|granactive)\b"
            r"(?![- ]?(?:alternative|free))",
            re.IGNORECASE,
        ),
    ),
    (ActiveClass.VITAMIN_C, re.compile(r"\bvitamin\s*c\b|\bascorb", re.IGNORECASE)),
    (ActiveClass.NIACINAMIDE, re.compile(r"\bniacinamide\b", re.IGNORECASE)),
    (ActiveClass.BHA, re.compile(r"\bsalicylic\b|\bBHA\b", re.IGNORECASE)),
    (ActiveClass.AHA, re.compile(r"\b(?:glycolic|mandelic|AHA)\b", re.IGNORECASE)),
    (ActiveClass.BENZOYL_PEROXIDE, re.compile(r"\bbenzoyl\s+peroxide\b", re.IGNORECASE)),
    (ActiveClass.AZELAIC_ACID, re.compile(r"\bazelaic\b", re.IGNORECASE)),
)


@dataclass(frozen=True)
class IngredientFacts:
    """What the rules need to know about one ingredient."""

    inci_name: str
    fragrance: bool = False
    eu_allergen: bool = False
    drying_alcohol: bool = False
    pregnancy_caution: bool = False
    animal_derived: bool = False
    comedogenic: int | None = None
    irritancy: int | None = None
    active_class: str = ""


@dataclass(frozen=True)
class ListedIngredient:
    """One line of a product's list: its position, its facts (None: not recognised)."""

    position: int
    listed_name: str
    facts: IngredientFacts | None
    concentration_percent: Decimal | None = None


@dataclass(frozen=True)
class ProductFacts:
    actives: frozenset[str]
    fragrance_free: bool
    drying_alcohol_free: bool
    max_comedogenic: int | None
    pregnancy_safe: bool
    salicylic_acid_percent: Decimal | None
    vegan: bool | None
    spf: int | None
    # Active classes the product is sold as (its name, its category) that its list lacks.
    missing: frozenset[str] = frozenset()
    # Active class → the INCI names in the list that give it.
    active_names: dict[str, list[str]] = field(default_factory=dict)


def claimed_actives(*, name: str, category: str) -> frozenset[str]:
    """The active classes a product is sold as having: from its name, and a UV filter for
    every sunscreen and every product whose name states an SPF."""
    claimed = {active for active, pattern in _CLAIMS if pattern.search(name)}
    sold_for_the_sun = category == Category.SUNSCREEN and not _NOT_SUN_PROTECTION.search(name)
    if sold_for_the_sun or (spf_from_name(name) or 0) > 0:
        claimed.add(ActiveClass.SPF)
    return frozenset(claimed)


def listed_classes(ingredients: Sequence[ListedIngredient]) -> frozenset[str]:
    """Every active class a listed ingredient has, wherever it is in the list."""
    return frozenset(
        item.facts.active_class
        for item in ingredients
        if item.facts is not None and item.facts.active_class
    )


def spf_from_name(name: str) -> int | None:
    match = _SPF.search(name) or _SPF_AFTER.search(name) or _SPF_BROAD_SPECTRUM.search(name)
    return int(match.group(1)) if match else None


def salicylic_strength_from_name(name: str) -> Decimal | None:
    match = _NAME_STRENGTH.search(name) or _NAME_STRENGTH_AFTER.search(name)
    return Decimal(match.group(1)) if match else None


def active_ingredients(ingredients: Sequence[ListedIngredient]) -> dict[str, list[str]]:
    """Each active class the product has, with the INCI names that give it (list order):
    what a routine's "Why" may name."""
    found: dict[str, list[str]] = {}
    for item in ingredients:
        if item.facts is None or not item.facts.active_class:
            continue
        weak = item.facts.inci_name in WEAK_SIGNAL_ACTIVES
        if weak and item.position > WEAK_SIGNAL_MAX_POSITION:
            continue
        names = found.setdefault(item.facts.active_class, [])
        if item.facts.inci_name not in names:
            names.append(item.facts.inci_name)
    return found


def product_actives(ingredients: Sequence[ListedIngredient]) -> frozenset[str]:
    return frozenset(active_ingredients(ingredients))


def salicylic_is_high_strength(
    *, percent: Decimal | None, category: str, has_salicylic_acid: bool
) -> bool:
    """High-strength: over 2%, or a leave-on product that does not say its strength."""
    if not has_salicylic_acid:
        return False
    if percent is not None:
        return percent > SALICYLIC_ACID_PREGNANCY_LIMIT_PERCENT
    return category not in RINSE_OFF


def product_facts(
    *, name: str, category: str, ingredients: Sequence[ListedIngredient]
) -> ProductFacts:
    known = [item for item in ingredients if item.facts is not None]
    # The SPF class means "a recognised UV filter is listed", never a number in the name.
    names_by_active = active_ingredients(ingredients)
    actives = set(names_by_active)
    spf = spf_from_name(name)
    salicylic = [item for item in known if item.facts and item.facts.inci_name == "SALICYLIC ACID"]
    percent = next(
        (item.concentration_percent for item in salicylic if item.concentration_percent), None
    )
    percent = percent or (salicylic_strength_from_name(name) if salicylic else None)
    ratings = [item.facts.comedogenic for item in known if item.facts and item.facts.comedogenic]
    caution = [item for item in known if item.facts and item.facts.pregnancy_caution]
    pregnancy_safe = not any(
        item.facts is not None
        and (
            item.facts.inci_name != "SALICYLIC ACID"
            or salicylic_is_high_strength(
                percent=percent, category=category, has_salicylic_acid=True
            )
        )
        for item in caution
    )
    animal = any(item.facts and item.facts.animal_derived for item in known)
    return ProductFacts(
        actives=frozenset(actives),
        fragrance_free=not any(item.facts and item.facts.fragrance for item in known),
        drying_alcohol_free=not any(item.facts and item.facts.drying_alcohol for item in known),
        max_comedogenic=max(ratings) if ratings else (0 if known else None),
        pregnancy_safe=pregnancy_safe,
        salicylic_acid_percent=percent,
        # "Vegan where known": we can tell a product is not vegan, never prove that it is.
        vegan=False if animal else None,
        spf=spf,
        missing=claimed_actives(name=name, category=category) - listed_classes(ingredients),
        active_names=names_by_active,
    )


def high_comedogenic(rating: int | None) -> bool:
    return rating is not None and rating >= HIGH_COMEDOGENIC


def ingredient_flags(facts: IngredientFacts) -> list[str]:
    """An ingredient's flags as glossary keys, most important first."""
    flags = []
    if facts.pregnancy_caution:
        flags.append(Flag.PREGNANCY_CAUTION.value)
    if facts.fragrance:
        flags.append(Flag.FRAGRANCE.value)
    if facts.eu_allergen:
        flags.append(Flag.EU_ALLERGEN.value)
    if facts.drying_alcohol:
        flags.append(Flag.DRYING_ALCOHOL.value)
    if high_comedogenic(facts.comedogenic):
        flags.append(Flag.COMEDOGENIC.value)
    if is_irritant(facts.irritancy):
        flags.append(Flag.IRRITANT.value)
    return flags
