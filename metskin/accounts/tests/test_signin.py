from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.accounts.tests.test_signup_and_verification import csrf_client

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/login/"
TOKEN = "/api/v1/auth/token/"


def login(client: APIClient, email: str, password: str = DEFAULT_PASSWORD):
    return client.post(LOGIN, {"email": email, "password": password}, format="json")


def test_signin_starts_a_session_that_me_recognises():
    UserFactory(email="ada@example.com")
    client = csrf_client()

    response = login(client, "ADA@example.com")

    assert response.status_code == 200
    assert response.json()["email"] == "ada@example.com"
    assert client.get("/api/v1/me/").json()["email"] == "ada@example.com"


def test_a_wrong_password_is_a_clear_400():
    UserFactory(email="ada@example.com")
    client = csrf_client()

    response = login(client, "ada@example.com", "not-my-password")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert client.get("/api/v1/me/").status_code == 401


def test_an_unverified_account_cannot_sign_in_yet():
    UserFactory(email="ada@example.com", verified=False)

    response = login(csrf_client(), "ada@example.com")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "email_not_verified"


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_sign_in_and_say_when_to_try_again():
    UserFactory(email="ada@example.com")
    client = csrf_client()

    failures = [login(client, "ada@example.com", f"wrong-{n}").status_code for n in range(2)]
    locked = login(client, "ada@example.com", "wrong-3")
    even_right = login(client, "ada@example.com")

    assert failures == [400, 400]
    for response in (locked, even_right):
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "locked_out"
        assert "try again in 15 minutes" in response.json()["error"]["message"]
        assert response["Retry-After"] == "900"
    assert client.get("/api/v1/me/").status_code == 401


def test_signout_ends_the_session():
    UserFactory(email="ada@example.com")
    client = csrf_client()
    login(client, "ada@example.com")
    client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)

    response = client.post("/api/v1/auth/logout/")

    assert response.status_code == 204
    assert client.get("/api/v1/me/").status_code == 401


def test_token_auth_for_api_clients():
    UserFactory(email="ada@example.com")
    client = APIClient()

    token = client.post(
        TOKEN, {"email": "ada@example.com", "password": DEFAULT_PASSWORD}, format="json"
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert client.get("/api/v1/me/").json()["email"] == "ada@example.com"


def test_a_bad_token_is_a_401_in_the_error_shape():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = client.get("/api/v1/me/")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert response.json()["error"]["message"] == "Invalid token."


def test_token_with_wrong_password_is_refused():
    UserFactory(email="ada@example.com")

    response = APIClient().post(
        TOKEN, {"email": "ada@example.com", "password": "wrong-one"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert "token" not in response.json()
