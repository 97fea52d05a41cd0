"""What a locked-out sign-in receives (django-axes' AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

import hashlib
import math
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework import status

from metskin.core.exceptions import ApplicationError, error_body


def lockout_message() -> str:
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return (
        "Too many failed sign-in attempts. For your safety, sign-in is paused: "
        f"try again in {minutes} minutes, or reset your password."
    )


def lockout_error() -> ApplicationError:
    """The error a locked-out sign-in gets, from the service and from axes' callable alike."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    return ApplicationError(
        lockout_message(),
        code="locked_out",
        status_code=status.HTTP_429_TOO_MANY_REQUESTS,
        extra={"retry_after_seconds": seconds},
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    error = lockout_error()
    response = JsonResponse(
        error_body(error.code, error.message, error.fields, **error.extra),
        status=error.status_code,
    )
    response["Retry-After"] = str(error.extra["retry_after_seconds"])
    return response


# --- every address at once: failures per account ------------------------------------------
# axes locks (email, address); an attacker with many addresses guesses on. This counter, in
# the shared cache, pauses an account after SIGNIN_ACCOUNT_FAILURE_LIMIT failures from
# anywhere within the cool-off. Its owner gets back in by resetting the password by email.


def _account_key(email: str) -> str:
    return "signin-account-failures:" + hashlib.sha256(email.encode()).hexdigest()


def account_lockout_check(email: str) -> None:
    if int(cache.get(_account_key(email), 0)) >= settings.SIGNIN_ACCOUNT_FAILURE_LIMIT:
        raise lockout_error()


def account_failure_record(email: str) -> bool:
    """Count a failed sign-in to ``email``; True when that paused the account."""
    key = _account_key(email)
    cache.add(key, 0, int(settings.AXES_COOLOFF_TIME.total_seconds()))
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, int(settings.AXES_COOLOFF_TIME.total_seconds()))
        failures = 1
    return failures >= settings.SIGNIN_ACCOUNT_FAILURE_LIMIT


def account_lockout_clear(email: str) -> None:
    cache.delete(_account_key(email))
