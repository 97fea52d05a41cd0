"""Abuse of the open account endpoints: spoofed proxy headers, spread-out password guessing,
and flooding someone's mailbox. Each test is an attack, then what the attacker got."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import override_settings

from metskin.accounts.client_ip import client_ip
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.accounts.tests.test_signup_and_verification import csrf_client

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/login/"
VERIFY = "/api/v1/auth/verify-email/"
RESEND = "/api/v1/auth/verify-email/resend/"
RESET = "/api/v1/auth/password-reset/"
# DRF's anon_auth rate in config/settings/drf.py.
ANON_AUTH_PER_MINUTE = 30


def trusted_proxies(settings: Any, count: int) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}


def test_rotating_x_forwarded_for_does_not_escape_the_sign_in_throttle():
    client = csrf_client()

    statuses = [
        client.post(
            VERIFY, {"token": "forged"}, format="json", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        ).status_code
        for n in range(ANON_AUTH_PER_MINUTE + 1)
    ]

    assert statuses[:ANON_AUTH_PER_MINUTE] == [400] * ANON_AUTH_PER_MINUTE
    assert statuses[-1] == 429


def test_without_trusted_proxies_the_header_is_ignored_by_drf_and_axes_alike(rf, settings):
    trusted_proxies(settings, 0)
    request = rf.post(LOGIN, REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert client_ip(request) == "192.0.2.10"
    assert settings.AXES_CLIENT_IP_CALLABLE == "metskin.accounts.client_ip.client_ip"


def test_behind_one_trusted_proxy_the_address_it_saw_is_the_client(rf, settings):
    trusted_proxies(settings, 1)
    spoofed = rf.post(
        LOGIN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7"
    )
    not_an_address = rf.post(LOGIN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="<script>")
    no_header = rf.post(LOGIN, REMOTE_ADDR="10.0.0.2")

    assert client_ip(spoofed) == "203.0.113.7"
    assert client_ip(not_an_address) == "10.0.0.2"
    assert client_ip(no_header) == "10.0.0.2"


@override_settings(AXES_FAILURE_LIMIT=3)
def test_behind_a_trusted_proxy_the_lockout_follows_the_real_client_not_the_header(settings):
    trusted_proxies(settings, 1)
    UserFactory(email="ada@example.com")
    attacker = csrf_client()

    def attempt(client, spoofed: str, real: str, password: str = "wrong-password"):  # noqa: S107
        return client.post(
            LOGIN,
            {"email": "ada@example.com", "password": password},
            format="json",
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=f"{spoofed}, {real}",
        )

    statuses = [attempt(attacker, f"198.51.100.{n}", "203.0.113.7").status_code for n in range(4)]
    ada = csrf_client()
    ada_signs_in = attempt(ada, "192.0.2.99", "203.0.113.200", DEFAULT_PASSWORD)

    assert statuses == [400, 400, 429, 429]
    # Ada behind the same proxy is another client: the attacker's lockout is not hers.
    assert ada_signs_in.status_code == 200


@override_settings(SIGNIN_ACCOUNT_FAILURE_LIMIT=6, AXES_FAILURE_LIMIT=3)
def test_guessing_one_password_from_many_addresses_locks_the_account():
    UserFactory(email="ada@example.com")

    statuses = []
    for n in range(6):
        client = csrf_client()
        response = client.post(
            LOGIN,
            {"email": "ada@example.com", "password": f"guess-{n}"},
            format="json",
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        statuses.append(response.status_code)
    from_a_fresh_address = csrf_client().post(
        LOGIN,
        {"email": "ada@example.com", "password": DEFAULT_PASSWORD},
        format="json",
        REMOTE_ADDR="192.0.2.77",
    )

    assert statuses == [400, 400, 400, 400, 400, 429]
    assert from_a_fresh_address.status_code == 429
    assert from_a_fresh_address.json()["error"]["code"] == "locked_out"
    assert from_a_fresh_address["Retry-After"] == "900"


@override_settings(SIGNIN_ACCOUNT_FAILURE_LIMIT=3)
def test_a_password_reset_lifts_the_account_lockout():
    from metskin.accounts.services import password_reset_confirm
    from metskin.accounts.tests.helpers import link_in, query_of

    UserFactory(email="ada@example.com")
    for n in range(3):
        csrf_client().post(
            LOGIN,
            {"email": "ada@example.com", "password": f"guess-{n}"},
            format="json",
            REMOTE_ADDR=f"198.51.100.{n}",
        )
    csrf_client().post(RESET, {"email": "ada@example.com"}, format="json")
    params = query_of(link_in(mail.outbox[-1], "/reset-password"))
    password_reset_confirm(**params, new_password="a-brand-New-passphrase-7")

    response = csrf_client().post(
        LOGIN,
        {"email": "ada@example.com", "password": "a-brand-New-passphrase-7"},
        format="json",
        REMOTE_ADDR="192.0.2.77",
    )

    assert response.status_code == 200


@override_settings(ACCOUNT_EMAILS_PER_HOUR=3)
def test_reset_and_verification_emails_to_one_address_are_capped_per_hour_from_any_client():
    UserFactory(email="ada@example.com", verified=False)

    statuses = []
    for n, path in enumerate([RESET, RESEND, RESET, RESEND, RESET]):
        response = csrf_client().post(
            path, {"email": "ADA@example.com"}, format="json", REMOTE_ADDR=f"198.51.100.{n}"
        )
        statuses.append(response.status_code)

    assert statuses == [202, 202, 202, 429, 429]
    assert len(mail.outbox) == 3
    assert all(message.to == ["ada@example.com"] for message in mail.outbox)


@override_settings(ACCOUNT_EMAILS_PER_HOUR=2)
def test_the_email_cap_answers_alike_for_addresses_with_and_without_an_account():
    UserFactory(email="ada@example.com")
    client = csrf_client()

    known = [client.post(RESET, {"email": "ada@example.com"}, format="json") for _ in range(3)]
    unknown = [client.post(RESET, {"email": "nobody@example.com"}, format="json") for _ in range(3)]

    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [202, 202, 429]
    assert known[-1].json() == unknown[-1].json()
    assert known[-1].json()["error"]["code"] == "too_many_emails"
    assert int(known[-1]["Retry-After"]) > 0


def test_one_client_cannot_spray_emails_over_many_addresses(settings):
    client = csrf_client()
    rate = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["account_emails"].split("/")[0])

    statuses = [
        client.post(RESET, {"email": f"victim{n}@example.com"}, format="json").status_code
        for n in range(rate + 1)
    ]

    assert statuses[:rate] == [202] * rate
    assert statuses[-1] == 429


@pytest.mark.parametrize("path", [RESET, RESEND])
def test_emailed_links_point_at_site_url_whatever_host_the_request_named(settings, path):
    # Host header poisoning: a reset link to the attacker's host would leak the token.
    settings.SITE_URL = "https://metskin.example"
    settings.ALLOWED_HOSTS = ["*"]
    UserFactory(email="ada@example.com", verified=False)

    response = csrf_client().post(
        path, {"email": "ada@example.com"}, format="json", HTTP_HOST="evil.example"
    )

    assert response.status_code == 202
    (message,) = mail.outbox
    assert "evil.example" not in message.body
    assert "https://metskin.example/" in message.body


def test_the_sign_up_email_links_to_site_url(settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://metskin.example"
    settings.ALLOWED_HOSTS = ["*"]

    with django_capture_on_commit_callbacks(execute=True):
        response = csrf_client().post(
            "/api/v1/auth/signup/",
            {
                "email": "ada@example.com",
                "password": "tulips-in-Amsterdam-42",
                "accept_terms": True,
                "health_data_consent": True,
            },
            format="json",
            HTTP_HOST="evil.example",
        )

    assert response.status_code == 201
    (message,) = mail.outbox
    assert "https://metskin.example/verify-email?token=" in message.body
    assert "evil.example" not in message.body


@override_settings(SIGNIN_ACCOUNT_FAILURE_LIMIT=3)
def test_guessing_the_password_from_a_stolen_session_counts_towards_the_account_lockout():
    # A session left open on a shared computer: whoever sits there tries passwords on the
    # password-change form, which asks for the current one.
    from rest_framework.test import APIClient

    ada = UserFactory(email="ada@example.com")
    stolen = APIClient()
    stolen.force_login(ada)

    guesses = [
        stolen.post(
            "/api/v1/auth/password-change/",
            {"old_password": f"guess-{n}", "new_password": "a-brand-New-passphrase-7"},
            format="json",
        )
        for n in range(3)
    ]
    right_one_too_late = stolen.post(
        "/api/v1/auth/password-change/",
        {"old_password": DEFAULT_PASSWORD, "new_password": "a-brand-New-passphrase-7"},
        format="json",
    )
    ada_signs_in = csrf_client().post(
        LOGIN, {"email": "ada@example.com", "password": DEFAULT_PASSWORD}, format="json"
    )

    assert [r.status_code for r in guesses] == [400, 400, 429]
    assert right_one_too_late.status_code == 429
    assert right_one_too_late.json()["error"]["code"] == "locked_out"
    ada.refresh_from_db()
    assert ada.check_password(DEFAULT_PASSWORD)
    # The account is paused as after guesses at the sign-in form; a reset by email lifts it.
    assert ada_signs_in.status_code == 429
