from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core import mail
from rest_framework.test import APIClient

from metskin.accounts.models import Profile, Role, SkinProfile, User
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import link_in, query_of

pytestmark = pytest.mark.django_db(transaction=False)

SIGNUP = "/api/v1/auth/signup/"
VERIFY = "/api/v1/auth/verify-email/"
GOOD_PASSWORD = "tulips-in-Amsterdam-42"


def csrf_client() -> APIClient:
    """A client that, like our front end, fetched a page first and sends the CSRF token."""
    client = APIClient(enforce_csrf_checks=True)
    client.get("/signin")
    client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    return client


def signup(client: APIClient, **overrides: Any) -> Any:
    body = {
        "email": "Ada@Example.com",
        "password": GOOD_PASSWORD,
        "display_name": "Ada",
        "accept_terms": True,
        "health_data_consent": True,
    }
    body.update(overrides)
    return client.post(SIGNUP, body, format="json")


def test_signup_creates_an_unverified_patient_with_argon2_and_emails_a_link(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(csrf_client())

    assert response.status_code == 201
    assert response.json()["email"] == "ada@example.com"
    user = User.objects.get(email="ada@example.com")
    assert user.role == Role.PATIENT
    assert user.email_verified is False
    assert user.password.startswith("argon2$")
    assert Profile.objects.get(user=user).display_name == "Ada"
    assert SkinProfile.objects.filter(user=user).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.com"]
    assert "/verify-email?token=" in mail.outbox[0].body


def test_duplicate_email_is_refused_whatever_its_case():
    UserFactory(email="ada@example.com")

    response = signup(csrf_client(), email=" ADA@example.com ")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "email_taken"
    assert "already exists" in error["fields"]["email"][0]
    assert User.objects.filter(email="ada@example.com").count() == 1


@pytest.mark.parametrize(
    ("password", "phrase"),
    [("short1", "too short"), ("password123", "too common"), ("12345678901", "entirely numeric")],
)
def test_weak_passwords_are_refused_with_the_reason(password, phrase):
    response = signup(csrf_client(), password=password)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "weak_password"
    assert any(phrase in message for message in error["fields"]["password"])
    assert not User.objects.exists()


def test_missing_and_malformed_fields_name_each_field():
    response = csrf_client().post(SIGNUP, {"email": "not-an-email"}, format="json")

    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert fields["email"] == ["Enter a valid email address."]
    assert fields["password"] == ["This field is required."]
    assert not User.objects.exists()


def test_malformed_json_is_a_400_not_a_500():
    response = csrf_client().post(SIGNUP, data="{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
    assert not User.objects.exists()


def test_signup_without_the_csrf_token_is_refused():
    client = APIClient(enforce_csrf_checks=True)

    response = signup(client)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    assert not User.objects.exists()


def _signed_up_link(django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        signup(csrf_client())
    return link_in(mail.outbox[-1], "/verify-email")


def test_the_emailed_link_verifies_once(django_capture_on_commit_callbacks):
    token = query_of(_signed_up_link(django_capture_on_commit_callbacks))["token"]
    client = csrf_client()

    first = client.post(VERIFY, {"token": token}, format="json")
    second = client.post(VERIFY, {"token": token}, format="json")

    assert first.status_code == 200
    assert first.json()["email_verified"] is True
    assert User.objects.get(email="ada@example.com").email_verified
    assert second.status_code == 400
    assert second.json()["error"]["code"] == "token_used"
    assert "already used" in second.json()["error"]["message"]


def test_an_expired_link_is_refused_and_verifies_nothing(django_capture_on_commit_callbacks):
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), tick=False):
        token = query_of(_signed_up_link(django_capture_on_commit_callbacks))["token"]
    with time_machine.travel(dt.datetime(2026, 1, 5, tzinfo=dt.UTC), tick=False):
        response = csrf_client().post(VERIFY, {"token": token}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "token_expired"
    assert not User.objects.get(email="ada@example.com").email_verified


@pytest.mark.parametrize("token", ["nonsense", "eyJ1IjoiMSJ9:1abc:forged"])
def test_a_forged_link_is_refused(token):
    response = csrf_client().post(VERIFY, {"token": token}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "token_invalid"


def test_resend_sends_a_new_link_only_to_unverified_accounts():
    UserFactory(email="new@example.com", verified=False)
    UserFactory(email="done@example.com", verified=True)
    client = csrf_client()

    answers = [
        client.post("/api/v1/auth/verify-email/resend/", {"email": email}, format="json")
        for email in ("new@example.com", "done@example.com", "nobody@example.com")
    ]

    assert [answer.status_code for answer in answers] == [202, 202, 202]
    assert [message.to for message in mail.outbox] == [["new@example.com"]]
