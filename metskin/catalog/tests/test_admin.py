"""Staff curate the catalogue in the admin; what they change reaches the products' facts."""

from __future__ import annotations

from typing import Any

import pytest

from metskin.accounts.models import Role, SkinProfile
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import verified_admin_client
from metskin.catalog.models import Brand, Ingredient, Product
from metskin.catalog.tests.factories import catalog_load, product_row

pytestmark = pytest.mark.django_db

ADMIN = "/admin/catalog"


@pytest.fixture
def staff_client():
    """Staff reach the admin only with a two-factor session (django-otp's OTPAdminSite)."""
    return verified_admin_client(UserFactory(role=Role.STAFF))


@pytest.fixture
def catalog(tmp_path):
    catalog_load(
        tmp_path,
        [
            product_row("Gentle Cleanser", "cleanser", "Aqua, Glycerin, Coco-Glucoside"),
            product_row("Barrier Cream", "moisturiser", "Aqua, Glycerin, Squalane", rating="5.0"),
            product_row("Plain Cream", "moisturiser", "Aqua, Glycerin, Dimethicone", rating="3.5"),
            product_row("Daily Fluid SPF 50", "sunscreen", "Aqua, Homosalate, Zinc Oxide"),
            product_row("Retinol Serum", "serum", "Aqua, Squalane, Retinol"),
        ],
    )


def change_page_data(response: Any) -> dict[str, Any]:
    """What a change page posts back when saved untouched: its form and inline forms."""
    assert response.status_code == 200
    data: dict[str, Any] = {}

    def add(form: Any) -> None:
        for bound in form:
            value = bound.value()
            if isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif value is not None:
                data[bound.html_name] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def ingredient_url(inci_name: str) -> str:
    return f"{ADMIN}/ingredient/{Ingredient.objects.get(inci_name=inci_name).pk}/change/"


def product_facts(name: str) -> dict[str, Any]:
    product = Product.objects.get(name=name)
    return {
        "pregnancy_safe": product.pregnancy_safe,
        "fragrance_free": product.fragrance_free,
        "drying_alcohol_free": product.drying_alcohol_free,
        "max_comedogenic": product.max_comedogenic,
        "actives": product.actives,
        "vegan": product.vegan,
    }


def search(api_client, **query):
    response = api_client.get("/api/v1/products/", query)
    return [product["name"] for product in response.json()["results"]]


def test_an_ingredient_marked_pregnancy_caution_makes_its_products_not_pregnancy_safe(
    staff_client, api_client, patient, patient_client, catalog
):
    # Given a cream that is offered as pregnancy-safe
    assert search(api_client, category="moisturiser", pregnancy_safe="true") == [
        "Barrier Cream",
        "Plain Cream",
    ]
    SkinProfile.objects.filter(user=patient).update(pregnancy="pregnant")
    routine = patient_client.get("/api/v1/recommendations/").json()["routine"]
    assert ("moisturise", "Barrier Cream") in [
        (step["step"], step["product"]["name"]) for step in routine["am"]
    ]

    # When staff mark one of its ingredients "pregnancy caution" in the admin
    url = ingredient_url("SQUALANE")
    data = change_page_data(staff_client.get(url))
    data["pregnancy_caution"] = "on"
    response = staff_client.post(url, data)

    # Then the product's stored facts follow, and it is no longer offered as pregnancy-safe
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Ingredient.objects.get(inci_name="SQUALANE").pregnancy_caution is True
    assert Product.objects.get(name="Barrier Cream").pregnancy_safe is False
    assert Product.objects.get(name="Plain Cream").pregnancy_safe is True
    assert search(api_client, category="moisturiser", pregnancy_safe="true") == ["Plain Cream"]
    body = patient_client.get("/api/v1/recommendations/").json()
    chosen = [step["product"]["name"] for step in [*body["routine"]["am"], *body["routine"]["pm"]]]
    assert "Barrier Cream" not in chosen
    assert ("moisturise", "Plain Cream") in [
        (step["step"], step["product"]["name"]) for step in body["routine"]["am"]
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"fragrance": "on"}, {"fragrance_free": False}),
        ({"drying_alcohol": "on"}, {"drying_alcohol_free": False}),
        ({"comedogenic": "5"}, {"max_comedogenic": 5}),
        ({"active_class": "retinoid"}, {"actives": ["retinoid"]}),
        ({"animal_derived": "on"}, {"vegan": False}),
    ],
)
def test_every_flag_edited_in_the_admin_reaches_the_products(
    staff_client, catalog, change, expected
):
    unchanged = {
        "pregnancy_safe": True,
        "fragrance_free": True,
        "drying_alcohol_free": True,
        "max_comedogenic": 0,  # known ingredients, none rated
        "actives": [],
        "vegan": None,
    }
    assert product_facts("Barrier Cream") == unchanged
    plain_cream = product_facts("Plain Cream")
    url = ingredient_url("SQUALANE")
    data = change_page_data(staff_client.get(url))
    data.update(change)

    response = staff_client.post(url, data)

    assert response.status_code == 302
    assert product_facts("Barrier Cream") == {**unchanged, **expected}
    assert product_facts("Plain Cream") == plain_cream


def test_clearing_a_flag_in_the_admin_makes_the_product_safe_again(staff_client, catalog):
    assert product_facts("Retinol Serum")["pregnancy_safe"] is False
    url = ingredient_url("RETINOL")
    data = change_page_data(staff_client.get(url))
    data.pop("pregnancy_caution")
    data["active_class"] = ""

    response = staff_client.post(url, data)

    assert response.status_code == 302
    assert product_facts("Retinol Serum") == {
        "pregnancy_safe": True,
        "fragrance_free": True,
        "drying_alcohol_free": True,
        "max_comedogenic": 0,
        "actives": [],
        "vegan": None,
    }


def test_removing_an_ingredient_line_in_the_product_admin_refreshes_its_facts(
    staff_client, catalog
):
    product = Product.objects.get(name="Retinol Serum")
    url = f"{ADMIN}/product/{product.pk}/change/"
    data = change_page_data(staff_client.get(url))
    retinol_line = next(
        key.removesuffix("-listed_name")
        for key, value in data.items()
        if key.endswith("-listed_name") and value == "Retinol"
    )
    data[f"{retinol_line}-DELETE"] = "on"

    response = staff_client.post(url, data)

    assert response.status_code == 302
    assert list(product.ingredient_lines.values_list("listed_name", flat=True)) == [
        "Aqua",
        "Squalane",
    ]
    assert product_facts("Retinol Serum")["pregnancy_safe"] is True
    assert product_facts("Retinol Serum")["actives"] == []


def test_the_ingredient_key_follows_the_inci_name_and_cannot_be_edited(staff_client, catalog):
    url = ingredient_url("SQUALANE")
    page = staff_client.get(url)
    assert 'name="key"' not in page.content.decode()
    data = change_page_data(page)
    data.update(inci_name="SQUALANE (OLIVE)", key="SOMETHINGELSE")

    response = staff_client.post(url, data)

    assert response.status_code == 302
    squalane = Ingredient.objects.get(inci_name="SQUALANE (OLIVE)")
    assert squalane.key == "SQUALANEOLIVE"


def test_an_ingredient_cannot_take_the_name_of_another(staff_client, catalog):
    url = ingredient_url("SQUALANE")
    data = change_page_data(staff_client.get(url))
    data["inci_name"] = "GLYCER-IN"  # a different name, but the same key as GLYCERIN

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "inci_name": ["Another ingredient already has this name."]
    }
    assert Ingredient.objects.filter(inci_name="SQUALANE", key="SQUALANE").exists()


def test_staff_add_an_ingredient_and_its_key_is_made_from_the_name(staff_client, catalog):
    response = staff_client.post(
        f"{ADMIN}/ingredient/add/",
        {
            "inci_name": "Bakuchiol Extract",
            "functions": "[]",
            "in_cosing": "on",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    assert Ingredient.objects.get(inci_name="Bakuchiol Extract").key == "BAKUCHIOLEXTRACT"


@pytest.mark.parametrize("model", ["product", "ingredient", "brand"])
def test_admin_pages_open(staff_client, catalog, model):
    item = {
        "product": lambda: Product.objects.get(name="Barrier Cream"),
        "ingredient": lambda: Ingredient.objects.get(inci_name="SQUALANE"),
        "brand": lambda: Brand.objects.get(),
    }[model]()

    pages = [
        f"{ADMIN}/{model}/",
        f"{ADMIN}/{model}/?q=a",
        f"{ADMIN}/{model}/add/",
        f"{ADMIN}/{model}/{item.pk}/change/",
    ]

    assert [staff_client.get(page).status_code for page in pages] == [200, 200, 200, 200]


def test_staff_cannot_save_a_script_as_a_product_link(staff_client, catalog):
    product = Product.objects.get(name="Barrier Cream")
    url = f"{ADMIN}/product/{product.pk}/change/"
    data = change_page_data(staff_client.get(url))
    data["url"] = "javascript:alert(1)"

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"url": ["Enter a valid URL."]}
    product.refresh_from_db()
    assert product.url == ""
