"""The waitlist: join, leave, a freed slot offered to the first person waiting, the offer
accepted or expired. Locks as every calendar write does (booking_rules.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from rest_framework import status

from metskin.accounts.models import User
from metskin.appointments.booking_rules import (
    SlotTaken,
    free_slot_at,
    live_bookings_count,
    lock_appointment,
    lock_doctor,
)
from metskin.appointments.emails import appointment_email_queue
from metskin.appointments.models import (
    HOLDING_STATUSES,
    Appointment,
    AppointmentStatus,
    CancelledBy,
    WaitlistEntry,
)
from metskin.appointments.shares import consent_end, shares_resync
from metskin.core.enqueue import enqueue_on_commit
from metskin.core.exceptions import ApplicationError
from metskin.doctors.availability import offered_types
from metskin.doctors.models import ConsultationType
from metskin.doctors.selectors import doctor_get


def waitlist_offer_queue(appointment: Appointment) -> None:
    """After a slot is freed, offer it to the next person waiting (after commit)."""
    enqueue_on_commit(
        "appointments.waitlist_offer",
        str(appointment.doctor_id),
        appointment.start.isoformat(),
        appointment.consultation_type,
    )


def waitlist_join(
    *, patient: User, doctor_id: Any, reason: str, consultation_type: str = ""
) -> WaitlistEntry:
    doctor = doctor_get(doctor_id=doctor_id)
    if consultation_type and consultation_type not in offered_types(doctor):
        message = f"{doctor.display_name} does not offer this kind of consultation."
        raise ApplicationError(
            message, code="type_not_offered", fields={"consultation_type": [message]}
        )
    entry = WaitlistEntry(
        doctor=doctor, patient=patient, reason=reason.strip(), consultation_type=consultation_type
    )
    try:
        entry.full_clean(exclude=["doctor", "patient"], validate_constraints=False)
    except DjangoValidationError as exc:
        raise ApplicationError(
            "Some fields need your attention.", fields=exc.message_dict, code="invalid"
        ) from exc
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as exc:
        raise ApplicationError(
            f"You are already on {doctor.display_name}'s waitlist.",
            code="already_waiting",
            status_code=status.HTTP_409_CONFLICT,
        ) from exc
    return entry


def waitlist_leave(*, entry: WaitlistEntry) -> None:
    WaitlistEntry.objects.filter(pk=entry.pk, status=WaitlistEntry.Status.WAITING).update(
        status=WaitlistEntry.Status.WITHDRAWN, live=None
    )


@transaction.atomic
def waitlist_offer_freed_slot(
    *, doctor_id: Any, start: datetime, consultation_type: str
) -> Appointment | None:
    """Hold a freed slot for the first person waiting; they have a while to accept it."""
    now = timezone.now()
    doctor = lock_doctor(doctor_id)
    if start - now < timedelta(hours=max(doctor.min_notice_hours, 1)):
        return None
    try:
        slot = free_slot_at(doctor, start, consultation_type, now)
    except (ApplicationError, SlotTaken):
        return None  # taken again, or no longer in the doctor's hours
    # Skip whoever already holds an appointment overlapping the slot. One subquery, so the
    # three conditions apply to the same appointment: exclude() across a many-valued
    # relation would test each on any appointment, and skip someone with a past visit
    # plus a later booking.
    busy_then = Appointment.objects.filter(
        patient=OuterRef("patient"),
        status__in=HOLDING_STATUSES,
        start__lt=slot.end,
        end__gt=slot.start,
    )
    waiting = (
        WaitlistEntry.objects.select_for_update()
        .filter(doctor=doctor, status=WaitlistEntry.Status.WAITING)
        .filter(Q(consultation_type="") | Q(consultation_type=consultation_type))
        .filter(~Exists(busy_then))
        .order_by("created_at")
    )
    # Accepting an offer books without asking again, so the offer itself respects the cap on
    # upcoming bookings and offers (issue 11): whoever holds as many as allowed keeps their
    # place in the queue, and the slot goes to the next person.
    cap = settings.APPOINTMENT_LIVE_BOOKINGS_MAX
    entry = next((e for e in waiting if live_bookings_count(e.patient, now) < cap), None)
    if entry is None:
        return None
    hold = timedelta(hours=settings.WAITLIST_OFFER_HOURS)
    expires = min(now + hold, slot.start - timedelta(hours=doctor.min_notice_hours))
    appointment = Appointment.objects.create(
        doctor=doctor,
        patient=entry.patient,
        start=slot.start,
        end=slot.end,
        slot_start=slot.start,
        consultation_type=consultation_type,
        reason=entry.reason,
        status=AppointmentStatus.OFFERED,
        offer_expires_at=expires,
        # The offer's email says it (a video offer has the doctor's default link).
        joining_link_sent=doctor.default_video_link
        if consultation_type == ConsultationType.VIDEO
        else "",
    )
    entry.status = WaitlistEntry.Status.OFFERED
    entry.offered_appointment = appointment
    entry.save(update_fields=["status", "offered_appointment", "updated_at"])
    appointment_email_queue(appointment, "offered")
    return appointment


@transaction.atomic
def appointment_offer_accept(*, appointment: Appointment) -> Appointment:
    now = timezone.now()
    _, appointment = lock_appointment(appointment)
    if appointment.status != AppointmentStatus.OFFERED:
        raise ApplicationError("There is no offer to accept here.", code="not_changeable")
    if appointment.offer_expires_at is not None and appointment.offer_expires_at <= now:
        raise ApplicationError(
            "This offer has expired and the slot went to the next person. Pick another free slot.",
            code="offer_expired",
        )
    appointment.status = AppointmentStatus.BOOKED
    appointment.offer_expires_at = None
    appointment.sequence += 1
    appointment.joining_link_sent = appointment.joining_link  # the confirmation says it
    appointment.save()
    WaitlistEntry.objects.filter(offered_appointment=appointment).update(
        status=WaitlistEntry.Status.BOOKED, live=None
    )
    shares_resync(appointment)  # shared until days after the visit now, not the offer's end
    appointment_email_queue(appointment, "confirmed")
    return appointment


def waitlist_offers_expire() -> int:
    """Release offers nobody accepted in time, and offer each slot to the next person."""
    expired = 0
    now = timezone.now()
    for appointment_id in Appointment.objects.filter(
        status=AppointmentStatus.OFFERED, offer_expires_at__lte=now
    ).values_list("pk", flat=True):
        with transaction.atomic():
            appointment = Appointment.objects.get(pk=appointment_id)
            _, appointment = lock_appointment(appointment)
            if appointment.status != AppointmentStatus.OFFERED:
                continue
            appointment.status = AppointmentStatus.CANCELLED
            appointment.slot_start = None
            appointment.cancelled_at = now
            appointment.cancelled_by = CancelledBy.SYSTEM
            appointment.cancel_reason = "The offer was not accepted in time."
            appointment.save()
            WaitlistEntry.objects.filter(offered_appointment=appointment).update(
                status=WaitlistEntry.Status.WITHDRAWN, live=None
            )
            consent_end(appointment)
            waitlist_offer_queue(appointment)
            expired += 1
    return expired
