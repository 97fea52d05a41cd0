"""Users, their profile and their skin questionnaire."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from metskin.accounts.concerns import CONCERN_LABELS
from metskin.core.models import BaseModel


class Role(models.TextChoices):
    PATIENT = "patient", "Patient"
    DERMATOLOGIST = "dermatologist", "Dermatologist"
    STAFF = "staff", "Staff"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(
            role=Role.STAFF, is_staff=True, is_superuser=True, email_verified_at=timezone.now()
        )
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Signs in with email. ``role`` decides what they see; ``is_staff`` opens the admin."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Stored lower-case by the services, so uniqueness holds whatever the collation.
    email = models.EmailField(unique=True, max_length=254)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PATIENT)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Raised by "sign out everywhere": every session signed in before it stops working
    # (it is part of the session hash below, as the password is).
    session_generation = models.PositiveIntegerField(default=0, editable=False)
    # The person asked to delete the account: it goes at this time unless they sign in
    # again before it (metskin/privacy/deletion.py; docs/adr/0017).
    deletion_scheduled_for = models.DateTimeField(null=True, blank=True, editable=False)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ("email",)
        permissions = [("reset_two_factor", "Can reset a person's two-factor sign-in")]

    def __str__(self) -> str:
        return self.email

    def _session_hash(self, secret: str | bytes | None = None) -> str:
        # Django's own hash (the password) until the first "sign out everywhere", so existing
        # sessions survive the upgrade; after it, the generation is mixed in.
        material = self.password
        if self.session_generation:
            material = f"{self.password}:{self.session_generation}"
        return salted_hmac(
            "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash",
            material,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_session_auth_hash(self) -> str:
        return self._session_hash()

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=fallback_secret)

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT

    @property
    def is_dermatologist(self) -> bool:
        return self.role == Role.DERMATOLOGIST


class AgeRange(models.TextChoices):
    UNDER_18 = "under_18", "Under 18"
    AGE_18_24 = "18_24", "18–24"
    AGE_25_34 = "25_34", "25–34"
    AGE_35_44 = "35_44", "35–44"
    AGE_45_54 = "45_54", "45–54"
    AGE_55_64 = "55_64", "55–64"
    AGE_65_PLUS = "65_plus", "65 or over"


def default_reminder_hours() -> list[int]:
    return [24, 2]


class Profile(BaseModel):
    """What a person tells us about themselves and how they want to hear from us."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(max_length=80, blank=True)
    age_range = models.CharField(max_length=10, choices=AgeRange.choices, blank=True)
    # E.164 (+447911123456), checked with phonenumbers by the services.
    phone_number = models.CharField(max_length=20, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    notify_email = models.BooleanField(default=True, help_text="Reminders by email")
    notify_sms = models.BooleanField(default=False, help_text="Reminders by SMS")
    reminder_hours_before = models.JSONField(default=default_reminder_hours)
    quiet_hours_start = models.TimeField(null=True, blank=True)
    quiet_hours_end = models.TimeField(null=True, blank=True)
    # None: no "time for a new scan" reminders (opt-in).
    rescan_reminder_weeks = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return self.display_name or self.user.email


class SkinType(models.TextChoices):
    OILY = "oily", "Oily"
    DRY = "dry", "Dry"
    COMBINATION = "combination", "Combination"
    NORMAL = "normal", "Normal"


class Sensitivity(models.TextChoices):
    NOT_SENSITIVE = "not_sensitive", "Not sensitive"
    SOMEWHAT = "somewhat", "Somewhat sensitive"
    VERY = "very", "Very sensitive"


class PregnancyStatus(models.TextChoices):
    NO = "no", "No"
    PREGNANT = "pregnant", "Pregnant"
    BREASTFEEDING = "breastfeeding", "Breastfeeding"
    TRYING = "trying", "Trying to conceive"


class SunReaction(models.TextChoices):
    """The Fitzpatrick questionnaire's question: how skin reacts to sun, not its colour."""

    ALWAYS_BURNS = "always_burns", "Always burns, never tans"
    USUALLY_BURNS = "usually_burns", "Usually burns, tans a little"
    SOMETIMES_BURNS = "sometimes_burns", "Sometimes burns, tans gradually"
    RARELY_BURNS = "rarely_burns", "Rarely burns, tans well"
    VERY_RARELY_BURNS = "very_rarely_burns", "Very rarely burns, tans easily"
    NEVER_BURNS = "never_burns", "Never burns"


class MarketCurrency(models.TextChoices):
    GBP = "GBP", "£ (UK)"
    USD = "USD", "$ (US)"
    EUR = "EUR", "€ (euro area)"


class Budget(models.TextChoices):
    ANY = "any", "No preference"
    LOW = "low", "Budget"
    MID = "mid", "Mid-range"
    HIGH = "high", "Premium"


# The concerns a person can report, as (value, label) choices (metskin.accounts.concerns).
SELF_REPORTED_CONCERNS = tuple(CONCERN_LABELS.items())

# Symptoms that on their own call for a dermatologist (recommendations' referral rules).
SYMPTOMS = (
    ("bleeding", "A spot or mole that bleeds"),
    ("itching", "A spot or mole that itches"),
    ("changing_mole", "A mole that changes in size, shape or colour"),
    ("non_healing", "A sore that does not heal"),
)


class SkinProfile(BaseModel):
    """The skin questionnaire: shown beside each analysis, read by recommendations."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="skin_profile")
    skin_type = models.CharField(max_length=12, choices=SkinType.choices, blank=True)
    sensitivity = models.CharField(max_length=16, choices=Sensitivity.choices, blank=True)
    concerns = models.JSONField(default=list, blank=True)
    pregnancy = models.CharField(
        max_length=16, choices=PregnancyStatus.choices, default=PregnancyStatus.NO
    )
    allergies = models.JSONField(default=list, blank=True, help_text="Ingredient names")
    sun_reaction = models.CharField(max_length=20, choices=SunReaction.choices, blank=True)
    # The Fitzpatrick questionnaire (metskin.accounts.fitzpatrick.QUESTIONS): item → choice
    # code. Any subset may be answered; it is scored from what is given.
    fitzpatrick_answers = models.JSONField(default=dict, blank=True)
    symptoms = models.JSONField(default=list, blank=True)
    acne_prone = models.BooleanField(default=False)
    budget = models.CharField(max_length=8, choices=Budget.choices, default=Budget.ANY)
    # Where the person shops: prices are compared and shown in this currency (products of
    # other markets converted by recommendations.engine.prices, which says so).
    currency = models.CharField(
        max_length=3, choices=MarketCurrency.choices, default=MarketCurrency.GBP
    )
    prefers_fragrance_free = models.BooleanField(default=False)
    prefers_vegan = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Skin profile of {self.user}"

    @property
    def pregnant_or_breastfeeding(self) -> bool:
        return self.pregnancy in (PregnancyStatus.PREGNANT, PregnancyStatus.BREASTFEEDING)

    @property
    def is_sensitive(self) -> bool:
        return self.sensitivity in (Sensitivity.SOMEWHAT, Sensitivity.VERY)


class TwoFactorEnrolment(BaseModel):
    """A one-time link to set up an authenticator app, emailed to the account's address.

    Knowing the password is not enough to enrol: whoever enrols must also read the account's
    mail. Only a hash of the link's secret is stored; the newest link retires older ones.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="two_factor_links")
    token_hash = models.CharField(max_length=64, unique=True)
    # Staff who reset the person's two-factor and so issued this link (None: sign-in sent it).
    issued_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    # The key shown when the link is opened (kept so a reload shows the same QR code).
    device = models.ForeignKey(
        "otp_totp.TOTPDevice", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(BaseModel.Meta):
        pass

    def __str__(self) -> str:
        return f"Two-factor set-up link for {self.user}"


class ConsentKind(models.TextChoices):
    TERMS = "terms", "Terms of use"
    HEALTH_DATA = "health_data", "Processing of skin photos and answers as health data"


class Consent(BaseModel):
    """One "I agree" a person gave: what, when, and to which version of the privacy notice.

    Never updated: a newer notice adds rows, so the history of what was agreed stays
    (settings.PRIVACY_NOTICE_VERSION; docs/adr/0017).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=20, choices=ConsentKind.choices)
    notice_version = models.PositiveIntegerField()
    given_at = models.DateTimeField(default=timezone.now)

    class Meta(BaseModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=("user", "kind", "notice_version"), name="one_consent_per_kind_and_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} agreed to {self.kind} v{self.notice_version}"
