"""Booking writes: book, move, cancel, mark, delete, the doctor's notes and joining link.

Checks and locks are in ``booking_rules.py`` (docs/adr/0008), consent to share analyses in
``shares.py``, the waitlist and its offers in ``waitlist.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from rest_framework import status

from metskin.accounts.models import User
from metskin.analysis.models import Analysis
from metskin.appointments.booking_rules import (
    SlotTaken,
    bad_slot,
    check_bookable_time,
    check_live_bookings_cap,
    check_patient_free,
    free_slot_at,
    full_clean_or_400,
    lock_appointment,
    lock_doctor,
)
from metskin.appointments.emails import appointment_email_queue
from metskin.appointments.joining_links import link_notices_queue, upcoming_video_visits
from metskin.appointments.models import (
    HOLDING_STATUSES,
    Appointment,
    AppointmentStatus,
    CancelledBy,
    WaitlistEntry,
)
from metskin.appointments.shares import (
    analyses_to_share,
    appointment_shares_sync,
    consent_end,
    shares_add,
    shares_resync,
)
from metskin.appointments.waitlist import waitlist_offer_queue
from metskin.core.exceptions import ApplicationError
from metskin.doctors.models import ConsultationType, DoctorProfile
from metskin.doctors.selectors import doctor_get
from metskin.doctors.validators import validate_video_link


def _replay(existing: Appointment, doctor_id: Any, start: datetime, kind: str) -> Appointment:
    if (
        str(existing.doctor_id) != str(doctor_id)
        or existing.start != start
        or (existing.consultation_type != kind)
    ):
        raise ApplicationError(
            "This Idempotency-Key was already used for a different booking. "
            "Use a new key for a new booking.",
            code="idempotency_key_reused",
            status_code=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    return existing


def appointment_book(
    *,
    patient: User,
    doctor_id: Any,
    start: datetime,
    consultation_type: str,
    reason: str,
    shared_analysis_ids: Sequence[Any] = (),
    idempotency_key: str | None = None,
) -> tuple[Appointment, bool]:
    """Book a free slot. Returns (appointment, created); a replayed key returns created=False."""
    now = timezone.now()
    if idempotency_key:
        existing = Appointment.objects.filter(
            patient=patient, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return _replay(existing, doctor_id, start, consultation_type), False
    doctor = doctor_get(doctor_id=doctor_id)
    check_bookable_time(doctor, start, consultation_type, now)
    analyses = analyses_to_share(patient, doctor, shared_analysis_ids)

    try:
        return _book_locked(
            patient=patient,
            doctor=doctor,
            requested_doctor_id=doctor_id,
            start=start,
            consultation_type=consultation_type,
            reason=reason,
            idempotency_key=idempotency_key,
            now=now,
            analyses=analyses,
        )
    except SlotTaken as taken:
        # Suggestions are computed after the rollback, so the lock is held only for the check.
        raise taken.as_error() from None


@transaction.atomic
def _book_locked(
    *,
    patient: User,
    doctor: DoctorProfile,
    requested_doctor_id: Any,
    start: datetime,
    consultation_type: str,
    reason: str,
    idempotency_key: str | None,
    now: datetime,
    analyses: Sequence[Analysis] = (),
) -> tuple[Appointment, bool]:
    """The part of a booking done under the doctor's row lock (docs/adr/0008)."""
    doctor = lock_doctor(doctor.pk)
    if idempotency_key:
        # A twin request with the same key waited on the lock: answer with its booking.
        existing = Appointment.objects.filter(
            patient=patient, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return _replay(existing, requested_doctor_id, start, consultation_type), False
    if (
        not doctor.accepting_new_patients
        and not Appointment.objects.filter(
            doctor=doctor, patient=patient, status__in=HOLDING_STATUSES
        ).exists()
    ):
        raise ApplicationError(
            f"{doctor.display_name} is not taking new patients at the moment. "
            "Join the waitlist, or choose another dermatologist.",
            code="not_accepting",
        )
    slot = free_slot_at(doctor, start, consultation_type, now)
    check_live_bookings_cap(patient, now)
    check_patient_free(patient, slot.start, slot.end)
    appointment = Appointment(
        doctor=doctor,
        patient=patient,
        start=slot.start,
        end=slot.end,
        slot_start=slot.start,
        consultation_type=consultation_type,
        reason=reason.strip(),
        idempotency_key=idempotency_key or None,
        status=AppointmentStatus.BOOKED,
    )
    appointment.joining_link_sent = appointment.joining_link  # the confirmation says it
    full_clean_or_400(appointment)
    try:
        with transaction.atomic():
            appointment.save(force_insert=True)
    except IntegrityError as exc:
        # The lock makes this unreachable for well-behaved writers; the constraint is
        # the last word if anything ever writes without it.
        raise SlotTaken(doctor, start, consultation_type) from exc
    shares_add(appointment, analyses)
    appointment_email_queue(appointment, "confirmed")
    return appointment, True


def _check_patient_may_change(appointment: Appointment, now: datetime, what: str) -> None:
    if appointment.status not in (AppointmentStatus.BOOKED, AppointmentStatus.OFFERED):
        raise ApplicationError(
            f"This appointment is {appointment.get_status_display().lower()}: "
            f"it can no longer be {what}.",
            code="not_changeable",
        )
    cutoff = timedelta(hours=settings.APPOINTMENT_CANCEL_CUTOFF_HOURS)
    if appointment.status == AppointmentStatus.BOOKED and appointment.start - now < cutoff:
        raise ApplicationError(
            f"Appointments can be {what} online up to "
            f"{settings.APPOINTMENT_CANCEL_CUTOFF_HOURS} hours before they start. "
            "Please call the clinic.",
            code="too_late",
        )


def appointment_change_deadline(appointment: Appointment) -> datetime:
    return appointment.start - timedelta(hours=settings.APPOINTMENT_CANCEL_CUTOFF_HOURS)


@transaction.atomic
def appointment_cancel(*, appointment: Appointment, by: str, reason: str = "") -> Appointment:
    """The patient (before the cutoff) or the doctor (any time, with a reason) cancels."""
    now = timezone.now()
    _, appointment = lock_appointment(appointment)
    if by == CancelledBy.PATIENT:
        _check_patient_may_change(appointment, now, "cancelled")
    else:
        if not reason.strip():
            message = "Tell the patient why you cancel."
            raise ApplicationError(message, code="invalid", fields={"reason": [message]})
        if appointment.status not in (AppointmentStatus.BOOKED, AppointmentStatus.OFFERED):
            raise ApplicationError(
                f"This appointment is {appointment.get_status_display().lower()}.",
                code="not_changeable",
            )
    was_offer = appointment.status == AppointmentStatus.OFFERED
    appointment.status = AppointmentStatus.CANCELLED
    appointment.slot_start = None
    appointment.cancelled_at = now
    appointment.cancelled_by = by
    appointment.cancel_reason = reason.strip()[:500]
    appointment.sequence += 1
    appointment.save()
    if was_offer:
        WaitlistEntry.objects.filter(offered_appointment=appointment).update(
            status=WaitlistEntry.Status.WITHDRAWN, live=None
        )
    consent_end(appointment)
    if by == CancelledBy.DOCTOR or not was_offer:
        appointment_email_queue(appointment, "cancelled")
    if appointment.start > now:
        waitlist_offer_queue(appointment)
    return appointment


def appointment_reschedule(
    *, appointment: Appointment, start: datetime, consultation_type: str | None = None
) -> Appointment:
    try:
        return _reschedule_locked(
            appointment=appointment, start=start, consultation_type=consultation_type
        )
    except SlotTaken as taken:
        raise taken.as_error() from None


@transaction.atomic
def _reschedule_locked(
    *, appointment: Appointment, start: datetime, consultation_type: str | None
) -> Appointment:
    now = timezone.now()
    doctor, appointment = lock_appointment(appointment)
    _check_patient_may_change(appointment, now, "moved")
    if appointment.status != AppointmentStatus.BOOKED:
        raise ApplicationError("Accept the offered slot first.", code="not_changeable")
    kind = consultation_type or appointment.consultation_type
    check_bookable_time(doctor, start, kind, now)
    if start == appointment.start and kind == appointment.consultation_type:
        raise bad_slot("same_slot", "That is the time you already have. Pick another slot.")
    slot = free_slot_at(doctor, start, kind, now, exclude_appointment_id=appointment.pk)
    check_patient_free(appointment.patient, slot.start, slot.end, appointment.pk)
    freed = Appointment(
        doctor_id=appointment.doctor_id,
        start=appointment.start,
        consultation_type=appointment.consultation_type,
    )
    appointment.start, appointment.end = slot.start, slot.end
    appointment.slot_start = slot.start
    appointment.consultation_type = kind
    appointment.sequence += 1
    appointment.joining_link_sent = appointment.joining_link  # the move's email says it
    full_clean_or_400(appointment)
    try:
        with transaction.atomic():
            appointment.save()
    except IntegrityError as exc:
        raise SlotTaken(doctor, start, kind) from exc
    shares_resync(appointment)  # the share ends counting from the new visit
    appointment_email_queue(appointment, "rescheduled")
    waitlist_offer_queue(freed)
    return appointment


@transaction.atomic
def appointment_mark(*, appointment: Appointment, status_value: str) -> Appointment:
    """The doctor marks a started appointment completed or a no-show."""
    if status_value not in (AppointmentStatus.COMPLETED, AppointmentStatus.NO_SHOW):
        raise ApplicationError("Mark it completed or no-show.", code="invalid")
    _, appointment = lock_appointment(appointment)
    if appointment.status not in (
        AppointmentStatus.BOOKED,
        AppointmentStatus.COMPLETED,
        AppointmentStatus.NO_SHOW,
    ):
        raise ApplicationError(
            f"This appointment is {appointment.get_status_display().lower()}.",
            code="not_changeable",
        )
    if appointment.start > timezone.now():
        raise ApplicationError(
            "This appointment has not started yet: mark it once it has.", code="not_started"
        )
    appointment.status = status_value
    appointment.save(update_fields=["status", "updated_at"])
    shares_resync(appointment)
    return appointment


@transaction.atomic
def appointment_delete(*, appointment: Appointment) -> None:
    """Staff remove a booking (the admin): its shares end with it."""
    _, appointment = lock_appointment(appointment)
    analyses = list(appointment.shared_analyses.all())
    doctor, patient = appointment.doctor, appointment.patient
    appointment.delete()
    appointment_shares_sync(doctor=doctor, patient=patient, analyses=analyses)


@transaction.atomic
def appointment_notes_update(
    *, appointment: Appointment, doctor_notes: str | None = None, video_link: str | None = None
) -> Appointment:
    """The doctor's own fields: private notes and this visit's joining link (blank: the
    default from their profile). A new link bumps SEQUENCE so calendars take it, and the
    patient of an upcoming visit is told it (joining_links.py)."""
    _, appointment = lock_appointment(appointment)
    link_before = appointment.joining_link
    values: dict[str, Any] = {"updated_at": timezone.now()}
    if doctor_notes is not None:
        values["doctor_notes"] = doctor_notes
    if video_link is not None:
        video_link = video_link.strip()
        try:
            validate_video_link(video_link)
        except DjangoValidationError as exc:
            raise ApplicationError(
                exc.messages[0], code="invalid", fields={"video_link": exc.messages}
            ) from exc
        if video_link and appointment.consultation_type != ConsultationType.VIDEO:
            message = "Only a video visit has a joining link."
            raise ApplicationError(message, code="invalid", fields={"video_link": [message]})
        if video_link != appointment.video_link:
            values["video_link"] = video_link
            values["sequence"] = F("sequence") + 1
    Appointment.objects.filter(pk=appointment.pk).update(**values)
    appointment.refresh_from_db()
    if (
        appointment.joining_link != link_before
        and upcoming_video_visits(pk=appointment.pk).exists()
    ):
        link_notices_queue([appointment.pk])
    return appointment
