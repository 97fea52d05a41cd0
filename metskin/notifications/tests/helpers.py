from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from metskin.accounts.models import User
from metskin.accounts.tests.factories import UserFactory
from metskin.appointments.models import Appointment
from metskin.doctors.tests.factories import DoctorFactory
from metskin.notifications.models import PhoneVerification


def patient_with_reminders(*, phone_verified: bool = True, **profile) -> User:
    """A patient who wants reminders; their number was verified by SMS code unless told."""
    user: User = UserFactory(display_name="Noor")  # type: ignore[assignment]
    values = {
        "phone_number": "+447911123456",
        "notify_email": True,
        "notify_sms": True,
        "time_zone": "Europe/London",
        **profile,
    }
    for field, value in values.items():
        setattr(user.profile, field, value)
    user.profile.save()
    if phone_verified and user.profile.phone_number:
        PhoneVerification.objects.create(
            user=user, phone_number=user.profile.phone_number, verified_at=timezone.now()
        )
    return user


def appointment_at(patient: User, start: datetime, *, booked_at: datetime) -> Appointment:
    appointment = Appointment.objects.create(
        doctor=DoctorFactory.create(),
        patient=patient,
        start=start,
        end=start + timedelta(minutes=30),
        slot_start=start,
        consultation_type="in_person",
        reason="Mole check",
    )
    Appointment.objects.filter(pk=appointment.pk).update(created_at=booked_at)
    appointment.refresh_from_db()
    return appointment
