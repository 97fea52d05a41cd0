"""'About this spot' on the upload: stored, used by the run, refused when malformed."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.models import Analysis
from metskin.analysis.services import analysis_execute
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.uploads.models import Upload
from skinlab.tests.test_lesion import BLACK, BROWN, closeup

pytestmark = pytest.mark.django_db

URL = "/api/v1/uploads/"
WORRYING = {"age": 63, "changed": True, "grew": None, "bleeds": True, "itches": True}
ALL_NO = {
    "age": 30, "changed": False, "grew": False, "bleeds": False, "itches": False,
    "hurts": False, "raised": False, "skin_cancer_history": False,
}  # fmt: skip


def spot_photo() -> bytes:
    """A close-up of one even round spot, half brown and half black (one photo sign)."""
    spot = np.zeros((480, 480), np.uint8)
    cv2.circle(spot, (240, 240), 45, 1, -1)
    spot[:, 240:][spot[:, 240:] == 1] = 2
    return closeup(spot, {1: BROWN, 2: BLACK})


def post(client, answers: object = None, **extra: str):
    data: dict[str, object] = {
        "file": SimpleUploadedFile("spot.jpg", spot_photo(), content_type="image/jpeg"),
        **extra,
    }
    if answers is not None:
        data["answers"] = answers if isinstance(answers, str) else json.dumps(answers)
    return client.post(URL, data, format="multipart")


def lesion_of(analysis: Analysis) -> dict:
    assert analysis.result is not None
    return next(c for c in analysis.result["concerns"] if c["name"] == "lesion")


def test_answers_are_stored_and_decide_the_urgency(patient_client):
    response = post(patient_client, WORRYING)

    assert response.status_code == 201
    analysis = Analysis.objects.get()
    assert analysis.spot_answers == {
        "age": 63, "changed": True, "grew": None, "bleeds": True, "itches": True,
        "hurts": None, "raised": None, "skin_cancer_history": None,
    }  # fmt: skip
    assert analysis_execute(analysis_id=str(analysis.pk)).state == "done"
    analysis.refresh_from_db()
    lesion = lesion_of(analysis)
    assert lesion["details"]["urgency"] == "urgent" == analysis.lesion_urgency
    assert "You said it bleeds." in lesion["details"]["reasons"]
    detail = patient_client.get(f"/api/v1/analyses/{analysis.pk}/").json()
    assert detail["spot_answers"]["bleeds"] is True
    assert detail["lesion_urgency"] == "urgent"
    assert detail["result"]["concerns"][-1]["details"]["urgency"] == "urgent"


def test_all_no_answers_make_a_spot_to_watch_not_a_referral(patient_client):
    assert post(patient_client, ALL_NO).status_code == 201
    analysis = Analysis.objects.get()
    analysis_execute(analysis_id=str(analysis.pk))
    analysis.refresh_from_db()
    details = lesion_of(analysis)["details"]
    assert (analysis.lesion_urgency, details["worth_a_look"]) == ("routine", False)
    assert details["rephotograph_in_weeks"] == [4, 8]


def test_without_answers_the_photo_decides(patient_client):
    assert post(patient_client).status_code == 201
    analysis = Analysis.objects.get()
    assert analysis.spot_answers is None
    analysis_execute(analysis_id=str(analysis.pk))
    analysis.refresh_from_db()
    assert analysis.lesion_urgency == "soon"  # one photo sign on the spot: the ABCD advice


def test_the_age_comes_from_the_profile_when_not_given(patient, patient_client):
    patient.profile.age_range = "65_plus"
    patient.profile.save()
    assert post(patient_client, {"itches": True}).status_code == 201
    analysis = Analysis.objects.get()
    analysis_execute(analysis_id=str(analysis.pk))
    analysis.refresh_from_db()
    reasons = lesion_of(analysis)["details"]["reasons"]
    assert "At 50 or over, a spot like this more often needs a look." in reasons
    assert analysis.spot_answers["age"] is None  # what was stored is what was said


@pytest.mark.parametrize(
    ("answers", "fields"),
    [
        ({"bleeds": "yes"}, {"answers": {"bleeds": [
            "answers.bleeds: expected true, false or null (don't know), got 'yes'."]}}),
        ({"colour": True}, {"answers": {"colour": [
            "answers.colour: unknown question (expected one of age, changed, grew, bleeds, "
            "itches, hurts, raised, skin_cancer_history)."]}}),
        ({"age": "63"}, {"answers": {"age": [
            "answers.age: expected a whole number of years or null, got '63'."]}}),
        ("[true]", {"answers": ['answers: expected a JSON object such as {"changed": true}.']}),
        ("{not json", {"answers": [
            "answers: not valid JSON (Expecting property name enclosed in double quotes at "
            "character 1)."]}),
    ],
)  # fmt: skip
def test_answers_of_the_wrong_shape_are_a_400_naming_the_field_and_nothing_is_stored(
    patient_client, private_media: Path, answers, fields
):
    response = post(patient_client, answers)

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == fields
    assert Upload.objects.count() == 0 and Analysis.objects.count() == 0
    assert [p for p in private_media.rglob("*") if p.is_file()] == []


def test_the_earlier_photo_of_the_same_spot_counts(patient, patient_client, private_media):
    assert post(patient_client, ALL_NO).status_code == 201
    first = Analysis.objects.get()
    analysis_execute(analysis_id=str(first.pk))
    first.refresh_from_db()
    # pretend the earlier photo showed the spot smaller and in one colour
    first.result["concerns"][-1]["details"].update(diameter_mm=3.0, colour_families=["brown"])
    first.save()

    assert post(patient_client, ALL_NO, same_spot_as=str(first.pk)).status_code == 201
    second = Analysis.objects.exclude(pk=first.pk).get()
    assert second.same_spot_as == first
    analysis_execute(analysis_id=str(second.pk))
    second.refresh_from_db()
    details = lesion_of(second)["details"]
    assert details["changes_since_previous"] == ["larger", "new_colour"]
    assert "Compared with your earlier photo, it looks larger." in details["reasons"]


def test_someone_elses_analysis_is_not_an_earlier_photo(patient_client, private_media):
    other = UserFactory()
    theirs = AnalysisFactory(owner=other)  # done, but not the patient's
    response = post(patient_client, ALL_NO, same_spot_as=str(theirs.pk))

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["same_spot_as"]
    assert Analysis.objects.count() == 1 and Upload.objects.count() == 1
