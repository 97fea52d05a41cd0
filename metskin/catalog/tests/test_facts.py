"""Ingredient flags and the product facts computed from an ingredient list (pure)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from metskin.catalog.facts import IngredientFacts, ListedIngredient, ingredient_flags, product_facts
from metskin.catalog.knowledge import curated_flags
from metskin.catalog.usage import default_usage


@pytest.mark.parametrize(
    ("name", "functions", "expected"),
    [
        ("LINALOOL", ["Perfuming"], (True, True, False, False, "")),
        ("BENZYL ALCOHOL", ["Preservative"], (False, True, False, False, "")),
        ("LAVANDULA ANGUSTIFOLIA OIL", ["Fragrance", "Tonic"], (True, False, False, False, "")),
        ("OLEA EUROPAEA FRUIT OIL", ["Perfuming"], (False, False, False, False, "")),
        ("COCOS NUCIFERA OIL", ["Fragrance", "Perfuming"], (False, False, False, False, "")),
        ("CITRUS AURANTIUM BERGAMIA FRUIT OIL", ["Perfuming"], (True, False, False, False, "")),
        ("ALCOHOL DENAT.", ["Solvent"], (False, False, True, False, "")),
        ("CETEARYL ALCOHOL", ["Emulsifying"], (False, False, False, False, "")),
        ("RETINOL", ["Skin Conditioning"], (False, False, False, True, "retinoid")),
        ("SALICYLIC ACID", ["Keratolytic"], (False, False, False, True, "bha")),
        ("NIACINAMIDE", ["Smoothing"], (False, False, False, False, "niacinamide")),
    ],
)
def test_curated_flags(name, functions, expected):
    flags = curated_flags(name, functions)

    assert (
        flags.fragrance,
        flags.eu_allergen,
        flags.drying_alcohol,
        flags.pregnancy_caution,
        flags.active_class,
    ) == expected


def line(position: int, name: str, concentration: str | None = None, **flags) -> ListedIngredient:
    return ListedIngredient(
        position=position,
        listed_name=name.title(),
        facts=IngredientFacts(inci_name=name, **flags),
        concentration_percent=Decimal(concentration) if concentration else None,
    )


WATER = line(1, "AQUA")


def test_a_ph_adjusting_acid_late_in_the_list_is_not_an_active():
    late = [
        WATER,
        *[line(i, f"FILLER {i}") for i in range(2, 12)],
        line(12, "LACTIC ACID", active_class="aha"),
    ]
    early = [WATER, line(2, "LACTIC ACID", active_class="aha")]

    assert (
        product_facts(name="Cream", category="moisturiser", ingredients=late).actives == frozenset()
    )
    assert product_facts(name="Cream", category="moisturiser", ingredients=early).actives == {"aha"}


@pytest.mark.parametrize(
    ("category", "name", "concentration", "pregnancy_safe", "percent"),
    [
        ("cleanser", "Clarifying Wash", None, True, None),  # washed off: low exposure
        ("serum", "Clarifying Serum", None, False, None),  # leave-on, strength unknown
        ("serum", "Clarifying Serum", "2", True, Decimal("2")),
        ("exfoliant", "Skin Perfecting 2% BHA Liquid Exfoliant", None, True, Decimal("2")),
        ("exfoliant", "Peel", "30", False, Decimal("30")),
    ],
)
def test_salicylic_acid_strength_decides_pregnancy_safety(
    category, name, concentration, pregnancy_safe, percent
):
    ingredients = [
        WATER,
        line(2, "SALICYLIC ACID", concentration, pregnancy_caution=True, active_class="bha"),
    ]

    facts = product_facts(name=name, category=category, ingredients=ingredients)

    assert (facts.pregnancy_safe, facts.salicylic_acid_percent) == (pregnancy_safe, percent)
    assert facts.actives == {"bha"}


def test_product_facts_from_a_list():
    ingredients = [
        WATER,
        line(2, "ISOPROPYL MYRISTATE", comedogenic=5, irritancy=3),
        line(3, "RETINOL", pregnancy_caution=True, active_class="retinoid"),
        line(4, "CERA ALBA", animal_derived=True, comedogenic=2),
        line(5, "PARFUM", fragrance=True),
        line(6, "ALCOHOL DENAT.", drying_alcohol=True),
        ListedIngredient(7, "Mystery Complex", None),
    ]

    facts = product_facts(
        name="Night Cream SPF 15", category="moisturiser", ingredients=ingredients
    )

    # "SPF 15" in the name with no UV filter listed: no sunscreen, an incomplete list.
    assert (facts.actives, facts.missing) == ({"retinoid"}, {"spf"})
    assert facts.active_names == {"retinoid": ["RETINOL"]}
    assert facts.max_comedogenic == 5
    assert (facts.fragrance_free, facts.drying_alcohol_free, facts.pregnancy_safe) == (
        False,
        False,
        False,
    )
    assert (facts.vegan, facts.spf) == (False, 15)


def test_flags_of_an_ingredient_are_glossary_keys():
    facts = IngredientFacts(
        inci_name="X",
        fragrance=True,
        eu_allergen=True,
        comedogenic=4,
        irritancy=3,
        pregnancy_caution=True,
    )

    assert ingredient_flags(facts) == [
        "pregnancy_caution",
        "fragrance",
        "eu_allergen",
        "comedogenic",
        "irritant",
    ]
    assert ingredient_flags(IngredientFacts(inci_name="AQUA", comedogenic=3, irritancy=2)) == []


def test_default_usage_follows_the_strongest_active():
    retinoid = default_usage(category="serum", actives=frozenset({"retinoid", "niacinamide"}))
    cleanser = default_usage(category="cleanser", actives=frozenset({"bha"}))

    assert (retinoid.time, retinoid.amount) == (
        "pm",
        "A pea-sized amount for the whole face, on dry skin",
    )
    assert retinoid.introduction.startswith("Weeks 1–2: two evenings a week.")
    assert cleanser.time == "am_pm"
    assert "Not on the same night as a retinoid." in cleanser.warnings
