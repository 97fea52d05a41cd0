"""Consent at sign-up, recorded with time and notice version; a newer notice asks again."""

from __future__ import annotations

import pytest

from metskin.accounts.consent import consent_required
from metskin.accounts.models import Consent, Role, User
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.test_signup_and_verification import csrf_client, signup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("missing", ["accept_terms", "health_data_consent"])
def test_sign_up_without_a_consent_is_refused_and_creates_nothing(missing):
    response = signup(csrf_client(), **{missing: False})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "consent_missing"
    assert list(response.json()["error"]["fields"]) == [missing]
    assert not User.objects.exists()
    assert not Consent.objects.exists()


def test_sign_up_with_a_consent_left_out_of_the_body_is_refused():
    client = csrf_client()
    body = {"email": "ada@example.com", "password": "tulips-in-Amsterdam-42"}

    response = client.post("/api/v1/auth/signup/", body, format="json")

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"accept_terms", "health_data_consent"}
    assert not User.objects.exists()


def test_sign_up_records_both_consents_with_time_and_version(settings):
    settings.PRIVACY_NOTICE_VERSION = 3

    response = signup(csrf_client())

    assert response.status_code == 201
    assert response.json()["consent_required"] is False
    consents = Consent.objects.filter(user__email="ada@example.com").order_by("kind")
    assert [(c.kind, c.notice_version) for c in consents] == [
        ("health_data", 3),
        ("terms", 3),
    ]
    assert all(c.given_at is not None for c in consents)


def test_a_newer_notice_asks_again_until_agreed(client, settings):
    patient = UserFactory()
    client.force_login(patient)
    assert client.get("/api/v1/me/").json()["consent_required"] is False

    settings.PRIVACY_NOTICE_VERSION = 2
    assert client.get("/api/v1/me/").json()["consent_required"] is True

    refused = client.post(
        "/api/v1/me/consents/",
        {"accept_terms": True, "health_data_consent": False},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert Consent.objects.filter(user=patient, notice_version=2).count() == 0

    agreed = client.post(
        "/api/v1/me/consents/",
        {"accept_terms": True, "health_data_consent": True},
        content_type="application/json",
    )
    assert agreed.status_code == 200
    assert agreed.json()["consent_required"] is False
    assert agreed.json()["notice_version"] == 2
    assert [c["notice_version"] for c in agreed.json()["consents"]] == [2, 2, 1, 1]
    assert client.get("/api/v1/me/").json()["consent_required"] is False


def test_doctors_are_not_asked_for_patient_consent(settings):
    doctor = UserFactory(role=Role.DERMATOLOGIST)
    settings.PRIVACY_NOTICE_VERSION = 5

    assert consent_required(user=doctor) is False


def test_the_notice_and_terms_are_pages_that_state_the_sharing_time(client, settings):
    settings.APPOINTMENT_SHARE_DAYS_AFTER_VISIT = 12
    settings.PRIVACY_NOTICE_VERSION = 4

    notice = client.get("/privacy")
    terms = client.get("/terms")

    assert notice.status_code == 200
    assert "Version 4" in notice.content.decode()
    assert "until 12 days after the visit" in notice.content.decode()
    assert terms.status_code == 200
    assert 'href="/privacy"' in terms.content.decode()
