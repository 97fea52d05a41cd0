from __future__ import annotations

import pytest
from django.core import mail
from knox.models import AuthToken

from metskin.accounts.models import User
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.accounts.tests.helpers import link_in, query_of
from metskin.accounts.tests.test_signup_and_verification import csrf_client

pytestmark = pytest.mark.django_db

RESET = "/api/v1/auth/password-reset/"
CONFIRM = "/api/v1/auth/password-reset/confirm/"
NEW_PASSWORD = "a-brand-New-passphrase-7"


def test_reset_request_answers_the_same_whether_or_not_the_account_exists():
    UserFactory(email="ada@example.com")
    client = csrf_client()

    known = client.post(RESET, {"email": "ada@example.com"}, format="json")
    unknown = client.post(RESET, {"email": "nobody@example.com"}, format="json")

    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert [message.to for message in mail.outbox] == [["ada@example.com"]]


def _reset_link_for(email: str) -> dict[str, str]:
    csrf_client().post(RESET, {"email": email}, format="json")
    return query_of(link_in(mail.outbox[-1], "/reset-password"))


def test_the_reset_link_sets_a_new_password_once_and_revokes_api_tokens():
    user = UserFactory(email="ada@example.com")
    AuthToken.objects.create(user=user)
    params = _reset_link_for("ada@example.com")
    client = csrf_client()

    first = client.post(CONFIRM, {**params, "new_password": NEW_PASSWORD}, format="json")
    again = client.post(CONFIRM, {**params, "new_password": "another-Passphrase-9"}, format="json")

    assert first.status_code == 200, first.json()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not AuthToken.objects.filter(user=user).exists()
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "token_invalid"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_weak_new_password_changes_nothing():
    user = UserFactory(email="ada@example.com")
    params = _reset_link_for("ada@example.com")

    response = csrf_client().post(CONFIRM, {**params, "new_password": "123"}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "weak_password"
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


@pytest.mark.parametrize("uid", ["", "!!!", "bm90LWEtdXVpZA"])
def test_a_broken_reset_link_is_refused(uid):
    UserFactory(email="ada@example.com")
    body = {"uid": uid, "token": "abc-def", "new_password": NEW_PASSWORD}

    response = csrf_client().post(CONFIRM, body, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] in {"token_invalid", "invalid"}


def test_change_password_needs_the_current_one(make_client):
    user = UserFactory()
    client = make_client(user)

    wrong = client.post(
        "/api/v1/auth/password-change/",
        {"old_password": "not-it", "new_password": NEW_PASSWORD},
        format="json",
    )
    right = client.post(
        "/api/v1/auth/password-change/",
        {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
    )

    assert wrong.status_code == 400
    assert wrong.json()["error"]["fields"]["old_password"] == [
        "Your current password is not right."
    ]
    assert right.status_code == 200
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)
