"""Helpers for booking tests: a doctor with hours, booking through the API, a doctor's
verified (password + TOTP) portal session."""

from __future__ import annotations

from datetime import UTC, datetime, time

from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from metskin.accounts.models import Role, User
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import sign_in_with_totp, totp_code
from metskin.doctors.models import DoctorProfile
from metskin.doctors.tests.factories import DoctorFactory, weekly

# Monday 1 June 2026, 12:00 UTC = 08:00 in New York.
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
BOOKINGS = "/api/v1/appointments/"


def doctor_with_hours(**overrides) -> DoctorProfile:
    """New York, weekdays 09:00–12:00, in person (30 min) or video (20 min), 12 h notice."""
    values = {"min_notice_hours": 12, "booking_horizon_days": 60, **overrides}
    doctor: DoctorProfile = DoctorFactory.create(**values)
    weekly(doctor, weekdays=range(5), start=time(9), end=time(12), offers="both")
    return doctor


def book(client: APIClient, doctor: DoctorProfile, start: str, **extra):
    body = {
        "doctor": str(doctor.pk),
        "start": start,
        "consultation_type": extra.pop("consultation_type", "in_person"),
        "reason": extra.pop("reason", "A mole on my arm has changed shape."),
        **extra.pop("body", {}),
    }
    return client.post(BOOKINGS, body, format="json", **extra)


def doctor_user_with_device(doctor: DoctorProfile | None = None) -> tuple[User, TOTPDevice]:
    user: User = UserFactory(role=Role.DERMATOLOGIST)  # type: ignore[assignment]
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    if doctor is not None:
        doctor.user = user
        doctor.save(update_fields=["user"])
    return user, device


def verified_client(user: User, device: TOTPDevice) -> APIClient:
    """Signs in as a person would: password, then the code from the app."""
    return sign_in_with_totp(user, device)


def doctor_in_portal(**profile: object) -> tuple[DoctorProfile, APIClient]:
    """A doctor with hours (``profile`` overrides their profile's fields) and their verified
    portal session: the world most portal tests start from."""
    doctor = doctor_with_hours(**profile)
    user, device = doctor_user_with_device(doctor)
    return doctor, verified_client(user, device)


__all__ = ["NOW", "DoctorFactory", "totp_code"]
