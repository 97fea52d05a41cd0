"""An SMS backend for tests whose provider is always down (a real backend, no mocks)."""

from __future__ import annotations

from metskin.notifications.sms import BaseSmsBackend, SmsTransientError


class AlwaysDownSmsBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str) -> str:
        raise SmsTransientError("The SMS provider answered 503 Service Unavailable.")
