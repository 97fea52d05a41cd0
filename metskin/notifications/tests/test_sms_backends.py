"""The SMS interface: the file backend writes what would be sent; Twilio needs its settings."""

from __future__ import annotations

import pytest
from django.test import override_settings

from metskin.notifications.sms import (
    SmsPermanentError,
    TwilioSmsBackend,
    get_sms_backend,
    read_sms_file,
    sms_send,
)


def test_the_default_file_backend_appends_one_line_per_message(tmp_path):
    path = tmp_path / "sms" / "outbox.jsonl"
    with override_settings(SMS_FILE_PATH=str(path)):
        first = sms_send(to="+447911123456", body="Hello")
        second = sms_send(to="+12025550123", body="Again")

    messages = read_sms_file(path)
    assert [(m["id"], m["to"], m["body"]) for m in messages] == [
        (first, "+447911123456", "Hello"),
        (second, "+12025550123", "Again"),
    ]


@override_settings(
    SMS_BACKEND="metskin.notifications.sms.TwilioSmsBackend",
    TWILIO_ACCOUNT_SID="AC123",
    TWILIO_AUTH_TOKEN="",
    TWILIO_FROM_NUMBER="+15005550006",
)
def test_twilio_without_all_its_settings_is_a_clear_permanent_error():
    with pytest.raises(SmsPermanentError, match="TWILIO_AUTH_TOKEN"):
        get_sms_backend()


@override_settings(
    TWILIO_ACCOUNT_SID="AC123", TWILIO_AUTH_TOKEN="secret", TWILIO_FROM_NUMBER="+15005550006"
)
def test_twilio_is_selected_by_the_one_setting():
    with override_settings(SMS_BACKEND="metskin.notifications.sms.TwilioSmsBackend"):
        assert isinstance(get_sms_backend(), TwilioSmsBackend)
