"""Shapes of the directory and schedule APIs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import serializers

from metskin.doctors.models import (
    AvailabilityException,
    DoctorProfile,
    Language,
    Specialty,
    WeeklyAvailability,
)


class SpecialtyOutput(serializers.ModelSerializer[Specialty]):
    class Meta:
        model = Specialty
        fields = ("code", "name")


class LanguageOutput(serializers.ModelSerializer[Language]):
    class Meta:
        model = Language
        fields = ("code", "name")


class DoctorSummaryOutput(serializers.ModelSerializer[DoctorProfile]):
    display_name = serializers.CharField(read_only=True)
    specialties = SpecialtyOutput(many=True, read_only=True)
    languages = LanguageOutput(many=True, read_only=True)

    class Meta:
        model = DoctorProfile
        fields: tuple[str, ...] = (
            "id",
            "display_name",
            "title",
            "first_name",
            "last_name",
            "credentials",
            "board_certified",
            "specialties",
            "languages",
            "clinic_name",
            "address_line",
            "city",
            "region",
            "postcode",
            "country",
            "clinic_phone",
            "latitude",
            "longitude",
            "time_zone",
            "offers_in_person",
            "offers_video",
            "fee_amount",
            "fee_currency",
            "accepting_new_patients",
            "rating",
            "rating_count",
            "change_cutoff_hours",
        )
        read_only_fields: tuple[str, ...] = fields

    # Said next to slots that start sooner: a booking inside it cannot be moved or cancelled
    # online, so the patient is warned before booking one.
    change_cutoff_hours = serializers.SerializerMethodField(
        help_text="Bookings can be moved or cancelled online until this many hours before"
    )

    def get_change_cutoff_hours(self, doctor: DoctorProfile) -> int:
        return int(settings.APPOINTMENT_CANCEL_CUTOFF_HOURS)


class DoctorDetailOutput(DoctorSummaryOutput):
    # Said in the consent text when booking (docs/adr/0016): the same for every doctor.
    share_days_after_visit = serializers.SerializerMethodField(
        help_text="Analyses shared for a visit stay visible this many days after it ends"
    )

    class Meta(DoctorSummaryOutput.Meta):
        fields = (
            *DoctorSummaryOutput.Meta.fields,
            "licence_number",
            "npi",
            "board_certification",
            "bio",
            "slot_minutes_in_person",
            "slot_minutes_video",
            "min_notice_hours",
            "booking_horizon_days",
            "share_days_after_visit",
        )
        read_only_fields = fields

    def get_share_days_after_visit(self, doctor: DoctorProfile) -> int:
        return int(settings.APPOINTMENT_SHARE_DAYS_AFTER_VISIT)


class WeeklyAvailabilitySerializer(serializers.ModelSerializer[WeeklyAvailability]):
    class Meta:
        model = WeeklyAvailability
        fields = ("weekday", "start_time", "end_time", "offers")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["start_time"] >= attrs["end_time"]:
            raise serializers.ValidationError({"end_time": ["End after the start."]})
        return attrs


class ScheduleSerializer(serializers.Serializer[Any]):
    """The doctor's whole weekly schedule and slot settings, replaced in one PUT."""

    time_zone = serializers.CharField(read_only=True)
    weekly = WeeklyAvailabilitySerializer(many=True)
    slot_minutes_in_person = serializers.IntegerField(min_value=5, max_value=240)
    slot_minutes_video = serializers.IntegerField(min_value=5, max_value=240)
    buffer_minutes = serializers.IntegerField(min_value=0, max_value=120)
    min_notice_hours = serializers.IntegerField(min_value=0, max_value=24 * 30)
    booking_horizon_days = serializers.IntegerField(min_value=1, max_value=365)


class PortalProfileSerializer(serializers.Serializer[Any]):
    """What a doctor edits about how patients reach them; each field optional on PATCH."""

    clinic_phone = serializers.CharField(max_length=32, allow_blank=True, required=False)
    default_video_link = serializers.CharField(max_length=500, allow_blank=True, required=False)


class TimeOffInput(serializers.Serializer[Any]):
    """Local dates and times in the doctor's zone; a whole day when times are left out."""

    kind = serializers.ChoiceField(
        choices=AvailabilityException.Kind.choices, default=AvailabilityException.Kind.TIME_OFF
    )
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    start_time = serializers.TimeField(required=False, allow_null=True)
    end_time = serializers.TimeField(required=False, allow_null=True)
    offers = serializers.ChoiceField(
        choices=WeeklyAvailability.Offers.choices, default=WeeklyAvailability.Offers.BOTH
    )
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class TimeOffOutput(serializers.ModelSerializer[AvailabilityException]):
    class Meta:
        model = AvailabilityException
        fields = ("id", "kind", "starts_at", "ends_at", "offers", "note")
        read_only_fields = fields
