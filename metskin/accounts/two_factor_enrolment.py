"""Setting up two-factor sign-in, backup codes, and the staff reset of a lost authenticator.

Enrolment starts from a one-time link emailed to the account's own (verified) address, sent
when a doctor or staff member without an authenticator gives a correct password, or issued
by staff after a reset. Opening the link shows a new key (QR code); the app's first code
confirms it and returns backup codes. The link does not sign anyone in: the password and a
code still do. So a stolen password alone cannot enrol the thief's authenticator.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from metskin.accounts.email_budget import account_email_allowed
from metskin.accounts.models import TwoFactorEnrolment, User
from metskin.accounts.sign_out import user_sign_out_everywhere
from metskin.accounts.two_factor import user_has_confirmed_device
from metskin.core.emails import send_templated_email, site_link
from metskin.core.exceptions import ApplicationError

security_log = logging.getLogger("metskin.security")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def two_factor_enrolment_link_send(*, user: User, issued_by: User | None = None) -> bool:
    """Email ``user`` a new set-up link (retiring older ones). False when the address's
    hourly email budget is spent: the person uses the link they already have. A link staff
    issue after a reset is deliberate and always sent."""
    if issued_by is None and not account_email_allowed(user.email):
        return False
    now = timezone.now()
    TwoFactorEnrolment.objects.filter(user=user, used_at=None, retired_at=None).update(
        retired_at=now
    )
    token = secrets.token_urlsafe(32)
    hours = settings.TWO_FACTOR_ENROLMENT_LINK_HOURS
    TwoFactorEnrolment.objects.create(
        user=user,
        token_hash=_hash(token),
        issued_by=issued_by,
        expires_at=now + timedelta(hours=hours),
    )
    send_templated_email(
        to=user.email,
        subject="Set up two-factor sign-in for MetSkin",
        template="emails/two_factor_setup",
        context={
            "user": user,
            "link": site_link(f"/two-factor/setup?token={token}"),
            "hours": hours,
            "by_staff": bool(issued_by),
        },
    )
    return True


def _link(token: str) -> TwoFactorEnrolment:
    """The live link for ``token``, locked for this transaction, or a clear refusal."""
    link = (
        TwoFactorEnrolment.objects.select_for_update()
        .select_related("user", "device")
        .filter(token_hash=_hash(token.strip()))
        .first()
    )
    if link is None or link.retired_at is not None or not link.user.is_active:
        raise ApplicationError(
            "This set-up link is not valid: use the newest link we emailed you, or sign in "
            "again to get a new one.",
            code="token_invalid",
        )
    if link.used_at is not None:
        raise ApplicationError(
            "This set-up link was already used. Sign in with your password and the code from "
            "your app.",
            code="token_used",
        )
    if link.expires_at <= timezone.now():
        raise ApplicationError(
            "This set-up link has expired. Sign in with your password to get a new one.",
            code="token_expired",
        )
    if user_has_confirmed_device(link.user):
        raise ApplicationError(
            "Two-factor sign-in is already set up: sign in with the code from your app.",
            code="already_enrolled",
        )
    return link


@dataclass(frozen=True)
class Enrolment:
    email: str
    secret: str  # base32, for typing into an app
    otpauth_url: str
    qr_svg_data_uri: str


def _qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@transaction.atomic
def two_factor_enrolment_open(*, token: str) -> Enrolment:
    """The key to add to an authenticator app (the same one each time the link is opened)."""
    link = _link(token)
    device = link.device
    if device is None:
        device = TOTPDevice.objects.create(
            user=link.user, name="Authenticator app", confirmed=False
        )
        link.device = device
        link.save(update_fields=["device", "updated_at"])
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return Enrolment(
        email=link.user.email,
        secret=secret,
        otpauth_url=device.config_url,
        qr_svg_data_uri=_qr_svg(device.config_url),
    )


@transaction.atomic
def two_factor_enrolment_confirm(*, token: str, code: str) -> list[str]:
    """Confirm the link's key with the app's first code; returns the new backup codes."""
    link = _link(token)
    device = link.device
    if device is None:
        raise ApplicationError("Open the set-up link first to see your key.", code="invalid")
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_is_allowed()[0] or not device.verify_token(code.replace(" ", "")):
        message = "That code is not right. Check the time on your phone and try the newest code."
        raise ApplicationError(message, code="invalid_otp", fields={"code": [message]})
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=link.user).exclude(pk=device.pk).delete()
    link.used_at = timezone.now()
    link.save(update_fields=["used_at", "updated_at"])
    security_log.info("Two-factor sign-in set up for %s", link.user.email)
    return backup_codes_replace(user=link.user)


@transaction.atomic
def backup_codes_replace(*, user: User) -> list[str]:
    """New backup codes for ``user``; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Backup codes"})
    device.token_set.all().delete()
    codes: set[str] = set()
    while len(codes) < settings.TWO_FACTOR_BACKUP_CODES:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return sorted(codes)


def backup_codes_remaining(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def two_factor_reset(*, user: User, by: User) -> None:
    """Staff: forget ``user``'s authenticator and backup codes (a lost phone), sign them out
    everywhere, record who did it, and email them a new set-up link."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user_sign_out_everywhere(user=user)
    TwoFactorEnrolment.objects.filter(user=user, used_at=None, retired_at=None).update(
        retired_at=timezone.now()
    )
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[user],
        action_flag=CHANGE,
        change_message="Reset two-factor sign-in (authenticator and backup codes) and emailed "
        "a new set-up link; signed out everywhere.",
        single_object=True,
    )
    security_log.warning("Two-factor sign-in of %s reset by %s", user.email, by.email)
    two_factor_enrolment_link_send(user=user, issued_by=by)
