"""Sending SMS through one interface; ``settings.SMS_BACKEND`` picks the backend.

- ``FileSmsBackend`` (default): appends one JSON line per message to ``SMS_FILE_PATH``
  (under var/), so a person or a test can read what would have been sent.
- ``ConsoleSmsBackend``: logs each message.
- ``TwilioSmsBackend``: sends through Twilio (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN,
  TWILIO_FROM_NUMBER). Never used by the tests: no network here.
"""

from __future__ import annotations

import fcntl
import json
import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsError(Exception):
    """A message was not sent."""


class SmsTransientError(SmsError):
    """Worth trying again later (network, the provider is down or rate limits us)."""


class SmsPermanentError(SmsError):
    """Trying again will not help (a bad number, an unsubscribed recipient)."""


class BaseSmsBackend:
    def send(self, *, to: str, body: str) -> str:
        """Send ``body`` to the E.164 number ``to``; return the provider's message id."""
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str) -> str:
        message_id = uuid.uuid4().hex
        logger.info("SMS to %s: %s", to, body)
        return message_id


class FileSmsBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str) -> str:
        message_id = uuid.uuid4().hex
        path = Path(settings.SMS_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {"id": message_id, "to": to, "body": body, "sent_at": timezone.now().isoformat()}
        )
        with path.open("a", encoding="utf-8") as handle:
            # Several workers may append at once: one whole line each.
            fcntl.flock(handle, fcntl.LOCK_EX)
            handle.write(line + "\n")
            fcntl.flock(handle, fcntl.LOCK_UN)
        return message_id


def read_sms_file(path: str | Path | None = None) -> list[dict[str, str]]:
    """The messages the file backend wrote (for people and tests)."""
    path = Path(path or settings.SMS_FILE_PATH)
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


class TwilioSmsBackend(BaseSmsBackend):
    def __init__(self) -> None:
        if not (
            settings.TWILIO_ACCOUNT_SID
            and settings.TWILIO_AUTH_TOKEN
            and settings.TWILIO_FROM_NUMBER
        ):
            raise SmsPermanentError(
                "Twilio is selected but TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and "
                "TWILIO_FROM_NUMBER are not all set."
            )

    def send(self, *, to: str, body: str) -> str:
        from twilio.base.exceptions import TwilioException, TwilioRestException
        from twilio.rest import Client

        client = Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN)
        try:
            message = client.messages.create(to=to, from_=settings.TWILIO_FROM_NUMBER, body=body)
        except TwilioRestException as exc:
            if exc.status == 429 or exc.status >= 500:
                raise SmsTransientError(f"Twilio answered {exc.status}: {exc.msg}") from exc
            raise SmsPermanentError(f"Twilio refused the message: {exc.msg}") from exc
        except (TwilioException, OSError) as exc:
            raise SmsTransientError(f"Could not reach Twilio: {exc}") from exc
        return str(message.sid)


def get_sms_backend() -> BaseSmsBackend:
    backend_class = import_string(settings.SMS_BACKEND)
    backend: BaseSmsBackend = backend_class()
    return backend


def sms_send(*, to: str, body: str) -> str:
    return get_sms_backend().send(to=to, body=body)
