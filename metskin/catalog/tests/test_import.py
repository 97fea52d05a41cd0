"""Importing ingredients and products: real files, bad rows, re-runs."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from metskin.catalog.models import Brand, Ingredient, IngredientAlias, Product, ProductIngredient
from metskin.catalog.readers import read_products
from metskin.catalog.seed import CHART_CSV, DATA
from metskin.catalog.services import ingredients_import, products_import
from metskin.catalog.tests.factories import cosing_subset, product_row, write_products_csv

pytestmark = pytest.mark.django_db

SEPHORA = DATA / "sephora_cosmetics_1472.csv"
LOOKFANTASTIC = DATA / "lookfantastic_skincare_products_clean.csv"


def first_lines(source, path, count):
    path.write_text("".join(source.open(encoding="utf-8").readlines()[:count]), encoding="utf-8")
    return path


@pytest.fixture
def sephora_sample(tmp_path):
    """The header and the first 40 products of the real Sephora file, with their CosIng rows."""
    sample = first_lines(SEPHORA, tmp_path / "sephora.csv", 41)
    ingredients_import(
        cosing_path=cosing_subset(tmp_path / "cosing.csv", [sample.read_text(encoding="utf-8")]),
        chart_path=CHART_CSV,
    )
    return sample


def test_real_sephora_rows_import_and_bad_rows_are_reported_by_line(sephora_sample):
    report = products_import(path=sephora_sample)

    assert report.format == "sephora"
    assert [str(error) for error in report.errors] == [
        "line 9: the ingredient list is not recognised (0 of 1 names are ingredients we know)",
        "line 13: the ingredient list is not recognised (0 of 11 names are ingredients we know)",
        "line 15: the ingredient list is not recognised (8 of 16 names are ingredients we know)",
        "line 28: the ingredient list is not recognised (0 of 1 names are ingredients we know)",
        "line 34: no ingredient list",
        "line 35: the ingredient list is not recognised (0 of 1 names are ingredients we know)",
        "line 41: no ingredient list",
    ]
    assert report.created == 33 == Product.objects.count()
    creme = Product.objects.get(name="Crème de la Mer")
    assert (creme.brand.name, creme.category, creme.price, creme.currency, creme.rating) == (
        "LA MER",
        "moisturiser",
        Decimal("175.00"),
        "USD",
        Decimal("4.10"),
    )
    assert creme.skin_types == ["dry", "oily", "combination", "normal", "sensitive"]
    assert (creme.fragrance_free, creme.drying_alcohol_free, creme.vegan) == (False, False, False)
    lines = list(creme.ingredient_lines.order_by("position"))
    assert len(lines) == 42
    assert [line.listed_name for line in lines[:2]] == ["Algae (Seaweed) Extract", "Mineral Oil"]
    assert lines[1].ingredient.inci_name == "PARAFFINUM LIQUIDUM"
    assert creme.unknown_ingredients == ["Citrus Aurantifolia (Lime) Extract"]
    assert creme.usage_time == "am_pm" and creme.usage_amount


def test_running_an_import_again_creates_no_duplicates(sephora_sample):
    products_import(path=sephora_sample)
    counts = (Product.objects.count(), ProductIngredient.objects.count(), Brand.objects.count())

    again = products_import(path=sephora_sample)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 33)
    assert (
        Product.objects.count(),
        ProductIngredient.objects.count(),
        Brand.objects.count(),
    ) == counts


def test_a_changed_row_updates_in_place_and_keeps_staff_edits(tmp_path):
    rows = [product_row("Daily Cleanser", "cleanser", "Aqua, Glycerin, Sodium Chloride")]
    ingredients_import(
        cosing_path=cosing_subset(tmp_path / "cosing.csv", [rows[0]["ingredients"]]),
        chart_path=None,
    )
    products_import(path=write_products_csv(tmp_path / "a.csv", rows))
    product = Product.objects.get()
    Product.objects.filter(pk=product.pk).update(usage_amount="One pump")

    rows[0].update(price="9.50", ingredients="Aqua, Glycerin")
    report = products_import(path=write_products_csv(tmp_path / "b.csv", rows))

    product.refresh_from_db()
    assert (report.created, report.updated) == (0, 1)
    assert (product.price, product.usage_amount) == (Decimal("9.50"), "One pump")
    assert list(product.ingredient_lines.values_list("listed_name", flat=True)) == [
        "Aqua",
        "Glycerin",
    ]


def test_malformed_rows_are_skipped_whole_with_their_line_numbers(tmp_path):
    ingredients_import(
        cosing_path=cosing_subset(tmp_path / "cosing.csv", ["Aqua, Glycerin, Niacinamide"]),
        chart_path=None,
    )
    path = tmp_path / "bad.csv"
    path.write_text(
        "brand,name,category,price,currency,ingredients\n"
        'Good,Serum,serum,10,GBP,"Aqua, Niacinamide"\n'
        'Bad,Price,serum,ten pounds,GBP,"Aqua"\n'
        'Bad,Category,lipstick,10,GBP,"Aqua"\n'
        ',No Brand,serum,10,GBP,"Aqua"\n'
        "Bad,Fields,serum,10\n"
        "Bad,Empty,serum,10,GBP,\n"
        'Bad,Currency,serum,10,XYZ,"Aqua"\n'
        'Good,Cream,moisturiser,,GBP,"Aqua, Glycerin"\n'
        'Good,Serum,serum,11,GBP,"Aqua, Niacinamide"\n',
        encoding="utf-8",
    )

    report = products_import(path=path)

    assert [str(error) for error in report.errors] == [
        "line 3: the price “ten pounds” is not a number",
        "line 4: unknown category “lipstick” (use one of cleanser, toner, serum, moisturiser, "
        "sunscreen, exfoliant, treatment, eye_care, mask)",
        "line 5: no brand",
        "line 6: expected 6 fields, found a different number",
        "line 7: no ingredient list",
        "line 8: unknown currency “XYZ”",
        "line 10: the same product as line 2",
    ]
    assert sorted(Product.objects.values_list("name", "price")) == [
        ("Cream", None),
        ("Serum", Decimal("10.00")),
    ]
    assert not Brand.objects.filter(name="Bad").exists()


def test_lookfantastic_rows_get_brand_size_and_lossy_names_resolved(tmp_path):
    sample = first_lines(LOOKFANTASTIC, tmp_path / "lf.csv", 3)
    texts = [record.ingredients_text for record in read_products(sample).records]
    ingredients_import(cosing_path=cosing_subset(tmp_path / "cosing.csv", texts), chart_path=None)

    report = products_import(path=sample)

    assert (report.format, report.created, report.errors) == ("lookfantastic", 2, [])
    lotion = Product.objects.get(name="Facial Moisturising Lotion SPF 25")
    assert (lotion.brand.name, lotion.size, lotion.price, lotion.currency, lotion.spf) == (
        "CeraVe",
        "52ml",
        Decimal("13.00"),
        "GBP",
        25,
    )
    dimethicone = lotion.ingredient_lines.get(listed_name="dimethicon")
    assert dimethicone.ingredient.inci_name == "DIMETHICONE"


def test_open_beauty_facts_jsonl(tmp_path):
    ingredients_import(
        cosing_path=cosing_subset(tmp_path / "cosing.csv", ["Aqua, Glycerin, Cera Alba"]),
        chart_path=None,
    )
    path = tmp_path / "obf.jsonl"
    lines = [
        {
            "code": "3600000000001",
            "product_name": "Gentle Face Wash",
            "brands": "Example Labs,Other",
            "ingredients_text": "Aqua, Glycerin",
            "categories_tags": ["en:face-cleansers"],
            "labels_tags": ["en:vegan"],
            "quantity": "150 ml",
        },
        {
            "code": "3600000000002",
            "product_name": "Balm",
            "brands": "Example Labs",
            "ingredients_text": "Cera Alba, Glycerin",
            "categories_tags": ["en:night-creams"],
        },
    ]
    path.write_text(
        "\n".join(json.dumps(line) for line in lines) + "\n{not json\n[1, 2]\n", encoding="utf-8"
    )

    report = products_import(path=path)

    assert [str(error) for error in report.errors] == [
        "line 3: not valid JSON (Expecting property name enclosed in double quotes)",
        "line 4: not a product object",
    ]
    wash = Product.objects.get(external_id="3600000000001")
    balm = Product.objects.get(external_id="3600000000002")
    assert (wash.source, wash.category, wash.vegan, wash.size, wash.brand.name) == (
        "openbeautyfacts",
        "cleanser",
        True,
        "150 ml",
        "Example Labs",
    )
    assert (balm.category, balm.vegan) == ("moisturiser", False)


def test_ingredient_import_is_idempotent_and_keeps_staff_flags(tmp_path):
    cosing = cosing_subset(tmp_path / "cosing.csv", ["Linalool, Retinol, Isopropyl Myristate"])
    first = ingredients_import(cosing_path=cosing, chart_path=CHART_CSV)
    Ingredient.objects.filter(inci_name="LINALOOL").update(irritancy=4)

    second = ingredients_import(cosing_path=cosing, chart_path=CHART_CSV)

    assert first.created > 0 and (second.created, second.aliases_created) == (0, 0)
    linalool = Ingredient.objects.get(inci_name="LINALOOL")
    assert (linalool.fragrance, linalool.eu_allergen, linalool.irritancy) == (True, True, 4)
    myristate = Ingredient.objects.get(inci_name="ISOPROPYL MYRISTATE")
    assert (myristate.comedogenic, myristate.irritancy) == (5, 3)
    assert IngredientAlias.objects.get(name="Vitamin E").ingredient.inci_name == "TOCOPHEROL"


def test_import_command_reports_and_fails_when_nothing_imports(tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("what,is,this\n1,2,3\n", encoding="utf-8")

    with pytest.raises(Exception, match="Nothing could be imported"):
        call_command("import_products", str(path))

    assert "line 1: unknown columns" in capsys.readouterr().err


def test_prices_and_ratings_that_are_not_finite_numbers_are_row_problems(tmp_path):
    # Given a CSV whose numbers include NaN and infinity (spreadsheet exports write them)
    ingredients_import(
        cosing_path=cosing_subset(tmp_path / "cosing.csv", ["Aqua, Glycerin"]), chart_path=None
    )
    path = tmp_path / "numbers.csv"
    path.write_text(
        "brand,name,category,price,currency,ingredients,rating\n"
        'Good,Cream,moisturiser,10,GBP,"Aqua, Glycerin",4.5\n'
        'Bad,Nan Price,moisturiser,nan,GBP,"Aqua, Glycerin",4\n'
        'Bad,Inf Price,moisturiser,inf,GBP,"Aqua, Glycerin",4\n'
        'Bad,Nan Rating,moisturiser,10,GBP,"Aqua, Glycerin",NaN\n'
        'Bad,Inf Rating,moisturiser,10,GBP,"Aqua, Glycerin",-Infinity\n'
        'Bad,Signalling Nan,moisturiser,sNaN,GBP,"Aqua, Glycerin",4\n'
        'Bad,Rounds Too High,moisturiser,999999.995,GBP,"Aqua, Glycerin",4\n',
        encoding="utf-8",
    )

    # When it is imported
    report = products_import(path=path)

    # Then each such row is reported by its line and skipped whole; the good row imports
    assert [str(error) for error in report.errors] == [
        "line 3: the price “nan” is not a number",
        "line 4: the price “inf” is not a number",
        "line 5: the rating “NaN” is not a number",
        "line 6: the rating “-Infinity” is not a number",
        "line 7: the price “sNaN” is not a number",
        "line 8: the price 1000000.00 is out of range",
    ]
    assert list(Product.objects.values_list("name", "price", "rating")) == [
        ("Cream", Decimal("10.00"), Decimal("4.50"))
    ]
    assert list(Brand.objects.values_list("name", flat=True)) == ["Good"]


def test_names_and_ids_too_long_to_store_are_row_problems_and_a_re_import_is_a_no_op(tmp_path):
    # Given a CSV with a brand longer than Brand.name, an id longer than Product.external_id
    # and a product name longer than Product.name, among good rows
    ingredients_import(
        cosing_path=cosing_subset(tmp_path / "cosing.csv", ["Aqua, Glycerin"]), chart_path=None
    )
    long_brand, long_id, long_name = "B" * 121, "x" * 256, "N" * 256
    path = write_products_csv(
        tmp_path / "long.csv",
        [
            product_row("Cream", "moisturiser", "Aqua, Glycerin"),
            product_row("Long Brand Cream", "moisturiser", "Aqua, Glycerin", brand=long_brand),
            product_row("Long Id Cream", "moisturiser", "Aqua, Glycerin", external_id=long_id),
            product_row(long_name, "moisturiser", "Aqua, Glycerin"),
            product_row("Brand At The Limit", "moisturiser", "Aqua, Glycerin", brand="C" * 120),
        ],
    )
    expected = [
        "line 3: the brand name is longer than 120 characters",
        "line 4: the external_id is longer than 255 characters",
        "line 5: the product name is longer than 255 characters",
    ]

    # When it is imported twice
    first = products_import(path=path)
    counts = (Product.objects.count(), Brand.objects.count(), ProductIngredient.objects.count())
    second = products_import(path=path)

    # Then the long rows are reported and skipped both times, and the second run changes nothing
    assert [str(error) for error in first.errors] == expected
    assert [str(error) for error in second.errors] == expected
    assert (first.created, second.created, second.updated, second.unchanged) == (2, 0, 0, 2)
    assert counts == (2, 2, 4)
    assert (
        Product.objects.count(),
        Brand.objects.count(),
        ProductIngredient.objects.count(),
    ) == counts
    assert sorted(Product.objects.values_list("name", flat=True)) == ["Brand At The Limit", "Cream"]


def test_import_command_names_the_unknown_ingredients_and_a_second_run_is_a_no_op(tmp_path):
    # Given the ingredient inventory and a CSV whose lists include names nobody knows
    rows = [
        product_row("Serum", "serum", "Aqua, Glycerin, Niacinamide, Moonbeam Essence"),
        product_row(
            "Cream", "moisturiser", "Aqua, Glycerin, Squalane, Moonbeam Essence, Unicorn Tears"
        ),
    ]
    ingredients_import(
        cosing_path=cosing_subset(tmp_path / "cosing.csv", [row["ingredients"] for row in rows]),
        chart_path=None,
    )
    path = write_products_csv(tmp_path / "products.csv", rows)

    # When the command runs twice
    first, second = io.StringIO(), io.StringIO()
    call_command("import_products", str(path), stdout=first, stderr=io.StringIO())
    counts = (Product.objects.count(), ProductIngredient.objects.count(), Brand.objects.count())
    call_command("import_products", str(path), stdout=second, stderr=io.StringIO())

    # Then it names the unknown ingredients, most frequent first, and the re-run changes nothing
    unknown = "  2 unknown ingredient names, most frequent: Moonbeam Essence (2), Unicorn Tears (1)"
    assert first.getvalue().splitlines() == [
        "products.csv (metskin): 2 created, 0 updated, 0 unchanged, 0 rows skipped with errors, "
        "0 out of scope",
        unknown,
    ]
    assert second.getvalue().splitlines() == [
        "products.csv (metskin): 0 created, 0 updated, 2 unchanged, 0 rows skipped with errors, "
        "0 out of scope",
        unknown,
    ]
    assert counts == (2, 9, 1)
    assert (
        Product.objects.count(),
        ProductIngredient.objects.count(),
        Brand.objects.count(),
    ) == counts
    assert Product.objects.get(name="Cream").unknown_ingredients == [
        "Moonbeam Essence",
        "Unicorn Tears",
    ]


def test_links_that_are_not_web_addresses_are_row_problems(tmp_path):
    # Given rows whose shop or image link is a script, a data URL or another scheme
    ingredients_import(
        cosing_path=cosing_subset(tmp_path / "cosing.csv", ["Aqua, Glycerin"]), chart_path=None
    )
    path = tmp_path / "links.csv"
    path.write_text(
        "brand,name,category,price,currency,ingredients,url,image_url\n"
        'Good,Cream,moisturiser,10,GBP,"Aqua, Glycerin", https://shop.example/cream ,'
        "http://img.example/c.jpg\n"
        'Bad,Script,moisturiser,10,GBP,"Aqua, Glycerin",javascript:alert(1),\n'
        'Bad,Shouting Script,moisturiser,10,GBP,"Aqua, Glycerin",JaVaScRiPt:alert(1),\n'
        'Bad,Data,moisturiser,10,GBP,"Aqua, Glycerin","data:text/html,<script>x()</script>",\n'
        'Bad,Ftp,moisturiser,10,GBP,"Aqua, Glycerin",ftp://files.example/x,\n'
        'Bad,No Scheme,moisturiser,10,GBP,"Aqua, Glycerin",//evil.example/x,\n'
        'Bad,Image,moisturiser,10,GBP,"Aqua, Glycerin",,javascript:alert(1)\n'
        f'Bad,Long,moisturiser,10,GBP,"Aqua, Glycerin",https://shop.example/{"x" * 480},\n'
        'Good,No Link,moisturiser,10,GBP,"Aqua, Glycerin",,\n',
        encoding="utf-8",
    )

    report = products_import(path=path)

    assert [str(error) for error in report.errors] == [
        "line 3: the link “javascript:alert(1)” is not a web address (http:// or https://)",
        "line 4: the link “JaVaScRiPt:alert(1)” is not a web address (http:// or https://)",
        "line 5: the link “data:text/html,<scri…” is not a web address (http:// or https://)",
        "line 6: the link “ftp://files.example/…” is not a web address (http:// or https://)",
        "line 7: the link “//evil.example/x” is not a web address (http:// or https://)",
        "line 8: the image link “javascript:alert(1)” is not a web address (http:// or https://)",
        "line 9: the link is longer than 500 characters",
    ]
    assert sorted(Product.objects.values_list("name", "url", "image_url")) == [
        ("Cream", "https://shop.example/cream", "http://img.example/c.jpg"),
        ("No Link", "", ""),
    ]


def test_open_beauty_facts_links_are_checked_too(tmp_path):
    ingredients_import(
        cosing_path=cosing_subset(tmp_path / "cosing.csv", ["Aqua, Glycerin"]), chart_path=None
    )
    item = {
        "code": "3600000000009",
        "product_name": "Face Cream",
        "brands": "Example Labs",
        "ingredients_text": "Aqua, Glycerin",
        "categories_tags": ["en:face-creams"],
        "url": "javascript:alert(document.cookie)",
    }
    path = tmp_path / "obf.jsonl"
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")

    report = products_import(path=path)

    assert [str(error) for error in report.errors] == [
        "line 1: the link “javascript:alert(doc…” is not a web address (http:// or https://)"
    ]
    assert not Product.objects.exists()
