"""Checks on what doctors type about how patients reach them."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

# Digits with the separators people write; a leading + for the country code.
_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{5,30}$")

# A joining link goes into emails and calendar files: only https, never javascript: or http.
_https_url = URLValidator(schemes=["https"], message="Give the full https:// joining link.")


def validate_clinic_phone(value: str) -> None:
    if value and not _PHONE.match(value):
        raise ValidationError(
            "Give the number as patients should dial it, e.g. +1 212-555-0143.", code="phone"
        )


def validate_video_link(value: str) -> None:
    if value:
        _https_url(value)
