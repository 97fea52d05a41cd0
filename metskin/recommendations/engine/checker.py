"""Conflicts between a pasted ingredient list and a person's profile and routine (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from metskin.catalog.vocabulary import STRONG_ACTIVES, ActiveClass
from metskin.recommendations.engine.facts import Candidate, ProfileFacts, Step
from metskin.recommendations.engine.routine import ACTIVE_NAMES
from metskin.recommendations.engine.safety import (
    CLASH_WITH_RETINOID,
    active_rules,
    name_matches,
    night_clash,
)

RULE_MESSAGES = {
    # Names everything the pregnancy rule leaves out (safety._pregnancy_entries); the flag
    # is shown on the ingredient's line of the checker.
    "pregnancy": (
        "It contains an ingredient not advised while you are pregnant or breastfeeding: a "
        "retinoid, salicylic acid above 2% (or of unknown strength), hydroquinone, betaine "
        "salicylate, or another ingredient marked “Not advised in pregnancy” in the list."
    ),
    "sensitive_skin": (
        "It contains fragrance or drying alcohol, which sensitive skin like yours often reacts to."
    ),
    "fragrance_free": "It contains fragrance, and you prefer fragrance-free products.",
    "acne_prone": (
        "It contains an ingredient rated 4–5 for clogging pores, and your skin is acne-prone."
    ),
    "vegan": "It contains an animal-derived ingredient, and you prefer vegan products.",
}


# The order strong actives are named in.
_STRONG_ORDER = (
    ActiveClass.RETINOID,
    ActiveClass.AHA,
    ActiveClass.BHA,
    ActiveClass.BENZOYL_PEROXIDE,
)


@dataclass(frozen=True)
class Conflict:
    kind: str  # profile | allergy | same_night | duplicate
    message: str
    term: str | None = None


def conflicts(
    *,
    profile: ProfileFacts,
    pasted: Candidate,
    am: Sequence[Step],
    pm: Sequence[Step],
    morning_only: bool = False,
) -> list[Conflict]:
    """``morning_only``: the product is the routine's own morning step, never used in the
    evening, so the same-night rule does not apply to it (a morning BHA beside an evening
    retinoid is the routine's design)."""
    found: list[Conflict] = []
    for rule in active_rules(profile):
        if rule.code == "allergy" or not rule.breaks(profile, pasted):
            continue
        if rule.code == "very_sensitive_skin":
            found.append(_strong_actives_conflict(pasted))
            continue
        term = {"pregnancy": "pregnancy_caution", "acne_prone": "comedogenic"}.get(rule.code)
        term = term or (
            "fragrance" if "fragrance" in rule.code or rule.code == "sensitive_skin" else None
        )
        found.append(Conflict(kind="profile", message=RULE_MESSAGES[rule.code], term=term))
    for allergy in profile.allergies:
        hit = next(
            (
                name
                for name in pasted.ingredient_names
                for term in allergy.terms
                if name_matches(term, name)
            ),
            None,
        )
        if hit:
            found.append(
                Conflict(
                    kind="allergy",
                    message=f"It contains {hit}, and you told us you react to “{allergy.given}”.",
                )
            )
    evening = [step.product for step in pm if step.product.id != pasted.id and not morning_only]
    partner = None
    if ActiveClass.RETINOID in pasted.actives:
        partner = next((p for p in evening if p.actives & CLASH_WITH_RETINOID), None)
        partner_kind = "AHA, BHA or benzoyl peroxide"
    if partner is None and pasted.actives & CLASH_WITH_RETINOID:
        partner = next((p for p in evening if ActiveClass.RETINOID in p.actives), None)
        partner_kind = "retinoid"
    if partner is not None:
        found.append(
            Conflict(
                kind="same_night",
                message=f"Do not use it on the same evening as your routine's {partner_kind} "
                f"({partner.brand} {partner.name}): together they irritate the skin. Use "
                "them on different nights.",
                term="retinoid",
            )
        )
    routine = {step.product.id: step.product for step in [*am, *pm]}
    for active in sorted(pasted.actives & STRONG_ACTIVES):
        twin = next(
            (
                product
                for product in routine.values()
                if active in product.actives and product.id != pasted.id
            ),
            None,
        )
        if twin is not None:
            found.append(
                Conflict(
                    kind="duplicate",
                    message=f"Your routine already has {ACTIVE_NAMES[active]} "
                    f"({twin.brand} {twin.name}); using two at once irritates the skin.",
                    term=active,
                )
            )
    if night_clash([pasted]):
        found.append(
            Conflict(
                kind="same_night",
                message="It combines a retinoid with an AHA, BHA or benzoyl peroxide in one "
                "product: go slowly and stop if your skin stings.",
                term="retinoid",
            )
        )
    return found


def _strong_actives_conflict(pasted: Candidate) -> Conflict:
    """Very sensitive skin: which strong actives the pasted product has, by name."""
    strong = [active for active in _STRONG_ORDER if active in pasted.actives]
    named = " and ".join(ACTIVE_NAMES[active] for active in strong)
    what = "strong actives" if len(strong) > 1 else "a strong active"
    return Conflict(
        kind="profile",
        message=f"It contains {named}, {what} that very sensitive skin like yours is better "
        "without for now.",
        term=strong[0],
    )
