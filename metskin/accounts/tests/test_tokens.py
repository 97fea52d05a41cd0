"""API tokens: hashed at rest, expiring, revoked by a password change, by signing out with
them, and by "sign out everywhere" (which also ends every session)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.accounts.tests.test_signup_and_verification import csrf_client

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
ME = "/api/v1/me/"
EVERYWHERE = "/api/v1/auth/sign-out-everywhere/"
NEW_PASSWORD = "a-brand-New-passphrase-7"


def obtain_token(email: str = "ada@example.com") -> dict:
    response = APIClient().post(
        TOKEN, {"email": email, "password": DEFAULT_PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def token_client(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def session_client(email: str = "ada@example.com") -> APIClient:
    client = csrf_client()
    response = client.post(
        "/api/v1/auth/login/", {"email": email, "password": DEFAULT_PASSWORD}, format="json"
    )
    assert response.status_code == 200
    client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    return client


def every_text_in_the_database() -> str:
    """All character columns of every table, as one string (to look for a leaked secret)."""
    texts: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            texts.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(texts)


def test_a_token_is_stored_only_as_a_hash():
    UserFactory(email="ada@example.com")

    token = obtain_token()["token"]

    assert len(token) >= 40
    assert token not in every_text_in_the_database()
    assert token_client(token).get(ME).json()["email"] == "ada@example.com"


def test_a_token_expires_after_api_token_ttl_days(settings):
    UserFactory(email="ada@example.com")
    issued = obtain_token()
    client = token_client(issued["token"])

    expires_at = dt.datetime.fromisoformat(issued["expires_at"])
    assert abs(expires_at - (timezone.now() + dt.timedelta(days=30))) < dt.timedelta(minutes=1)
    with time_machine.travel(timezone.now() + dt.timedelta(days=29, hours=23), tick=False):
        assert client.get(ME).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=30, minutes=1), tick=False):
        response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_changing_the_password_revokes_every_token_and_other_session():
    UserFactory(email="ada@example.com")
    token = obtain_token()["token"]
    other_session = session_client()
    this_session = session_client()

    response = this_session.post(
        "/api/v1/auth/password-change/",
        {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
    )

    assert response.status_code == 200
    assert token_client(token).get(ME).status_code == 401
    assert other_session.get(ME).status_code == 401
    assert this_session.get(ME).status_code == 200


def test_signing_out_with_a_token_revokes_that_token_only():
    UserFactory(email="ada@example.com")
    first, second = obtain_token()["token"], obtain_token()["token"]

    response = token_client(first).post("/api/v1/auth/logout/")

    assert response.status_code == 204
    assert token_client(first).get(ME).status_code == 401
    assert token_client(second).get(ME).status_code == 200


def test_sign_out_everywhere_ends_every_session_and_token_of_that_person_only():
    UserFactory(email="ada@example.com")
    UserFactory(email="bob@example.com")
    token = obtain_token()["token"]
    laptop, phone = session_client(), session_client()
    bob_session, bob_token = session_client("bob@example.com"), obtain_token("bob@example.com")

    response = phone.post(EVERYWHERE)

    assert response.status_code == 204
    assert phone.get(ME).status_code == 401
    assert laptop.get(ME).status_code == 401
    assert token_client(token).get(ME).status_code == 401
    assert bob_session.get(ME).status_code == 200
    assert token_client(bob_token["token"]).get(ME).status_code == 200
    # and Ada can sign in again as usual
    assert session_client().get(ME).json()["email"] == "ada@example.com"


def test_sign_out_everywhere_works_from_an_api_token_too():
    UserFactory(email="ada@example.com")
    token = obtain_token()["token"]
    laptop = session_client()

    response = token_client(token).post(EVERYWHERE)

    assert response.status_code == 204
    assert token_client(token).get(ME).status_code == 401
    assert laptop.get(ME).status_code == 401


def test_sign_out_everywhere_needs_a_signed_in_person(api_client):
    response = api_client.post(EVERYWHERE)

    assert response.status_code in (401, 403)


def test_the_service_signs_out_everywhere_without_a_request():
    # Used by account deletion (privacy) and by staff: no request of the person is at hand.
    from metskin.accounts.services import user_sign_out_everywhere

    ada = UserFactory(email="ada@example.com")
    token = obtain_token()["token"]
    laptop = session_client()

    user_sign_out_everywhere(user=ada)

    assert laptop.get(ME).status_code == 401
    assert token_client(token).get(ME).status_code == 401
