"""The AM and PM routine: which actives, which product per step, and how to start them.

Order: cleanse → treat → (eye care) → moisturise → SPF 30+ in the morning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from metskin.catalog.vocabulary import (
    ACTIVES_FOR_CONCERN,
    STRONG_ACTIVES,
    ActiveClass,
    Category,
)
from metskin.recommendations.engine.facts import (
    Candidate,
    HowToUse,
    ProfileFacts,
    RankedConcern,
    SlotQuery,
    Step,
)
from metskin.recommendations.engine.prices import price_for
from metskin.recommendations.engine.safety import violations

MIN_SPF = 30
#: Phototypes I-II burn easily: SPF 50 and reapplying outdoors (the advice for fair skin).
BURNS_EASILY_MAX_TYPE = 2
#: Phototypes IV-VI darken where the skin is irritated (post-inflammatory marks): strong
#: actives start as slowly as on sensitive skin.
DARKENS_WHEN_IRRITATED_MIN_TYPE = 4
ALTERNATIVES = 2
AM_ACTIVES = (
    ActiveClass.VITAMIN_C,
    ActiveClass.NIACINAMIDE,
    ActiveClass.AZELAIC_ACID,
    ActiveClass.BENZOYL_PEROXIDE,
    ActiveClass.BHA,
)
PM_ACTIVES = (
    ActiveClass.RETINOID,
    ActiveClass.AHA,
    ActiveClass.BHA,
    ActiveClass.AZELAIC_ACID,
    ActiveClass.NIACINAMIDE,
)
TREAT_CATEGORIES = (Category.SERUM, Category.TREATMENT, Category.EXFOLIANT, Category.TONER)
ACTIVE_NAMES: dict[str, str] = {
    ActiveClass.RETINOID: "a retinoid",
    ActiveClass.AHA: "an AHA exfoliant",
    ActiveClass.BHA: "salicylic acid (BHA)",
    ActiveClass.BENZOYL_PEROXIDE: "benzoyl peroxide",
    ActiveClass.VITAMIN_C: "vitamin C",
    ActiveClass.NIACINAMIDE: "niacinamide",
    ActiveClass.AZELAIC_ACID: "azelaic acid",
}
TREATMENT_CHOICES = 3
BUDGET_BANDS: dict[str, tuple[str, ...]] = {
    "low": ("low",),
    "mid": ("low", "mid"),
    "high": ("low", "mid", "high"),
}
STEP_ORDER = {"cleanse": 0, "treat": 1, "eye_care": 2, "moisturise": 3, "protect": 4}


def _active_scores(profile: ProfileFacts, concerns: Sequence[RankedConcern]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for concern in concerns:
        for rank, active in enumerate(ACTIVES_FOR_CONCERN.get(concern.name, ())):
            weight = 1.0 - 0.15 * rank
            scores[active] = scores.get(active, 0.0) + concern.score * weight
    if profile.pregnant_or_breastfeeding:
        scores.pop(ActiveClass.RETINOID, None)
    if profile.very_sensitive:
        # Very sensitive skin starts with the gentlest actives only.
        for active in STRONG_ACTIVES:
            scores.pop(active, None)
    return scores


def choose_treatments(
    profile: ProfileFacts, concerns: Sequence[RankedConcern]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The morning and evening actives that best cover the ranked concerns, each as a
    short list of preferences (the first is wanted; the others stand in when no safe
    product has it)."""
    scores = _active_scores(profile, concerns)

    def ranked(options: Sequence[str], avoid: str | None) -> tuple[str, ...]:
        order = sorted(
            (active for active in options if active in scores and active != avoid),
            key=lambda active: (-scores[active], options.index(active)),
        )
        return tuple(order[:TREATMENT_CHOICES])

    pm = ranked(PM_ACTIVES, None)
    # A morning BHA or BPO is fine with an evening retinoid: the rule is about one night.
    am = ranked(AM_ACTIVES, pm[0] if pm else None)
    return am, pm


def plan_slots(
    *,
    am_treat: Sequence[str],
    pm_treat: Sequence[str],
    concerns: Sequence[RankedConcern],
) -> tuple[SlotQuery, ...]:
    # Cleanser, moisturiser and eye care serve both routines and carry no strong active:
    # strong actives belong to the treatment steps, which introduce them slowly.
    shared_forbid = tuple(sorted(STRONG_ACTIVES))
    slots = [
        SlotQuery("cleanse", (Category.CLEANSER,), forbid_actives=shared_forbid),
        SlotQuery("moisturise", (Category.MOISTURISER,), forbid_actives=shared_forbid),
        # A sunscreen is a stated SPF of 30+ and a recognised UV filter in its list, with no
        # strong active (retinyl palmitate counts as a retinoid: docs/recommendations.md).
        SlotQuery(
            "protect",
            (Category.SUNSCREEN, Category.MOISTURISER),
            forbid_actives=shared_forbid,
            min_spf=MIN_SPF,
            require_actives=(ActiveClass.SPF,),
        ),
    ]
    for key, preferences in (("treat_pm", pm_treat), ("treat_am", am_treat)):
        if not preferences:
            continue
        forbid: set[str] = set(STRONG_ACTIVES) - set(preferences)
        if key == "treat_am":
            forbid.add(ActiveClass.RETINOID)  # sunlight breaks retinoids down
        slots.append(
            SlotQuery(
                key,
                TREAT_CATEGORIES,
                actives_any=tuple(active for active in preferences if active not in forbid),
                forbid_actives=tuple(sorted(forbid)),
            )
        )
    if any(concern.name == "dark_circles" for concern in concerns[:5]):
        slots.append(SlotQuery("eye_care", (Category.EYE_CARE,), forbid_actives=shared_forbid))
    return tuple(slots)


def treatment_active(product: Candidate, slot: SlotQuery) -> str | None:
    """The slot's most wanted active that this product has."""
    return next((active for active in slot.actives_any if active in product.actives), None)


# --- choosing products -------------------------------------------------------------------


def fits_slot(product: Candidate, slot: SlotQuery) -> bool:
    if product.category not in slot.categories:
        return False
    if product.missing:
        return False  # its list is incomplete: neither its reason nor its safety holds
    if not set(slot.require_actives) <= product.actives:
        return False
    if slot.actives_any and not (product.actives & set(slot.actives_any)):
        return False
    if product.actives & set(slot.forbid_actives):
        return False
    if slot.actives_any and len(product.actives & STRONG_ACTIVES) > 1:
        return False  # one strong active per treatment
    return slot.min_spf is None or (product.spf or 0) >= slot.min_spf


def _score(product: Candidate, profile: ProfileFacts, wanted: set[str], slot: SlotQuery) -> float:
    score = float(product.rating or Decimal("3.5"))
    active = treatment_active(product, slot)
    if active is not None:
        # The first preference clearly beats a stand-in, whatever the ratings.
        score += 3.0 * (len(slot.actives_any) - slot.actives_any.index(active))
    if profile.skin_type and profile.skin_type in product.skin_types:
        score += 0.6
    if profile.sensitive and "sensitive" in product.skin_types:
        score += 0.4
    score += 0.3 * len(product.actives & wanted)
    if product.currency == profile.currency:
        score += 0.5  # sold where the person shops
    bands = BUDGET_BANDS.get(profile.budget)
    if bands and product.price_band and product.price_band not in bands:
        score -= 1.5
    return score


def _cheaper(pick: Candidate, other: Candidate, currency: str) -> bool:
    """Whether ``other`` costs less, both in the person's currency (never $ against £)."""
    mine = price_for(pick.price, pick.currency, currency)
    theirs = price_for(other.price, other.currency, currency)
    return mine is not None and theirs is not None and theirs.amount < mine.amount


# Forms a cleanser or moisturiser step never offers: the tips say to skip scrubs, and a
# mask is not a daily step (issue 18: a cleanser's alternative was a "Mask + Scrub").
_NOT_DAILY = re.compile(r"\b(?:scrub|mask|peel|polish|exfoliat\w*)\b", re.IGNORECASE)
DAILY_STEPS = frozenset({"cleanse", "moisturise", "protect", "eye_care"})


def same_kind(pick: Candidate, other: Candidate, slot: SlotQuery) -> bool:
    """An alternative is the same kind of product as the step's: same category and, for a
    treatment, the same active (the step's "Why" names it; a vitamin C booster is no
    alternative to a retinoid serum, and in its place could repeat the other treatment's
    active)."""
    return other.category == pick.category and treatment_active(other, slot) == treatment_active(
        pick, slot
    )


def choose(
    *,
    slot: SlotQuery,
    candidates: Sequence[Candidate],
    profile: ProfileFacts,
    wanted: set[str],
    avoid: Candidate | None = None,
) -> tuple[Candidate, tuple[Candidate, ...], str | None] | None:
    """The best safe product for a slot, two alternatives (one cheaper when there is one).
    ``avoid``: the evening treatment, which the morning should not repeat if it can help it."""
    usable = [
        product
        for product in candidates
        if fits_slot(product, slot)
        and not violations(profile, product)
        and not (slot.key in DAILY_STEPS and _NOT_DAILY.search(product.name))
    ]
    if avoid is not None:
        # Never the same strong active morning and evening (the checker calls it a
        # duplicate that irritates), and not the evening's product if another fits.
        usable = [
            product for product in usable if not (product.actives & avoid.actives & STRONG_ACTIVES)
        ]
        if any(product.id != avoid.id for product in usable):
            usable = [product for product in usable if product.id != avoid.id]
    if not usable:
        return None
    repeated = avoid.actives & set(slot.actives_any) if avoid is not None else set()

    def rank(product: Candidate) -> tuple[float, str, str]:
        score = _score(product, profile, wanted, slot)
        if treatment_active(product, slot) in repeated:
            score -= 3.0  # a second active beats the same one twice a day
        return (-score, product.name, product.id)

    usable.sort(key=rank)
    pick = usable[0]
    rest = [product for product in usable[1:] if same_kind(pick, product, slot)]
    alternatives = list(rest[:ALTERNATIVES])
    cheaper = next((product for product in rest if _cheaper(pick, product, profile.currency)), None)
    if cheaper is not None and cheaper not in alternatives:
        alternatives = [*alternatives[: ALTERNATIVES - 1], cheaper]
    return pick, tuple(alternatives), cheaper.id if cheaper else None


# --- how to use --------------------------------------------------------------------------


def introduction(active: str, profile: ProfileFacts, *, second_strong: bool) -> tuple[str, ...]:
    """When to start a strong active, step by step (slower for sensitive skin)."""
    if active not in STRONG_ACTIVES:
        return ()
    evenings = "evenings" if active != ActiveClass.BENZOYL_PEROXIDE else "days"
    darkens = (profile.phototype or 0) >= DARKENS_WHEN_IRRITATED_MIN_TYPE
    if profile.sensitive or darkens:
        phases = [
            f"Weeks 1–2: one {evenings[:-1]} a week",
            f"Weeks 3–4: two {evenings} a week",
            f"Weeks 5–8: every other {evenings[:-1]}",
            f"From week 9: every {evenings[:-1]} if your skin stays comfortable",
        ]
    else:
        phases = [
            f"Weeks 1–2: two {evenings} a week",
            f"Weeks 3–4: every other {evenings[:-1]}",
            f"From week 5: every {evenings[:-1]} if your skin stays comfortable",
        ]
    if active in (ActiveClass.AHA,):
        phases[-1] = "Then: up to three evenings a week"
    if second_strong:
        phases.insert(
            0, "Start this one 4 weeks after your other treatment, once your skin has settled"
        )
    if darkens:
        phases.insert(
            0,
            "Your skin type can darken where it gets irritated: go slowly, and stop for a "
            "week if it stings or peels",
        )
    phases.append("Stop and see a doctor if your skin burns, swells or blisters")
    return tuple(phases)


def how_to_use(
    product: Candidate, *, step: str, time: str, profile: ProfileFacts, second_strong: bool
) -> HowToUse:
    usage = product.usage
    strong = [active for active in product.actives if active in STRONG_ACTIVES]
    intro: tuple[str, ...] = ()
    if step == "treat" and strong:
        intro = introduction(sorted(strong)[0], profile, second_strong=second_strong)
    warnings = tuple(part.strip() for part in usage.warnings.split(". ") if part.strip())
    return HowToUse(
        amount=usage.amount,
        when={"am": "Morning", "pm": "Evening"}[time],
        frequency=usage.frequency,
        introduction=intro,
        warnings=tuple(warning if warning.endswith(".") else warning + "." for warning in warnings),
    )


# Concerns sunlight makes worse (AAD: sun protection for melasma, rosacea, photoageing).
SUN_WORSENS = frozenset({"dark_spots", "uneven_tone", "redness", "fine_lines"})


def _joined(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# How a "Why" names an active class after the ingredient that gives it.
_CLASS_IN_WORDS: dict[str, str] = {
    ActiveClass.RETINOID: "a retinoid",
    ActiveClass.AHA: "an AHA exfoliant",
    ActiveClass.BHA: "a BHA exfoliant",
    ActiveClass.VITAMIN_C: "vitamin C",
}


def _active_in_words(product: Candidate, active: str) -> str:
    """The listed ingredients that give the active, by name ("retinyl palmitate (a
    retinoid)"), so a "Why" never names what the list does not have; the class alone when
    the product carries no names."""
    names = [name.lower() for name in product.names_giving(active)[:2]]
    if not names:
        return ACTIVE_NAMES.get(active, active)
    listed = " and ".join(names)
    kind = _CLASS_IN_WORDS.get(active)
    return f"{listed} ({kind})" if kind and kind not in listed else listed


def why_for(
    product: Candidate,
    *,
    step: str,
    active: str | None,
    concerns: Sequence[RankedConcern],
    profile: ProfileFacts,
) -> str:
    if step == "treat" and active:
        helps = [
            concern.label.lower()
            for concern in concerns
            if active in ACTIVES_FOR_CONCERN.get(concern.name, ())
        ]
        target = ", ".join(helps[:3]) or "your skin"
        return f"It contains {_active_in_words(product, active)}, which helps with {target}."
    if step == "protect":
        # Only the person's own concerns that sunlight worsens (a "Why" names no other).
        worsened = [concern.label.lower() for concern in concerns if concern.name in SUN_WORSENS][
            :3
        ]
        why = f"SPF {product.spf} protects your skin from the sun"
        if worsened:
            why += f", which worsens {_joined(worsened)},"
        why += " and makes your treatments safe to use."
        if profile.phototype is not None and profile.phototype <= BURNS_EASILY_MAX_TYPE:
            why += (
                " Your skin burns easily (phototype I-II): SPF 50 is better, reapplied every "
                "two hours outdoors."
            )
        return why
    if step == "eye_care":
        return "A gentle product for the thin skin around the eyes, for dark circles."
    parts = []
    if step == "cleanse":
        parts.append("Cleans without stripping, so treatments work on clean skin")
    else:
        parts.append("Keeps the skin barrier hydrated and soothes what treatments can irritate")
    if profile.skin_type and profile.skin_type in product.skin_types:
        parts.append(f"made for {profile.skin_type} skin")
    if profile.sensitive and product.fragrance_free:
        parts.append("fragrance-free")
    return ", ".join(parts) + "."


def fill(
    *,
    profile: ProfileFacts,
    concerns: Sequence[RankedConcern],
    slots: Sequence[SlotQuery],
    candidates: Mapping[str, Sequence[Candidate]],
) -> tuple[list[Step], list[Step], list[str]]:
    """Steps for the morning and the evening, and the slots nobody could fill."""
    wanted = {
        active for concern in concerns for active in ACTIVES_FOR_CONCERN.get(concern.name, ())
    }
    am: list[Step] = []
    pm: list[Step] = []
    empty: list[str] = []
    picked_by_slot: dict[str, Candidate] = {}
    for slot in slots:
        picked = choose(
            slot=slot,
            candidates=candidates.get(slot.key, ()),
            profile=profile,
            wanted=wanted,
            avoid=picked_by_slot.get("treat_pm") if slot.key == "treat_am" else None,
        )
        if picked is None:
            empty.append(slot.key)
            continue
        product, alternatives, cheaper_id = picked
        picked_by_slot[slot.key] = product
        step = {"treat_am": "treat", "treat_pm": "treat"}.get(slot.key, slot.key)
        active = treatment_active(product, slot) if step == "treat" else None
        evening = picked_by_slot.get("treat_pm")
        both_strong = (
            slot.key == "treat_am"
            and active in STRONG_ACTIVES
            and evening is not None
            and bool(evening.actives & STRONG_ACTIVES)
        )
        why = why_for(product, step=step, active=active, concerns=concerns, profile=profile)
        times = {"treat_am": ("am",), "treat_pm": ("pm",), "protect": ("am",)}.get(
            slot.key, ("am", "pm")
        )
        for time in times:
            made = Step(
                step=step,
                slot=slot.key,
                product=product,
                why=why,
                how_to_use=how_to_use(
                    product,
                    step=step,
                    time=time,
                    profile=profile,
                    second_strong=both_strong,
                ),
                alternatives=alternatives,
                cheaper_alternative_id=cheaper_id,
            )
            (am if time == "am" else pm).append(made)
    am.sort(key=lambda step: STEP_ORDER[step.step])
    pm.sort(key=lambda step: STEP_ORDER[step.step])
    return am, pm, empty
