from __future__ import annotations

import pytest

from metskin.accounts.models import Profile, SkinProfile

pytestmark = pytest.mark.django_db

PROFILE = "/api/v1/profile/"
SKIN = "/api/v1/profile/skin/"


def test_profile_saves_a_phone_number_in_e164(patient, patient_client):
    response = patient_client.patch(
        PROFILE,
        {"phone_number": "+44 7911 123456", "time_zone": "Europe/London", "notify_sms": True},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["phone_number"] == "+447911123456"
    profile = Profile.objects.get(user=patient)
    assert (profile.phone_number, profile.time_zone, profile.notify_sms) == (
        "+447911123456",
        "Europe/London",
        True,
    )


@pytest.mark.parametrize(
    ("body", "field", "phrase"),
    [
        ({"phone_number": "07700 900123"}, "phone_number", "international format"),
        ({"phone_number": "+44 1"}, "phone_number", "not a valid phone number"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "not a time zone"),
        ({"quiet_hours_start": "22:00"}, "quiet_hours_end", "both the start and the end"),
        ({"notify_sms": True}, "phone_number", "Add a mobile number"),
        ({"reminder_hours_before": [0]}, "reminder_hours_before", "greater than or equal to 1"),
        ({"age_range": "ancient"}, "age_range", "not a valid choice"),
    ],
)
def test_bad_profile_input_names_the_field_and_changes_nothing(
    patient, patient_client, body, field, phrase
):
    before = Profile.objects.get(user=patient).updated_at

    response = patient_client.patch(PROFILE, body, format="json")

    assert response.status_code == 400
    messages = response.json()["error"]["fields"][field]
    assert phrase in str(messages)
    assert Profile.objects.get(user=patient).updated_at == before


def test_reminder_hours_are_kept_unique_and_sorted(patient_client):
    response = patient_client.patch(PROFILE, {"reminder_hours_before": [2, 24, 2]}, format="json")

    assert response.json()["reminder_hours_before"] == [24, 2]


def test_skin_profile_round_trip(patient, patient_client):
    body = {
        "skin_type": "combination",
        "sensitivity": "very",
        "concerns": ["acne", "redness", "acne"],
        "pregnancy": "breastfeeding",
        "allergies": ["Linalool", "lanolin"],
        "sun_reaction": "usually_burns",
        "symptoms": ["itching"],
        "acne_prone": True,
        "age_range": "25_34",
        "budget": "low",
        "prefers_fragrance_free": True,
        "prefers_vegan": False,
    }

    saved = patient_client.put(SKIN, body, format="json")
    read = patient_client.get(SKIN)

    assert saved.status_code == 200
    assert read.json() == saved.json()
    assert read.json()["concerns"] == ["acne", "redness"]
    skin = SkinProfile.objects.get(user=patient)
    assert skin.pregnant_or_breastfeeding and skin.is_sensitive
    assert skin.allergies == ["Linalool", "lanolin"]
    assert Profile.objects.get(user=patient).age_range == "25_34"


def test_skin_profile_rejects_unknown_choices_and_changes_nothing(patient, patient_client):
    response = patient_client.put(
        SKIN, {"skin_type": "scaly", "concerns": ["warts"], "pregnancy": "no"}, format="json"
    )

    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert "skin_type" in fields and "concerns" in fields
    assert SkinProfile.objects.get(user=patient).skin_type == ""


def test_profiles_need_a_signed_in_user(api_client):
    assert api_client.get(SKIN).status_code == 401
    assert api_client.get(PROFILE).status_code == 401
