"""What a locked-out sign-in receives (django-axes' AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from metskin.core.exceptions import error_body


def lockout_message() -> str:
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return (
        "Too many failed sign-in attempts. For your safety, sign-in is paused: "
        f"try again in {minutes} minutes, or reset your password."
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = JsonResponse(
        error_body("locked_out", lockout_message(), retry_after_seconds=seconds), status=429
    )
    response["Retry-After"] = str(seconds)
    return response
