"""Does a finished routine pass its own checks? (pure; the property test and
``bench.routines`` run it over many generated people).

Every chosen product goes through the ingredient checker against the rest of the routine,
with its full ingredient list; the morning must have a real sunscreen; and every "Why"
may name only ingredients the product lists and concerns the person has.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from metskin.catalog.knowledge import ACTIVE_CLASS_OF, UV_FILTERS
from metskin.catalog.vocabulary import CONCERN_LABELS, ActiveClass
from metskin.recommendations.engine.checker import conflicts
from metskin.recommendations.engine.facts import ProfileFacts, Recommendation
from metskin.recommendations.engine.routine import MIN_SPF
from metskin.recommendations.engine.safety import violations


@dataclass(frozen=True)
class ListedLine:
    """One line of a product's ingredient list: as printed, its INCI name, its class."""

    listed_name: str
    inci_name: str = ""
    active_class: str = ""


@dataclass(frozen=True)
class Problem:
    kind: str  # clash | pregnancy | allergy | profile | no_sunscreen | why
    product: str
    message: str


# Words a "Why" may use for an active class; each needs an ingredient of that class.
_CLASS_WORDS: dict[str, str] = {
    "retinoid": ActiveClass.RETINOID,
    "aha exfoliant": ActiveClass.AHA,
    "bha exfoliant": ActiveClass.BHA,
    "salicylic acid": ActiveClass.BHA,
    "benzoyl peroxide": ActiveClass.BENZOYL_PEROXIDE,
    "vitamin c": ActiveClass.VITAMIN_C,
    "niacinamide": ActiveClass.NIACINAMIDE,
    "azelaic acid": ActiveClass.AZELAIC_ACID,
}


def _mentions(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", text) is not None


def why_problems(
    why: str, *, lines: Sequence[ListedLine], concern_names: Sequence[str]
) -> list[str]:
    """What a "Why" claims that is not true of this product or this person."""
    text = why.lower()
    listed = {line.inci_name.lower() for line in lines if line.inci_name} | {
        line.listed_name.lower() for line in lines
    }
    # What is left once the listed names are taken out, longest first ("3-o-ethyl ascorbic
    # acid" is listed; "ascorbic acid" inside it is not a second claim).
    rest = text
    for name in sorted(listed, key=len, reverse=True):
        rest = re.sub(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", " ", rest)
    classes = {line.active_class for line in lines if line.active_class}
    wrong = [
        f"names {name.lower()}, which the list does not have"
        for name in ACTIVE_CLASS_OF
        if _mentions(rest, name.lower())
    ]
    wrong += [
        f"says {word}, but no listed ingredient is one"
        for word, active in _CLASS_WORDS.items()
        if _mentions(text, word) and active not in classes
    ]
    wrong += [
        f"names {label.lower()}, which is not one of the person's concerns"
        for name, label in CONCERN_LABELS.items()
        if _mentions(text, label.lower()) and name not in concern_names
    ]
    return wrong


def routine_problems(
    *,
    profile: ProfileFacts,
    recommendation: Recommendation,
    lists: Mapping[str, Sequence[ListedLine]],
) -> list[Problem]:
    """Everything wrong with a routine (empty: a dermatologist could sign it). ``profile``
    is the one the engine used (acne from the analysis included); ``lists`` holds the full
    ingredient list of every chosen product."""
    found: list[Problem] = []
    am, pm = recommendation.am, recommendation.pm
    concern_names = [concern.name for concern in recommendation.concerns]
    chosen = {step.product.id: step.product for step in [*am, *pm]}
    for product in chosen.values():
        lines = lists.get(product.id, ())
        names = tuple(name for line in lines for name in (line.listed_name, line.inci_name) if name)
        full = replace(product, ingredient_names=names or product.ingredient_names)
        for code in violations(profile, full):
            kind = code if code in ("pregnancy", "allergy") else "profile"
            found.append(Problem(kind, product.name, f"breaks the {code} rule"))
        morning_only = not any(step.product.id == product.id for step in pm)
        for conflict in conflicts(
            profile=profile, pasted=full, am=am, pm=pm, morning_only=morning_only
        ):
            if conflict.kind in ("same_night", "duplicate"):
                found.append(Problem("clash", product.name, conflict.message))
    protect = [step.product for step in am if step.step == "protect"]
    if not protect:
        found.append(Problem("no_sunscreen", "", "the morning has no sunscreen"))
    for product in protect:
        filters = [line for line in lists.get(product.id, ()) if line.inci_name in UV_FILTERS]
        if (product.spf or 0) < MIN_SPF or not filters or product.missing:
            found.append(
                Problem("no_sunscreen", product.name, "not a sunscreen with a filter and SPF 30+")
            )
    for step in [*am, *pm]:
        for wrong in why_problems(
            step.why, lines=lists.get(step.product.id, ()), concern_names=concern_names
        ):
            found.append(Problem("why", step.product.name, wrong))
    return list(dict.fromkeys(found))
