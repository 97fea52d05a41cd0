"""Sunscreens are sunscreens, and lists that lack what their product is sold as are marked
incomplete (issue 18, points 1 and 2)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from metskin.catalog.facts import IngredientFacts, ListedIngredient, product_facts
from metskin.catalog.knowledge import COMMON_NAMES, UV_FILTERS
from metskin.catalog.models import Ingredient, Product
from metskin.catalog.seed import COSING_CSV
from metskin.catalog.services import FACTS_VERSION, catalog_facts_refresh
from metskin.catalog.tests.factories import catalog_load, product_row

PRODUCTS = "/api/v1/products/"


def line(position: int, name: str, active_class: str = "") -> ListedIngredient:
    return ListedIngredient(
        position, name.title(), IngredientFacts(inci_name=name, active_class=active_class)
    )


INACTIVES = [line(1, "AQUA"), line(2, "GLYCERIN"), line(3, "DIMETHICONE")]


def test_every_uv_filter_is_a_cosing_inci_name_and_every_us_name_leads_to_one():
    with COSING_CSV.open(encoding="utf-8") as handle:
        cosing = {row[0].upper() for row in csv.reader(handle)}

    assert sorted(name for name in UV_FILTERS if name not in cosing) == []
    for us_name in ("AVOBENZONE", "OCTINOXATE", "ENSULIZOLE", "MERADIMATE", "TINOSORB S"):
        assert COMMON_NAMES[us_name] in UV_FILTERS
    assert {"EU", "US"} == {market for markets in UV_FILTERS.values() for market in markets}


def test_an_spf_named_product_with_only_inactives_is_incomplete_and_not_a_sunscreen():
    # The issue's product: "SPF 45" with retinyl palmitate and willow bark, no filter.
    listed = [
        *INACTIVES,
        line(4, "RETINYL PALMITATE", "retinoid"),
        line(5, "SALIX ALBA BARK EXTRACT", "bha"),
    ]

    facts = product_facts(name="Daily Defense SPF 45", category="moisturiser", ingredients=listed)

    assert facts.spf == 45
    assert "spf" not in facts.actives
    assert facts.missing == frozenset({"spf"})


def test_a_sunscreen_with_a_listed_filter_is_complete():
    listed = [*INACTIVES, line(4, "ZINC OXIDE", "spf")]

    facts = product_facts(name="Mineral Fluid SPF 50", category="sunscreen", ingredients=listed)

    assert (facts.spf, "spf" in facts.actives, facts.missing) == (50, True, frozenset())


def test_a_sunscreen_without_a_number_still_needs_a_filter():
    facts = product_facts(name="Sun Fluid", category="sunscreen", ingredients=INACTIVES)

    assert facts.missing == frozenset({"spf"})


@pytest.mark.parametrize(
    ("name", "spf", "missing"),
    [
        # Real names of the product lists (issue 18, point 2: a stated SPF, however printed).
        ("Sun Lotion 30 SPF", 30, {"spf"}),
        ("Super City Block Oil-Free Daily Face Protector Broad Spectrum 40 SPF", 40, {"spf"}),
        ("Wetforce Clear Stick UV Protector Broad Spectrum 50+", 50, {"spf"}),
        ("Broad Spectrum SPF 30 Mineral Lotion", 30, {"spf"}),
        # Sold beside sunscreens, not as one: no filter is missing from their lists.
        ("After Sun Greek Yoghurt Cooling Gel for Face and Body", None, set()),
        ("ER+ Radical Recovery After-Sun Lotion", None, set()),
        ("Pro Light Self Tan Bronzing Mist", None, set()),
        # An SPF in the name is a claim whatever the product is.
        ("Self Tan Dry Oil SPF 50", 50, {"spf"}),
    ],
)
def test_a_stated_spf_is_read_either_way_round_and_after_sun_is_no_sunscreen(name, spf, missing):
    facts = product_facts(name=name, category="sunscreen", ingredients=INACTIVES)

    assert (facts.spf, facts.missing) == (spf, frozenset(missing))


@pytest.mark.parametrize(
    ("name", "listed", "missing"),
    [
        ("Retinol Serum 0.5%", INACTIVES, {"retinoid"}),
        ("Retinol Serum 0.5%", [*INACTIVES, line(4, "RETINOL", "retinoid")], set()),
        ("Bakuchiol Retinol Alternative", INACTIVES, set()),
        ("Vitamin C Glow Serum", INACTIVES, {"vitamin_c"}),
        # Late in the list vitamin C is no active, but the list is not incomplete.
        (
            "Vitamin C Glow Serum",
            [
                *INACTIVES,
                *[line(i, f"FILLER {i}") for i in range(4, 14)],
                line(14, "ASCORBIC ACID", "vitamin_c"),
            ],
            set(),
        ),
        ("10% Niacinamide Booster", INACTIVES, {"niacinamide"}),
        ("2% BHA Liquid Exfoliant", INACTIVES, {"bha"}),
        ("Glycolic Acid 7% Toning Solution", INACTIVES, {"aha"}),
        ("Benzoyl Peroxide 5% Gel", INACTIVES, {"benzoyl_peroxide"}),
        ("Azelaic Acid Suspension 10%", INACTIVES, {"azelaic_acid"}),
        ("Hydrating Cream", INACTIVES, set()),
    ],
)
def test_a_name_that_promises_an_active_its_list_lacks_is_incomplete(name, listed, missing):
    facts = product_facts(name=name, category="serum", ingredients=listed)

    assert facts.missing == frozenset(missing)


@pytest.fixture
def sun_catalog(db, tmp_path):
    return catalog_load(
        tmp_path,
        [
            product_row(
                "Daily Defense SPF 45",
                "sunscreen",
                "Aqua, Glycerin, Dimethicone, Retinyl Palmitate, Salix Alba Bark Extract",
                rating="5.0",
            ),
            product_row(
                "Sheer Zinc SPF 30",
                "sunscreen",
                "Zinc Oxide 20%, Aqua, Glycerin, Dimethicone",
                rating="4.0",
            ),
            product_row("Retinol Serum", "serum", "Aqua, Glycerin, Dimethicone", rating="4.5"),
            product_row("Plain Cream", "moisturiser", "Aqua, Glycerin, Dimethicone"),
        ],
    )


def test_the_import_marks_incomplete_lists_and_keeps_a_filter_with_its_strength(sun_catalog):
    incomplete = Product.objects.get(name="Daily Defense SPF 45")
    sheer = Product.objects.get(name="Sheer Zinc SPF 30")

    assert (incomplete.missing_actives, incomplete.facts_version) == (["spf"], FACTS_VERSION)
    assert (sheer.missing_actives, "spf" in sheer.actives) == ([], True)
    zinc = sheer.ingredient_lines.get(position=1)
    assert (zinc.ingredient.inci_name, zinc.concentration_percent) == ("ZINC OXIDE", Decimal(20))
    assert Product.objects.get(name="Retinol Serum").missing_actives == ["retinoid"]


def test_the_product_page_and_list_say_the_list_is_incomplete(sun_catalog, api_client):
    incomplete = Product.objects.get(name="Daily Defense SPF 45")

    page = api_client.get(f"{PRODUCTS}{incomplete.pk}/").json()
    listed = {item["name"]: item for item in api_client.get(PRODUCTS).json()["results"]}

    assert (page["ingredients_incomplete"], page["missing_actives"]) == (True, ["spf"])
    assert listed["Sheer Zinc SPF 30"]["ingredients_incomplete"] is False
    assert listed["Daily Defense SPF 45"]["ingredients_incomplete"] is True


def test_the_report_counts_incomplete_products_per_kind(sun_catalog):
    out = io.StringIO()

    call_command("catalog_incomplete", stdout=out)

    lines = [" ".join(text.split()) for text in out.getvalue().splitlines()]
    assert lines[0] == "2 of 4 active products have an incomplete ingredient list"
    assert sorted(lines[2:]) == ["Serum Retinoid 1", "Sunscreen Sunscreen filter 1"]


def test_a_catalogue_imported_under_older_rules_is_refreshed(sun_catalog):
    # Given a database from before facts version 2: no class on a new filter, old facts.
    Ingredient.objects.filter(inci_name="ZINC OXIDE").update(active_class="")
    Product.objects.update(facts_version=1, missing_actives_mask=0, actives_mask=0)

    report = catalog_facts_refresh()

    assert (report.ingredients_classed, report.products_refreshed) == (1, 4)
    sheer = Product.objects.get(name="Sheer Zinc SPF 30")
    assert ("spf" in sheer.actives, sheer.facts_version) == (True, FACTS_VERSION)
    assert Product.objects.get(name="Daily Defense SPF 45").missing_actives == ["spf"]
    assert not Product.objects.filter(facts_version__lt=FACTS_VERSION).exists()
    assert catalog_facts_refresh().products_refreshed == 0
