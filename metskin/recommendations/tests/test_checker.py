"""The ingredient checker's conflicts on plain data: every profile rule says what it left out."""

from __future__ import annotations

import pytest

from metskin.recommendations.engine.checker import conflicts
from metskin.recommendations.engine.facts import ProfileFacts
from metskin.recommendations.tests.factories import product


@pytest.mark.parametrize(
    ("actives", "message", "term"),
    [
        (("retinoid",), "It contains a retinoid, a strong active", "retinoid"),
        (("aha",), "It contains an AHA exfoliant, a strong active", "aha"),
        (("bha",), "It contains salicylic acid (BHA), a strong active", "bha"),
        (
            ("benzoyl_peroxide",),
            "It contains benzoyl peroxide, a strong active",
            "benzoyl_peroxide",
        ),
        (
            ("aha", "retinoid", "niacinamide"),
            "It contains a retinoid and an AHA exfoliant, strong actives",
            "retinoid",
        ),
    ],
)
def test_very_sensitive_skin_is_told_which_strong_active_it_is(actives, message, term):
    pasted = product("This product", "treatment", *actives)
    profile = ProfileFacts(sensitive=True, very_sensitive=True)

    found = conflicts(profile=profile, pasted=pasted, am=[], pm=[])

    assert [(item.kind, item.message, item.term) for item in found if item.kind == "profile"] == [
        (
            "profile",
            f"{message} that very sensitive skin like yours is better without for now.",
            term,
        )
    ]


def test_gentle_actives_are_no_conflict_for_very_sensitive_skin():
    pasted = product("This product", "treatment", "niacinamide", "azelaic_acid")

    found = conflicts(
        profile=ProfileFacts(sensitive=True, very_sensitive=True), pasted=pasted, am=[], pm=[]
    )

    assert found == []


def test_the_pregnancy_message_names_everything_the_rule_leaves_out():
    pasted = product("This product", "treatment", pregnancy_safe=False)

    found = conflicts(
        profile=ProfileFacts(pregnant_or_breastfeeding=True), pasted=pasted, am=[], pm=[]
    )

    assert [(item.kind, item.message, item.term) for item in found] == [
        (
            "profile",
            "It contains an ingredient not advised while you are pregnant or breastfeeding: a "
            "retinoid, salicylic acid above 2% (or of unknown strength), hydroquinone, betaine "
            "salicylate, or another ingredient marked “Not advised in pregnancy” in the list.",
            "pregnancy_caution",
        )
    ]
