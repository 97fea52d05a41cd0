"""``manage.py demo_codes``: the demo accounts' current two-factor codes, on local settings.

The README publishes the demo authenticators' keys; reading a code from them needs an app or
``oathtool``, which a newcomer may not have. This prints what the app would show.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from metskin.accounts.seed import DEMO_EMAIL_DOMAIN


class Command(BaseCommand):
    help = "Print the demo accounts' current two-factor codes (local development only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEVELOPMENT_TOOLS:
            raise CommandError(
                "demo_codes runs only on local development settings (make run): elsewhere a "
                "code is read from the person's own authenticator."
            )
        devices = (
            TOTPDevice.objects.filter(confirmed=True, user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
            .select_related("user")
            .order_by("user__email")
        )
        if not devices:
            raise CommandError("No demo account has an authenticator yet: run `make run` first.")
        now = time.time()
        for device in devices:
            totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
            totp.time = now
            left = device.step - int(now - device.t0) % device.step
            self.stdout.write(
                f"{device.user.email:<28} {totp.token():0{device.digits}d}  (for {left} more s)"
            )
