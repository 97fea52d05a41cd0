"""Account writes: sign-up, verification, sign-in, passwords, profile and skin profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from knox.models import AuthToken
from rest_framework import status

from metskin.accounts.consent import consent_check_given, consent_record
from metskin.accounts.email_budget import account_email_allowed, account_email_spend
from metskin.accounts.lockout import (
    account_failure_record,
    account_lockout_check,
    account_lockout_clear,
    lockout_error,
)
from metskin.accounts.models import Profile, Role, SkinProfile, User
from metskin.accounts.sign_out import user_sign_out_everywhere
from metskin.accounts.tokens import (
    TokenExpired,
    TokenInvalid,
    make_email_verification_token,
    read_email_verification_token,
)
from metskin.accounts.two_factor import (
    TwoFactorChallenge,
    two_factor_challenge_start,
    user_needs_two_factor,
)
from metskin.accounts.two_factor_enrolment import two_factor_enrolment_link_send
from metskin.core.emails import send_templated_email, site_link
from metskin.core.exceptions import ApplicationError

# Re-exported: other apps (privacy's account deletion) sign a person out everywhere from here.
__all__ = ["user_sign_out_everywhere"]

STAFF_GROUP = "MetSkin staff"
# Staff curate products, content and the directory; they never edit accounts' secrets.
STAFF_APP_LABELS = ("catalog", "education", "doctors", "appointments", "notifications")


def normalize_email(email: str) -> str:
    return email.strip().lower()


def _email_taken() -> ApplicationError:
    message = "An account with this email already exists. Sign in, or reset your password."
    return ApplicationError(message, code="email_taken", fields={"email": [message]})


def _check_password_strength(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise ApplicationError(
            exc.messages[0], code="weak_password", fields={"password": list(exc.messages)}
        ) from exc


def staff_group_ensure() -> Group:
    """The staff group, with every permission on the content apps (kept up to date)."""
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=STAFF_APP_LABELS)
    group.permissions.add(*permissions)
    # They see accounts and may reset a lost authenticator (logged; the new set-up link goes to
    # the person's own address, so a reset never hands the account to the staff member).
    accounts = Permission.objects.filter(
        content_type__app_label="accounts", codename__in=("view_user", "reset_two_factor")
    )
    group.permissions.add(*accounts)
    # Who has seen whose data (privacy.AccessRecord): read-only evidence, never changed.
    access_log = Permission.objects.filter(
        content_type__app_label="privacy", codename="view_accessrecord"
    )
    group.permissions.add(*access_log)
    return group


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str,
    role: str = Role.PATIENT,
    display_name: str = "",
    verified: bool = False,
    consented: bool = False,
) -> User:
    """Create a user with a profile and an empty skin profile; ``consented``: they agreed to
    the terms and health-data processing of the current notice (recorded with the time)."""
    email = normalize_email(email)
    if role not in Role.values:
        raise ApplicationError(f"Unknown role “{role}”.", code="invalid", fields={"role": [role]})
    if User.objects.filter(email=email).exists():
        raise _email_taken()
    user = User(
        email=email,
        role=role,
        is_staff=role == Role.STAFF,
        email_verified_at=timezone.now() if verified else None,
    )
    try:
        user.full_clean(exclude=["password"])
    except DjangoValidationError as exc:
        raise ApplicationError(
            "Enter a valid email address.", fields=exc.message_dict, code="invalid"
        ) from exc
    _check_password_strength(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # two sign-ups with one address at the same moment
        raise _email_taken() from exc
    Profile.objects.create(user=user, display_name=display_name.strip())
    SkinProfile.objects.create(user=user)
    if role == Role.STAFF:
        user.groups.add(staff_group_ensure())
    if consented:
        consent_record(user=user)
    return user


def verification_email_send(*, user: User) -> None:
    token = make_email_verification_token(user_id=str(user.id), email=user.email)
    link = site_link(f"/verify-email?token={token}")
    days = settings.EMAIL_VERIFICATION_MAX_AGE // 86400
    send_templated_email(
        to=user.email,
        subject="Confirm your email for MetSkin",
        template="emails/verify_email",
        context={"user": user, "link": link, "days": days},
    )


def user_signup(
    *,
    email: str,
    password: str,
    display_name: str,
    accept_terms: bool,
    health_data_consent: bool,
) -> User:
    consent_check_given(accept_terms=accept_terms, health_data_consent=health_data_consent)
    user = user_create(email=email, password=password, display_name=display_name, consented=True)
    if account_email_allowed(user.email):
        transaction.on_commit(lambda: verification_email_send(user=user))
    return user


def verification_email_resend(*, email: str) -> None:
    """Silent whatever the address, so the endpoint does not reveal who has an account."""
    email = normalize_email(email)
    account_email_spend(email)
    user = User.objects.filter(email=email, is_active=True).first()
    if user is not None and not user.email_verified:
        verification_email_send(user=user)


def email_verify(*, token: str) -> User:
    try:
        claim = read_email_verification_token(token)
    except TokenExpired as exc:
        raise ApplicationError(
            "This verification link has expired. Enter your email to get a new one.",
            code="token_expired",
        ) from exc
    except TokenInvalid as exc:
        raise ApplicationError(
            "This verification link is not valid. Check that you opened the whole link "
            "from the email.",
            code="token_invalid",
        ) from exc
    user = User.objects.filter(pk=claim.user_id, email=claim.email).first()
    if user is None:
        raise ApplicationError(
            "This verification link is no longer valid for any account.", code="token_invalid"
        )
    # A conditional update: only the first use of a link verifies; a second is "used".
    verified = User.objects.filter(pk=user.pk, email_verified_at__isnull=True).update(
        email_verified_at=timezone.now()
    )
    if not verified:
        raise ApplicationError(
            "This link was already used: your email is verified, so you can sign in.",
            code="token_used",
        )
    user.refresh_from_db()
    return user


def user_authenticate(*, request: HttpRequest, email: str, password: str) -> User:
    """Check credentials, counting failures for django-axes' lockout (per email and client)
    and for the account's own limit (per email, from any client)."""
    email = normalize_email(email)
    account_lockout_check(email)
    try:
        user = authenticate(request, email=email, password=password)
    except AxesBackendPermissionDenied as exc:
        raise lockout_error() from exc
    if user is None or not isinstance(user, User):
        if account_failure_record(email):
            raise lockout_error()
        raise ApplicationError(
            "That email and password do not match an account. Check them and try again.",
            code="invalid_credentials",
        )
    if not user.email_verified:
        raise ApplicationError(
            "Please confirm your email first: open the link we sent you. "
            "No email? Ask for a new link below.",
            code="email_not_verified",
            status_code=status.HTTP_403_FORBIDDEN,
        )
    if user.deletion_scheduled_for is not None:
        # Signing in again within the grace period keeps the account (docs/adr/0017).
        User.objects.filter(pk=user.pk).update(deletion_scheduled_for=None)
        user.deletion_scheduled_for = None
    return user


def user_login(*, request: HttpRequest, email: str, password: str) -> User | TwoFactorChallenge:
    """Patients are signed in; dermatologists and staff get a second step (two_factor.py)."""
    user = user_authenticate(request=request, email=email, password=password)
    if user_needs_two_factor(user):
        challenge = two_factor_challenge_start(request=request, user=user)
        if challenge.enrolment_required:
            # Not enrolled yet: the set-up link goes to the account's (verified) address, so
            # the password alone never lets anyone add their own authenticator.
            two_factor_enrolment_link_send(user=user)
        return challenge
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return user


def user_logout(*, request: HttpRequest, token: AuthToken | None = None) -> None:
    """End this session, or revoke the API token this request came with."""
    if token is not None:
        token.delete()
    logout(request)


@dataclass(frozen=True)
class IssuedToken:
    token: str  # shown once: only its hash is stored
    expires_at: datetime


@transaction.atomic
def auth_token_obtain(*, request: HttpRequest, email: str, password: str) -> IssuedToken:
    user = user_authenticate(request=request, email=email, password=password)
    if user_needs_two_factor(user):
        # A token would skip the second factor: doctors and staff sign in on the web.
        raise ApplicationError(
            "Doctors and staff sign in on the MetSkin website with two-factor authentication; "
            "API tokens are for patients' apps.",
            code="two_factor_required",
            status_code=status.HTTP_403_FORBIDDEN,
        )
    User.objects.select_for_update().filter(pk=user.pk).first()  # one issue at a time per user
    live = AuthToken.objects.filter(user=user).order_by("-created")
    retired = list(live.values_list("digest", flat=True)[settings.API_TOKEN_LIMIT_PER_USER - 1 :])
    AuthToken.objects.filter(digest__in=retired).delete()
    instance, token = AuthToken.objects.create(user=user)
    return IssuedToken(token=token, expires_at=instance.expiry)


def password_reset_request(*, email: str) -> None:
    """Email a reset link if the account exists; silent either way (no account probing)."""
    email = normalize_email(email)
    account_email_spend(email)
    user = User.objects.filter(email=email, is_active=True).first()
    if user is None:
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = site_link(f"/reset-password?uid={uid}&token={token}")
    minutes = settings.PASSWORD_RESET_TIMEOUT // 60
    send_templated_email(
        to=user.email,
        subject="Reset your MetSkin password",
        template="emails/password_reset",
        context={"user": user, "link": link, "minutes": minutes},
    )


@transaction.atomic
def password_reset_confirm(*, uid: str, token: str, new_password: str) -> User:
    invalid = ApplicationError(
        "This reset link has expired or was already used. Ask for a new one.",
        code="token_invalid",
    )
    try:
        user_id = force_str(urlsafe_base64_decode(uid))
        user = User.objects.select_for_update().get(pk=user_id, is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist, DjangoValidationError):
        raise invalid from None
    if not default_token_generator.check_token(user, token):
        raise invalid
    _check_password_strength(new_password, user)
    user.set_password(new_password)
    # Opening the emailed link proves the address too.
    user.email_verified_at = user.email_verified_at or timezone.now()
    user.save(update_fields=["password", "email_verified_at"])
    # A reset means the old password may be known to someone else: revoke API tokens.
    AuthToken.objects.filter(user=user).delete()
    # Whoever opened the emailed link owns the account: guesses by others no longer lock it.
    account_lockout_clear(user.email)
    return user


def password_recheck(*, user: User, password: str, field: str, message: str) -> None:
    """Ask a signed-in person for their password again (before a change or a deletion).

    A wrong answer counts towards the account's sign-in lockout, and a paused account answers
    429 here too: a session left open on a shared computer is no place to guess the password
    without limit."""
    email = normalize_email(user.email)
    account_lockout_check(email)
    if password and user.check_password(password):
        return
    if account_failure_record(email):
        raise lockout_error()
    raise ApplicationError(message, code="wrong_password", fields={field: [message]})


def password_change(
    *, request: HttpRequest, user: User, old_password: str, new_password: str
) -> None:
    password_recheck(
        user=user,
        password=old_password,
        field="old_password",
        message="Your current password is not right.",
    )
    _check_password_strength(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    # Keep this session signed in; every other session of this user is signed out, and
    # API tokens (made with the old password) are revoked.
    update_session_auth_hash(request, user)
    AuthToken.objects.filter(user=user).delete()


def _apply(instance: Profile | SkinProfile, data: dict[str, Any]) -> None:
    for field, value in data.items():
        setattr(instance, field, value)
    try:
        instance.full_clean(exclude=["user"])
    except DjangoValidationError as exc:
        raise ApplicationError(
            "Some fields need your attention.", fields=exc.message_dict, code="invalid"
        ) from exc
    instance.save()


@transaction.atomic
def profile_update(*, user: User, data: dict[str, Any]) -> Profile:
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
    _apply(profile, data)
    return profile


@transaction.atomic
def skin_profile_update(*, user: User, data: dict[str, Any]) -> SkinProfile:
    skin_profile, _ = SkinProfile.objects.select_for_update().get_or_create(user=user)
    age_range = data.pop("age_range", None)
    _apply(skin_profile, data)
    if age_range is not None:
        profile_update(user=user, data={"age_range": age_range})
    return skin_profile
