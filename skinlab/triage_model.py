"""The fitted lesion-triage model (written by ``python -m bench.analysis.triage --write-model``).

Do not edit by hand: refit with the benchmark, which also reports how this model does on
photos it was not fitted on (leave-one-patient-out).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TriageModel:
    """A logistic score over the triage features, and the two thresholds on it."""

    #: Weight of each feature (non-negative: a sign or a "yes" never lowers the urgency).
    weights: dict[str, float]
    bias: float
    #: The mean of each feature over the people the model was fitted on: a "don't know"
    #: counts as this (the expected answer), so it neither raises nor lowers the score.
    means: dict[str, float]
    #: Scores at or above this are ``soon``; at or above ``urgent_threshold``, ``urgent``.
    soon_threshold: float
    urgent_threshold: float


# fitted on 43 PAD-UFES-20 photos (MEL/BCC/SCC vs NEV/SEK) by
# python -m bench.analysis.triage --write-model
MODEL = TriageModel(
    weights={
        "asymmetry": 0.0,
        "border": 0.0362,
        "colour": 0.3491,
        "changed": 1.1408,
        "grew": 0.5827,
        "bleeds": 1.0207,
        "itches": 1.3152,
        "hurts": 0.8126,
        "raised": 0.0,
        "skin_cancer_history": 0.72,
        "age_50_or_over": 0.5089,
    },
    bias=-2.5992,
    means={
        "asymmetry": 0.3023,
        "border": 0.6047,
        "colour": 0.8605,
        "changed": 0.2692,
        "grew": 0.6538,
        "bleeds": 0.186,
        "itches": 0.4048,
        "hurts": 0.1429,
        "raised": 0.6744,
        "skin_cancer_history": 0.3721,
        "age_50_or_over": 0.6977,
    },
    soon_threshold=-0.4332,
    urgent_threshold=0.1336,
)
