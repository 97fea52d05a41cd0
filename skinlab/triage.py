"""How soon a spot should be shown to a dermatologist: ``urgency`` and the ``reasons``.

Dermatologists triage a spot from what it looks like *and* from what the person says about it
(has it changed, grown, bled). Two paths:

* **with answers** (at least one question answered, or an earlier photo of the same spot to
  compare with): a logistic score over the photo's signs and the answers
  (:mod:`skinlab.triage_model`, fitted with non-negative weights, so a "yes" never lowers the
  urgency; a "don't know" counts as the average answer of the people the model was fitted
  on). Its thresholds and weights were fitted on the PAD-UFES-20 photos and are reported
  by leave-one-patient-out cross-validation (``python -m bench.analysis.triage``);
* **photo only**: the public advice (any one of the ABCD warning signs on the spot a close-up
  is taken of, two on any other spot) sends the spot to a dermatologist (``soon``); a spot
  with a sign that is not enough on its own is ``routine``. The photo alone does not tell
  a common mole from a cancer (docs/skinlab.md, "Lesion triage"), so a missed cancer is
  avoided at the cost of visits.

``urgency``: ``none``; ``routine`` (keep an eye on it: photograph it again in 4-8 weeks);
``soon`` (see a dermatologist in the coming weeks); ``urgent`` (see one within two weeks).
Only ``soon`` and ``urgent`` make a referral. ``reasons`` are plain words, never a disease
name.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from skinlab.answers import SpotAnswers
from skinlab.result import AnalysisResult
from skinlab.triage_model import MODEL, TriageModel

URGENCIES = ("none", "routine", "soon", "urgent")
#: Urgencies that make a referral to a dermatologist.
REFERRING = ("soon", "urgent")
#: A ``routine`` spot is photographed again after this many weeks (low, high).
REPHOTOGRAPH_WEEKS = (4, 8)
#: Age from which the model's age feature is on (spots that change after 50 more often need a
#: look; the usual cut-off of skin-cancer risk tools).
AGE_CUT = 50
#: Photo signs that on their own keep a spot at ``soon`` whatever the answers: the weighted
#: seven-point checklist (Walter et al. 2013) refers on irregular shape plus irregular colour
#: (score 4 ≥ 3); three of the photo's four signs are that and more.
FLOOR_SIGNS = 3

#: The reason each feature gives, in plain words (never a disease name).
REASON_TEXT = {
    "asymmetry": "Its two halves do not match in shape.",
    "border": "Its edge is uneven or ragged.",
    "colour": "It has more than one colour.",
    "diameter": "It is wider than 6 mm.",
    "changed": "You said it has changed.",
    "grew": "You said it has grown.",
    "bleeds": "You said it bleeds.",
    "itches": "You said it itches.",
    "hurts": "You said it hurts or is tender.",
    "raised": "You said it is raised above the skin.",
    "skin_cancer_history": "You told us about your own past history of a spot that needed "
    "treatment, which makes a check more worthwhile.",
    "age_50_or_over": "At 50 or over, a spot like this more often needs a look.",
}
#: Changes seen between two photos of the same spot.
CHANGE_TEXT = {
    "larger": "Compared with your earlier photo, it looks larger.",
    "new_colour": "Compared with your earlier photo, it shows a new colour.",
    "border": "Compared with your earlier photo, its edge looks more uneven.",
    "shape": "Compared with your earlier photo, its shape is less even.",
}
#: A spot counts as larger when its diameter grew by this share between two photos of the
#: same scale (well beyond the ~10 % a re-framed photo of the same spot varies by).
GROWTH_SHARE = 0.2


@dataclass
class Triage:
    """The triage of one spot."""

    urgency: str
    reasons: list[str] = field(default_factory=list)
    #: "answers" (the model) or "photo" (the public ABCD advice), or "none" (no spot).
    basis: str = "photo"
    #: The model's score (log-odds) when answers were used, else None.
    score: float | None = None
    #: Changes seen since the earlier photo (keys of :data:`CHANGE_TEXT`).
    changes: list[str] = field(default_factory=list)

    @property
    def refer(self) -> bool:
        """True when the spot should be shown to a dermatologist."""
        return self.urgency in REFERRING

    def to_details(self) -> dict[str, Any]:
        """The keys added to the lesion concern's ``details``."""
        return {
            "urgency": self.urgency,
            "reasons": list(self.reasons),
            "triage_basis": self.basis,
            "triage_score": None if self.score is None else round(self.score, 3),
            "changes_since_previous": list(self.changes),
            "rephotograph_in_weeks": list(REPHOTOGRAPH_WEEKS)
            if self.urgency == "routine"
            else None,
        }


def compare_with_previous(
    details: Mapping[str, Any], previous: Mapping[str, Any] | None
) -> list[str]:
    """What changed between an earlier photo's lesion details and this one's.

    Size only counts when both photos were measured on the same kind of scale (a face's
    inter-pupil distance in both, or the same assumed field of a close-up).
    """
    if not previous:
        return []
    out = []
    d_now, d_then = float(details.get("diameter_mm") or 0), float(previous.get("diameter_mm") or 0)
    if (
        d_then > 0
        and details.get("size_scale") == previous.get("size_scale")
        and d_now > (1 + GROWTH_SHARE) * d_then
    ):
        out.append("larger")
    fams_then = set(previous.get("colour_families") or [])
    if fams_then and set(details.get("colour_families") or []) - fams_then:
        out.append("new_colour")
    if int(details.get("border_irregular_octants") or 0) >= int(
        previous.get("border_irregular_octants") or 0
    ) + 2 and "border" in (details.get("signs") or []):
        out.append("border")
    if float(details.get("asymmetry") or 0) >= float(previous.get("asymmetry") or 0) + 0.1 and (
        "asymmetry" in (details.get("signs") or [])
    ):
        out.append("shape")
    return out


#: The model's inputs that come from the answers (the rest come from the photo).
ANSWER_FEATURES = (
    "changed", "grew", "bleeds", "itches", "hurts", "raised", "skin_cancer_history",
    "age_50_or_over",
)  # fmt: skip


def features(
    details: Mapping[str, Any], answers: SpotAnswers, changed_on_photo: bool = False
) -> dict[str, float | None]:
    """The model's inputs: 1 yes, 0 no, None unknown (the bench builds the same vectors)."""
    signs = set(details.get("signs") or [])
    changed = answers.changed
    if changed_on_photo and changed is not True:
        changed = True  # what two photos show counts as a change the person saw
    out: dict[str, float | None] = {s: float(s in signs) for s in ("asymmetry", "border", "colour")}
    for key, v in (
        ("changed", changed),
        ("grew", answers.grew),
        ("bleeds", answers.bleeds),
        ("itches", answers.itches),
        ("hurts", answers.hurts),
        ("raised", answers.raised),
        ("skin_cancer_history", answers.skin_cancer_history),
    ):
        out[key] = None if v is None else float(v)
    out["age_50_or_over"] = None if answers.age is None else float(answers.age >= AGE_CUT)
    return out


def model_score(x: Mapping[str, float | None], model: TriageModel = MODEL) -> float:
    """The model's log-odds: a "don't know" counts as the fitted population's mean answer."""
    s = model.bias
    for name, w in model.weights.items():
        v = x.get(name)
        s += w * (model.means[name] if v is None else v)
    return s


def urgency_from_score(score: float, model: TriageModel = MODEL) -> str:
    """``urgent``, ``soon`` or ``routine`` from the model's score (the fitted thresholds)."""
    if score >= model.urgent_threshold:
        return "urgent"
    if score >= model.soon_threshold:
        return "soon"
    return "routine"


def photo_urgency(details: Mapping[str, Any]) -> str:
    """The photo-only urgency: the public ABCD advice (``worth_a_look`` of the screen).

    ``routine`` (photograph it again, with a reminder) only for the spot a close-up was
    taken of: an incidental spot in a face photo with one sign is not a spot the person is
    watching, and a selfie must not start reminders about it (its explanation still says to
    keep an eye on it).
    """
    if details.get("worth_a_look"):
        return "soon"
    return "routine" if details.get("signs") and details.get("subject_of_close_up") else "none"


def triage(
    details: Mapping[str, Any],
    answers: SpotAnswers | None = None,
    previous: Mapping[str, Any] | None = None,
    model: TriageModel = MODEL,
) -> Triage:
    """Triage the spot the lesion concern's ``details`` describe.

    ``previous``: the lesion details of an earlier photo of the same spot, if any. ``model``:
    the fitted model (the benchmark passes each cross-validation fold's own).
    """
    answers = answers or SpotAnswers()
    if details.get("assessed") is False or not details.get("candidates"):
        return Triage("none", basis="none")
    changes = compare_with_previous(details, previous)
    signs = [
        s
        for s in ("asymmetry", "border", "colour", "diameter")
        if s in (details.get("signs") or [])
    ]
    if not answers.given and not changes:
        urgency = photo_urgency(details)
        return Triage(urgency, [REASON_TEXT[s] for s in signs], basis="photo")
    x = features(details, answers, changed_on_photo=bool(changes))
    score = model_score(x, model)
    urgency = urgency_from_score(score, model)
    if len(signs) >= FLOOR_SIGNS and URGENCIES.index(urgency) < URGENCIES.index("soon"):
        urgency = "soon"
    # the photo's signs always count as reasons (they are why a spot is watched at all);
    # an answer only when the model gives it weight (a "yes" never lowers the score)
    reasons = [CHANGE_TEXT[c] for c in changes] + [REASON_TEXT[s] for s in signs]
    reasons += [
        REASON_TEXT[name]
        for name in ANSWER_FEATURES
        if model.weights.get(name, 0.0) > 0
        and x.get(name) == 1.0
        and not (name == "changed" and answers.changed is not True)
    ]
    if urgency == "routine" and not reasons:
        urgency = "none"  # every answer was "no" and the photo shows no sign
    return Triage(urgency, reasons, basis="answers", score=score, changes=changes)


def logistic(score: float) -> float:
    """The model's probability for a score (for the benchmark's printout)."""
    return 1.0 / (1.0 + math.exp(-score))


#: What the person is told, by urgency (the reasons are listed separately).
ADVICE = {
    "urgent": "Show this spot to a dermatologist within the next two weeks. This is not a "
    "diagnosis: only a doctor can tell what a spot is.",
    "soon": "It is worth showing this spot to a dermatologist in the coming weeks. This is "
    "not a diagnosis: only a doctor can tell what a spot is.",
    "routine": "Keep an eye on this spot: photograph it again in 4 to 8 weeks, in the same "
    "light and from the same distance, and see a dermatologist sooner if it changes, bleeds "
    "or worries you.",
}


def apply_triage(
    result: AnalysisResult,
    answers: SpotAnswers | None = None,
    previous: Mapping[str, Any] | None = None,
) -> Triage | None:
    """Add ``urgency`` and ``reasons`` to the result's lesion concern (in place).

    ``worth_a_look`` then says whether the triage refers (``soon`` or ``urgent``); the
    explanation says what to do. Returns the triage, or None when no lesion was assessed.
    """
    lesion = result.concern("lesion")
    if lesion is None:
        return None
    t = triage(lesion.details, answers, previous)
    lesion.details.update(t.to_details())
    if lesion.details.get("assessed") is False:
        return t
    lesion.details["worth_a_look"] = t.refer
    if t.urgency in ADVICE:
        # Results are frozen: the lesion's entry is replaced by one with the advice.
        at = result.concerns.index(lesion)
        result.concerns[at] = replace(lesion, explanation=ADVICE[t.urgency])
    return t
