"""Who may use the doctor portal: a dermatologist, signed in with their second factor."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from metskin.accounts.models import Role
from metskin.accounts.two_factor import session_passed_two_factor


class IsVerifiedDoctor(BasePermission):
    """A dermatologist with a directory profile whose session passed TOTP (django-otp)."""

    message = "The doctor portal is for dermatologists signed in with two-factor authentication."

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated or user.role != Role.DERMATOLOGIST:
            return False
        if not session_passed_two_factor(user):
            return False
        return hasattr(user, "doctor_profile") and user.doctor_profile is not None
