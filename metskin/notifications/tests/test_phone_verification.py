"""Phone verification by SMS code (issue 11 §1): no SMS reminder to an unverified number."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from metskin.notifications.models import PhoneVerification, Reminder
from metskin.notifications.services import reminders_plan
from metskin.notifications.tests.helpers import appointment_at, patient_with_reminders

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
PHONE = "/api/v1/profile/phone/"


@pytest.fixture(autouse=True)
def _monday(settings, tmp_path):
    settings.SMS_BACKEND = "metskin.notifications.sms.FileSmsBackend"
    settings.SMS_FILE_PATH = str(tmp_path / "sms.jsonl")
    with time_machine.travel(NOW, tick=False):
        yield


def _texts(settings) -> list[dict[str, str]]:
    try:
        with open(settings.SMS_FILE_PATH, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle]
    except FileNotFoundError:
        return []


def _code_sent(settings) -> str:
    body = _texts(settings)[-1]["body"]
    return body.split("code is ")[1][:6]


@pytest.fixture
def with_number(patient, patient_client):
    response = patient_client.patch(
        "/api/v1/profile/", {"phone_number": "+447911123456", "notify_sms": True}, format="json"
    )
    assert response.status_code == 200
    return patient_client


def test_an_unverified_number_gets_no_sms_reminder():
    # Given a patient who asked for SMS reminders but never confirmed the number
    patient = patient_with_reminders(phone_verified=False)
    appointment_at(patient, NOW + timedelta(days=2), booked_at=NOW - timedelta(days=5))

    # When reminders are planned
    reminders_plan()

    # Then they go by email only
    channels = set(Reminder.objects.values_list("channel", flat=True))
    assert channels == {"email"}


def test_a_verified_number_gets_sms_reminders():
    patient = patient_with_reminders()
    appointment_at(patient, NOW + timedelta(days=2), booked_at=NOW - timedelta(days=5))

    reminders_plan()

    assert set(Reminder.objects.values_list("channel", flat=True)) == {"email", "sms"}


def test_a_code_by_sms_verifies_the_number(settings, patient, with_number):
    before = with_number.get(PHONE).json()
    assert (before["phone_number"], before["verified"]) == ("+447911123456", False)

    sent = with_number.post(f"{PHONE}code/")

    assert sent.status_code == 202
    assert sent.json()["code_expires_at"] == "2026-06-01T09:10:00Z"
    texts = _texts(settings)
    assert [t["to"] for t in texts] == ["+447911123456"]
    code = _code_sent(settings)
    # Only a hash of the code is kept.
    row = PhoneVerification.objects.get(user=patient)
    assert code not in row.code_hash and len(row.code_hash) == 64

    wrong = with_number.post(
        f"{PHONE}confirm/", {"code": "000000" if code != "000000" else "111111"}
    )
    assert wrong.status_code == 400
    assert wrong.json()["error"]["code"] == "wrong_code"
    assert with_number.get(PHONE).json()["verified"] is False

    right = with_number.post(f"{PHONE}confirm/", {"code": code})
    assert right.status_code == 200
    assert right.json()["verified"] is True
    assert with_number.get(PHONE).json()["verified"] is True

    # A new number is not verified by the old one's code.
    with_number.patch("/api/v1/profile/", {"phone_number": "+447911123457"}, format="json")
    assert with_number.get(PHONE).json()["verified"] is False


def test_a_code_expires(settings, with_number):
    with_number.post(f"{PHONE}code/")
    code = _code_sent(settings)

    with time_machine.travel(NOW + timedelta(minutes=11), tick=False):
        late = with_number.post(f"{PHONE}confirm/", {"code": code})

    assert late.status_code == 400
    assert late.json()["error"]["code"] == "code_expired"
    assert with_number.get(PHONE).json()["verified"] is False


def test_too_many_wrong_codes_burn_the_code(settings, with_number):
    with_number.post(f"{PHONE}code/")
    code = _code_sent(settings)
    wrong = "000000" if code != "000000" else "111111"

    statuses = [
        with_number.post(f"{PHONE}confirm/", {"code": wrong}).json()["error"]["code"]
        for _ in range(5)
    ]
    then_right = with_number.post(f"{PHONE}confirm/", {"code": code})

    assert statuses == ["wrong_code"] * 5
    assert then_right.status_code == 400
    assert then_right.json()["error"]["code"] == "too_many_attempts"


def test_asking_for_codes_is_throttled(settings, with_number):
    rates = dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], phone_code="2/hour")
    settings.REST_FRAMEWORK = dict(settings.REST_FRAMEWORK, DEFAULT_THROTTLE_RATES=rates)

    statuses = [with_number.post(f"{PHONE}code/").status_code for _ in range(3)]

    assert statuses == [202, 202, 429]
    assert len(_texts(settings)) == 2


@pytest.mark.parametrize("body", [{}, {"code": "12ab56"}, {"code": "1234567"}])
def test_a_malformed_code_is_a_400_naming_the_field(with_number, body):
    response = with_number.post(f"{PHONE}confirm/", body, format="json")

    assert response.status_code == 400
    assert "code" in response.json()["error"]["fields"]


def test_no_number_no_code(settings, patient_client):
    response = patient_client.post(f"{PHONE}code/")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "no_phone_number"
    assert _texts(settings) == []


def test_anonymous_cannot_ask(api_client, settings):
    assert api_client.post(f"{PHONE}code/").status_code in (401, 403)
    assert _texts(settings) == []
