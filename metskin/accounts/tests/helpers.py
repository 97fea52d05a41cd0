"""Helpers for account tests: links in the emails the app sent, two-factor sign-in."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

from django.core.mail import EmailMessage
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from metskin.accounts.models import User


def link_in(message: EmailMessage, path: str) -> str:
    match = re.search(rf"https?://\S+{re.escape(path)}\?\S+", str(message.body))
    assert match, f"no {path} link in: {message.body}"
    return match.group(0)


def query_of(link: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlparse(link).query).items()}


def totp_code(device: TOTPDevice) -> str:
    """The code an authenticator app shows for ``device`` right now."""
    totp = TOTP(device.bin_key)
    totp.time = time.time()
    return f"{totp.token():06d}"


def sign_in_with_totp(user: User, device: TOTPDevice | None = None) -> APIClient:
    """Signs a doctor or staff member in as a person would: password, then the app's code.

    The returned client's session is verified by django-otp, so the admin opens too; it
    sends the current CSRF token with every request.
    """
    from metskin.accounts.tests.factories import DEFAULT_PASSWORD
    from metskin.accounts.tests.test_signup_and_verification import csrf_client

    device = device or TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = csrf_client()
    response = client.post(
        "/api/v1/auth/login/", {"email": user.email, "password": DEFAULT_PASSWORD}, format="json"
    )
    assert response.json() == {"otp_required": True, "enrolment_required": False}
    client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    response = client.post("/api/v1/auth/login/otp/", {"token": totp_code(device)}, format="json")
    assert response.status_code == 200, response.content
    # Signing in rotates the CSRF token; the front end reads the new cookie each time.
    client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    return client


def verified_admin_client(user: User, *, enforce_csrf_checks: bool = False) -> Client:
    """A plain Django client (form posts, like the admin's pages) on a two-factor session."""
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.cookies = sign_in_with_totp(user).cookies
    return client
