"""Who may use an API view: permissions shared by the apps."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
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


# The writes a patient may still make without consent to the current privacy notice: what it
# takes to give it, to keep the account safe, to take their data and to leave — and the
# withdrawals that stop processing (delete an analysis, stop sharing it, cancel a visit, leave
# a waitlist): refusing those would make saying "no" keep the processing going. URL names
# with their method; tests/test_consent_gate.py checks each still names a route.
WRITES_WITHOUT_CONSENT = frozenset(
    {
        ("accounts:consents", "POST"),
        ("accounts:logout", "POST"),
        ("accounts:sign-out-everywhere", "POST"),
        ("accounts:password-change", "POST"),
        # Contact details and reminder choices: no health data, and how to turn reminders off.
        ("accounts:profile", "PATCH"),
        ("privacy:me", "DELETE"),
        ("privacy:export", "POST"),
        ("analysis:analysis-detail", "DELETE"),
        ("appointments:cancel", "POST"),
        ("appointments:share-remove", "DELETE"),
        ("appointments:waitlist-leave", "DELETE"),
    }
)


class HealthDataConsent(BasePermission):
    """A patient writes nothing that processes their health data without consent to the
    current privacy notice (docs/adr/0017): a newer notice refuses their writes with 403
    ``consent_required`` until they agree at ``consent_url``. Reads stay open, and so do the
    writes in ``WRITES_WITHOUT_CONSENT``. Doctors and staff are not asked (their processing
    is covered by their contracts: accounts/consent.py), so this never refuses them.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        from django.urls import reverse

        from metskin.accounts.consent import consent_required
        from metskin.accounts.models import User
        from metskin.core.exceptions import ApplicationError

        if request.method in SAFE_METHODS or not isinstance(request.user, User):
            return True  # reads, and visitors (whom the other permissions refuse or allow)
        match = request.resolver_match
        if match is not None and (match.view_name, request.method) in WRITES_WITHOUT_CONSENT:
            return True
        if not consent_required(user=request.user):
            return True
        raise ApplicationError(
            "The privacy notice has changed: please read it and give your consent again "
            "before MetSkin processes your skin photos and answers. Until then you can still "
            "read, export or delete your data.",
            code="consent_required",
            status_code=403,
            extra={
                "consent_url": reverse("accounts:consents"),
                "notice_url": reverse("privacy-notice"),
            },
        )
