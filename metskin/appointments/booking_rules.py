"""The checks every calendar write makes, and the locks they run under.

Every write that reads a doctor's calendar first locks that doctor's row
(:func:`lock_doctor`), then the appointment row if there is one (:func:`lock_appointment`)
— always in that order, so two writes never wait on each other in a circle. The unique
constraint on (doctor, slot_start) is the backstop. See docs/adr/0008-race-safe-booking.md.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status

from metskin.accounts.models import User
from metskin.appointments.models import HOLDING_STATUSES, Appointment, AppointmentStatus
from metskin.appointments.selectors import doctor_free_slots, next_free_slots
from metskin.core.exceptions import ApplicationError
from metskin.doctors.availability import Slot, booking_horizon, offered_types, slot_within_hours
from metskin.doctors.models import DoctorProfile
from metskin.doctors.selectors import rules_for_doctors

# --- errors a person can act on ----------------------------------------------------------


class SlotTaken(Exception):
    """Raised under the doctor's lock; answered with suggestions once the lock is released."""

    def __init__(self, doctor: DoctorProfile, start: datetime, consultation_type: str) -> None:
        super().__init__("slot taken")
        self.doctor, self.start, self.consultation_type = doctor, start, consultation_type

    def as_error(self) -> ApplicationError:
        return _slot_taken(self.doctor, self.start, self.consultation_type)


def _slot_taken(doctor: DoctorProfile, start: datetime, consultation_type: str) -> ApplicationError:
    suggestions = next_free_slots(
        doctor=doctor,
        consultation_type=consultation_type,
        from_date=start.astimezone(_zone(doctor)).date(),
        after=start,
    )
    return ApplicationError(
        "Someone has just booked that time. Pick another slot: here are the next free ones.",
        code="slot_taken",
        status_code=status.HTTP_409_CONFLICT,
        extra={"next_slots": [slot.as_dict() for slot in suggestions]},
    )


def bad_slot(code: str, message: str) -> ApplicationError:
    return ApplicationError(message, code=code, fields={"start": [message]})


def check_bookable_time(
    doctor: DoctorProfile, start: datetime, consultation_type: str, now: datetime
) -> None:
    """400s that do not depend on other bookings (so they need no lock)."""
    if consultation_type not in offered_types(doctor):
        message = f"{doctor.display_name} does not offer this kind of consultation."
        raise ApplicationError(
            message, code="type_not_offered", fields={"consultation_type": [message]}
        )
    if start <= now:
        raise bad_slot("slot_in_past", "That time has already passed. Pick a time in the future.")
    if start < now + timedelta(hours=doctor.min_notice_hours):
        raise bad_slot(
            "too_soon",
            f"{doctor.display_name} needs at least {doctor.min_notice_hours} hours' notice. "
            "Pick a later slot.",
        )
    if start > booking_horizon(doctor, now):
        raise bad_slot(
            "too_far_ahead",
            f"{doctor.display_name} takes bookings up to {doctor.booking_horizon_days} days "
            "ahead. Pick an earlier slot.",
        )


def free_slot_at(
    doctor: DoctorProfile,
    start: datetime,
    consultation_type: str,
    now: datetime,
    *,
    exclude_appointment_id: Any = None,
) -> Slot:
    """The free slot starting at ``start``, read under the doctor's lock; else a 400/409."""
    day = start.astimezone(_zone(doctor)).date()
    slots = doctor_free_slots(
        doctor=doctor,
        date_from=day,
        date_to=day,
        consultation_type=consultation_type,
        now=now,
        exclude_appointment_id=exclude_appointment_id,
    )
    for slot in slots:
        if slot.start == start:
            return slot
    rules = rules_for_doctors(
        doctor_ids=[doctor.pk], start=start - timedelta(days=1), end=start + timedelta(days=1)
    )[doctor.pk]
    if not slot_within_hours(
        doctor=doctor,
        weekly=rules.weekly,
        exceptions=rules.exceptions,
        start=start,
        consultation_type=consultation_type,
    ):
        raise bad_slot(
            "slot_unavailable",
            f"{doctor.display_name} does not see patients at that time. "
            "Pick one of the free slots shown.",
        )
    raise SlotTaken(doctor, start, consultation_type)


def _zone(doctor: DoctorProfile) -> ZoneInfo:
    return ZoneInfo(doctor.time_zone)


def lock_doctor(doctor_id: Any) -> DoctorProfile:
    return DoctorProfile.objects.select_for_update().get(pk=doctor_id)


def check_patient_free(
    patient: User, start: datetime, end: datetime, exclude_appointment_id: Any = None
) -> None:
    clash = Appointment.objects.filter(
        patient=patient, status__in=HOLDING_STATUSES, start__lt=end, end__gt=start
    )
    if exclude_appointment_id is not None:
        clash = clash.exclude(pk=exclude_appointment_id)
    if clash.exists():
        raise ApplicationError(
            "You already have an appointment at that time. Pick another slot.",
            code="patient_busy",
            status_code=status.HTTP_409_CONFLICT,
        )


def live_bookings_count(patient: User, now: datetime) -> int:
    """The patient's upcoming bookings and offers, counted under a lock of their row.

    Locks the patient's row first (after the doctor's, the fixed order of docs/adr/0008), so
    two bookings or offers with two different doctors at once cannot both pass the cap.
    """
    User.objects.select_for_update().filter(pk=patient.pk).first()
    return Appointment.objects.filter(
        patient=patient,
        status__in=(AppointmentStatus.BOOKED, AppointmentStatus.OFFERED),
        start__gt=now,
    ).count()


def check_live_bookings_cap(patient: User, now: datetime) -> None:
    """At most APPOINTMENT_LIVE_BOOKINGS_MAX upcoming bookings and offers per patient."""
    cap = settings.APPOINTMENT_LIVE_BOOKINGS_MAX
    live = live_bookings_count(patient, now)
    if live >= cap:
        raise ApplicationError(
            f"You already have {live} upcoming appointments, the most one person can hold at "
            "once. Cancel one you no longer need, or wait until after your next visit.",
            code="too_many_bookings",
            status_code=status.HTTP_409_CONFLICT,
            extra={"limit": cap},
        )


def full_clean_or_400(appointment: Appointment) -> None:
    try:
        appointment.full_clean(exclude=["doctor", "patient"], validate_constraints=False)
    except DjangoValidationError as exc:
        raise ApplicationError(
            "Some fields need your attention.", fields=exc.message_dict, code="invalid"
        ) from exc


def lock_appointment(appointment: Appointment) -> tuple[DoctorProfile, Appointment]:
    doctor = lock_doctor(appointment.doctor_id)
    locked = Appointment.objects.select_for_update().select_related("doctor").get(pk=appointment.pk)
    return doctor, locked
