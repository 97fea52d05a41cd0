"""Phone verification by SMS code: no reminder goes by SMS to a number nobody proved is theirs.

A six-digit code is sent to the profile's number; only its HMAC (keyed by SECRET_KEY, bound
to the person and the number) is stored, it expires after PHONE_CODE_TTL_MINUTES, and
PHONE_CODE_MAX_ATTEMPTS wrong tries burn it. Asking and confirming are also throttled per
person (``phone_code`` and ``phone_confirm`` in DEFAULT_THROTTLE_RATES).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from rest_framework import status

from metskin.accounts.models import Profile, User
from metskin.core.exceptions import ApplicationError
from metskin.notifications.models import PhoneVerification
from metskin.notifications.sms import SmsError, sms_send

_SALT = "metskin.notifications.phone-code"


@dataclass(frozen=True)
class PhoneStatus:
    phone_number: str
    verified: bool
    code_expires_at: datetime | None


def _hash(user: User, phone_number: str, code: str) -> str:
    return salted_hmac(_SALT, f"{user.pk}:{phone_number}:{code}", algorithm="sha256").hexdigest()


def _profile_number(user: User) -> str:
    profile = Profile.objects.filter(user=user).first()
    return profile.phone_number if profile is not None else ""


def phone_verified(*, user_id: Any, phone_number: str) -> bool:
    """Whether this number is the one the person proved is theirs."""
    if not phone_number:
        return False
    return PhoneVerification.objects.filter(
        user_id=user_id, phone_number=phone_number, verified_at__isnull=False
    ).exists()


def phone_status(*, user: User) -> PhoneStatus:
    number = _profile_number(user)
    row = PhoneVerification.objects.filter(user=user).first()
    verified = bool(row and row.verified_at and row.phone_number == number and number)
    pending = row.code_expires_at if row and not verified and row.phone_number == number else None
    return PhoneStatus(phone_number=number, verified=verified, code_expires_at=pending)


def phone_code_send(*, user: User) -> PhoneStatus:
    """Send a new code to the number on the profile (a new code replaces the last one)."""
    number = _profile_number(user)
    if not number:
        message = "Add your mobile number to your profile first."
        raise ApplicationError(message, code="no_phone_number", fields={"phone_number": [message]})
    if phone_verified(user_id=user.pk, phone_number=number):
        return phone_status(user=user)
    code = f"{secrets.randbelow(10**6):06d}"
    minutes = settings.PHONE_CODE_TTL_MINUTES
    expires = timezone.now() + timedelta(minutes=minutes)
    with transaction.atomic():
        PhoneVerification.objects.update_or_create(
            user=user,
            defaults={
                "phone_number": number,
                "code_hash": _hash(user, number, code),
                "code_expires_at": expires,
                "attempts": 0,
                "verified_at": None,
            },
        )
    try:
        sms_send(to=number, body=f"Your MetSkin code is {code}. It expires in {minutes} minutes.")
    except SmsError as exc:
        PhoneVerification.objects.filter(user=user).update(code_hash="", code_expires_at=None)
        raise ApplicationError(
            "We could not send a text to this number just now. Check it, or try again later.",
            code="sms_not_sent",
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        ) from exc
    return PhoneStatus(phone_number=number, verified=False, code_expires_at=expires)


def phone_code_confirm(*, user: User, code: str) -> PhoneStatus:
    """Mark the number verified when ``code`` is the one sent to it, in time."""
    number = _profile_number(user)
    with transaction.atomic():
        row = PhoneVerification.objects.select_for_update().filter(user=user).first()
        error = _why_not(row, user, number, code.strip())
        if row is not None and error is not None and error.code == "wrong_code":
            # Counted in this transaction, raised after it commits.
            row.attempts += 1
            row.save(update_fields=["attempts", "updated_at"])
        elif row is not None and error is None:
            row.verified_at = timezone.now()
            row.code_hash = ""
            row.code_expires_at = None
            row.save(update_fields=["verified_at", "code_hash", "code_expires_at", "updated_at"])
    if error is not None:
        raise error
    return PhoneStatus(phone_number=number, verified=True, code_expires_at=None)


def _why_not(
    row: PhoneVerification | None, user: User, number: str, code: str
) -> ApplicationError | None:
    if row is None or not row.code_hash or row.phone_number != number or not row.code_expires_at:
        return _code_error("no_code", "Ask for a code first.")
    if row.code_expires_at <= timezone.now():
        return _code_error("code_expired", "This code has expired. Ask for a new one.")
    if row.attempts >= settings.PHONE_CODE_MAX_ATTEMPTS:
        return _code_error("too_many_attempts", "Too many wrong codes. Ask for a new one.")
    if not constant_time_compare(row.code_hash, _hash(user, number, code)):
        return _code_error("wrong_code", "That is not the code we sent. Check it and try again.")
    return None


def _code_error(code: str, message: str) -> ApplicationError:
    return ApplicationError(message, code=code, fields={"code": [message]})
