"""Safety rules: what a profile excludes, and what never shares a night.

Each rule says whether it applies to a profile, whether a product breaks it, and what
to tell the person ("we left out X because ..."). The same rules give the database a
coarse pre-filter (:func:`candidate_filter`), and :func:`violations` is checked again on
every product of every routine before it is shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from metskin.catalog.facts import high_comedogenic
from metskin.catalog.vocabulary import HIGH_COMEDOGENIC, RINSE_OFF, STRONG_ACTIVES, ActiveClass
from metskin.recommendations.engine.facts import (
    Candidate,
    CandidateFilter,
    Exclusion,
    ProfileFacts,
)

# Never on the same night as a retinoid (AAD; BAD retinoid leaflet).
CLASH_WITH_RETINOID: frozenset[str] = frozenset(
    {ActiveClass.AHA, ActiveClass.BHA, ActiveClass.BENZOYL_PEROXIDE}
)

_WORDS = re.compile(r"[A-Z0-9]+")


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    # Cached: the same labels (whole ingredient lists) are checked against every allergy
    # term of every request; splitting them again was most of a warm request's engine time.
    return tuple(_WORDS.findall(text.upper()))


def name_matches(term: str, name: str) -> bool:
    """Whether the words of ``term`` appear together in ``name`` ("lanolin" in
    "Lanolin Alcohol", "almond" in "Prunus Amygdalus Dulcis (Sweet Almond) Oil",
    but "oat" not in "Coated")."""
    needle, haystack = _words(term), _words(name)
    if not needle:
        return False
    first, size = needle[0], len(needle)
    if first not in haystack:  # in C: most names hold no word of the term
        return False
    return any(
        haystack[index : index + size] == needle
        for index, word in enumerate(haystack)
        if word == first
    )


@dataclass(frozen=True)
class Rule:
    code: str
    applies: Callable[[ProfileFacts], bool]
    breaks: Callable[[ProfileFacts, Candidate], bool]
    entries: Callable[[ProfileFacts], list[Exclusion]]


def _pregnancy_breaks(profile: ProfileFacts, product: Candidate) -> bool:
    return ActiveClass.RETINOID in product.actives or not product.pregnancy_safe


def _pregnancy_entries(profile: ProfileFacts) -> list[Exclusion]:
    why = "you are pregnant or breastfeeding"
    return [
        Exclusion(
            item="Retinoids (retinol, retinal, retinyl esters, adapalene)",
            reason=f"We left them out because {why}: retinoids are not advised then.",
            rule="pregnancy",
            term="retinoid",
        ),
        Exclusion(
            item="High-strength salicylic acid (BHA)",
            reason=(
                f"We left out salicylic acid above 2%, and leave-on products that do not "
                f"state their strength, because {why}. A salicylic acid face wash is fine."
            ),
            rule="pregnancy",
            term="bha",
        ),
        # The rest of knowledge.PREGNANCY_CAUTION (a test keeps this list complete), and
        # whatever staff mark "pregnancy caution" in the admin.
        Exclusion(
            item="Hydroquinone and betaine salicylate",
            reason=(
                f"We left out products that contain them because {why}: hydroquinone (a skin "
                "lightener) and betaine salicylate (a relative of salicylic acid) are not "
                "advised then, nor is any other ingredient we mark as not advised in pregnancy."
            ),
            rule="pregnancy",
            term="pregnancy_caution",
        ),
    ]


def _sensitive_breaks(profile: ProfileFacts, product: Candidate) -> bool:
    return not product.fragrance_free or not product.drying_alcohol_free


def _sensitive_entries(profile: ProfileFacts) -> list[Exclusion]:
    return [
        Exclusion(
            item="Fragrance and essential oils",
            reason="We left them out because your skin is sensitive: fragrance is the most "
            "common cause of reactions to skin care.",
            rule="sensitive_skin",
            term="fragrance",
        ),
        Exclusion(
            item="Drying alcohol (alcohol denat., ethanol)",
            reason="We left it out because your skin is sensitive: it strips the skin barrier.",
            rule="sensitive_skin",
            term="drying_alcohol",
        ),
    ]


def _very_sensitive_breaks(profile: ProfileFacts, product: Candidate) -> bool:
    return bool(product.actives & STRONG_ACTIVES)


def _very_sensitive_entries(profile: ProfileFacts) -> list[Exclusion]:
    return [
        Exclusion(
            item="Strong actives: retinoids, AHA and BHA exfoliants, benzoyl peroxide",
            reason="We left them out because your skin is very sensitive: they often sting, "
            "peel and redden it. Your routine keeps to gentler actives such as niacinamide "
            "and azelaic acid; ask a dermatologist before you try a strong one.",
            rule="very_sensitive_skin",
            term="irritant",
        )
    ]


def _fragrance_preference_applies(profile: ProfileFacts) -> bool:
    return profile.prefers_fragrance_free and not profile.sensitive


def _fragrance_breaks(profile: ProfileFacts, product: Candidate) -> bool:
    return not product.fragrance_free


def _fragrance_entries(profile: ProfileFacts) -> list[Exclusion]:
    return [
        Exclusion(
            item="Fragrance and essential oils",
            reason="We left them out because you prefer fragrance-free products.",
            rule="fragrance_free",
            term="fragrance",
        )
    ]


def _acne_prone_breaks(profile: ProfileFacts, product: Candidate) -> bool:
    if product.category in RINSE_OFF:
        return False
    return high_comedogenic(product.max_comedogenic)


def _acne_prone_entries(profile: ProfileFacts) -> list[Exclusion]:
    return [
        Exclusion(
            item="Ingredients rated 4–5 for clogging pores (e.g. isopropyl myristate, "
            "coconut oil, cocoa butter)",
            reason="We left out products you leave on the skin that contain them, because "
            "your skin is acne-prone.",
            rule="acne_prone",
            term="comedogenic",
        )
    ]


def _allergy_breaks(profile: ProfileFacts, product: Candidate) -> bool:
    return any(
        name_matches(term, name)
        for allergy in profile.allergies
        for term in allergy.terms
        for name in product.ingredient_names
    )


def _allergy_entries(profile: ProfileFacts) -> list[Exclusion]:
    return [
        Exclusion(
            item=allergy.given,
            reason=f"We left out every product whose ingredients include “{allergy.given}”, "
            "because you told us you react to it. Always check the label of what you buy.",
            rule="allergy",
        )
        for allergy in profile.allergies
    ]


def _vegan_breaks(profile: ProfileFacts, product: Candidate) -> bool:
    return product.vegan is False


def _vegan_entries(profile: ProfileFacts) -> list[Exclusion]:
    return [
        Exclusion(
            item="Animal-derived ingredients (beeswax, lanolin, carmine, honey, collagen)",
            reason="We left out products that contain them because you prefer vegan "
            "products. Products without them are not all certified vegan.",
            rule="vegan",
        )
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "pregnancy",
        lambda profile: profile.pregnant_or_breastfeeding,
        _pregnancy_breaks,
        _pregnancy_entries,
    ),
    Rule(
        "sensitive_skin", lambda profile: profile.sensitive, _sensitive_breaks, _sensitive_entries
    ),
    Rule(
        "very_sensitive_skin",
        lambda profile: profile.very_sensitive,
        _very_sensitive_breaks,
        _very_sensitive_entries,
    ),
    Rule("fragrance_free", _fragrance_preference_applies, _fragrance_breaks, _fragrance_entries),
    Rule("acne_prone", lambda profile: profile.acne_prone, _acne_prone_breaks, _acne_prone_entries),
    Rule("allergy", lambda profile: bool(profile.allergies), _allergy_breaks, _allergy_entries),
    Rule("vegan", lambda profile: profile.prefers_vegan, _vegan_breaks, _vegan_entries),
)


def active_rules(profile: ProfileFacts) -> tuple[Rule, ...]:
    return tuple(rule for rule in RULES if rule.applies(profile))


def violations(profile: ProfileFacts, product: Candidate) -> list[str]:
    """The codes of the profile rules this product breaks (empty: it may be shown)."""
    return [rule.code for rule in active_rules(profile) if rule.breaks(profile, product)]


def profile_exclusions(profile: ProfileFacts) -> list[Exclusion]:
    return [entry for rule in active_rules(profile) for entry in rule.entries(profile)]


def night_clash(products: Iterable[Candidate]) -> bool:
    """A retinoid and an AHA, BHA or benzoyl peroxide in the same evening."""
    actives: set[str] = set()
    for product in products:
        actives |= product.actives
    return ActiveClass.RETINOID in actives and bool(actives & CLASH_WITH_RETINOID)


def retinoid_night_exclusion() -> Exclusion:
    return Exclusion(
        item="AHA/BHA exfoliants and benzoyl peroxide in the evening",
        reason="We kept them out of your evening routine because it has a retinoid: together "
        "on the same night they irritate the skin (and benzoyl peroxide can break the "
        "retinoid down).",
        rule="retinoid_same_night",
        term="retinoid",
    )


def candidate_filter(profile: ProfileFacts) -> CandidateFilter:
    """The same rules as coarse filters, so the database returns mostly usable products."""
    return CandidateFilter(
        pregnancy_safe=profile.pregnant_or_breastfeeding,
        fragrance_free=profile.sensitive or profile.prefers_fragrance_free,
        drying_alcohol_free=profile.sensitive,
        max_comedogenic_leave_on=HIGH_COMEDOGENIC if profile.acne_prone else None,
        exclude_not_vegan=profile.prefers_vegan,
        allergy_terms=tuple(term for allergy in profile.allergies for term in allergy.terms),
    )
