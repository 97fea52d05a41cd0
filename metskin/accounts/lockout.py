"""What a locked-out sign-in receives (django-axes' AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
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
