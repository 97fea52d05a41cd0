"""Signing in through the real sign-in page, as a person would."""

from __future__ import annotations

import re
from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from metskin.accounts.tests.factories import DEFAULT_PASSWORD
from metskin.accounts.tests.helpers import totp_code

_ARRIVES = object()  # the default: wait for the page the account lands on


def sign_in(
    page: Any,
    email: str,
    *,
    password: str = DEFAULT_PASSWORD,
    device: TOTPDevice | None = None,
    lands_on: str | object | None = _ARRIVES,
) -> None:
    """Email and password, then the authenticator's code when ``device`` is given.

    Waits until the URL ends with ``lands_on`` (by default the dashboard, or the portal after
    a code); ``lands_on=None`` returns at once, for a test that checks what happens next.
    """
    page.goto("/signin")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.get_by_label("6-digit code").fill(totp_code(device))
        page.get_by_role("button", name="Verify and sign in").click()
    if lands_on is _ARRIVES:
        lands_on = "/portal" if device is not None else "/dashboard"
    if isinstance(lands_on, str):
        expect(page).to_have_url(re.compile(re.escape(lands_on) + "$"))
