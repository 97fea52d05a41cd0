"""The INCI parser on real ingredient lists from the product data sets."""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metskin.catalog import inci
from metskin.catalog.knowledge import COMMON_NAMES
from metskin.catalog.seed import COSING_CSV, DATA


@lru_cache(maxsize=1)
def cosing_lookup() -> dict[str, str]:
    """compact key → canonical key, from the real CosIng file and MetSkin's aliases."""
    keys: dict[str, str] = {}
    with COSING_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = inci.compact_key(row["inci_name"])
            keys.setdefault(key, key)
    for alias, target in COMMON_NAMES.items():
        target_key = inci.compact_key(target)
        if target_key in keys:
            keys.setdefault(inci.compact_key(alias), target_key)
    return keys


def lookup(key: str) -> str | None:
    return cosing_lookup().get(key)


@lru_cache(maxsize=1)
def sephora_rows() -> list[dict[str, str]]:
    with (DATA / "sephora_cosmetics_1472.csv").open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def sephora(brand: str, name: str) -> str:
    return next(
        row["Ingredients"]
        for row in sephora_rows()
        if row["Brand"] == brand and row["Name"] == name
    )


def test_creme_de_la_mer_splits_and_resolves_in_label_order():
    report = inci.parse(sephora("LA MER", "Crème de la Mer"), lookup)

    names = [item.listed.name for item in report.names]
    assert len(names) == 42
    assert names[:4] == ["Algae (Seaweed) Extract", "Mineral Oil", "Petrolatum", "Glycerin"]
    # A closing full stop is punctuation of the list, so "Denat." loses it too.
    assert names[-2:] == ["Alcohol Denat", "Fragrance"]
    assert [item.listed.position for item in report.names] == list(range(1, 43))
    resolved = {item.listed.name: item.key for item in report.names}
    assert resolved["Sesamum Indicum (Sesame) Seed Oil"] == "SESAMUMINDICUMSEEDOIL"
    assert resolved["Alcohol Denat"] == "ALCOHOLDENAT"
    assert resolved["Fragrance"] == "PARFUM"  # an alias
    assert resolved["Mineral Oil"] == "PARAFFINUMLIQUIDUM"
    # CosIng names only the lime's parts ("... Fruit Extract"), so this one stays unknown.
    assert report.unknown == ["Citrus Aurantifolia (Lime) Extract"]


def test_chemical_names_with_commas_stay_whole():
    text = sephora("DRUNK ELEPHANT", "Protini™ Polypeptide Cream")

    names = [item.name for item in inci.split_inci(text)]

    assert "1,2-Hexanediol" in names
    assert "Bacillus/Soybean/ Folic Acid Ferment Extract" in names
    assert names[0] == "Water" and names[-1] == "Symphytum Officinale Callus Culture Extract"


def test_commas_inside_parentheses_do_not_split():
    names = inci.split_inci("Water (Aqua, Eau), Persea Gratissima (Extra Virgin, Cold Pressed) Oil")

    assert [item.name for item in names] == [
        "Water (Aqua, Eau)",
        "Persea Gratissima (Extra Virgin, Cold Pressed) Oil",
    ]


def test_may_contain_section_is_marked():
    text = next(
        row["Ingredients"]
        for row in sephora_rows()
        if row["Ingredients"].startswith("Water, Coconut Alkanes, Propanediol, Squalane")
    )

    names = inci.split_inci(text)

    tail = [(item.name, item.may_contain) for item in names[-3:]]
    assert tail == [("Phenoxyethanol", False), ("Titanium Dioxide", True), ("Iron Oxides", True)]


def test_strengths_are_read_and_removed_from_the_name():
    names = inci.split_inci("Active: Salicylic Acid 2%, Water, Niacinamide 10 %")

    assert [(item.name, item.concentration_percent) for item in names] == [
        ("Salicylic Acid", Decimal("2")),
        ("Water", None),
        ("Niacinamide", Decimal("10")),
    ]


def test_a_strength_glued_to_the_next_name_ends_that_name():
    # Real rows give the actives first, the last strength glued to what follows: "Oxybenzone
    # 3.00%Ingredients: Water", "Salicylic Acid 1.50%Water" (issue 18: keep every active
    # with its strength; the filter was lost and the water got its strength).
    sunscreen = inci.split_inci(
        sephora("ESTÉE LAUDER", "DayWear UV Base Advanced Anti-Oxidant & UV Defense SPF 50")
    )
    kit = inci.resolve(
        inci.split_inci(sephora("CLINIQUE", "Acne Solutions Clear Skin System Starter Kit")),
        lookup,
    )

    assert [(item.name, item.concentration_percent) for item in sunscreen[:6]] == [
        ("Avobenzone", Decimal("3.00")),
        ("Homosalate", Decimal("5.00")),
        ("Octisalate", Decimal("5.00")),
        ("Octocrylene", Decimal("2.70")),
        ("Oxybenzone", Decimal("3.00")),
        ("Water", None),
    ]
    assert {
        item.key: item.listed.concentration_percent
        for item in kit.names
        if item.listed.concentration_percent is not None
    } == {"SALICYLICACID": Decimal("1.50"), "BENZOYLPEROXIDE": Decimal("2.50")}


def test_a_kit_label_between_two_lists_separates_them_and_swallows_no_name():
    # Sephora's Clinique kits: "... Titanium Dioxide (Ci 77891) Rds Product Name: Spf30 Face
    # Cream Division: Cl (Clinique)Water , ..." lost the UV filter before the label and turned
    # the water after it into "Cl (Clinique)Water"
    scrub = [item.name for item in inci.split_inci(sephora("CLINIQUE", "Exfoliating Scrub"))]
    starter = [
        item.name
        for item in inci.split_inci(
            sephora("CLINIQUE", "Acne Solutions Clear Skin System Starter Kit")
        )
    ]

    assert "Titanium Dioxide (Ci 77891)" in scrub
    assert "Sodium Dehydroacetate" in scrub
    assert scrub.count("Water") == 3  # the scrub's own list and the two creams'
    assert {"Chloroxylenol", "Benzalkonium Chloride"} <= set(starter)
    for name in scrub + starter:
        assert "Rds Product" not in name and "Division" not in name and "Clinique" not in name


def test_a_row_cut_inside_a_kit_label_keeps_the_names_before_it():
    mask = inci.split_inci(sephora("LA MER", "The Brilliance Brightening Mask"))
    assert mask[-1].name == "Phenoxyethanol"


def test_footnotes_disclaimers_and_trademarks_are_dropped():
    text = (
        "Aqua, Glycerin™, Lavandula Angustifolia Oil*, Phenoxyethanol. *Essential Oil. "
        "Please be aware that ingredient lists may change."
    )

    names = [item.name for item in inci.split_inci(text)]

    assert names == ["Aqua", "Glycerin", "Lavandula Angustifolia Oil", "Phenoxyethanol"]


@pytest.mark.parametrize(
    ("listed", "key"),
    [
        ("dimethicon", "DIMETHICONE"),  # LookFantastic's lossy cleaning
        ("capric triglyceride", "CAPRYLICCAPRICTRIGLYCERIDE"),
        ("ethylhexyl glycerin", "ETHYLHEXYLGLYCERIN"),
        ("Titanium Dioxide [Nano]", "TITANIUMDIOXIDE"),
        ("Water\\Aqua\\Eau", "WATER"),
        ("Butyrospermum Parkii (Shea) Butter", "BUTYROSPERMUMPARKIIBUTTER"),
        ("Vitamin E", "TOCOPHEROL"),
    ],
)
def test_names_resolve_through_normalisation_and_aliases(listed, key):
    report = inci.resolve([inci.ListedName(1, listed)], lookup)

    assert report.names[0].key == key


def test_marketing_text_is_reported_unknown_not_guessed():
    report = inci.parse(
        "Hyaluronic Acid: hydrates and plumps the skin for a dewy, radiant glow all day long "
        "with our signature complex, Glycerin",
        lookup,
    )

    assert report.unknown == [
        "hydrates and plumps the skin for a dewy",
        "radiant glow all day long with our signature complex",
    ]
    assert [item.key for item in report.known] == ["GLYCERIN"]


def test_most_names_in_the_real_sephora_lists_resolve():
    known = total = 0
    for row in sephora_rows():
        report = inci.parse(row["Ingredients"], lookup)
        if report.known_share >= 0.6:  # the importer's bar for a usable list
            known += len(report.known)
            total += len(report.names)

    assert total > 30_000
    assert known / total > 0.95


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_parses_without_error(text):
    report = inci.parse(text, lookup)

    assert all(item.listed.name for item in report.names)
    assert [item.listed.position for item in report.names] == list(range(1, len(report.names) + 1))
