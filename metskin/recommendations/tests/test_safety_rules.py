"""Each safety rule, on plain data: what is left out, and that it is said."""

from __future__ import annotations

from metskin.recommendations.engine.facts import Allergy, HowToUse, ProfileFacts, Step
from metskin.recommendations.engine.recommend import enforce, recommend
from metskin.recommendations.engine.safety import name_matches, night_clash, violations
from metskin.recommendations.tests.factories import BASICS, catalogue, product


def routine_products(recommendation):
    return [(step.step, step.product.name) for step in recommendation.am], [
        (step.step, step.product.name) for step in recommendation.pm
    ]


def excluded_rules(recommendation):
    return [(item.rule, item.item) for item in recommendation.excluded]


def test_pregnancy_leaves_out_retinoids_and_strong_salicylic_acid_and_says_so():
    retinol = product("Retinol Serum", "serum", "retinoid", pregnancy_safe=False, rating="5.0")
    peel = product("BHA 30% Peel", "exfoliant", "bha", pregnancy_safe=False, rating="4.9")
    wash = product("Salicylic Wash", "cleanser", "bha", pregnancy_safe=True)
    azelaic = product("Azelaic Cream", "treatment", "azelaic_acid", rating="3.5")
    profile = ProfileFacts(pregnant_or_breastfeeding=True, concerns=("acne", "fine_lines"))

    result = recommend(profile, [], catalogue(retinol, peel, wash, azelaic, *BASICS))

    chosen = {step.product.name for step in (*result.am, *result.pm)}
    assert "Retinol Serum" not in chosen and "BHA 30% Peel" not in chosen
    assert "Azelaic Cream" in chosen
    assert excluded_rules(result)[:2] == [
        ("pregnancy", "Retinoids (retinol, retinal, retinyl esters, adapalene)"),
        ("pregnancy", "High-strength salicylic acid (BHA)"),
    ]
    assert "pregnant or breastfeeding" in result.excluded[0].reason
    assert violations(profile, wash) == []  # a face wash is fine


def test_pregnancy_says_every_ingredient_it_leaves_out_hydroquinone_too():
    lightener = product("Fade Cream", "treatment", pregnancy_safe=False, rating="5.0")
    profile = ProfileFacts(pregnant_or_breastfeeding=True, concerns=("dark_spots",))

    result = recommend(profile, [], catalogue(lightener, *BASICS))

    assert "Fade Cream" not in {step.product.name for step in (*result.am, *result.pm)}
    pregnancy = [item for item in result.excluded if item.rule == "pregnancy"]
    assert [(item.item, item.term) for item in pregnancy] == [
        ("Retinoids (retinol, retinal, retinyl esters, adapalene)", "retinoid"),
        ("High-strength salicylic acid (BHA)", "bha"),
        ("Hydroquinone and betaine salicylate", "pregnancy_caution"),
    ]
    assert pregnancy[2].reason == (
        "We left out products that contain them because you are pregnant or breastfeeding: "
        "hydroquinone (a skin lightener) and betaine salicylate (a relative of salicylic "
        "acid) are not advised then, nor is any other ingredient we mark as not advised in "
        "pregnancy."
    )


def test_every_pregnancy_caution_ingredient_is_named_in_what_we_say():
    from metskin.catalog.knowledge import ACTIVE_CLASS_OF, PREGNANCY_CAUTION

    result = recommend(ProfileFacts(pregnant_or_breastfeeding=True), [], catalogue(*BASICS))
    said = " ".join(
        f"{item.item} {item.reason}".lower() for item in result.excluded if item.rule == "pregnancy"
    )

    for inci_name in sorted(PREGNANCY_CAUTION):
        # Retinoids are many: they are named as a class; every other one by its name.
        named = "retinoids" if ACTIVE_CLASS_OF.get(inci_name) == "retinoid" else inci_name.lower()
        assert named in said, inci_name


def test_very_sensitive_skin_leaves_out_strong_actives_and_says_so():
    retinol = product("Retinol Serum", "serum", "retinoid", rating="5.0")
    bha = product("BHA Serum", "serum", "bha", rating="5.0")
    aha = product("Glycolic Toner", "toner", "aha", rating="5.0")
    bpo = product("BPO Gel", "treatment", "benzoyl_peroxide", rating="5.0")
    azelaic = product("Azelaic Cream", "treatment", "azelaic_acid", rating="3.5")
    vitamin_c = product("Vitamin C Serum", "serum", "vitamin_c", rating="3.5")
    profile = ProfileFacts(sensitive=True, very_sensitive=True, concerns=("acne", "fine_lines"))

    result = recommend(profile, [], catalogue(retinol, bha, aha, bpo, azelaic, vitamin_c, *BASICS))

    chosen = {step.product.name for step in (*result.am, *result.pm)}
    assert chosen & {"Retinol Serum", "BHA Serum", "Glycolic Toner", "BPO Gel"} == set()
    assert {"Azelaic Cream", "Vitamin C Serum"} <= chosen
    assert [(item.rule, item.item, item.term) for item in result.excluded] == [
        ("sensitive_skin", "Fragrance and essential oils", "fragrance"),
        ("sensitive_skin", "Drying alcohol (alcohol denat., ethanol)", "drying_alcohol"),
        (
            "very_sensitive_skin",
            "Strong actives: retinoids, AHA and BHA exfoliants, benzoyl peroxide",
            "irritant",
        ),
    ]
    assert result.excluded[2].reason == (
        "We left them out because your skin is very sensitive: they often sting, peel and "
        "redden it. Your routine keeps to gentler actives such as niacinamide and azelaic "
        "acid; ask a dermatologist before you try a strong one."
    )
    assert [violations(profile, item) for item in (retinol, bha, aha, bpo, azelaic)] == [
        ["very_sensitive_skin"],
        ["very_sensitive_skin"],
        ["very_sensitive_skin"],
        ["very_sensitive_skin"],
        [],
    ]
    assert violations(ProfileFacts(sensitive=True), retinol) == []


def test_never_a_retinoid_with_an_acid_or_bpo_on_the_same_night():
    retinol = product("Retinol Serum", "serum", "retinoid", rating="4.9")
    bha_cleanser = product("BHA Cleanser", "cleanser", "bha", rating="5.0")
    aha_cream = product("Glow Cream", "moisturiser", "aha", rating="5.0")
    profile = ProfileFacts(concerns=("fine_lines", "texture"))

    result = recommend(profile, [], catalogue(retinol, bha_cleanser, aha_cream, *BASICS))

    am, pm = routine_products(result)
    assert am[0] == ("cleanse", "Plain Cleanser")
    assert pm == [
        ("cleanse", "Plain Cleanser"),
        ("treat", "Retinol Serum"),
        ("moisturise", "Plain Moisturiser"),
    ]
    assert not night_clash(step.product for step in result.pm)
    assert (
        "retinoid_same_night",
        "AHA/BHA exfoliants and benzoyl peroxide in the evening",
    ) in excluded_rules(result)


def test_the_last_check_removes_a_clash_from_any_routine():
    retinol = product("Retinol Serum", "serum", "retinoid")
    bpo = product("BPO Gel", "treatment", "benzoyl_peroxide")
    moisturiser = product("Plain Moisturiser", "moisturiser")
    how = HowToUse(amount="", when="Evening", frequency="")
    pm = [
        Step("treat", "treat_pm", retinol, "", how),
        Step("treat", "treat_pm", bpo, "", how),
        Step("moisturise", "moisturise", moisturiser, "", how),
    ]

    am_kept, pm_kept, dropped = enforce(ProfileFacts(), [], pm)
    assert am_kept == []

    assert [step.product.name for step in pm_kept] == ["Retinol Serum", "Plain Moisturiser"]
    assert [(item.item, item.rule) for item in dropped] == [("BPO Gel", "retinoid_same_night")]


def test_sensitive_skin_avoids_fragrance_and_drying_alcohol():
    scented = product("Scented Cream", "moisturiser", fragrance_free=False, rating="5.0")
    toner = product("Alcohol Toner Cream", "moisturiser", drying_alcohol_free=False, rating="5.0")
    profile = ProfileFacts(sensitive=True)

    result = recommend(profile, [], catalogue(scented, toner, *BASICS))

    assert [step.product.name for step in result.am if step.step == "moisturise"] == [
        "Plain Moisturiser"
    ]
    assert violations(profile, scented) == ["sensitive_skin"]
    assert violations(profile, toner) == ["sensitive_skin"]
    assert [item.term for item in result.excluded] == ["fragrance", "drying_alcohol"]


def test_fragrance_free_preference_alone():
    scented = product("Scented Cream", "moisturiser", fragrance_free=False)

    assert violations(ProfileFacts(prefers_fragrance_free=True), scented) == ["fragrance_free"]
    assert violations(ProfileFacts(), scented) == []


def test_acne_prone_skin_avoids_high_comedogenic_leave_ons_only():
    heavy = product("Coconut Cream", "moisturiser", max_comedogenic=4)
    medium = product("Light Cream", "moisturiser", max_comedogenic=3)
    wash = product("Salt Wash", "cleanser", max_comedogenic=5)
    profile = ProfileFacts(acne_prone=True)

    assert violations(profile, heavy) == ["acne_prone"]
    assert violations(profile, medium) == []
    assert violations(profile, wash) == []  # washed off within a minute
    result = recommend(profile, [], catalogue(heavy, *BASICS))
    assert ("acne_prone", result.excluded[0].item) == (
        result.excluded[0].rule,
        result.excluded[0].item,
    )
    assert "Coconut Cream" not in {step.product.name for step in result.am}


def test_measured_acne_makes_skin_acne_prone():
    from metskin.recommendations.tests.factories import snapshot

    heavy = product("Coconut Cream", "moisturiser", max_comedogenic=5, rating="5.0")

    result = recommend(ProfileFacts(), [snapshot(acne=55)], catalogue(heavy, *BASICS))

    assert "Coconut Cream" not in {step.product.name for step in result.am}
    assert "acne_prone" in [item.rule for item in result.excluded]


def test_known_allergies_exclude_those_ingredients():
    lanolin = product(
        "Lanolin Balm", "moisturiser", rating="5.0", ingredient_names=("Aqua", "Lanolin Alcohol")
    )
    coated = product(
        "Coated Cream", "moisturiser", rating="4.5", ingredient_names=("Aqua", "Coated Mica")
    )
    profile = ProfileFacts(allergies=(Allergy("lanolin", ("lanolin",)), Allergy("oat", ("oat",))))

    result = recommend(profile, [], catalogue(lanolin, coated, *BASICS))

    assert violations(profile, lanolin) == ["allergy"]
    assert violations(profile, coated) == []
    assert [step.product.name for step in result.am if step.step == "moisturise"] == [
        "Coated Cream"
    ]
    assert [(item.rule, item.item) for item in result.excluded] == [
        ("allergy", "lanolin"),
        ("allergy", "oat"),
    ]


def test_an_allergy_given_by_common_name_matches_the_inci_name():
    tocopherol = product("E Cream", "moisturiser", ingredient_names=("Aqua", "Tocopherol"))
    profile = ProfileFacts(allergies=(Allergy("vitamin E", ("vitamin E", "TOCOPHEROL")),))

    assert violations(profile, tocopherol) == ["allergy"]


def test_name_matching_is_by_whole_words():
    assert name_matches("almond", "Prunus Amygdalus Dulcis (Sweet Almond) Oil")
    assert name_matches("sweet almond", "Prunus Amygdalus Dulcis (Sweet Almond) Oil")
    assert not name_matches("oat", "Coated Mica")
    assert not name_matches("", "Aqua")


def test_vegan_preference_leaves_out_known_animal_ingredients():
    beeswax = product("Beeswax Balm", "moisturiser", vegan=False)
    unknown = product("Plain Balm", "moisturiser", vegan=None)

    assert violations(ProfileFacts(prefers_vegan=True), beeswax) == ["vegan"]
    assert violations(ProfileFacts(prefers_vegan=True), unknown) == []


def test_no_safe_product_for_a_step_is_said_not_papered_over():
    scented_only = product("Scented Cream", "moisturiser", fragrance_free=False)
    cleanser = product("Plain Cleanser", "cleanser")
    spf = product("Daily SPF 50", "sunscreen", "spf", spf=50)

    result = recommend(ProfileFacts(sensitive=True), [], catalogue(scented_only, cleanser, spf))

    assert [step.step for step in result.am] == ["cleanse", "protect"]
    assert ("no_safe_product", "A moisturiser") in excluded_rules(result)
