"""A person fills their skin profile, analyses a photo through the upload page (a real
Celery worker runs skinlab), opens their routine, a product, and the ingredient checker,
on real catalogue data (Sephora products of every category, with their CosIng rows)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.models import Analysis
from metskin.catalog.models import Product
from metskin.catalog.seed import CHART_CSV, DATA
from metskin.catalog.services import ingredients_import, products_import
from metskin.catalog.tests.factories import cosing_subset
from metskin.uploads.tests import media
from tests.browser.sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PER_CATEGORY = 45


@pytest.fixture
def real_catalog(tmp_path):
    """The first products of each category in the real Sephora file."""
    lines = (DATA / "sephora_cosmetics_1472.csv").open(encoding="utf-8").readlines()
    taken: dict[str, int] = {}
    kept = [lines[0]]
    for line in lines[1:]:
        label = line.split(",", 1)[0]
        if taken.get(label, 0) < PER_CATEGORY:
            taken[label] = taken.get(label, 0) + 1
            kept.append(line)
    sample = tmp_path / "sephora.csv"
    sample.write_text("".join(kept), encoding="utf-8")
    ingredients_import(
        cosing_path=cosing_subset(tmp_path / "cosing.csv", [sample.read_text(encoding="utf-8")]),
        chart_path=CHART_CSV,
    )
    report = products_import(path=sample)
    assert report.created > 200


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_profile_analysis_routine_product_and_ingredient_checker(
    request, device, real_catalog, celery_worker, screenshots, tmp_path
):
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    email = f"routine-{device}@example.com"
    UserFactory(email=email, display_name="Noor")
    sign_in(page, email)

    # 1. The skin profile.
    page.goto("/profile/skin")
    page.get_by_label("My skin is usually").select_option("combination")
    page.get_by_label("Sensitivity").select_option("somewhat")
    page.get_by_label("Pregnant or breastfeeding?").select_option("pregnant")
    page.get_by_label("Acne and breakouts").check()
    page.get_by_label("Dark spots").check()
    page.get_by_label("A spot or mole that itches").check()
    page.get_by_label("Ingredients you are allergic or react to").fill("linalool")
    page.get_by_role("button", name="Save my skin profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your skin profile is saved")
    screenshots.take(page, "1-skin-profile")

    # 2. An analysis of a photo, uploaded through the page.
    photo = tmp_path / "face.jpg"
    photo.write_bytes(media.jpeg(media.astronaut()))
    page.goto("/analyse")
    page.get_by_label("Choose files").set_input_files(str(photo))
    expect(page).to_have_url(re.compile(r"/analyses/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", name="Skin tone", exact=True)).to_be_visible(timeout=60_000)
    analysis_id = page.url.rsplit("/", 1)[-1]
    screenshots.take(page, "2-analysis")
    assert Analysis.objects.get(pk=analysis_id).status == "done"

    # 3. The routine, from the dashboard: now based on that analysis.
    page.goto("/dashboard")
    page.get_by_role("link", name=re.compile("My routine")).first.click()
    expect(page).to_have_url(re.compile(r"/routine$"))
    expect(page.get_by_role("heading", name="My routine")).to_be_visible()
    expect(page.get_by_role("heading", name="Your concerns")).to_be_visible()
    expect(page.get_by_text("This routine comes from your skin profile only")).to_have_count(0)
    referral = page.get_by_role("region", name="Referral")
    expect(referral).to_contain_text("See a dermatologist soon")
    expect(referral).to_contain_text("You told us a spot or mole itches.")
    expect(referral.get_by_role("link", name="Book a dermatologist")).to_have_attribute(
        "href",
        re.compile(r"^/doctors\?specialty=skin_cancer&sort=soonest&available_by=\d{4}-\d\d-\d\d$"),
    )
    morning = page.get_by_role("tabpanel", name="Morning (AM)")
    expect(morning.get_by_text("Protect (SPF 30+)")).to_be_visible()
    expect(morning.get_by_role("article").first).to_contain_text("Step 1 · Cleanse")
    excluded = page.get_by_role("region", name="What we left out, and why")
    expect(excluded).to_contain_text("Retinoids (retinol, retinal, retinyl esters, adapalene)")
    expect(excluded).to_contain_text("because you are pregnant or breastfeeding")
    expect(excluded).to_contain_text("Fragrance and essential oils")
    expect(excluded).to_contain_text("linalool")
    screenshots.take(page, "3-routine-morning")
    no_sideways_scroll(page)
    page.get_by_role("tab", name="Evening (PM)").click()
    evening = page.get_by_role("tabpanel", name="Evening (PM)")
    expect(evening.get_by_role("article").first).to_be_visible()
    screenshots.take(page, "4-routine-evening")

    # 4. A product of the routine: every ingredient, flags linked to the glossary.
    first = evening.get_by_role("article").first.get_by_role("heading").get_by_role("link")
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("heading", name=re.compile(r"^Ingredients \(\d+\)$"))).to_be_visible()
    expect(page.get_by_role("table").get_by_role("row").nth(1)).to_be_visible()
    expect(page.get_by_text("How to use it")).to_be_visible()
    screenshots.take(page, "5-product")

    # 5. The ingredient checker, with conflicts for this person.
    page.goto("/ingredients/check")
    page.get_by_label("Ingredient list").fill("Aqua, Retinol, Parfum, Linalool, Moonbeam Essence")
    page.get_by_role("button", name="Check ingredients").click()
    expect(page.get_by_text("For you")).to_be_visible()
    expect(page.get_by_text("not advised while you are pregnant or breastfeeding")).to_be_visible()
    expect(page.get_by_text("you told us you react to “linalool”")).to_be_visible()
    flag = page.get_by_role("link", name="Not advised in pregnancy").first
    expect(flag).to_have_attribute("href", "/learn/term/pregnancy_caution/")
    expect(page.get_by_text("We did not recognise: Moonbeam Essence")).to_be_visible()
    screenshots.take(page, "6-ingredient-checker")
    no_sideways_scroll(page)

    # 6. The referral's button opens the directory filtered to the right specialty.
    page.goto("/routine")
    referral = page.get_by_role("region", name="Referral")
    referral.get_by_role("link", name="Book a dermatologist").click()
    expect(page).to_have_url(
        re.compile(r"/doctors\?specialty=skin_cancer&sort=soonest&available_by=")
    )


def test_visitors_search_products_and_check_ingredients(page, real_catalog, screenshots):
    page.goto("/products")
    page.get_by_label("Product type").select_option("moisturiser")
    page.get_by_label("Fragrance-free").check()
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/products\?category=moisturiser&fragrance_free=true$"))
    expect(page.get_by_text(re.compile(r"^\d+ products?$"))).to_be_visible()
    expect(page.get_by_text("Fragrance-free").first).to_be_visible()
    screenshots.take(page, "1-search")

    page.get_by_label("Lowest price").fill("90")
    page.get_by_label("Highest price").fill("10")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("The highest price must be at least the lowest.").first).to_be_visible()

    # A sunscreen whose list names no UV filter says so on its page (issue 18, point 1).
    incomplete = Product.objects.filter(category="sunscreen", missing_actives_mask__gt=0).first()
    assert incomplete is not None
    page.goto(f"/products/{incomplete.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text(incomplete.name)
    expect(page.get_by_test_id("incomplete-list")).to_have_text(
        "Ingredient list incomplete. It is sold as having a UV filter, but the list we hold "
        "names none. We do not choose it for a routine, as we cannot check it; read the full "
        "list on the pack."
    )
    complete = Product.objects.filter(category="sunscreen", missing_actives_mask=0).first()
    assert complete is not None
    page.goto(f"/products/{complete.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text(complete.name)
    expect(page.get_by_test_id("incomplete-list")).to_have_count(0)

    page.goto("/ingredients/check")
    page.get_by_label("Ingredient list").fill("Water, Glycolic Acid 10%, Alcohol Denat.")
    page.get_by_role("button", name="Check ingredients").click()
    expect(page.get_by_role("link", name="Drying alcohol")).to_have_attribute(
        "href", "/learn/term/drying_alcohol/"
    )
    expect(page.locator("#main").get_by_role("link", name="Sign in")).to_have_attribute(
        "href", "/signin?next=%2Fingredients%2Fcheck"
    )
    screenshots.take(page, "2-checker-visitor")
