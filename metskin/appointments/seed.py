"""Demo booking: the demo patient has an upcoming appointment with the demo dermatologist."""

from __future__ import annotations

from typing import Any

from metskin.accounts.models import User
from metskin.analysis.selectors import analysis_latest_done
from metskin.appointments.models import Appointment, AppointmentStatus
from metskin.appointments.next_free import next_free_refresh
from metskin.appointments.selectors import next_free_slots
from metskin.appointments.shares import appointment_share_add
from metskin.doctors.models import DoctorProfile
from metskin.doctors.seed import DEMO_DOCTOR_SLUG

DEMO_PATIENT_EMAIL = "demo@metskin.example"


def seed_demo(*, stdout: Any) -> None:
    _demo_booking(stdout)
    # The directory orders doctors by their stored next free slot: fill it now, not at
    # beat's first run.
    next_free_refresh()


def _demo_booking(stdout: Any) -> None:
    patient = User.objects.filter(email=DEMO_PATIENT_EMAIL).first()
    doctor = DoctorProfile.objects.filter(slug=DEMO_DOCTOR_SLUG).first()
    if patient is None or doctor is None:
        return
    if Appointment.objects.filter(
        patient=patient, doctor=doctor, status=AppointmentStatus.BOOKED
    ).exists():
        return
    slots = next_free_slots(doctor=doctor, count=1, consultation_type="in_person")
    if not slots:
        return
    slot = slots[0]
    appointment = Appointment.objects.create(
        doctor=doctor,
        patient=patient,
        start=slot.start,
        end=slot.end,
        slot_start=slot.start,
        consultation_type=slot.consultation_type,
        reason="A mole on my shoulder looks darker than last year.",
    )
    # The demo patient shares their latest analysis, so the portal shows one.
    latest = analysis_latest_done(user=patient)
    if latest is not None and doctor.user is not None:
        appointment_share_add(appointment=appointment, analysis_ids=[latest.pk])
    stdout.write(f"Booked a demo appointment with {doctor.display_name}")
