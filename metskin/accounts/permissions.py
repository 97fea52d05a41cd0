"""Who may use an API view: permissions shared by the apps."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request


class TwoFactorIfRequired(IsAuthenticated):
    """Signed in, and for dermatologists and staff in a session that passed TOTP.

    Patients sign in with a password (session or token) as usual; a doctor's or staff
    member's password-only session or API token is refused, as in the doctor portal.
    """

    message = (
        "Doctors and staff need a two-factor sign-in for this: sign in on the MetSkin "
        "website with the code from your authenticator app."
    )
    code = "two_factor_required"

    def has_permission(self, request: Request, view: Any) -> bool:
        # Imported here: this class is DRF's default permission, which rest_framework.views
        # loads while the apps (and so our models) may still be loading.
        from metskin.accounts.models import User
        from metskin.accounts.two_factor import session_passed_two_factor, user_needs_two_factor

        if not super().has_permission(request, view):
            return False
        user = request.user
        if isinstance(user, User) and user_needs_two_factor(user):
            return session_passed_two_factor(user)
        return True


class UsesTwoFactor(BasePermission):
    """Only for accounts that sign in with two-factor (doctors and staff)."""

    message = "Only doctors and staff sign in with two-factor authentication."
    code = "two_factor_not_used"

    def has_permission(self, request: Request, view: Any) -> bool:
        from metskin.accounts.models import User
        from metskin.accounts.two_factor import user_needs_two_factor

        return isinstance(request.user, User) and user_needs_two_factor(request.user)
