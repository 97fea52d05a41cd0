"""The second sign-in step for dermatologists and staff: TOTP with django-otp.

A correct password for such a user does not sign them in: it puts their id in the session
as *pending*, and the API answers ``{"otp_required": true}``. A code from their
authenticator app, or one of their backup codes, then completes the sign-in
(``django.contrib.auth.login`` and ``django_otp.login``, so ``request.user.is_verified()``
is true). A user without a confirmed device enrols first through a link emailed to them
(two_factor_enrolment.py). Wrong codes are counted per user in the shared cache;
after OTP_FAILURE_LIMIT the step is locked for OTP_LOCKOUT_MINUTES (and django-otp's own
per-device throttling slows guessing further).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django_otp
from django.conf import settings
from django.contrib.auth import login
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework import status

from metskin.accounts.models import Role, User
from metskin.core.exceptions import ApplicationError

PENDING_SESSION_KEY = "metskin_2fa_pending"
# django-otp's static tokens (StaticToken.random_token): eight base32 characters.
BACKUP_CODE = re.compile(r"[a-z2-7]{8}")
TWO_FACTOR_ROLES = (Role.DERMATOLOGIST, Role.STAFF)


def user_needs_two_factor(user: User) -> bool:
    return user.role in TWO_FACTOR_ROLES or user.is_staff or user.is_superuser


def session_passed_two_factor(user: Any) -> bool:
    """Whether this request's user signed in with their second factor.

    OTPMiddleware adds ``is_verified()`` to session users; users authenticated by an API
    token never have it, so they never pass (doctors and staff cannot get a token).
    """
    is_verified = getattr(user, "is_verified", None)
    return is_verified is not None and bool(is_verified())


def user_has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@dataclass(frozen=True)
class TwoFactorChallenge:
    enrolment_required: bool


def two_factor_challenge_start(*, request: HttpRequest, user: User) -> TwoFactorChallenge:
    """Called after a correct password: remember who is half-way through signing in."""
    request.session.cycle_key()
    request.session[PENDING_SESSION_KEY] = {"user_id": str(user.pk), "at": time.time()}
    return TwoFactorChallenge(enrolment_required=not user_has_confirmed_device(user))


def _expired() -> ApplicationError:
    return ApplicationError(
        "Your sign-in timed out. Enter your email and password again.",
        code="otp_session_expired",
    )


def _pending_user(request: HttpRequest) -> User:
    pending: Any = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pending, dict):
        raise _expired()
    if time.time() - float(pending.get("at", 0)) > settings.OTP_PENDING_SECONDS:
        request.session.pop(PENDING_SESSION_KEY, None)
        raise _expired()
    user = User.objects.filter(pk=str(pending.get("user_id")), is_active=True).first()
    if user is None:
        raise _expired()
    return user


def _failures_key(user: User) -> str:
    return f"otp-failures:{user.pk}"


def _locked_out() -> ApplicationError:
    minutes = settings.OTP_LOCKOUT_MINUTES
    return ApplicationError(
        f"Too many wrong codes. For your safety, sign-in is paused: try again in {minutes} "
        "minutes.",
        code="locked_out",
        status_code=status.HTTP_429_TOO_MANY_REQUESTS,
        extra={"retry_after_seconds": minutes * 60},
    )


def _check_not_locked(user: User) -> None:
    if int(cache.get(_failures_key(user), 0)) >= settings.OTP_FAILURE_LIMIT:
        raise _locked_out()


def _devices_for(user: User, code: str) -> list[TOTPDevice | StaticDevice]:
    """The confirmed devices a code of this shape may match: six digits are from the app, eight
    letters and digits are a backup code. Never an unconfirmed device: those are confirmed
    only through the emailed set-up link (two_factor_enrolment.py)."""
    if BACKUP_CODE.fullmatch(code):
        return list(StaticDevice.objects.filter(user=user, confirmed=True))
    return list(TOTPDevice.objects.filter(user=user, confirmed=True))


def two_factor_code_check(
    *, user: User, token: str, on_lockout: Callable[[], None] | None = None
) -> TOTPDevice | StaticDevice:
    """Check a code from the person's app (or a backup code, used up) and return its device.

    Wrong codes count towards the same lockout as at sign-in, so asking for a code again
    (deleting an account) is no way around it. ``on_lockout`` runs when this code locks out.
    """
    _check_not_locked(user)
    if not user_has_confirmed_device(user):
        raise ApplicationError(
            "Set up your authenticator app first: open the link we emailed you.",
            code="enrolment_required",
        )
    code = "".join(token.split()).lower()
    devices = _devices_for(user, code)
    allowed_devices = [device for device in devices if device.verify_is_allowed()[0]]
    if devices and not allowed_devices:
        # django-otp's throttle: each wrong code doubles the wait before the next try.
        raise ApplicationError(
            "Wait a few seconds, then enter the newest code from your app.",
            code="otp_throttled",
            status_code=status.HTTP_429_TOO_MANY_REQUESTS,
            extra={"retry_after_seconds": 2},
        )
    for device in allowed_devices:
        with transaction.atomic():
            locked = type(device).objects.select_for_update().get(pk=device.pk)
            if locked.verify_token(code):
                cache.delete(_failures_key(user))
                return locked
    cache.add(_failures_key(user), 0, settings.OTP_LOCKOUT_MINUTES * 60)
    failures = cache.incr(_failures_key(user))
    if failures >= settings.OTP_FAILURE_LIMIT:
        if on_lockout is not None:
            on_lockout()
        raise _locked_out()
    message = "That code is not right. Check the time on your phone and try the newest code."
    raise ApplicationError(message, code="invalid_otp", fields={"token": [message]})


def two_factor_verify(*, request: HttpRequest, token: str) -> User:
    """Check a code from the pending user's app (or a backup code); sign them in fully."""
    user = _pending_user(request)
    matched = two_factor_code_check(
        user=user,
        token=token,
        on_lockout=lambda: request.session.pop(PENDING_SESSION_KEY, None),
    )
    request.session.pop(PENDING_SESSION_KEY, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    django_otp.login(request, matched)
    return user
