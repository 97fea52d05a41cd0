"""Input and output shapes of the account APIs (kept apart from the rules in services)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from metskin.accounts import fitzpatrick as fitz
from metskin.accounts.consent import consent_required
from metskin.accounts.models import (
    SELF_REPORTED_CONCERNS,
    SYMPTOMS,
    AgeRange,
    Consent,
    Profile,
    SkinProfile,
    User,
)
from metskin.accounts.validators import normalize_phone_number, validate_time_zone

MAX_REMINDERS = 4
MAX_REMINDER_HOURS = 7 * 24


class UserOutput(serializers.ModelSerializer[User]):
    display_name = serializers.CharField(source="profile.display_name", read_only=True)
    consent_required = serializers.SerializerMethodField(
        help_text="The privacy notice changed (or was never agreed to): the person must "
        "agree to it again (POST /api/v1/me/consents/) before using the app."
    )

    class Meta:
        model = User
        fields = (
            "id",
            "email",
            "role",
            "display_name",
            "email_verified",
            "is_staff",
            "consent_required",
        )
        read_only_fields = fields

    def get_consent_required(self, user: User) -> bool:
        return consent_required(user=user)


class ConsentInput(serializers.Serializer[Any]):
    accept_terms = serializers.BooleanField(
        help_text="I accept the terms of use and have read the privacy notice."
    )
    health_data_consent = serializers.BooleanField(
        help_text="I explicitly consent to MetSkin processing my skin photos and answers, "
        "which are health data, to analyse my skin."
    )


class ConsentOutput(serializers.ModelSerializer[Consent]):
    class Meta:
        model = Consent
        fields = ("kind", "notice_version", "given_at")
        read_only_fields = fields


class ConsentStatusOutput(serializers.Serializer[Any]):
    notice_version = serializers.IntegerField()
    consent_required = serializers.BooleanField()
    consents = ConsentOutput(many=True)
    deletion_grace_days = serializers.IntegerField(
        help_text="A deleted account goes this many days after the request."
    )


class ProfileSerializer(serializers.ModelSerializer[Profile]):
    email = serializers.EmailField(source="user.email", read_only=True)
    role = serializers.CharField(source="user.role", read_only=True)
    reminder_hours_before = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_REMINDER_HOURS),
        max_length=MAX_REMINDERS,
        required=False,
    )

    class Meta:
        model = Profile
        fields = (
            "email",
            "role",
            "display_name",
            "age_range",
            "phone_number",
            "time_zone",
            "notify_email",
            "notify_sms",
            "reminder_hours_before",
            "quiet_hours_start",
            "quiet_hours_end",
            "rescan_reminder_weeks",
        )
        extra_kwargs = {"rescan_reminder_weeks": {"min_value": 1, "max_value": 52}}

    def validate_phone_number(self, value: str) -> str:
        try:
            return normalize_phone_number(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc

    def validate_time_zone(self, value: str) -> str:
        try:
            validate_time_zone(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return value

    def validate_reminder_hours_before(self, value: list[int]) -> list[int]:
        return sorted(set(value), reverse=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        instance = self.instance
        start = attrs.get("quiet_hours_start", getattr(instance, "quiet_hours_start", None))
        end = attrs.get("quiet_hours_end", getattr(instance, "quiet_hours_end", None))
        if (start is None) != (end is None):
            raise serializers.ValidationError(
                {"quiet_hours_end": ["Give both the start and the end of your quiet hours."]}
            )
        if start is not None and start == end:
            raise serializers.ValidationError(
                {"quiet_hours_end": ["Quiet hours must end at a different time than they start."]}
            )
        phone = attrs.get("phone_number", getattr(instance, "phone_number", ""))
        if attrs.get("notify_sms", getattr(instance, "notify_sms", False)) and not phone:
            raise serializers.ValidationError(
                {"phone_number": ["Add a mobile number to get reminders by SMS."]}
            )
        return attrs


class PhototypeSchema(serializers.Serializer[Any]):
    """The Fitzpatrick type from the questionnaire (or the one sun question)."""

    fitzpatrick = serializers.ChoiceField(choices=fitz.ROMAN)
    fitzpatrick_range = serializers.ListField(
        child=serializers.ChoiceField(choices=fitz.ROMAN), min_length=2, max_length=2
    )
    answered = serializers.IntegerField(help_text="Questions answered")
    of = serializers.IntegerField(help_text="Questions in the questionnaire")


class FitzpatrickChoiceOutput(serializers.Serializer[Any]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label


class FitzpatrickQuestionOutput(serializers.Serializer[Any]):
    key = serializers.CharField()
    question = serializers.CharField()
    choices = FitzpatrickChoiceOutput(many=True, help_text="Scored 0 to 4, in this order")


class SkinProfileSerializer(serializers.ModelSerializer[SkinProfile]):
    fitzpatrick_answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True, allow_null=True),
        required=False,
        help_text="The Fitzpatrick questionnaire: question key → choice code (see "
        "GET /api/v1/profile/skin/fitzpatrick-questions/). Any subset; null or blank clears "
        "an answer. Unknown keys or choices: 400 naming the key.",
    )
    fitzpatrick = serializers.SerializerMethodField()
    concerns = serializers.ListField(
        child=serializers.ChoiceField(choices=SELF_REPORTED_CONCERNS),
        required=False,
        max_length=len(SELF_REPORTED_CONCERNS),
    )
    symptoms = serializers.ListField(
        child=serializers.ChoiceField(choices=SYMPTOMS), required=False, max_length=len(SYMPTOMS)
    )
    allergies = serializers.ListField(
        child=serializers.CharField(max_length=100, trim_whitespace=True),
        required=False,
        max_length=50,
        help_text="Ingredient names (INCI or common names) you react to.",
    )
    age_range = serializers.ChoiceField(
        choices=AgeRange.choices, source="user.profile.age_range", required=False, allow_blank=True
    )

    class Meta:
        model = SkinProfile
        fields = (
            "skin_type",
            "sensitivity",
            "concerns",
            "pregnancy",
            "allergies",
            "sun_reaction",
            "fitzpatrick_answers",
            "fitzpatrick",
            "symptoms",
            "acne_prone",
            "age_range",
            "budget",
            "currency",
            "prefers_fragrance_free",
            "prefers_vegan",
            "updated_at",
        )
        read_only_fields = ("updated_at",)

    @extend_schema_field(PhototypeSchema(allow_null=True))
    def get_fitzpatrick(self, skin: SkinProfile) -> dict[str, object] | None:
        scored = fitz.from_profile(skin.fitzpatrick_answers, skin.sun_reaction)
        return scored.to_dict() if scored is not None else None

    def validate_fitzpatrick_answers(self, value: dict[str, str | None]) -> dict[str, str]:
        errors: dict[str, list[str]] = {}
        kept: dict[str, str] = {}
        for key, code in value.items():
            if key not in fitz.QUESTIONS:
                errors[key] = ["Not a question of the phototype questionnaire."]
            elif code in (None, ""):
                continue  # cleared
            elif code not in dict(fitz.QUESTIONS[key][1]):
                errors[key] = [f"“{code}” is not one of this question's choices."]
            else:
                kept[key] = str(code)
        if errors:
            raise serializers.ValidationError(errors)
        return kept

    def validate_concerns(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    def validate_symptoms(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    def validate_allergies(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(item for item in value if item))

    def to_service_data(self) -> dict[str, Any]:
        data = dict(self.validated_data)
        user_data = data.pop("user", {})
        if "profile" in user_data:
            data["age_range"] = user_data["profile"]["age_range"]
        return data


class SignupInput(ConsentInput):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)
    display_name = serializers.CharField(max_length=80, required=False, allow_blank=True)


class CredentialsInput(serializers.Serializer[Any]):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


class EmailInput(serializers.Serializer[Any]):
    email = serializers.EmailField(max_length=254)


class TokenInput(serializers.Serializer[Any]):
    token = serializers.CharField(max_length=1000)


class TokenOutput(serializers.Serializer[Any]):
    token = serializers.CharField(help_text="Shown once: MetSkin keeps only its hash")
    expires_at = serializers.DateTimeField(help_text="After this, ask for a new token")


class PasswordResetConfirmInput(serializers.Serializer[Any]):
    uid = serializers.CharField(max_length=200)
    token = serializers.CharField(max_length=200)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False)


class PasswordChangeInput(serializers.Serializer[Any]):
    old_password = serializers.CharField(max_length=128, trim_whitespace=False)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False)


class MessageOutput(serializers.Serializer[Any]):
    detail = serializers.CharField()


class OtpChallengeOutput(serializers.Serializer[Any]):
    """A correct password of a doctor or staff member: the code from their app comes next."""

    otp_required = serializers.BooleanField()
    enrolment_required = serializers.BooleanField()


class OtpTokenInput(serializers.Serializer[Any]):
    token = serializers.RegexField(
        r"^\s*(\d{3}\s?\d{3}|[A-Za-z2-7]{4}\s?[A-Za-z2-7]{4})\s*$",
        max_length=12,
        help_text="The 6-digit code from the authenticator app, or an 8-character backup code",
    )


class EnrolmentConfirmInput(serializers.Serializer[Any]):
    token = serializers.CharField(max_length=100, help_text="From the emailed set-up link")
    code = serializers.RegexField(r"^\s*\d{3}\s?\d{3}\s*$", max_length=8)


class BackupCodesOutput(serializers.Serializer[Any]):
    backup_codes = serializers.ListField(
        child=serializers.CharField(), help_text="Shown once; each signs in once"
    )


class BackupCodesStatusOutput(serializers.Serializer[Any]):
    remaining = serializers.IntegerField()


class OtpEnrolmentOutput(serializers.Serializer[Any]):
    email = serializers.EmailField(help_text="The account being set up")
    secret = serializers.CharField(help_text="Base32 key to type into an authenticator app")
    otpauth_url = serializers.CharField()
    qr_svg_data_uri = serializers.CharField()
