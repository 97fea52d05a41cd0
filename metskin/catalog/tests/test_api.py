"""GET /api/v1/products/ and /api/v1/products/<id>/ on the real database."""

from __future__ import annotations

import pytest

from metskin.catalog.models import Product
from metskin.catalog.tests.factories import catalog_load, product_row

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/v1/products/"


@pytest.fixture
def catalog(tmp_path):
    catalog_load(
        tmp_path,
        [
            product_row(
                "Gentle Foaming Cleanser",
                "cleanser",
                "Aqua, Sodium Laureth Sulfate, Glycerin",
                brand="CeraVe",
                price="9.00",
                rating="4.5",
                skin_types="oily|combination",
            ),
            product_row(
                "Retinol Night Serum",
                "serum",
                "Aqua, Squalane, Retinol, Parfum",
                brand="Nightly",
                price="38.00",
                rating="4.2",
                skin_types="dry|normal",
            ),
            product_row(
                "Clear Pore BHA 2% Serum",
                "serum",
                "Aqua, Salicylic Acid 2%, Niacinamide, Butylene Glycol",
                brand="ClearCo",
                price="22.00",
                rating="4.8",
                skin_types="oily",
            ),
            product_row(
                "Rich Night Cream",
                "moisturiser",
                "Aqua, Isopropyl Myristate, Cera Alba, Linalool, Alcohol Denat.",
                brand="Nightly",
                price="55.00",
                rating="3.9",
                skin_types="dry",
            ),
        ],
    )


def names(response):
    return [product["name"] for product in response.json()["results"]]


# On MariaDB the search box reads a FULLTEXT index, which InnoDB fills on commit: these
# tests commit their rows (transaction=True) so the index sees them (docs/adr/0014).
@pytest.mark.django_db(transaction=True)
def test_search_by_words_in_the_name_or_brand(api_client, catalog):
    assert names(api_client.get(PRODUCTS, {"q": "night"})) == [
        "Retinol Night Serum",
        "Rich Night Cream",
    ]
    assert names(api_client.get(PRODUCTS, {"q": "nightly cream"})) == ["Rich Night Cream"]
    assert names(api_client.get(PRODUCTS, {"q": "cerave"})) == ["Gentle Foaming Cleanser"]
    # Words the index does not hold (short ones, stop words) still match as substrings.
    assert names(api_client.get(PRODUCTS, {"q": "rich ni"})) == ["Rich Night Cream"]
    assert names(api_client.get(PRODUCTS, {"q": "the night-cream"})) == []
    # A hyphenated word matches its parts.
    assert names(api_client.get(PRODUCTS, {"q": "night-cream"})) == ["Rich Night Cream"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            {},
            [
                "Clear Pore BHA 2% Serum",
                "Gentle Foaming Cleanser",
                "Retinol Night Serum",
                "Rich Night Cream",
            ],
        ),
        ({"category": "serum"}, ["Clear Pore BHA 2% Serum", "Retinol Night Serum"]),
        ({"skin_type": "oily"}, ["Clear Pore BHA 2% Serum", "Gentle Foaming Cleanser"]),
        ({"concern": "acne"}, ["Clear Pore BHA 2% Serum", "Retinol Night Serum"]),
        ({"concern": "fine_lines"}, ["Retinol Night Serum"]),
        ({"concern": "dryness"}, ["Rich Night Cream"]),
        (
            {"price_min": "10", "price_max": "40", "currency": "GBP"},
            ["Clear Pore BHA 2% Serum", "Retinol Night Serum"],
        ),
        ({"fragrance_free": "true"}, ["Clear Pore BHA 2% Serum", "Gentle Foaming Cleanser"]),
        (
            {"pregnancy_safe": "true"},
            ["Clear Pore BHA 2% Serum", "Gentle Foaming Cleanser", "Rich Night Cream"],
        ),
        (
            {"sort": "price", "currency": "GBP"},
            [
                "Gentle Foaming Cleanser",
                "Clear Pore BHA 2% Serum",
                "Retinol Night Serum",
                "Rich Night Cream",
            ],
        ),
    ],
)
def test_filters(api_client, catalog, query, expected):
    response = api_client.get(PRODUCTS, query)

    assert response.status_code == 200
    assert names(response) == expected
    assert response.json()["count"] == len(expected)


@pytest.mark.django_db(transaction=True)
def test_prices_are_compared_only_in_one_currency(api_client, catalog, tmp_path):
    # Given a US product whose dollar price lies inside a pound range
    (tmp_path / "us").mkdir()
    us_row = product_row(
        "Daily Moisture SPF 30", "moisturiser", "Aqua, Zinc Oxide", price="25.00", currency="USD"
    )
    catalog_load(tmp_path / "us", [us_row])

    # When a price range or a price order is asked in pounds, only pound prices are compared
    in_pounds = api_client.get(PRODUCTS, {"price_min": "10", "price_max": "40", "currency": "GBP"})
    in_dollars = api_client.get(PRODUCTS, {"price_max": "40", "currency": "USD"})
    cheapest_first = api_client.get(PRODUCTS, {"sort": "price", "currency": "GBP"})

    assert names(in_pounds) == ["Clear Pore BHA 2% Serum", "Retinol Night Serum"]
    assert names(in_dollars) == ["Daily Moisture SPF 30"]
    assert "Daily Moisture SPF 30" not in names(cheapest_first)
    # And without a currency, $25 and £22 are never put on one scale: a 400 saying why
    mixed = api_client.get(PRODUCTS, {"price_max": "40"})
    assert mixed.status_code == 400
    assert "currency" in mixed.json()["error"]["fields"]
    # A search that compares no prices shows every market, each price in its own currency
    every = api_client.get(PRODUCTS, {"category": "moisturiser"}).json()["results"]
    assert {(p["name"], p["currency"]) for p in every} == {
        ("Rich Night Cream", "GBP"),
        ("Daily Moisture SPF 30", "USD"),
    }


@pytest.mark.django_db(transaction=True)
def test_list_item_shape(api_client, catalog):
    item = api_client.get(PRODUCTS, {"q": "clear pore"}).json()["results"][0]

    assert item["brand"] == "ClearCo"
    assert item["category_label"] == "Serum"
    assert (item["price"], item["currency"], item["price_band"], item["rating"]) == (
        "22.00",
        "GBP",
        "mid",
        "4.80",
    )
    assert item["actives"] == ["bha", "niacinamide"]
    assert (item["fragrance_free"], item["pregnancy_safe"], item["skin_types"]) == (
        True,
        True,
        ["oily"],
    )


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"category": "lipstick"}, "category"),
        ({"price_min": "50", "price_max": "5", "currency": "GBP"}, "price_max"),
        ({"price_min": "-1", "currency": "GBP"}, "price_min"),
        ({"price_min": "10", "price_max": "40"}, "currency"),
        ({"sort": "-price"}, "currency"),
        ({"concern": "warts"}, "concern"),
    ],
)
def test_bad_filters_answer_400_in_the_error_shape(api_client, catalog, query, field):
    response = api_client.get(PRODUCTS, query)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == [field]


def test_product_page_lists_every_ingredient_with_its_flags(api_client, catalog):
    cream = Product.objects.get(name="Rich Night Cream")

    response = api_client.get(f"{PRODUCTS}{cream.pk}/")

    assert response.status_code == 200
    body = response.json()
    rows = [
        (line["position"], line["listed_name"], [flag["key"] for flag in line["flags"]])
        for line in body["ingredients"]
    ]
    assert rows == [
        (1, "Aqua", []),
        (2, "Isopropyl Myristate", ["comedogenic", "irritant"]),
        (3, "Cera Alba", []),
        (4, "Linalool", ["fragrance", "eu_allergen"]),
        (5, "Alcohol Denat", ["drying_alcohol"]),
    ]
    myristate = body["ingredients"][1]
    assert (myristate["inci_name"], myristate["comedogenic"], myristate["irritancy"]) == (
        "ISOPROPYL MYRISTATE",
        5,
        3,
    )
    assert myristate["flags"][0] == {
        "key": "comedogenic",
        "label": "May clog pores",
        "learn_url": "/learn/term/comedogenic/",
    }
    assert (body["vegan"], body["fragrance_free"], body["max_comedogenic"]) == (False, False, 5)
    assert body["usage"]["time"] == "am_pm"


def test_hidden_and_missing_products_are_404(api_client, catalog):
    cream = Product.objects.get(name="Rich Night Cream")
    Product.objects.filter(pk=cream.pk).update(is_active=False)

    hidden = api_client.get(f"{PRODUCTS}{cream.pk}/")
    missing = api_client.get(f"{PRODUCTS}00000000-0000-0000-0000-000000000000/")

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert "Rich Night Cream" not in names(api_client.get(PRODUCTS))


# Transactional: InnoDB's FULLTEXT index sees rows once committed (docs/adr/0014).
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("query", "queries"),
    [
        ("?page_size=1", 2),
        ("?q=night&page_size=1", 1),
        ("?q=nightly&page_size=1", 1),
        ("?skin_type=dry&sort=price&currency=GBP&page_size=1", 2),
        ("?category=serum&concern=acne&page=1&page_size=1", 2),
    ],
)
def test_a_product_search_costs_at_most_two_queries(
    api_client, catalog, query, queries, django_assert_num_queries
):
    """Given the catalogue, when any search runs, then it is one page query (brand joined)
    and, only when more results follow the page, one count capped at 1,000; a text search
    counts its matches in the page query itself; whatever the filters and however many
    products match (issue 18 §7)."""
    with django_assert_num_queries(queries):
        more = api_client.get(PRODUCTS + query)
    # The same search on one page that holds every result: the page gives the total.
    with django_assert_num_queries(1):
        whole = api_client.get(PRODUCTS + query.replace("page_size=1", "page_size=20"))

    assert more.status_code == whole.status_code == 200
    assert more.json()["next"] is not None
    assert whole.json()["next"] is None
    assert more.json()["count"] == whole.json()["count"] == len(whole.json()["results"]) >= 2
    assert not more.json()["count_capped"] and not whole.json()["count_capped"]


def test_a_search_counts_its_matches_up_to_the_cap_and_says_so(api_client, catalog, monkeypatch):
    """Given four products and a cap of two, when the first page of one is asked for, then
    the count is the floor 2 and marked capped; the last page knows the exact total; a page
    past the end is a 404 JSON error."""
    from metskin.core.pagination import CappedCountPagination

    monkeypatch.setattr(CappedCountPagination, "count_cap", 2)

    first = api_client.get(PRODUCTS + "?page_size=1").json()
    last = api_client.get(PRODUCTS + "?page_size=1&page=4").json()
    past = api_client.get(PRODUCTS + "?page_size=1&page=5")

    assert (first["count"], first["count_capped"], first["previous"]) == (2, True, None)
    assert "page=2" in first["next"]
    assert (last["count"], last["count_capped"], last["next"]) == (4, False, None)
    assert "page=3" in last["previous"]
    assert past.status_code == 404 and past.json()["error"]["code"] == "not_found"
    assert api_client.get(PRODUCTS + "?page=0").status_code == 404
    assert api_client.get(PRODUCTS + "?page=abc").status_code == 404
