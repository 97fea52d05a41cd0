"""Shapes of the booking, directory and portal APIs. Times are ISO 8601 with offsets."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from metskin.analysis.selectors import analysis_viewable_by
from metskin.appointments.directory import SORTS
from metskin.appointments.models import Appointment, AppointmentStatus, WaitlistEntry
from metskin.appointments.services import appointment_change_deadline
from metskin.doctors.models import ConsultationType, DoctorProfile, Specialty
from metskin.doctors.selectors import distance_for
from metskin.doctors.serializers import DoctorSummaryOutput


class AwareDateTimeField(serializers.DateTimeField):
    """ISO 8601 with its UTC offset; a time without one is ambiguous, so it is refused."""

    default_error_messages = {
        "naive": "Give the time with its UTC offset, e.g. 2026-03-09T09:00:00-04:00.",
    }

    def to_internal_value(self, value: Any) -> datetime:
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                self.fail("invalid", format="YYYY-MM-DDThh:mm:ss±hh:mm")
            if parsed.tzinfo is None:
                self.fail("naive")
            return parsed
        self.fail("invalid", format="YYYY-MM-DDThh:mm:ss±hh:mm")


class SlotOutput(serializers.Serializer[Any]):
    start = serializers.CharField(help_text="ISO 8601 with the doctor's UTC offset")
    end = serializers.CharField()
    consultation_type = serializers.ChoiceField(choices=ConsultationType.choices)


class SlotsQuery(serializers.Serializer[Any]):
    # "from" is a Python keyword, so the field is declared below under its real name.
    to = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])
    consultation_type = serializers.ChoiceField(choices=ConsultationType.choices, required=False)

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        fields["from"] = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])
        return fields


class DirectoryQuery(serializers.Serializer[Any]):
    specialty = serializers.SlugRelatedField(
        slug_field="code", queryset=Specialty.objects.all(), required=False
    )
    language = serializers.CharField(max_length=8, required=False)
    consultation_type = serializers.ChoiceField(choices=ConsultationType.choices, required=False)
    near = serializers.CharField(required=False, help_text="lat,lng")
    postcode = serializers.CharField(max_length=20, required=False)
    radius_km = serializers.FloatField(min_value=0.1, max_value=20000, required=False)
    available_by = serializers.DateField(required=False, input_formats=["%Y-%m-%d"])
    sort = serializers.ChoiceField(choices=SORTS, required=False, default="soonest")
    q = serializers.CharField(max_length=100, required=False)
    accepting = serializers.BooleanField(required=False, default=False)

    def validate_near(self, value: str) -> tuple[float, float]:
        try:
            lat_text, lng_text = value.split(",")
            lat, lng = float(lat_text), float(lng_text)
        except ValueError as exc:
            raise serializers.ValidationError("Give near as lat,lng, e.g. 40.71,-74.0.") from exc
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            raise serializers.ValidationError("Latitude is -90..90 and longitude -180..180.")
        return lat, lng

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("sort") == "distance" and not (attrs.get("near") or attrs.get("postcode")):
            raise serializers.ValidationError(
                {"sort": ["Give a location (near or postcode) to sort by distance."]}
            )
        return attrs


class DirectoryEntryOutput(DoctorSummaryOutput):
    distance_km = serializers.SerializerMethodField()
    next_slots = serializers.SerializerMethodField()

    class Meta(DoctorSummaryOutput.Meta):
        fields = (*DoctorSummaryOutput.Meta.fields, "distance_km", "next_slots")
        read_only_fields = fields

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_distance_km(self, doctor: DoctorProfile) -> float | None:
        return distance_for(doctor)

    @extend_schema_field(SlotOutput(many=True))
    def get_next_slots(self, doctor: DoctorProfile) -> list[dict[str, str]]:
        slots = self.context["next_slots"].get(doctor.pk, [])
        return [slot.as_dict() for slot in slots]


def _local(value: datetime, zone_name: str) -> str:
    return value.astimezone(ZoneInfo(zone_name)).isoformat()


class AppointmentDoctorOutput(serializers.ModelSerializer[DoctorProfile]):
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = DoctorProfile
        fields = (
            "id",
            "display_name",
            "clinic_name",
            "address_line",
            "city",
            "region",
            "postcode",
            "country",
            "clinic_phone",
            "time_zone",
        )
        read_only_fields = fields


class AppointmentOutput(serializers.ModelSerializer[Appointment]):
    """What the patient sees (never the doctor's private notes)."""

    doctor = AppointmentDoctorOutput(read_only=True)
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    change_deadline = serializers.SerializerMethodField()
    can_change = serializers.SerializerMethodField()
    shared_analyses = serializers.SerializerMethodField()
    joining_link = serializers.SerializerMethodField(
        help_text="For a video visit: where to join (blank until the doctor sets one)"
    )

    class Meta:
        model = Appointment
        fields: tuple[str, ...] = (
            "id",
            "doctor",
            "start",
            "end",
            "consultation_type",
            "status",
            "reason",
            "offer_expires_at",
            "cancelled_at",
            "cancelled_by",
            "cancel_reason",
            "change_deadline",
            "can_change",
            "shared_analyses",
            "joining_link",
            "created_at",
        )
        read_only_fields: tuple[str, ...] = fields

    def get_joining_link(self, appointment: Appointment) -> str:
        # A cancelled visit has nothing to join.
        if appointment.status == AppointmentStatus.CANCELLED:
            return ""
        return appointment.joining_link

    def get_start(self, appointment: Appointment) -> str:
        return _local(appointment.start, appointment.doctor.time_zone)

    def get_end(self, appointment: Appointment) -> str:
        return _local(appointment.end, appointment.doctor.time_zone)

    def get_change_deadline(self, appointment: Appointment) -> str:
        return _local(appointment_change_deadline(appointment), appointment.doctor.time_zone)

    def get_can_change(self, appointment: Appointment) -> bool:
        if appointment.status == AppointmentStatus.OFFERED:
            return True
        return (
            appointment.status == AppointmentStatus.BOOKED
            and timezone.now() <= appointment_change_deadline(appointment)
        )

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_shared_analyses(self, appointment: Appointment) -> list[str]:
        """The analyses the patient chose to show the doctor for this visit."""
        return [str(analysis.pk) for analysis in appointment.shared_analyses.all()]


class AppointmentBookInput(serializers.Serializer[Any]):
    doctor = serializers.CharField(max_length=64)
    start = AwareDateTimeField()
    consultation_type = serializers.ChoiceField(choices=ConsultationType.choices)
    reason = serializers.CharField(max_length=1000, trim_whitespace=True)
    shared_analyses = serializers.ListField(
        child=serializers.UUIDField(), required=False, default=list, max_length=20
    )


class AppointmentRescheduleInput(serializers.Serializer[Any]):
    start = AwareDateTimeField()
    consultation_type = serializers.ChoiceField(choices=ConsultationType.choices, required=False)


class CancelInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PortalPatientOutput(serializers.Serializer[Any]):
    display_name = serializers.CharField()
    email = serializers.EmailField()


class PortalAppointmentOutput(AppointmentOutput):
    """What the doctor sees: the patient, their reason, what they shared, private notes."""

    patient = serializers.SerializerMethodField()

    class Meta(AppointmentOutput.Meta):
        fields = (*AppointmentOutput.Meta.fields, "patient", "doctor_notes", "video_link")
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_shared_analyses(self, appointment: Appointment) -> list[str]:
        """Only what is still shared with this doctor (the patient may have revoked it)."""
        doctor_user = appointment.doctor.user
        if doctor_user is None:
            return []
        ids = [analysis.pk for analysis in appointment.shared_analyses.all()]
        visible = analysis_viewable_by(user=doctor_user).filter(pk__in=ids)
        return [str(pk) for pk in visible.order_by("created_at").values_list("pk", flat=True)]

    @extend_schema_field(PortalPatientOutput)
    def get_patient(self, appointment: Appointment) -> dict[str, str]:
        patient = appointment.patient
        profile = getattr(patient, "profile", None)
        return {
            "display_name": (profile.display_name if profile else "") or patient.email,
            "email": patient.email,
        }


class PortalStatusInput(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=[AppointmentStatus.COMPLETED, AppointmentStatus.NO_SHOW]
    )


class PortalNotesInput(serializers.Serializer[Any]):
    """Either or both: private notes, this visit's own joining link (blank: the default)."""

    doctor_notes = serializers.CharField(
        max_length=5000, allow_blank=True, trim_whitespace=False, required=False
    )
    video_link = serializers.CharField(max_length=500, allow_blank=True, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError("Send doctor_notes, video_link or both.")
        return attrs


class PortalCancelInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=500)


class WaitlistJoinInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=1000)
    consultation_type = serializers.ChoiceField(
        choices=ConsultationType.choices, required=False, allow_blank=True, default=""
    )


class WaitlistEntryOutput(serializers.ModelSerializer[WaitlistEntry]):
    doctor = AppointmentDoctorOutput(read_only=True)

    class Meta:
        model = WaitlistEntry
        fields = ("id", "doctor", "consultation_type", "reason", "status", "created_at")
        read_only_fields = fields


class ShareAddInput(serializers.Serializer[Any]):
    analyses = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=20)
