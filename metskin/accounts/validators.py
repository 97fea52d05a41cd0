"""Field checks shared by the services and the serializers."""

from __future__ import annotations

import zoneinfo
from functools import cache

import phonenumbers
from django.core.exceptions import ValidationError


def normalize_phone_number(value: str) -> str:
    """Return ``value`` in E.164 (``+447700900123``) or raise a ValidationError."""
    value = value.strip()
    if not value:
        return ""
    if not value.startswith("+"):
        raise ValidationError(
            "Enter the number in international format, starting with + and the country "
            "code, for example +44 7911 123456."
        )
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError("This is not a valid phone number.") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError("This is not a valid phone number.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in _time_zones():
        raise ValidationError(f"“{value}” is not a time zone we know, e.g. Europe/London.")
