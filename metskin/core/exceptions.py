"""One error shape for the whole API: ``{"error": {"code", "message", "fields"}}``.

Services raise :class:`ApplicationError` for rule violations a person can act on; the
handler below turns it, Django's errors and DRF's errors into that shape, so the front
end and API clients only ever parse one thing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler


class ApplicationError(Exception):
    """A business rule said no. ``message`` is shown to a person as it is."""

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        status_code: int = status.HTTP_400_BAD_REQUEST,
        fields: dict[str, list[str]] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status_code = status_code
        self.fields = fields or {}
        self.extra = extra or {}


def error_body(
    code: str, message: str, fields: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}, **extra}}


def _flatten_fields(detail: Any) -> dict[str, Any]:
    """DRF nests errors as lists of ErrorDetail; keep them as plain strings."""
    if isinstance(detail, dict):
        return {key: _flatten_fields(value) for key, value in detail.items()}
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [str(item) for item in detail]  # type: ignore[return-value]
        return [_flatten_fields(item) for item in detail]  # type: ignore[return-value]
    return str(detail)  # type: ignore[return-value]


def _first_message(fields: dict[str, Any]) -> str | None:
    for value in fields.get("non_field_errors", []):
        return str(value)
    return None


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        refused = Response(
            error_body(exc.code, exc.message, exc.fields, **exc.extra), status=exc.status_code
        )
        if "retry_after_seconds" in exc.extra:
            refused["Retry-After"] = str(exc.extra["retry_after_seconds"])
        return refused
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a real bug: Django's 500 handler logs it
    assert isinstance(exc, exceptions.APIException)

    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten_fields(exc.detail)
        if not isinstance(fields, dict):
            fields = {"non_field_errors": fields}
        message = _first_message(fields) or "Some fields need your attention."
        response.data = error_body("invalid", message, fields)
        return response

    code = exc.get_codes()
    code = code if isinstance(code, str) else exc.default_code
    message = str(exc.detail)
    extra: dict[str, Any] = {}
    wait = getattr(exc, "wait", None)
    if isinstance(exc, exceptions.Throttled) and wait is not None:
        extra["retry_after_seconds"] = int(wait)
        message = f"Too many requests. Try again in {int(wait) + 1} seconds."
    response.data = error_body(code, message, **extra)
    return response
