"""Put it together: plan what to fetch, then build and check the recommendation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from metskin.catalog.vocabulary import ActiveClass
from metskin.recommendations.engine.concerns import rank_concerns, tips_for
from metskin.recommendations.engine.facts import (
    AnalysisSnapshot,
    Candidate,
    Exclusion,
    Plan,
    ProfileFacts,
    Recommendation,
    Step,
)
from metskin.recommendations.engine.referral import referral_for
from metskin.recommendations.engine.routine import choose_treatments, fill, plan_slots
from metskin.recommendations.engine.safety import (
    CLASH_WITH_RETINOID,
    candidate_filter,
    night_clash,
    profile_exclusions,
    retinoid_night_exclusion,
    violations,
)

# Measured acne at or above this severity counts as acne-prone skin.
ACNE_PRONE_SEVERITY = 30
STEP_NAMES = {
    "cleanse": "cleanser",
    "moisturise": "moisturiser",
    "protect": "sunscreen (SPF 30 or more)",
    "treat_am": "morning treatment",
    "treat_pm": "evening treatment",
    "eye_care": "eye product",
}


def _with_article(noun: str) -> str:
    return f"{'An' if noun[:1].lower() in 'aeiou' else 'A'} {noun}"


def with_acne_from_analysis(profile: ProfileFacts, latest: AnalysisSnapshot | None) -> ProfileFacts:
    """Measured acne makes the skin acne-prone for the pore-clogging rule too."""
    finding = latest.finding("acne") if latest else None
    if profile.acne_prone or finding is None or finding.severity < ACNE_PRONE_SEVERITY:
        return profile
    return replace(profile, acne_prone=True)


def plan(profile: ProfileFacts, history: Sequence[AnalysisSnapshot]) -> Plan:
    """What the routine needs, before any product is fetched (newest analysis first)."""
    latest = history[0] if history else None
    profile = with_acne_from_analysis(profile, latest)
    concerns = rank_concerns(profile, latest)
    am_treat, pm_treat = choose_treatments(profile, concerns)
    return Plan(
        concerns=concerns,
        am_treat=am_treat,
        pm_treat=pm_treat,
        slots=plan_slots(am_treat=am_treat, pm_treat=pm_treat, concerns=concerns),
        candidate_filter=candidate_filter(profile),
    )


def _step_to_drop(pm: Sequence[Step]) -> Step:
    """The step whose removal ends the clash: supporting products first, the retinoid
    treatment last (it is the evening's main step)."""
    by_preference = sorted(
        pm, key=lambda step: (step.step == "treat", ActiveClass.RETINOID in step.product.actives)
    )
    for step in by_preference:
        if not night_clash(other.product for other in pm if other is not step):
            return step
    strong = CLASH_WITH_RETINOID | {ActiveClass.RETINOID}
    return next(step for step in by_preference if step.product.actives & strong)


def enforce(
    profile: ProfileFacts, am: Sequence[Step], pm: Sequence[Step]
) -> tuple[list[Step], list[Step], list[Exclusion]]:
    """The last check before anything is shown: every product against every profile rule,
    and the evening against the retinoid rule. What fails is removed and said."""
    dropped: list[Exclusion] = []

    def safe(steps: Sequence[Step]) -> list[Step]:
        kept = []
        for step in steps:
            broken = violations(profile, step.product)
            if broken:
                dropped.append(
                    Exclusion(
                        item=step.product.name,
                        reason=f"We removed it from your routine: it breaks the "
                        f"{', '.join(broken)} rule for your profile.",
                        rule=broken[0],
                    )
                )
                continue
            kept.append(step)
        return kept

    am_kept, pm_kept = safe(am), safe(pm)
    while night_clash(step.product for step in pm_kept):
        clashing = _step_to_drop(pm_kept)
        pm_kept.remove(clashing)
        dropped.append(
            Exclusion(
                item=clashing.product.name,
                reason="We removed it from your evening: it would put a retinoid together "
                "with an AHA, BHA or benzoyl peroxide on the same night.",
                rule="retinoid_same_night",
                term="retinoid",
            )
        )
    return am_kept, pm_kept, dropped


def recommend(
    profile: ProfileFacts,
    history: Sequence[AnalysisSnapshot],
    candidates: Mapping[str, Sequence[Candidate]],
    planned: Plan | None = None,
) -> Recommendation:
    """The full recommendation from plain data. ``candidates`` maps slot keys to products."""
    planned = planned or plan(profile, history)
    latest = history[0] if history else None
    profile = with_acne_from_analysis(profile, latest)
    am, pm, empty = fill(
        profile=profile,
        concerns=planned.concerns,
        slots=planned.slots,
        candidates=candidates,
    )
    am, pm, dropped = enforce(profile, am, pm)
    excluded = profile_exclusions(profile)
    if any(step.slot == "treat_pm" and ActiveClass.RETINOID in step.product.actives for step in pm):
        excluded.append(retinoid_night_exclusion())
    excluded.extend(dropped)
    excluded.extend(
        Exclusion(
            item=_with_article(STEP_NAMES.get(slot, slot)),
            reason="We found no product in our catalogue that is safe for your profile for "
            "this step, so we left the step out rather than suggest an unsuitable one.",
            rule="no_safe_product",
        )
        for slot in empty
    )
    return Recommendation(
        concerns=planned.concerns,
        tips=tips_for(planned.concerns),
        am=tuple(am),
        pm=tuple(pm),
        excluded=tuple(excluded),
        referral=referral_for(profile, history),
        based_on_analysis=latest.analysis_id if latest else None,
        currency=profile.currency,
    )
