"""The routine, concerns and tips, on plain data."""

from __future__ import annotations

from decimal import Decimal

from metskin.recommendations.engine.facts import ProfileFacts
from metskin.recommendations.engine.recommend import plan, recommend
from metskin.recommendations.tests.factories import BASICS, catalogue, product, snapshot
from skinlab.concerns import Concern


def test_morning_is_cleanse_treat_moisturise_spf_and_evening_has_no_spf():
    vitamin_c = product("C Serum", "serum", "vitamin_c")
    retinol = product("Retinol Serum", "serum", "retinoid")
    profile = ProfileFacts(concerns=("dark_spots", "fine_lines"))

    result = recommend(profile, [], catalogue(vitamin_c, retinol, *BASICS))

    assert [(step.step, step.product.name) for step in result.am] == [
        ("cleanse", "Plain Cleanser"),
        ("treat", "C Serum"),
        ("moisturise", "Plain Moisturiser"),
        ("protect", "Daily SPF 50"),
    ]
    assert [(step.step, step.product.name) for step in result.pm] == [
        ("cleanse", "Plain Cleanser"),
        ("treat", "Retinol Serum"),
        ("moisturise", "Plain Moisturiser"),
    ]
    protect = result.am[-1]
    assert protect.product.spf == 50 and protect.how_to_use.when == "Morning"
    assert result.pm[1].why == (
        "It contains a retinoid, which helps with dark spots, fine lines and wrinkles."
    )


def test_sunscreen_below_spf_30_is_not_the_spf_step():
    weak = product("SPF 15 Cream", "sunscreen", "spf", spf=15, rating="5.0")

    result = recommend(ProfileFacts(), [], catalogue(weak, *BASICS))

    assert [step.product.name for step in result.am if step.step == "protect"] == ["Daily SPF 50"]


def test_a_strong_active_comes_with_an_introduction_schedule():
    retinol = product("Retinol Serum", "serum", "retinoid")

    normal = recommend(ProfileFacts(concerns=("fine_lines",)), [], catalogue(retinol, *BASICS))
    sensitive = recommend(
        ProfileFacts(concerns=("fine_lines",), sensitive=True), [], catalogue(retinol, *BASICS)
    )

    treat = next(step for step in normal.pm if step.step == "treat")
    assert treat.how_to_use.introduction == (
        "Weeks 1–2: two evenings a week",
        "Weeks 3–4: every other evening",
        "From week 5: every evening if your skin stays comfortable",
        "Stop and see a doctor if your skin burns, swells or blisters",
    )
    assert treat.how_to_use.amount == "A pea-sized amount for the whole face, on dry skin"
    slow = next(step for step in sensitive.pm if step.step == "treat")
    assert slow.how_to_use.introduction[0] == "Weeks 1–2: one evening a week"
    assert all(step.how_to_use.introduction == () for step in normal.am)


def test_two_strong_actives_start_one_after_the_other():
    bpo = product("BPO Gel", "treatment", "benzoyl_peroxide")
    retinol = product("Retinol Serum", "serum", "retinoid")

    result = recommend(
        ProfileFacts(concerns=("acne",), skin_type="oily"), [], catalogue(bpo, retinol, *BASICS)
    )

    morning = next(step for step in result.am if step.step == "treat")
    evening = next(step for step in result.pm if step.step == "treat")
    assert (morning.product.name, evening.product.name) == ("BPO Gel", "Retinol Serum")
    assert morning.how_to_use.introduction[0].startswith("Start this one 4 weeks after")
    assert not evening.how_to_use.introduction[0].startswith("Start this one")


def test_alternatives_include_a_cheaper_one():
    cheap = product("Budget Cream", "moisturiser", price="5.00", rating="3.0")
    mid = product("Mid Cream", "moisturiser", price="25.00", rating="4.0")
    best = product("Lux Cream", "moisturiser", price="80.00", rating="4.9")
    other = product("Other Cream", "moisturiser", price="90.00", rating="4.5")

    result = recommend(ProfileFacts(), [], catalogue(cheap, mid, best, other))

    step = next(step for step in result.am if step.step == "moisturise")
    assert step.product.name == "Lux Cream"
    assert [item.name for item in step.alternatives] == ["Other Cream", "Mid Cream"]
    assert step.cheaper_alternative_id == mid.id
    assert min(item.price for item in step.alternatives) < step.product.price


def test_a_low_budget_prefers_low_priced_products():
    cheap = product("Budget Cream", "moisturiser", price="5.00", price_band="low", rating="3.8")
    lux = product("Lux Cream", "moisturiser", price="80.00", price_band="high", rating="4.9")

    result = recommend(ProfileFacts(budget="low"), [], catalogue(cheap, lux))

    assert next(step for step in result.am if step.step == "moisturise").product.price == Decimal(
        "5.00"
    )


def test_concerns_are_ranked_with_why_from_analysis_and_profile():
    history = [snapshot(0, acne=(62, {"hayashi_grade": "moderate"}), redness=30, shine=10)]
    profile = ProfileFacts(concerns=("redness", "dryness"))

    planned = plan(profile, history)

    assert [(concern.name, concern.source) for concern in planned.concerns] == [
        ("acne", "analysis"),  # 62 × (0.5 + 0.5 × 0.8) = 55.8
        ("redness", "both"),  # 30 × 0.9 + 15 for being reported too = 42
        ("dryness", "profile"),  # reported only: 40
    ]
    acne = planned.concerns[0]
    assert acne.why == (
        "Your analysis of 1 March 2026 measured acne and breakouts at 62 out of 100 "
        "(the number of spots counts as moderate)."
    )
    assert acne.learn_url == "/learn/concern/acne/"
    assert planned.concerns[1].why.endswith("You also told us it concerns you.")
    assert planned.concerns[2].why == "You told us this concerns you."


def test_tips_for_each_concern_and_general_ones():
    result = recommend(ProfileFacts(concerns=("acne",)), [], catalogue(*BASICS))

    assert [tip.concern for tip in result.tips] == [
        "acne",
        "acne",
        "acne",
        "general",
        "general",
        "general",
    ]
    assert result.tips[0].text.startswith("Do not squeeze or pick spots")


def test_a_new_user_with_an_empty_profile_gets_a_basic_routine():
    result = recommend(ProfileFacts(), [], catalogue(*BASICS))

    assert [step.step for step in result.am] == ["cleanse", "moisturise", "protect"]
    assert [step.step for step in result.pm] == ["cleanse", "moisturise"]
    assert (result.concerns, result.excluded, result.referral) == ((), (), None)


def test_dark_circles_add_an_eye_step():
    eye = product("Eye Cream", "eye_care", "niacinamide")

    result = recommend(ProfileFacts(concerns=("dark_circles",)), [], catalogue(eye, *BASICS))

    assert "eye_care" in [step.step for step in result.am]


def test_only_a_spot_with_warning_signs_is_called_worth_showing_a_dermatologist():
    flagged = plan(ProfileFacts(), [snapshot(0, lesion=(30, {"worth_a_look": True}))])
    unflagged = plan(ProfileFacts(), [snapshot(0, lesion=(30, {"worth_a_look": False}))])

    assert flagged.concerns[0].name == "lesion"
    assert flagged.concerns[0].why.startswith(
        "A spot in your photo is worth showing a dermatologist."
    )
    assert [concern.name for concern in unflagged.concerns] == ["lesion"]
    assert "worth showing" not in unflagged.concerns[0].why
    assert unflagged.concerns[0].why.startswith("A spot in your photo stands out")
    assert unflagged.concerns[0].score == 30 * (0.5 + 0.5 * 0.8)


DISEASE_WORDS = ("melanoma", "cancer", "carcinoma", "malignan", "tumour", "tumor")


def lesion_tips(result):
    return [(tip.title, tip.text) for tip in result.tips if tip.concern == "lesion"]


def test_a_spot_without_warning_signs_is_one_to_keep_an_eye_on_and_to_watch_for_change():
    # Given a spot the analysis found, without the engine's warning signs
    history = [snapshot(0, lesion=(30, {"worth_a_look": False}))]

    # When the recommendation is made
    result = recommend(ProfileFacts(), history, catalogue(*BASICS))

    # Then it is a spot to watch, not one said to be worth showing a dermatologist
    assert [(concern.name, concern.label) for concern in result.concerns] == [
        ("lesion", "A spot to keep an eye on")
    ]
    assert lesion_tips(result) == [
        (
            "Watch it for change",
            "Take a photo of it now and look again each month in good light. Note any change "
            "in its size, shape or colour, an edge that becomes uneven or blurred, or new "
            "colours in it.",
        ),
        (
            "When to see a dermatologist",
            "Show it to a dermatologist if it changes, bleeds, itches or does not heal, or if "
            "it worries you.",
        ),
    ]
    assert result.referral is None
    said = " ".join(
        [
            result.concerns[0].label,
            result.concerns[0].why,
            *(text for _, text in lesion_tips(result)),
        ]
    ).lower()
    assert "worth showing" not in said and "worth a dermatologist" not in said
    assert not [word for word in DISEASE_WORDS if word in said]


def test_a_spot_with_warning_signs_is_worth_a_dermatologists_look_and_is_referred():
    history = [snapshot(0, lesion=(30, {"worth_a_look": True}))]

    result = recommend(ProfileFacts(), history, catalogue(*BASICS))

    assert [(concern.name, concern.label) for concern in result.concerns] == [
        ("lesion", Concern.LESION.label)  # skinlab's one wording
    ]
    assert [title for title, _ in lesion_tips(result)] == ["Have it checked", "What to watch"]
    assert (result.referral.urgency, result.referral.specialty) == ("promptly", "skin_cancer")
    said = " ".join(
        [
            result.concerns[0].label,
            result.concerns[0].why,
            *(text for _, text in lesion_tips(result)),
        ]
    ).lower()
    assert not [word for word in DISEASE_WORDS if word in said]


def test_a_spot_without_warning_signs_that_worries_the_person_keeps_the_watch_wording():
    history = [snapshot(0, lesion=(30, {"worth_a_look": False}))]

    result = recommend(ProfileFacts(concerns=("lesion",)), history, catalogue(*BASICS))

    assert (result.concerns[0].label, result.concerns[0].source) == (
        "A spot to keep an eye on",
        "both",
    )
    assert result.concerns[0].why.endswith("You also told us it concerns you.")
    assert [title for title, _ in lesion_tips(result)] == [
        "Watch it for change",
        "When to see a dermatologist",
    ]
    # They are worried: the routine referral says so, in its own words.
    assert (result.referral.urgency, result.referral.reason) == (
        "routine",
        "You told us a mole or spot worries you.",
    )


def test_the_phototype_shapes_sun_advice_and_how_strong_actives_start():
    retinol = product("Retinol Serum", "serum", "retinoid")
    fair = recommend(
        ProfileFacts(concerns=("fine_lines",), phototype=1), [], catalogue(retinol, *BASICS)
    )
    dark = recommend(
        ProfileFacts(concerns=("fine_lines",), phototype=5), [], catalogue(retinol, *BASICS)
    )
    middle = recommend(
        ProfileFacts(concerns=("fine_lines",), phototype=3), [], catalogue(retinol, *BASICS)
    )

    assert "burns easily (phototype I-II): SPF 50" in fair.am[-1].why
    assert "burns easily" not in middle.am[-1].why and "burns easily" not in dark.am[-1].why
    slow = next(step for step in dark.pm if step.step == "treat").how_to_use.introduction
    assert slow[0].startswith("Your skin type can darken where it gets irritated")
    assert slow[1] == "Weeks 1–2: one evening a week"
    usual = next(step for step in middle.pm if step.step == "treat").how_to_use.introduction
    assert usual[0] == "Weeks 1–2: two evenings a week"


def test_the_sunscreen_step_needs_a_listed_uv_filter_a_stated_spf_30_and_no_strong_active():
    # Given better-rated "sunscreens" that fail one condition each (issue 18).
    no_filter = product("SPF 45 Without Filter", "sunscreen", spf=45, rating="5.0")
    incomplete = product(
        "SPF 50 Incomplete", "sunscreen", spf=50, rating="5.0", missing=frozenset({"spf"})
    )
    low = product("SPF 15 Fluid", "sunscreen", "spf", spf=15, rating="5.0")
    retinyl = product("SPF 45 Retinyl", "moisturiser", "spf", "retinoid", spf=45, rating="5.0")
    real = product("Mineral SPF 30", "sunscreen", "spf", spf=30, rating="3.0")
    cleanser, cream = BASICS[0], BASICS[1]

    result = recommend(
        ProfileFacts(),
        [],
        catalogue(cleanser, cream, no_filter, incomplete, low, retinyl, real),
    )

    assert [step.product.name for step in result.am if step.step == "protect"] == ["Mineral SPF 30"]


def test_cheaper_compares_prices_in_the_persons_currency():
    # Given a £20 pick, a $22 alternative (about £17.38) and a £19 one, for a UK shopper.
    pick = product("UK Cream", "moisturiser", price="20.00", currency="GBP", rating="5.0")
    dollars = product("US Cream", "moisturiser", price="22.00", currency="USD", rating="4.9")
    pounds = product("Other UK Cream", "moisturiser", price="19.00", currency="GBP", rating="3.0")
    cleanser, _, sunscreen = BASICS

    result = recommend(
        ProfileFacts(currency="GBP"), [], catalogue(cleanser, sunscreen, pick, dollars, pounds)
    )

    step = next(step for step in result.am if step.step == "moisturise")
    assert step.product.name == "UK Cream"
    assert step.cheaper_alternative_id == dollars.id  # the first cheaper in ranking order
    assert result.currency == "GBP"


def test_a_product_of_the_persons_market_is_preferred_over_an_equal_one():
    cleanser, _, sunscreen = BASICS
    us = product("US Cream", "moisturiser", currency="USD", rating="4.5")
    uk = product("UK Cream", "moisturiser", currency="GBP", rating="4.5")

    for currency, expected in (("GBP", "UK Cream"), ("USD", "US Cream")):
        result = recommend(
            ProfileFacts(currency=currency), [], catalogue(cleanser, sunscreen, us, uk)
        )
        assert [s.product.name for s in result.am if s.step == "moisturise"] == [expected]


def test_alternatives_are_the_same_kind_and_a_scrub_is_never_a_daily_cleanser():
    # Given a better-rated "Mask + Scrub" sold as a cleanser, and a sunscreen-moisturiser.
    scrub = product("Clay Mask + Scrub", "cleanser", rating="5.0")
    wash = product("Gentle Wash", "cleanser", rating="4.0")
    wash_two = product("Foaming Wash", "cleanser", rating="3.9")
    spf_cream = product("Day Cream SPF 30", "moisturiser", "spf", spf=30, rating="4.9")
    sunscreen = product("Fluid SPF 50", "sunscreen", "spf", spf=50, rating="4.8")
    other_sunscreen = product("Gel SPF 50", "sunscreen", "spf", spf=50, rating="3.0")

    result = recommend(
        ProfileFacts(),
        [],
        catalogue(scrub, wash, wash_two, BASICS[1], spf_cream, sunscreen, other_sunscreen),
    )

    by_step = {step.step: step for step in result.am}
    assert by_step["cleanse"].product.name == "Gentle Wash"
    assert [item.name for item in by_step["cleanse"].alternatives] == ["Foaming Wash"]
    assert by_step["protect"].product.name == "Day Cream SPF 30"
    # The step's kind is the pick's: a moisturiser with SPF has no sunscreen alternatives.
    assert by_step["protect"].alternatives == ()


def test_a_treatments_alternatives_have_its_active():
    # Given a retinoid evening (fine lines) and better-rated serums of the other evening
    # actives a retinoid can stand in for; a morning BHA for acne.
    retinol = product("Retinol Serum", "serum", "retinoid", rating="4.8")
    cheaper_retinol = product("Retinal Serum", "serum", "retinoid", price="9.00", rating="3.0")
    vitamin_c_bha = product("C + BHA Booster", "serum", "bha", "vitamin_c", rating="4.7")
    azelaic = product("Azelaic Serum", "serum", "azelaic_acid", price="5.00", rating="4.6")
    bha = product("BHA Serum", "serum", "bha", rating="4.5")
    profile = ProfileFacts(concerns=("fine_lines", "acne"))

    result = recommend(
        profile, [], catalogue(retinol, cheaper_retinol, vitamin_c_bha, azelaic, bha, *BASICS)
    )

    evening = next(step for step in result.pm if step.step == "treat")
    assert evening.product.name == "Retinol Serum"
    # Only another retinoid: its "Why" says retinoid, and the morning's BHA is not doubled.
    assert [item.name for item in evening.alternatives] == ["Retinal Serum"]
    assert evening.cheaper_alternative_id == cheaper_retinol.id
