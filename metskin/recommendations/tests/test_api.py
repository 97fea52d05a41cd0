"""GET /api/v1/recommendations/ and POST /api/v1/ingredients/check/ on the real database."""

from __future__ import annotations

import pytest

from metskin.accounts.models import SkinProfile
from metskin.catalog.models import Product
from metskin.catalog.tests.factories import catalog_load, product_row
from metskin.recommendations.selectors import snapshot_from_result

pytestmark = pytest.mark.django_db

RECOMMENDATIONS = "/api/v1/recommendations/"
CHECK = "/api/v1/ingredients/check/"
COLD_QUERIES = 16
WARM_QUERIES = 5


@pytest.fixture
def catalog(tmp_path):
    catalog_load(
        tmp_path,
        [
            product_row(
                "Gentle Cleanser", "cleanser", "Aqua, Glycerin, Coco-Glucoside", price="8.00"
            ),
            product_row(
                "Salicylic Face Wash", "cleanser", "Aqua, Salicylic Acid, Glycerin", rating="4.9"
            ),
            product_row(
                "Barrier Cream",
                "moisturiser",
                "Aqua, Glycerin, Ceramide NP, Squalane",
                price="14.00",
            ),
            product_row(
                "Scented Rich Cream",
                "moisturiser",
                "Aqua, Isopropyl Myristate, Parfum, Linalool",
                rating="5.0",
            ),
            product_row(
                "Cheap Cream",
                "moisturiser",
                "Aqua, Glycerin, Dimethicone",
                price="4.00",
                rating="3.5",
            ),
            product_row(
                "Daily Fluid SPF 50",
                "sunscreen",
                "Aqua, Homosalate, Octocrylene, Zinc Oxide",
                price="16.00",
            ),
            product_row("Retinol 0.3% Serum", "serum", "Aqua, Squalane, Retinol", price="30.00"),
            product_row(
                "Azelaic Booster", "treatment", "Aqua, Azelaic Acid, Glycerin", price="18.00"
            ),
            product_row(
                "Vitamin C Serum", "serum", "Aqua, Ascorbic Acid, Tocopherol", price="25.00"
            ),
            product_row(
                "Glycolic Toner",
                "toner",
                "Aqua, Glycolic Acid, Alcohol Denat.",
                price="11.00",
                rating="4.7",
            ),
        ],
    )


def profile_of(user, **fields):
    SkinProfile.objects.filter(user=user).update(**fields)


def all_steps(body):
    return [(step["step"], step["product"]["name"]) for step in body["routine"]["am"]], [
        (step["step"], step["product"]["name"]) for step in body["routine"]["pm"]
    ]


def test_a_new_user_gets_a_basic_safe_routine(patient_client, catalog):
    response = patient_client.get(RECOMMENDATIONS)

    assert response.status_code == 200
    body = response.json()
    am, pm = all_steps(body)
    assert am == [
        ("cleanse", "Gentle Cleanser"),
        ("moisturise", "Scented Rich Cream"),
        ("protect", "Daily Fluid SPF 50"),
    ]
    assert pm == [("cleanse", "Gentle Cleanser"), ("moisturise", "Scented Rich Cream")]
    assert (body["concerns"], body["excluded"], body["referral"]) == ([], [], None)
    assert body["based_on_analysis"] is None
    assert "not a diagnosis" in body["disclaimer"]


def test_the_routine_follows_the_profile_and_its_safety_rules(patient, patient_client, catalog):
    profile_of(
        patient,
        concerns=["fine_lines", "acne"],
        sensitivity="somewhat",
        pregnancy="pregnant",
        acne_prone=True,
        allergies=["Vitamin E"],
        symptoms=["itching"],
    )

    body = patient_client.get(RECOMMENDATIONS).json()

    am, pm = all_steps(body)
    assert am == [
        ("cleanse", "Gentle Cleanser"),
        ("treat", "Azelaic Booster"),
        ("moisturise", "Barrier Cream"),
        ("protect", "Daily Fluid SPF 50"),
    ]
    assert pm == [
        ("cleanse", "Gentle Cleanser"),
        ("treat", "Azelaic Booster"),
        ("moisturise", "Barrier Cream"),
    ]
    assert [(item["rule"], item["item"]) for item in body["excluded"]] == [
        ("pregnancy", "Retinoids (retinol, retinal, retinyl esters, adapalene)"),
        ("pregnancy", "High-strength salicylic acid (BHA)"),
        ("pregnancy", "Hydroquinone and betaine salicylate"),
        ("sensitive_skin", "Fragrance and essential oils"),
        ("sensitive_skin", "Drying alcohol (alcohol denat., ethanol)"),
        (
            "acne_prone",
            "Ingredients rated 4–5 for clogging pores (e.g. isopropyl myristate, coconut oil, "
            "cocoa butter)",
        ),
        ("allergy", "Vitamin E"),
    ]
    assert body["excluded"][0]["learn_url"] == "/learn/term/retinoid/"
    assert body["referral"] == {
        "urgency": "soon",
        "specialty": "skin_cancer",
        "reason": "You told us a spot or mole itches.",
    }
    step = body["routine"]["am"][1]
    assert set(step) == {
        "step",
        "product",
        "why",
        "how_to_use",
        "alternatives",
        "cheaper_alternative_id",
    }
    assert step["product"]["url"] == f"/products/{step['product']['id']}"
    assert set(step["how_to_use"]) == {"amount", "when", "frequency", "introduction", "warnings"}


def test_the_retinoid_evening_has_no_acid_or_bpo(patient, patient_client, catalog):
    profile_of(patient, concerns=["fine_lines"])

    body = patient_client.get(RECOMMENDATIONS).json()

    _, pm = all_steps(body)
    assert pm == [
        ("cleanse", "Gentle Cleanser"),
        ("treat", "Retinol 0.3% Serum"),
        ("moisturise", "Scented Rich Cream"),
    ]
    treat = body["routine"]["pm"][1]
    assert treat["how_to_use"]["introduction"][0] == "Weeks 1–2: two evenings a week"
    assert ("retinoid_same_night", "AHA/BHA exfoliants and benzoyl peroxide in the evening") in [
        (item["rule"], item["item"]) for item in body["excluded"]
    ]


def test_cheaper_alternative_is_offered(patient, patient_client, catalog):
    body = patient_client.get(RECOMMENDATIONS).json()

    moisturise = next(step for step in body["routine"]["am"] if step["step"] == "moisturise")
    cheap = Product.objects.get(name="Cheap Cream")
    assert moisturise["cheaper_alternative_id"] == str(cheap.pk)
    assert str(cheap.pk) in [item["id"] for item in moisturise["alternatives"]]


def test_recommendations_need_a_signed_in_user(api_client):
    response = api_client.get(RECOMMENDATIONS)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_analysis_results_become_engine_findings():
    from datetime import UTC, datetime

    from metskin.analysis.results import result_from_stored
    from metskin.analysis.tests.factories import sample_result

    stored = sample_result(concerns={"acne": 71, "lesion": 40})
    stored["concerns"][0]["details"] = {"hayashi_grade": "severe"}

    snapshot = snapshot_from_result(
        analysis_id="x",
        taken_at=datetime(2026, 1, 1, tzinfo=UTC),
        result=result_from_stored(stored),
    )

    assert [(f.name, f.severity, f.details) for f in snapshot.findings] == [
        ("acne", 71, {"hayashi_grade": "severe"}),
        ("lesion", 40, {"worth_a_look": False}),
    ]


# --- the ingredient checker ---------------------------------------------------------------


def test_anyone_can_check_an_ingredient_list(api_client, catalog):
    response = api_client.post(
        CHECK,
        {"inci": "Aqua, Retinol, Parfum, Isopropyl Myristate, Moonbeam Essence"},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert [
        (line["listed_name"], line["known"], [flag["key"] for flag in line["flags"]])
        for line in body["ingredients"]
    ] == [
        ("Aqua", True, []),
        ("Retinol", True, ["pregnancy_caution", "retinoid"]),
        ("Parfum", True, ["fragrance"]),
        ("Isopropyl Myristate", True, ["comedogenic", "irritant"]),
        ("Moonbeam Essence", False, []),
    ]
    assert body["unknown"] == ["Moonbeam Essence"]
    assert body["summary"] == {
        "count": 5,
        "known": 4,
        "actives": ["retinoid"],
        "fragrance_free": False,
        "drying_alcohol_free": True,
        "pregnancy_safe": False,
        "max_comedogenic": 5,
    }
    assert (body["conflicts"], body["checked_against_routine"]) == ([], False)


def test_a_signed_in_person_sees_conflicts_with_profile_and_routine(
    patient, patient_client, catalog
):
    profile_of(patient, concerns=["fine_lines"], sensitivity="very", allergies=["linalool"])

    body = patient_client.post(
        CHECK, {"inci": "Aqua, Glycolic Acid, Linalool"}, format="json"
    ).json()

    assert body["checked_against_routine"] is True
    assert [(conflict["kind"], conflict["term"]) for conflict in body["conflicts"]] == [
        ("profile", "fragrance"),
        ("profile", "aha"),
        ("allergy", None),
    ]
    assert body["conflicts"][1]["message"] == (
        "It contains an AHA exfoliant, a strong active that very sensitive skin like yours "
        "is better without for now."
    )


def test_the_checker_names_hydroquinone_for_a_pregnant_person(patient, patient_client, catalog):
    profile_of(patient, pregnancy="breastfeeding")

    body = patient_client.post(
        CHECK, {"inci": "Aqua, Hydroquinone, Glycerin"}, format="json"
    ).json()

    assert [(line["listed_name"], line["flags"]) for line in body["ingredients"]][1] == (
        "Hydroquinone",
        [
            {
                "key": "pregnancy_caution",
                "label": "Not advised in pregnancy",
                "learn_url": "/learn/term/pregnancy_caution/",
            }
        ],
    )
    assert body["conflicts"] == [
        {
            "kind": "profile",
            "message": "It contains an ingredient not advised while you are pregnant or "
            "breastfeeding: a retinoid, salicylic acid above 2% (or of unknown strength), "
            "hydroquinone, betaine salicylate, or another ingredient marked “Not advised in "
            "pregnancy” in the list.",
            "term": "pregnancy_caution",
        }
    ]


def test_checker_flags_a_same_night_clash_with_the_routine(patient, patient_client, catalog):
    profile_of(patient, concerns=["fine_lines"])

    body = patient_client.post(CHECK, {"inci": "Aqua, Glycolic Acid 10%"}, format="json").json()

    assert [conflict["kind"] for conflict in body["conflicts"]] == ["same_night"]
    assert "Retinol 0.3% Serum" in body["conflicts"][0]["message"]


def test_checker_flags_an_active_the_routine_already_has(patient, patient_client, catalog):
    # Given a routine whose evening treatment is a retinol serum
    profile_of(patient, concerns=["fine_lines"])
    _, pm = all_steps(patient_client.get(RECOMMENDATIONS).json())
    assert ("treat", "Retinol 0.3% Serum") in pm

    # When the person checks another retinoid product
    body = patient_client.post(CHECK, {"inci": "Aqua, Squalane, Retinol"}, format="json").json()

    # Then the checker says the routine already has one
    assert body["conflicts"] == [
        {
            "kind": "duplicate",
            "message": "Your routine already has a retinoid (Test Brand Retinol 0.3% Serum); "
            "using two at once irritates the skin.",
            "term": "retinoid",
        }
    ]


def test_checker_flags_a_retinoid_and_an_acid_in_one_product(patient, patient_client, catalog):
    # Given a routine without any strong active
    body = patient_client.get(RECOMMENDATIONS).json()
    assert [step["step"] for step in body["routine"]["pm"]] == ["cleanse", "moisturise"]

    # When the person checks a product that has a retinoid and an AHA
    body = patient_client.post(
        CHECK, {"inci": "Aqua, Retinol, Glycolic Acid, Glycerin"}, format="json"
    ).json()

    # Then the one product is the clash
    assert body["summary"]["actives"] == ["aha", "retinoid"]
    assert body["conflicts"] == [
        {
            "kind": "same_night",
            "message": "It combines a retinoid with an AHA, BHA or benzoyl peroxide in one "
            "product: go slowly and stop if your skin stings.",
            "term": "retinoid",
        }
    ]


def test_checker_lists_every_conflict_of_a_retinoid_acid_product_with_a_retinoid_routine(
    patient, patient_client, catalog
):
    profile_of(patient, concerns=["fine_lines"])

    body = patient_client.post(
        CHECK, {"inci": "Aqua, Retinol, Glycolic Acid, Glycerin"}, format="json"
    ).json()

    assert [(conflict["kind"], conflict["term"]) for conflict in body["conflicts"]] == [
        ("same_night", "retinoid"),
        ("duplicate", "retinoid"),
        ("same_night", "retinoid"),
    ]
    assert body["conflicts"][0]["message"] == (
        "Do not use it on the same evening as your routine's retinoid (Test Brand Retinol 0.3% "
        "Serum): together they irritate the skin. Use them on different nights."
    )


@pytest.mark.parametrize(
    "text",
    [
        "🙂🙂🙂",
        "<script>alert(1)</script>",
        "'; DROP TABLE catalog_product; --",
        ",,,,;;;;....",
        "a" * 19_999,
        "Aqua\x00, Glycerin\u200b, (((Niacinamide",
        "1,2,3,4,5,6,7,8,9,10 % % %",
    ],
)
def test_the_checker_accepts_any_text(api_client, catalog, text):
    response = api_client.post(CHECK, {"inci": text}, format="json")

    assert response.status_code == 200
    assert Product.objects.filter(name="Gentle Cleanser").exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"inci": "   "}, "Paste an ingredient list first."),
        ({}, "This field is required."),
        ({"inci": "a" * 20_001}, "paste at most 20,000 characters"),
    ],
)
def test_the_checker_explains_what_it_cannot_take(api_client, body, message):
    response = api_client.post(CHECK, body, format="json")

    assert response.status_code == 400
    assert message in response.json()["error"]["fields"]["inci"][0]


# --- with analyses (the analysis app's own factory: real rows, real storage) ---------------


def acne_result(grade: str, severity: int = 70):
    from metskin.analysis.tests.factories import sample_result

    result = sample_result(concerns={"acne": severity, "dark_spots": 45})
    result["concerns"][0]["details"] = {"count": 40, "hayashi_grade": grade}
    return result


def test_the_latest_analysis_ranks_concerns_and_refers_severe_acne(
    patient, patient_client, catalog
):
    from metskin.analysis.tests.factories import AnalysisFactory, sample_result

    AnalysisFactory(owner=patient, result=sample_result(concerns={"redness": 80}), days_ago=30)
    latest = AnalysisFactory(owner=patient, result=acne_result("severe"), days_ago=1)

    body = patient_client.get(RECOMMENDATIONS).json()

    assert body["based_on_analysis"] == str(latest.pk)
    assert [(c["name"], c["source"], c["severity"]) for c in body["concerns"]] == [
        ("acne", "analysis", 70),
        ("dark_spots", "analysis", 45),
    ]
    assert body["concerns"][0]["why"].startswith("Your analysis of ")
    assert "(the number of spots counts as severe)" in body["concerns"][0]["why"]
    assert (body["referral"]["urgency"], body["referral"]["specialty"]) == ("soon", "acne")
    # Measured acne makes the skin acne-prone: pore-clogging leave-ons are left out.
    assert "acne_prone" in [item["rule"] for item in body["excluded"]]
    am, _ = all_steps(body)
    assert ("moisturise", "Scented Rich Cream") not in am


def test_redness_in_successive_analyses_is_referred(patient, patient_client, catalog):
    from metskin.analysis.tests.factories import AnalysisFactory, sample_result

    for days_ago in (40, 20, 2):
        AnalysisFactory(
            owner=patient, result=sample_result(concerns={"redness": 50}), days_ago=days_ago
        )

    referral = patient_client.get(RECOMMENDATIONS).json()["referral"]

    assert (referral["urgency"], referral["specialty"]) == ("routine", "general")
    assert "Redness has stayed in each of your last 3 analyses" in referral["reason"]


def test_a_lesion_worth_a_look_is_referred_promptly(patient, patient_client, catalog):
    from metskin.analysis.tests.factories import AnalysisFactory, sample_result

    AnalysisFactory(owner=patient, result=sample_result(concerns={"lesion": 70}))

    body = patient_client.get(RECOMMENDATIONS).json()

    assert (body["concerns"][0]["name"], body["concerns"][0]["label"]) == (
        "lesion",
        "Spot worth a dermatologist's look",
    )
    assert (body["referral"]["urgency"], body["referral"]["specialty"]) == (
        "promptly",
        "skin_cancer",
    )


def test_a_spot_without_warning_signs_is_one_to_keep_an_eye_on(patient, patient_client, catalog):
    from metskin.analysis.tests.factories import AnalysisFactory, sample_result

    # The analysis app's sample: a lesion below 60 carries no warning signs.
    AnalysisFactory(owner=patient, result=sample_result(concerns={"lesion": 40}))

    body = patient_client.get(RECOMMENDATIONS).json()

    assert [(c["name"], c["label"]) for c in body["concerns"]] == [
        ("lesion", "A spot to keep an eye on")
    ]
    assert [tip["title"] for tip in body["tips"] if tip["concern"] == "lesion"] == [
        "Watch it for change",
        "When to see a dermatologist",
    ]
    assert body["referral"] is None


def test_other_peoples_and_unfinished_analyses_do_not_count(patient, patient_client, catalog):
    from metskin.accounts.tests.factories import UserFactory
    from metskin.analysis.models import AnalysisStatus
    from metskin.analysis.tests.factories import AnalysisFactory

    AnalysisFactory(owner=UserFactory(), result=acne_result("very_severe"))
    AnalysisFactory(owner=patient, status=AnalysisStatus.FAILED)

    body = patient_client.get(RECOMMENDATIONS).json()

    assert (body["based_on_analysis"], body["referral"], body["concerns"]) == (None, None, [])


def test_every_concern_is_worded_once_skinlabs_label_in_the_api(patient, patient_client, catalog):
    from metskin.accounts.concerns import SELF_REPORTED_ONLY_LABELS
    from metskin.accounts.models import SELF_REPORTED_CONCERNS
    from metskin.analysis.tests.factories import AnalysisFactory, sample_result
    from skinlab.concerns import Concern

    # Given a person who reports every concern the profile offers, and an analysis that
    # measured each of skinlab's concerns but the spot check.
    offered = [value for value, _ in SELF_REPORTED_CONCERNS]
    response = patient_client.patch("/api/v1/profile/skin/", {"concerns": offered}, format="json")
    assert response.status_code == 200
    measured = {concern.value: 50 for concern in Concern if concern != Concern.LESION}
    AnalysisFactory(owner=patient, result=sample_result(concerns=measured))

    body = patient_client.get(RECOMMENDATIONS).json()

    # Then each concern, measured or reported, carries skinlab's one label.
    expected = {concern.value: concern.label for concern in Concern} | SELF_REPORTED_ONLY_LABELS
    assert {c["name"]: c["label"] for c in body["concerns"]} == expected
    assert dict(SELF_REPORTED_CONCERNS) == expected  # the profile form's wording too


def test_prices_are_shown_in_the_persons_currency_and_a_conversion_says_so(
    patient, patient_client, catalog
):
    # Given a person who shops in dollars, and a catalogue priced in pounds.
    patient_client.patch("/api/v1/profile/skin/", {"currency": "USD"}, format="json")

    body = patient_client.get(RECOMMENDATIONS).json()

    assert (body["currency"], body["rates_as_of"]) == ("USD", "2026-12-01")
    cleanser = body["routine"]["am"][0]["product"]
    assert (cleanser["name"], cleanser["price"], cleanser["currency"]) == (
        "Gentle Cleanser",
        "8.00",
        "GBP",
    )
    # £8.00 at 0.79 GBP per USD.
    assert cleanser["price_for_you"] == {
        "amount": "10.13",
        "currency": "USD",
        "converted": True,
        "rates_as_of": "2026-12-01",
    }


def test_an_unknown_currency_in_the_profile_is_refused_and_nothing_changes(patient, patient_client):
    response = patient_client.patch("/api/v1/profile/skin/", {"currency": "JPY"}, format="json")

    assert response.status_code == 400
    assert "currency" in response.json()["error"]["fields"]
    patient.skin_profile.refresh_from_db()
    assert patient.skin_profile.currency == "GBP"


CHANGES = "/api/v1/recommendations/changes/"


def test_the_routine_changes_since_the_last_analysis_are_listed(patient, patient_client, catalog):
    from metskin.analysis.tests.factories import AnalysisFactory, sample_result

    first = AnalysisFactory(owner=patient, days_ago=30, result=sample_result(concerns={}))
    body = patient_client.get(CHANGES).json()
    # One analysis: compared with the routine from the profile alone.
    assert body["based_on_analysis"] == str(first.id)
    assert body["previous_analysis"] is None

    latest = AnalysisFactory(owner=patient, result=sample_result(concerns={"acne": 70}))
    body = patient_client.get(CHANGES).json()
    assert body["based_on_analysis"] == str(latest.id)
    assert body["previous_analysis"] == str(first.id)
    assert any(label.startswith("Acne") for label in body["concerns_added"])
    assert body["concerns_dropped"] == []
    # Acne brings a treatment: the change names the step, the time and the product.
    routine = patient_client.get(RECOMMENDATIONS).json()["routine"]
    now = {(time, step["step"]): step["product"] for time in ("am", "pm") for step in routine[time]}
    assert body["steps"], body
    for change in body["steps"]:
        if change["change"] == "removed":
            assert (change["time"], change["step"]) not in now
        else:
            product = now[(change["time"], change["step"])]
            assert change["after"] == f"{product['brand']} {product['name']}"
        assert change["before"] != change["after"]


def test_nothing_changes_when_the_new_analysis_matches_the_last(patient, patient_client, catalog):
    from metskin.analysis.tests.factories import AnalysisFactory, sample_result

    AnalysisFactory(owner=patient, days_ago=30, result=sample_result(concerns={"acne": 10}))
    AnalysisFactory(owner=patient, result=sample_result(concerns={"acne": 10}))
    body = patient_client.get(CHANGES).json()
    assert body["steps"] == []
    assert body["concerns_added"] == body["concerns_dropped"] == []


def test_routine_changes_need_a_signed_in_user(api_client):
    response = api_client.get(CHANGES)
    assert response.status_code in (401, 403)
    assert "detail" in response.json() or "error" in response.json()


def test_candidates_are_shared_until_the_catalogue_changes(
    patient_client, catalog, tmp_path, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from metskin.catalog.services import products_import
    from metskin.catalog.tests.factories import write_products_csv

    first = patient_client.get(RECOMMENDATIONS).json()
    with CaptureQueriesContext(connection) as warm:
        assert patient_client.get(RECOMMENDATIONS).json()["routine"] == first["routine"]
    # The slot queries are not run again while the catalogue is unchanged.
    assert not any("ORDER BY `catalog_product`.`rating` DESC" in q["sql"] for q in warm)
    assert not any('ORDER BY "catalog_product"."rating" DESC' in q["sql"] for q in warm)

    # An admin save (a signal): the chosen cleanser is withdrawn, and is gone at once.
    gentle = Product.objects.get(name="Gentle Cleanser")
    gentle.is_active = False
    gentle.save()
    am, _pm = all_steps(patient_client.get(RECOMMENDATIONS).json())
    assert ("cleanse", "Gentle Cleanser") not in am

    # An import (bulk writes, no signals): a better-rated sunscreen is chosen at once.
    with django_capture_on_commit_callbacks(execute=True):
        products_import(
            path=write_products_csv(
                tmp_path / "more.csv",
                [
                    product_row(
                        "Best Fluid SPF 50",
                        "sunscreen",
                        "Aqua, Homosalate, Octocrylene, Zinc Oxide",
                        rating="5.0",
                    )
                ],
            )
        )
    am, _pm = all_steps(patient_client.get(RECOMMENDATIONS).json())
    assert ("protect", "Best Fluid SPF 50") in am


def test_a_recommendation_costs_a_fixed_number_of_queries(
    patient, patient_client, catalog, django_assert_num_queries
):
    """Given a person with a profile, allergies and two analyses, when their routine is asked
    for, then the query count is fixed (issue 18 §7): it grows neither with the catalogue nor
    with the routine's steps, and a warm request (candidates cached for this catalogue
    version) skips the slot queries."""
    from metskin.analysis.tests.factories import AnalysisFactory, sample_result
    from metskin.catalog.version import catalog_changed

    profile_of(patient, skin_type="oily", concerns=["acne"], allergies=["linalool"])
    AnalysisFactory(owner=patient, result=sample_result(concerns={"redness": 50}), days_ago=20)
    AnalysisFactory(owner=patient, result=acne_result("moderate"), days_ago=1)
    catalog_changed()  # outside a transaction's on_commit: a fresh version at once

    # Cold: profile (1), analyses (1), allergy → ingredient index (2), allergen names (1),
    # one ids query per routine step (and a budget one where the top has none), the
    # allergen lines of the candidates (2), their rows (1).
    with django_assert_num_queries(COLD_QUERIES):
        cold = patient_client.get(RECOMMENDATIONS)
    # Warm: profile, analyses, allergy index (2), candidate rows.
    with django_assert_num_queries(WARM_QUERIES):
        warm = patient_client.get(RECOMMENDATIONS)

    assert cold.status_code == warm.status_code == 200
    assert cold.json()["routine"] == warm.json()["routine"]


def test_after_a_catalogue_change_the_rewarm_leaves_no_request_cold(
    patient, patient_client, catalog, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Given a person whose routine was asked for, when the catalogue changes, then the
    change queues the rewarm, which works their candidates out for the new version, so their
    next request reads no slot query (docs/adr/0022)."""
    from metskin.catalog.version import catalog_changed, catalog_version, catalog_version_changed
    from metskin.recommendations.selectors import candidates_rewarm

    profile_of(patient, skin_type="oily", concerns=["acne"], allergies=["linalool"])
    before = patient_client.get(RECOMMENDATIONS)
    sent = []

    def record(**kwargs):
        sent.append(kwargs)

    catalog_version_changed.connect(record)
    try:
        version = catalog_version()
        with django_capture_on_commit_callbacks(execute=True):
            catalog_changed()
    finally:
        catalog_version_changed.disconnect(record)
    assert catalog_version() != version and len(sent) == 1

    assert candidates_rewarm() >= 1  # what the queued task runs on a worker
    assert candidates_rewarm() == 0  # the next run finds them there
    with django_assert_num_queries(WARM_QUERIES):
        after = patient_client.get(RECOMMENDATIONS)

    assert before.json()["routine"] == after.json()["routine"]
