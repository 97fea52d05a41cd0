"""Each referral rule, on plain data."""

from __future__ import annotations

import pytest

from metskin.recommendations.engine.facts import ProfileFacts, Referral
from metskin.recommendations.engine.referral import referral_for
from metskin.recommendations.tests.factories import snapshot


def test_nothing_worrying_means_no_referral():
    history = [snapshot(acne=(40, {"hayashi_grade": "moderate"}), redness=20)]

    assert referral_for(ProfileFacts(), history) is None
    assert referral_for(ProfileFacts(), []) is None


@pytest.mark.parametrize(("grade", "urgency"), [("severe", "soon"), ("very_severe", "promptly")])
def test_severe_acne_sends_to_an_acne_dermatologist(grade, urgency):
    referral = referral_for(ProfileFacts(), [snapshot(acne=(80, {"hayashi_grade": grade}))])

    assert referral is not None
    assert (referral.urgency, referral.specialty) == (urgency, "acne")
    assert "inflamed spots" in referral.reason


def test_acne_referral_for_a_teenager_goes_to_paediatric_dermatology():
    referral = referral_for(
        ProfileFacts(age_range="under_18"), [snapshot(acne=(80, {"hayashi_grade": "severe"}))]
    )

    assert referral is not None and referral.specialty == "paediatric"


def test_a_lesion_worth_a_look_is_prompt_and_never_named_as_a_disease():
    referral = referral_for(ProfileFacts(), [snapshot(lesion=(30, {"worth_a_look": True}))])

    assert referral == Referral(
        urgency="promptly",
        specialty="skin_cancer",
        reason="A spot in your latest photo is worth a dermatologist's look. This is not a "
        "diagnosis: only a doctor can tell what it is.",
    )
    assert "melanoma" not in referral.reason.lower() and "cancer" not in referral.reason.lower()


def test_a_lesion_not_flagged_is_no_referral():
    assert referral_for(ProfileFacts(), [snapshot(lesion=(30, {"worth_a_look": False}))]) is None


def test_the_lesion_triage_decides_how_soon_and_says_why():
    def lesion(urgency: str, reasons: list[str]) -> Referral | None:
        details = {
            "urgency": urgency,
            "reasons": reasons,
            "worth_a_look": urgency in ("soon", "urgent"),
        }
        return referral_for(ProfileFacts(), [snapshot(lesion=(30, details))])

    urgent = lesion("urgent", ["You said it bleeds."])
    soon = lesion("soon", ["It has more than one colour."])
    assert urgent is not None and (urgent.urgency, urgent.specialty) == ("promptly", "skin_cancer")
    assert "(You said it bleeds.)" in urgent.reason
    assert soon is not None and soon.urgency == "soon"
    # a spot to watch (photograph again in 4-8 weeks) and a spot with nothing are not referred
    assert lesion("routine", ["It has more than one colour."]) is None
    assert lesion("none", []) is None


def test_redness_that_persists_over_three_analyses_and_two_weeks():
    history = [snapshot(0, redness=45), snapshot(10, redness=40), snapshot(21, redness=50)]

    referral = referral_for(ProfileFacts(), history)

    assert referral is not None
    assert (referral.urgency, referral.specialty) == ("routine", "general")
    assert "stayed in each of your last 3 analyses" in referral.reason


def test_redness_that_worsens():
    history = [snapshot(0, redness=60), snapshot(14, redness=50), snapshot(30, redness=38)]

    referral = referral_for(ProfileFacts(), history)

    assert referral is not None
    assert (referral.urgency, referral.specialty) == ("soon", "general")
    assert "from 38 to 60" in referral.reason


@pytest.mark.parametrize(
    "history",
    [
        # the same afternoon: too close together to tell anything
        [snapshot(0, redness=60), snapshot(0, redness=50), snapshot(0, redness=40)],
        # once gone in between
        [snapshot(0, redness=50), snapshot(10, redness=10), snapshot(20, redness=50)],
        # only one analysis
        [snapshot(0, redness=90)],
        # improving
        [snapshot(0, redness=36), snapshot(14, redness=20), snapshot(28, redness=70)],
    ],
)
def test_redness_that_does_not_persist_or_worsen(history):
    assert referral_for(ProfileFacts(), history) is None


@pytest.mark.parametrize(
    ("symptom", "urgency"),
    [
        ("bleeding", "promptly"),
        ("changing_mole", "promptly"),
        ("itching", "soon"),
        ("non_healing", "promptly"),
    ],
)
def test_self_reported_symptoms(symptom, urgency):
    referral = referral_for(ProfileFacts(symptoms=(symptom,)), [])

    assert referral is not None
    assert (referral.urgency, referral.specialty) == (urgency, "skin_cancer")


def test_a_worried_person_gets_a_routine_check():
    referral = referral_for(ProfileFacts(concerns=("lesion",)), [])

    assert referral == Referral("routine", "skin_cancer", "You told us a mole or spot worries you.")


def test_the_most_urgent_reason_decides_and_all_are_said():
    history = [
        snapshot(0, redness=45, acne=(70, {"hayashi_grade": "severe"})),
        snapshot(10, redness=40),
        snapshot(21, redness=50),
    ]

    referral = referral_for(ProfileFacts(symptoms=("bleeding",)), history)

    assert referral is not None
    assert (referral.urgency, referral.specialty) == ("promptly", "skin_cancer")
    assert referral.reason.startswith("You told us a spot or mole bleeds.")
    assert "many inflamed spots" in referral.reason and "Redness has stayed" in referral.reason
