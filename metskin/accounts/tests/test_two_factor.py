"""Dermatologists and staff sign in with a password and a TOTP code; patients do not."""

from __future__ import annotations

import time

import pytest
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from metskin.accounts.models import Role
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.accounts.tests.test_signup_and_verification import csrf_client

pytestmark = pytest.mark.django_db

LOGIN, OTP = ("/api/v1/auth/login/", "/api/v1/auth/login/otp/")


def code_for(key: bytes, offset_steps: int = 0) -> str:
    totp = TOTP(key)
    totp.time = time.time() + 30 * offset_steps
    return f"{totp.token():06d}"


def password_step(client, email):
    response = client.post(LOGIN, {"email": email, "password": DEFAULT_PASSWORD}, format="json")
    client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    return response


def doctor_with_device():
    user = UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def test_a_doctors_password_alone_does_not_sign_in():
    doctor_with_device()
    client = csrf_client()

    response = password_step(client, "derm@example.com")

    assert response.status_code == 200
    assert response.json() == {"otp_required": True, "enrolment_required": False}
    assert client.get("/api/v1/me/").status_code == 401


def test_the_right_code_completes_sign_in_and_the_session_is_verified():
    _, device = doctor_with_device()
    client = csrf_client()
    password_step(client, "derm@example.com")

    response = client.post(OTP, {"token": code_for(device.bin_key)}, format="json")

    assert response.status_code == 200
    assert response.json()["role"] == "dermatologist"
    assert client.get("/api/v1/me/").json()["email"] == "derm@example.com"
    assert client.session["otp_device_id"] == device.persistent_id


def test_a_code_cannot_be_used_twice():
    _, device = doctor_with_device()
    code = code_for(device.bin_key)
    first = csrf_client()
    password_step(first, "derm@example.com")
    assert first.post(OTP, {"token": code}, format="json").status_code == 200

    second = csrf_client()
    password_step(second, "derm@example.com")
    response = second.post(OTP, {"token": code}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_otp"
    assert second.get("/api/v1/me/").status_code == 401


def test_the_code_step_needs_a_correct_password_first():
    _, device = doctor_with_device()
    client = csrf_client()
    client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)

    response = client.post(OTP, {"token": code_for(device.bin_key)}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "otp_session_expired"
    assert client.get("/api/v1/me/").status_code == 401


@override_settings(OTP_FAILURE_LIMIT=3, OTP_TOTP_THROTTLE_FACTOR=0)
def test_wrong_codes_lock_the_second_step():
    _, device = doctor_with_device()
    client = csrf_client()
    password_step(client, "derm@example.com")
    wrong = f"{(int(code_for(device.bin_key)) + 1) % 1_000_000:06d}"

    first = [client.post(OTP, {"token": wrong}, format="json").status_code for _ in range(2)]
    locked = client.post(OTP, {"token": wrong}, format="json")
    password_step(client, "derm@example.com")
    even_right = client.post(OTP, {"token": code_for(device.bin_key)}, format="json")

    assert first == [400, 400]
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "locked_out"
    assert even_right.status_code == 429
    assert client.get("/api/v1/me/").status_code == 401


def test_patients_still_sign_in_with_a_password_only():
    UserFactory(email="pat@example.com")
    client = csrf_client()

    response = password_step(client, "pat@example.com")

    assert response.status_code == 200
    assert response.json()["email"] == "pat@example.com"
    assert client.get("/api/v1/me/").status_code == 200


def test_doctors_cannot_get_an_api_token_that_skips_the_second_factor():
    doctor_with_device()

    response = APIClient().post(
        "/api/v1/auth/token/",
        {"email": "derm@example.com", "password": DEFAULT_PASSWORD},
        format="json",
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "two_factor_required"


def test_the_admin_needs_a_verified_session():
    staff = UserFactory(email="staff@example.com", role=Role.STAFF)
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    password_only = Client()
    password_only.force_login(staff)
    verified = csrf_client()
    password_step(verified, "staff@example.com")
    verified.post(OTP, {"token": code_for(device.bin_key)}, format="json")
    admin = Client()
    admin.cookies = verified.cookies

    assert password_only.get("/admin/").status_code == 302
    assert admin.get("/admin/").status_code == 200


def test_a_second_code_right_after_a_wrong_one_is_told_to_wait():
    _, device = doctor_with_device()
    client = csrf_client()
    password_step(client, "derm@example.com")
    wrong = f"{(int(code_for(device.bin_key)) + 1) % 1_000_000:06d}"

    client.post(OTP, {"token": wrong}, format="json")
    response = client.post(OTP, {"token": code_for(device.bin_key)}, format="json")

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "otp_throttled"
    assert client.get("/api/v1/me/").status_code == 401


def test_the_admin_login_page_is_the_two_step_sign_in():
    client = Client()

    to_login = client.get("/admin/education/")
    to_sign_in = client.get(to_login["Location"])
    elsewhere = client.get("/admin/login/", {"next": "https://evil.example/"})

    assert to_login.status_code == 302
    assert to_login["Location"] == "/admin/login/?next=/admin/education/"
    assert to_sign_in.status_code == 302
    assert to_sign_in["Location"] == "/signin?next=%2Fadmin%2Feducation%2F"
    assert elsewhere["Location"] == "/signin?next=%2Fadmin%2F"
