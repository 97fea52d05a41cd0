"""Demo staff sign in with two-factor too: give them a TOTP device with a known key."""

from __future__ import annotations

from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from metskin.accounts.models import User

#: Every demo account's password (README); seed_demo and the demo doctor use it.
DEMO_PASSWORD = "SkinCare-Demo-2026"  # noqa: S105 - documented in the README, demo only
DEMO_STAFF_EMAIL = "staff@metskin.example"
# Every demo account lives under this reserved domain (.example never delivers mail), so a
# user outside it is a real person (seed_demo refuses to add demo accounts beside them).
DEMO_EMAIL_DOMAIN = "metskin.example"
# 20 bytes; base32 JVSXIU3LNFXFG5DBMZTFIT2UKBFWK6JS (README: oathtool --totp -b …).
DEMO_STAFF_TOTP_KEY = b"MetSkinStaffTOTPKey2".hex()


def seed_demo(*, stdout: Any) -> None:
    staff = User.objects.filter(email=DEMO_STAFF_EMAIL).first()
    if staff is not None and not TOTPDevice.objects.filter(user=staff).exists():
        TOTPDevice.objects.create(
            user=staff, name="Demo authenticator", key=DEMO_STAFF_TOTP_KEY, confirmed=True
        )
        stdout.write(f"Added a demo TOTP device for {DEMO_STAFF_EMAIL}")
