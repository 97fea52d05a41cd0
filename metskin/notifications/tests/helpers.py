from __future__ import annotations

from datetime import datetime, timedelta

from metskin.accounts.models import User
from metskin.accounts.tests.factories import UserFactory
from metskin.appointments.models import Appointment
from metskin.doctors.tests.factories import DoctorFactory


def patient_with_reminders(**profile) -> User:
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
