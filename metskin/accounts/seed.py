"""The demo accounts (README), and when adding them must be refused.

Demo staff sign in with two-factor too, so they get a TOTP device with a known key.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from metskin.accounts.models import Role, User
from metskin.accounts.services import user_create

#: Every demo account's password (README); seed_demo and the demo doctor use it.
DEMO_PASSWORD = "SkinCare-Demo-2026"  # noqa: S105 - documented in the README, demo only
DEMO_STAFF_EMAIL = "staff@metskin.example"
# Every demo account lives under this reserved domain (.example never delivers mail), so a
# user outside it is a real person (seed_demo refuses to add demo accounts beside them).
DEMO_EMAIL_DOMAIN = "metskin.example"
# 20 bytes; base32 JVSXIU3LNFXFG5DBMZTFIT2UKBFWK6JS (README: oathtool --totp -b …).
DEMO_STAFF_TOTP_KEY = b"MetSkinStaffTOTPKey2".hex()

DEMO_USERS = (
    ("demo@metskin.example", Role.PATIENT, "Demo Patient"),
    (DEMO_STAFF_EMAIL, Role.STAFF, "Demo Staff"),
)


def seed_refusal() -> str | None:
    """Why demo accounts must not be added here, or None when it is safe."""
    if getattr(settings, "PRODUCTION", False):
        return (
            "Refusing to load demo accounts under production settings: their passwords and "
            "two-factor keys are published in the README."
        )
    demo_users = User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
    real_user = User.objects.exclude(pk__in=demo_users.values("pk")).first()
    if real_user is not None and not demo_users.exists():
        # A demo database where someone tried the sign-up page is fine (`make run` seeds on
        # every start); a real database that never had demo accounts is not.
        return (
            f"Refusing to add demo accounts to a database with real accounts (such as "
            f"{real_user.email}): their passwords and two-factor keys are published."
        )
    return None


def seed_demo(*, stdout: Any) -> None:
    for email, role, name in DEMO_USERS:
        if User.objects.filter(email=email).exists():
            continue
        user_create(
            email=email,
            password=DEMO_PASSWORD,
            role=role,
            display_name=name,
            verified=True,
            consented=True,
        )
        stdout.write(f"Created {role} {email}")
    staff = User.objects.filter(email=DEMO_STAFF_EMAIL).first()
    if staff is not None and not TOTPDevice.objects.filter(user=staff).exists():
        TOTPDevice.objects.create(
            user=staff, name="Demo authenticator", key=DEMO_STAFF_TOTP_KEY, confirmed=True
        )
        stdout.write(f"Added a demo TOTP device for {DEMO_STAFF_EMAIL}")
