"""Setting up two-factor sign-in needs more than the password: a one-time link emailed to the
account's verified address (or issued by staff after a logged reset). Backup codes (django-otp's
static device) stand in for a lost phone, once each."""

from __future__ import annotations

import datetime as dt
import logging
import re
from base64 import b32decode

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from metskin.accounts.models import Role, User
from metskin.accounts.services import staff_group_ensure
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import (
    link_in,
    query_of,
    sign_in_with_totp,
    totp_code,
    verified_admin_client,
)
from metskin.accounts.tests.test_signup_and_verification import csrf_client
from metskin.accounts.tests.test_two_factor import code_for, password_step

pytestmark = pytest.mark.django_db

OTP = "/api/v1/auth/login/otp/"
OPEN = "/api/v1/auth/two-factor/enrolment/"
CONFIRM = "/api/v1/auth/two-factor/enrolment/confirm/"
BACKUP_CODES = "/api/v1/auth/two-factor/backup-codes/"


def key_of(enrolment: dict) -> bytes:
    secret = enrolment["secret"]
    return b32decode(secret + "=" * (-len(secret) % 8))


def setup_token_from_email() -> str:
    return query_of(link_in(mail.outbox[-1], "/two-factor/setup"))["token"]


def enrol(token: str) -> tuple[bytes, list[str]]:
    """Open the emailed link and confirm it with the app's first code, as a person would."""
    client = csrf_client()
    enrolment = client.post(OPEN, {"token": token}, format="json")
    assert enrolment.status_code == 200, enrolment.content
    key = key_of(enrolment.json())
    confirmed = client.post(CONFIRM, {"token": token, "code": code_for(key)}, format="json")
    assert confirmed.status_code == 200, confirmed.content
    return key, confirmed.json()["backup_codes"]


def test_knowing_the_password_is_not_enough_to_enrol_an_authenticator():
    UserFactory(email="staff@example.com", role=Role.STAFF)
    attacker = csrf_client()

    challenge = password_step(attacker, "staff@example.com")
    old_enrol_endpoint = attacker.post("/api/v1/auth/login/otp/enrol/")
    forged_link = attacker.post(OPEN, {"token": "guessed-token"}, format="json")
    code_for_any_key = attacker.post(OTP, {"token": "123456"}, format="json")

    assert challenge.json() == {"otp_required": True, "enrolment_required": True}
    assert old_enrol_endpoint.status_code == 404
    assert forged_link.status_code == 400
    assert forged_link.json()["error"]["code"] == "token_invalid"
    assert code_for_any_key.status_code == 400
    assert code_for_any_key.json()["error"]["code"] == "enrolment_required"
    assert not TOTPDevice.objects.exists()
    assert attacker.get("/api/v1/me/").status_code == 401


def test_an_unconfirmed_device_never_passes_the_code_step():
    # An authenticator someone started to add but never confirmed through the emailed link.
    staff = UserFactory(email="staff@example.com", role=Role.STAFF)
    device = TOTPDevice.objects.create(user=staff, name="started", confirmed=False)
    client = csrf_client()
    password_step(client, "staff@example.com")

    response = client.post(OTP, {"token": totp_code(device)}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "enrolment_required"
    device.refresh_from_db()
    assert device.confirmed is False
    assert client.get("/api/v1/me/").status_code == 401


def test_the_password_step_emails_a_set_up_link_to_the_verified_address(settings):
    settings.SITE_URL = "https://metskin.example"
    UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST)

    password_step(csrf_client(), "derm@example.com")

    (message,) = mail.outbox
    assert message.to == ["derm@example.com"]
    assert "https://metskin.example/two-factor/setup?token=" in message.body
    assert "24 hours" in message.body


def test_the_emailed_link_enrols_an_app_and_then_password_and_code_sign_in():
    UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST)
    password_step(csrf_client(), "derm@example.com")
    token = setup_token_from_email()
    client = csrf_client()

    opened = client.post(OPEN, {"token": token}, format="json")
    reopened = client.post(OPEN, {"token": token}, format="json")
    key = key_of(opened.json())
    confirmed = client.post(CONFIRM, {"token": token, "code": code_for(key)}, format="json")

    assert opened.status_code == 200
    assert opened.json()["email"] == "derm@example.com"
    assert opened.json()["otpauth_url"].startswith("otpauth://totp/MetSkin%3Aderm%40example.com?")
    assert opened.json()["qr_svg_data_uri"].startswith("data:image/svg+xml;base64,")
    assert reopened.json()["secret"] == opened.json()["secret"]  # a reload shows the same key
    assert confirmed.status_code == 200
    codes = confirmed.json()["backup_codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    assert TOTPDevice.objects.get(user__email="derm@example.com").confirmed is True
    # Enrolling does not sign in: the password and a fresh code still do.
    assert client.get("/api/v1/me/").status_code == 401
    signing_in = csrf_client()
    password_step(signing_in, "derm@example.com")
    later = code_for(key, offset_steps=1)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=30)):
        assert signing_in.post(OTP, {"token": later}, format="json").status_code == 200


def test_the_link_works_once():
    UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST)
    password_step(csrf_client(), "derm@example.com")
    token = setup_token_from_email()
    enrol(token)

    again = csrf_client().post(OPEN, {"token": token}, format="json")

    assert again.status_code == 400
    assert again.json()["error"]["code"] == "token_used"
    assert TOTPDevice.objects.filter(user__email="derm@example.com").count() == 1


@override_settings(TWO_FACTOR_ENROLMENT_LINK_HOURS=24)
def test_an_expired_link_is_refused():
    UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST)
    password_step(csrf_client(), "derm@example.com")
    token = setup_token_from_email()

    with time_machine.travel(timezone.now() + dt.timedelta(hours=24, minutes=1)):
        response = csrf_client().post(OPEN, {"token": token}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "token_expired"
    assert not TOTPDevice.objects.exists()


def test_a_newer_link_retires_the_older_one():
    UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST)
    password_step(csrf_client(), "derm@example.com")
    first = setup_token_from_email()
    password_step(csrf_client(), "derm@example.com")
    second = setup_token_from_email()

    old = csrf_client().post(OPEN, {"token": first}, format="json")
    new = csrf_client().post(OPEN, {"token": second}, format="json")

    assert old.status_code == 400
    assert old.json()["error"]["code"] == "token_invalid"
    assert new.status_code == 200


def test_a_wrong_code_at_enrolment_confirms_nothing():
    UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST)
    password_step(csrf_client(), "derm@example.com")
    token = setup_token_from_email()
    client = csrf_client()
    key = key_of(client.post(OPEN, {"token": token}, format="json").json())
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"

    response = client.post(CONFIRM, {"token": token, "code": wrong}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_otp"
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert not StaticDevice.objects.exists()


@override_settings(ACCOUNT_EMAILS_PER_HOUR=2)
def test_repeating_the_password_step_does_not_flood_the_mailbox():
    UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST)

    answers = [password_step(csrf_client(), "derm@example.com").json() for _ in range(4)]

    assert answers == [{"otp_required": True, "enrolment_required": True}] * 4
    assert len(mail.outbox) == 2


def test_a_backup_code_signs_in_once():
    UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST)
    password_step(csrf_client(), "derm@example.com")
    _, codes = enrol(setup_token_from_email())
    first, second = csrf_client(), csrf_client()

    password_step(first, "derm@example.com")
    used = first.post(OTP, {"token": codes[0].upper()}, format="json")
    password_step(second, "derm@example.com")
    reused = second.post(OTP, {"token": codes[0]}, format="json")

    assert used.status_code == 200
    assert first.get("/api/v1/me/").status_code == 200
    assert reused.status_code == 400
    assert reused.json()["error"]["code"] == "invalid_otp"
    assert StaticToken.objects.count() == 9


def test_a_signed_in_doctor_replaces_the_backup_codes():
    doctor = UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST)
    client = sign_in_with_totp(doctor)
    device = StaticDevice.objects.create(user=doctor, name="Backup codes")
    device.token_set.create(token="oldcode2")

    status = client.get(BACKUP_CODES)
    response = client.post(BACKUP_CODES)

    assert status.json() == {"remaining": 1}
    assert response.status_code == 200
    codes = response.json()["backup_codes"]
    assert len(codes) == 10
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(codes)
    assert client.get(BACKUP_CODES).json() == {"remaining": 10}


def test_backup_codes_are_for_two_factor_sessions_only(patient_client):
    doctor = UserFactory(role=Role.DERMATOLOGIST)
    password_only = APIClient()
    password_only.force_authenticate(doctor)

    assert patient_client.post(BACKUP_CODES).status_code == 403
    assert password_only.post(BACKUP_CODES).status_code == 403
    assert not StaticDevice.objects.exists()


def test_staff_reset_a_lost_authenticator_and_it_is_logged(caplog):
    staff = UserFactory(email="staff@example.com", role=Role.STAFF)
    doctor = UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST)
    lost = TOTPDevice.objects.create(user=doctor, name="lost phone", confirmed=True)
    backup = StaticDevice.objects.create(user=doctor, name="Backup codes")
    backup.token_set.create(token="abcdefgh")
    doctor_session = sign_in_with_totp(doctor, lost)
    admin = verified_admin_client(staff)
    assert not staff.is_superuser and staff.has_perm("accounts.reset_two_factor")
    mail.outbox.clear()

    with caplog.at_level(logging.WARNING, logger="metskin.security"):
        response = admin.post(
            "/admin/accounts/user/",
            {"action": "reset_two_factor", "_selected_action": [str(doctor.pk)]},
        )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=doctor).exists()
    assert not StaticDevice.objects.filter(user=doctor).exists()
    assert doctor_session.get("/api/v1/me/").status_code == 401
    entry = LogEntry.objects.get(object_id=str(doctor.pk), action_flag=CHANGE)
    assert entry.user_id == staff.pk
    assert "two-factor" in entry.get_change_message()
    assert any(
        "derm@example.com" in record.getMessage() and "staff@example.com" in record.getMessage()
        for record in caplog.records
    )
    (message,) = mail.outbox
    assert message.to == ["derm@example.com"]
    enrol(setup_token_from_email())
    assert TOTPDevice.objects.filter(user=doctor, confirmed=True).count() == 1


def test_staff_without_the_permission_cannot_reset():
    staff = UserFactory(email="staff@example.com", role=Role.STAFF)
    group = staff_group_ensure()
    group.permissions.remove(*group.permissions.filter(codename="reset_two_factor"))
    staff = User.objects.get(pk=staff.pk)  # forget cached permissions
    doctor = UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST)
    TOTPDevice.objects.create(user=doctor, name="phone", confirmed=True)
    admin = verified_admin_client(staff)

    admin.post(
        "/admin/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [str(doctor.pk)]},
    )

    assert TOTPDevice.objects.filter(user=doctor).count() == 1
    assert not LogEntry.objects.filter(object_id=str(doctor.pk)).exists()
