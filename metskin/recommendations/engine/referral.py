"""When to see a dermatologist, how soon, and which kind.

Urgency: ``promptly`` (book within days), ``soon`` (within weeks), ``routine``.
Specialties are the doctors app's codes (general, acne, paediatric, skin_cancer, ...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from itertools import pairwise

from metskin.recommendations.engine.facts import AnalysisSnapshot, ProfileFacts, Referral

URGENCY_ORDER = {"routine": 0, "soon": 1, "promptly": 2}
# Redness counts as present at or above this severity (0–100).
REDNESS_PRESENT = 35
# "Worsens": up by at least this much from the oldest to the newest analysis compared.
REDNESS_WORSENING = 15
# Persisting or worsening means something only across weeks, not within one afternoon.
REDNESS_MIN_SPAN = timedelta(days=14)
REDNESS_WINDOW = 3  # the newest analyses compared
SYMPTOM_REASONS = {
    "bleeding": ("promptly", "You told us a spot or mole bleeds."),
    "changing_mole": ("promptly", "You told us a mole is changing in size, shape or colour."),
    "non_healing": ("promptly", "You told us a sore does not heal."),
    "itching": ("soon", "You told us a spot or mole itches."),
}


@dataclass(frozen=True)
class _Reason:
    urgency: str
    specialty: str
    text: str


def _acne_reason(latest: AnalysisSnapshot | None) -> _Reason | None:
    finding = latest.finding("acne") if latest else None
    grade = finding.details.get("hayashi_grade") if finding else None
    if grade == "very_severe":
        return _Reason(
            "promptly",
            "acne",
            "Your latest analysis counted very many inflamed spots. Acne this widespread "
            "responds best to prescription treatment, and early treatment prevents scars.",
        )
    if grade == "severe":
        return _Reason(
            "soon",
            "acne",
            "Your latest analysis counted many inflamed spots. A dermatologist can prescribe "
            "treatments that work better than anything sold over the counter.",
        )
    return None


# skinlab's lesion triage → the referral's urgency. Only "soon" and "urgent" refer: a
# "routine" spot is watched (photographed again in 4-8 weeks), not referred.
LESION_URGENCY = {"urgent": "promptly", "soon": "soon"}


def _lesion_reason(latest: AnalysisSnapshot | None) -> _Reason | None:
    finding = latest.finding("lesion") if latest else None
    if finding is None:
        return None
    triage = finding.details.get("urgency")
    if triage is None:  # a result from before the triage (engine < 0.5): its screen decides
        triage = "urgent" if finding.details.get("worth_a_look") else "none"
    if triage not in LESION_URGENCY:
        return None
    reasons = [str(r) for r in finding.details.get("reasons") or []]
    why = f" ({' '.join(reasons)})" if reasons else ""
    return _Reason(
        LESION_URGENCY[str(triage)],
        "skin_cancer",
        f"A spot in your latest photo is worth a dermatologist's look{why}. This is not a "
        "diagnosis: only a doctor can tell what it is.",
    )


def _redness_reason(history: Sequence[AnalysisSnapshot]) -> _Reason | None:
    """Redness in every one of the last analyses (spanning two weeks or more), or rising."""
    window = list(history[:REDNESS_WINDOW])
    if len(window) < 2 or window[0].taken_at - window[-1].taken_at < REDNESS_MIN_SPAN:
        return None
    severities = []
    for snapshot in window:
        finding = snapshot.finding("redness")
        severities.append(finding.severity if finding else 0)
    newest, oldest = severities[0], severities[-1]
    chronological = list(reversed(severities))
    rising = all(later >= earlier for earlier, later in pairwise(chronological))
    if newest >= REDNESS_PRESENT and rising and newest - oldest >= REDNESS_WORSENING:
        return _Reason(
            "soon",
            "general",
            f"Redness has increased over your last {len(window)} analyses "
            f"(from {oldest} to {newest} out of 100). A dermatologist can find out why.",
        )
    if len(window) >= REDNESS_WINDOW and all(value >= REDNESS_PRESENT for value in severities):
        return _Reason(
            "routine",
            "general",
            f"Redness has stayed in each of your last {len(window)} analyses. Lasting "
            "redness is worth showing a dermatologist.",
        )
    return None


def referral_for(profile: ProfileFacts, history: Sequence[AnalysisSnapshot]) -> Referral | None:
    """The referral, if any: the most urgent reason decides urgency and specialty; the
    reason lists them all. ``history`` is newest first."""
    latest = history[0] if history else None
    reasons = [
        reason
        for reason in (_lesion_reason(latest), _acne_reason(latest), _redness_reason(history))
        if reason is not None
    ]
    for symptom in profile.symptoms:
        if symptom in SYMPTOM_REASONS:
            urgency, text = SYMPTOM_REASONS[symptom]
            reasons.append(_Reason(urgency, "skin_cancer", text))
    if "lesion" in profile.concerns and not any(r.specialty == "skin_cancer" for r in reasons):
        reasons.append(_Reason("routine", "skin_cancer", "You told us a mole or spot worries you."))
    if not reasons:
        return None
    # Stable sort: among equal urgencies the order above (lesion, acne, redness) wins.
    reasons.sort(key=lambda reason: -URGENCY_ORDER[reason.urgency])
    top = reasons[0]
    specialty = top.specialty
    if profile.age_range == "under_18" and specialty in ("acne", "general"):
        specialty = "paediatric"
    return Referral(
        urgency=top.urgency,
        specialty=specialty,
        reason=" ".join(dict.fromkeys(reason.text for reason in reasons)),
    )
