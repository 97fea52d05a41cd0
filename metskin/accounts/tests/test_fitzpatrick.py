"""The Fitzpatrick questionnaire: scoring, half-filled answers, the API, the report."""

from __future__ import annotations

import pytest

from metskin.accounts import fitzpatrick as fitz
from metskin.accounts.models import SkinProfile

pytestmark = pytest.mark.django_db
URL = "/api/v1/profile/skin/"


def answers_scoring(points: int) -> dict[str, str]:
    """Every question answered with the choice worth ``points`` (0-4)."""
    return {key: choices[points][0] for key, (_, choices) in fitz.QUESTIONS.items()}


@pytest.mark.parametrize(
    ("points", "expected"), [(0, "I"), (1, "II"), (2, "IV"), (3, "V"), (4, "VI")]
)
def test_a_full_questionnaire_is_one_type(points, expected):
    # totals 0, 10, 20, 30, 40 → I, II, III (20 is III: 14-20), V, VI
    scored = fitz.score(answers_scoring(points))
    assert scored is not None
    want = {0: "I", 1: "II", 2: "III", 3: "V", 4: "VI"}[points]
    assert scored.type == want and scored.range == (want, want)
    assert scored.answered == scored.of == 10


def test_the_bands_follow_the_published_totals():
    assert [fitz.type_of_total(t) for t in (0, 6, 7, 13, 14, 20, 21, 27, 28, 34, 35, 40)] == [
        1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
    ]  # fmt: skip


def test_a_half_filled_questionnaire_is_scored_with_a_wider_range():
    given = dict(list(answers_scoring(0).items())[:5])  # five answers, all scoring 0
    scored = fitz.score(given)
    assert scored is not None
    # total 0 + up to 20 from the five unanswered: types I to III, the middle (10) is II
    assert (scored.type, scored.range, scored.answered) == ("II", ("I", "III"), 5)
    assert fitz.score({}) is None


def test_the_one_sun_question_is_a_type_give_or_take_one():
    scored = fitz.from_profile({}, "usually_burns")
    assert scored is not None and (scored.type, scored.range) == ("II", ("I", "III"))
    assert fitz.from_profile({}, "") is None


def test_the_report_prefers_the_answers_and_says_when_the_photo_disagrees():
    person = fitz.score(answers_scoring(4))  # type VI
    report = fitz.report(person, "II", ["I", "III"])
    assert report is not None
    assert (report["fitzpatrick"], report["fitzpatrick_source"]) == ("VI", "questionnaire")
    assert report["disagreement"] is True and "looks like type II" in str(report["note"])
    close = fitz.report(person, "V")
    assert close is not None and close["disagreement"] is False
    photo = fitz.report(None, "III", ["II", "IV"])
    assert photo is not None
    assert (photo["fitzpatrick_source"], photo["fitzpatrick_range"]) == ("image", ["II", "IV"])
    assert fitz.report(None, None) is None
    assert (fitz.report(None, "IV") or {})["fitzpatrick_range"] == ["IV", "IV"]


def test_the_api_stores_answers_and_reports_the_type(patient, patient_client):
    given = dict(list(answers_scoring(1).items())[:8])
    response = patient_client.patch(URL, {"fitzpatrick_answers": given}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["fitzpatrick_answers"] == given
    # 8 answers worth 1 each (8) + two unanswered (0-8): totals 8-16, types II-III
    assert body["fitzpatrick"] == {
        "fitzpatrick": "II", "fitzpatrick_range": ["II", "III"], "answered": 8, "of": 10,
    }  # fmt: skip
    # an answer can be cleared
    cleared = patient_client.patch(
        URL, {"fitzpatrick_answers": {**given, "eye_colour": None}}, format="json"
    ).json()
    assert "eye_colour" not in cleared["fitzpatrick_answers"]


@pytest.mark.parametrize(
    ("answers", "key"),
    [({"eye_color": "blue"}, "eye_color"), ({"eye_colour": "purple"}, "eye_colour")],
)
def test_unknown_questions_or_choices_are_a_400_naming_the_key(
    patient, patient_client, answers, key
):
    response = patient_client.patch(URL, {"fitzpatrick_answers": answers}, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]["fitzpatrick_answers"]) == [key]
    skin = SkinProfile.objects.filter(user=patient).first()
    assert skin is None or skin.fitzpatrick_answers == {}


def test_the_questions_are_served(patient_client):
    questions = patient_client.get(URL + "fitzpatrick-questions/").json()
    assert [q["key"] for q in questions] == list(fitz.QUESTIONS)
    assert len(questions[0]["choices"]) == 5


def test_an_analysis_reports_the_phototype_from_the_owners_answers(patient, patient_client):
    from metskin.analysis.tests.factories import AnalysisFactory

    analysis = AnalysisFactory(owner=patient)  # its photo says type III
    url = f"/api/v1/analyses/{analysis.pk}/"
    assert patient_client.get(url).json()["phototype"]["fitzpatrick_source"] == "image"

    patient_client.patch(URL, {"fitzpatrick_answers": answers_scoring(4)}, format="json")
    phototype = patient_client.get(url).json()["phototype"]
    assert (phototype["fitzpatrick"], phototype["fitzpatrick_source"]) == ("VI", "questionnaire")
    assert phototype["image_estimate"] == "III" and phototype["disagreement"] is True
