"""Booking writes: book, reschedule, cancel, mark, notes, the waitlist and its offers.

Every write that reads a doctor's calendar first locks that doctor's row
(``select_for_update``), then the appointment row if there is one — always in that order,
so two writes never wait on each other in a circle. The unique constraint on
(doctor, slot_start) is the backstop. See docs/adr/0008-race-safe-booking.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from rest_framework import status

from metskin.accounts.models import User
from metskin.analysis.models import Analysis
from metskin.analysis.selectors import analysis_list_done
from metskin.analysis.services import analysis_share_grant, analysis_share_revoke
from metskin.appointments.joining_links import link_notices_queue, upcoming_video_visits
from metskin.appointments.models import (
    HOLDING_STATUSES,
    Appointment,
    AppointmentStatus,
    CancelledBy,
    WaitlistEntry,
)
from metskin.appointments.selectors import doctor_free_slots, next_free_slots
from metskin.core.enqueue import enqueue_on_commit
from metskin.core.exceptions import ApplicationError
from metskin.doctors.availability import (
    Slot,
    booking_horizon,
    offered_types,
    slot_within_hours,
)
from metskin.doctors.models import ConsultationType, DoctorProfile
from metskin.doctors.selectors import doctor_get, rules_for_doctors
from metskin.doctors.validators import validate_video_link

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


def _bad_slot(code: str, message: str) -> ApplicationError:
    return ApplicationError(message, code=code, fields={"start": [message]})


def _check_bookable_time(
    doctor: DoctorProfile, start: datetime, consultation_type: str, now: datetime
) -> None:
    """400s that do not depend on other bookings (so they need no lock)."""
    if consultation_type not in offered_types(doctor):
        message = f"{doctor.display_name} does not offer this kind of consultation."
        raise ApplicationError(
            message, code="type_not_offered", fields={"consultation_type": [message]}
        )
    if start <= now:
        raise _bad_slot("slot_in_past", "That time has already passed. Pick a time in the future.")
    if start < now + timedelta(hours=doctor.min_notice_hours):
        raise _bad_slot(
            "too_soon",
            f"{doctor.display_name} needs at least {doctor.min_notice_hours} hours' notice. "
            "Pick a later slot.",
        )
    if start > booking_horizon(doctor, now):
        raise _bad_slot(
            "too_far_ahead",
            f"{doctor.display_name} takes bookings up to {doctor.booking_horizon_days} days "
            "ahead. Pick an earlier slot.",
        )


def _free_slot_at(
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
        raise _bad_slot(
            "slot_unavailable",
            f"{doctor.display_name} does not see patients at that time. "
            "Pick one of the free slots shown.",
        )
    raise SlotTaken(doctor, start, consultation_type)


def _zone(doctor: DoctorProfile) -> ZoneInfo:
    return ZoneInfo(doctor.time_zone)


def _lock_doctor(doctor_id: Any) -> DoctorProfile:
    return DoctorProfile.objects.select_for_update().get(pk=doctor_id)


def _check_patient_free(
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


def _check_live_bookings_cap(patient: User, now: datetime) -> None:
    """At most APPOINTMENT_LIVE_BOOKINGS_MAX upcoming bookings and offers per patient.

    Locks the patient's row first (after the doctor's, the fixed order of docs/adr/0008), so
    two bookings with two different doctors at once cannot both pass the count.
    """
    User.objects.select_for_update().filter(pk=patient.pk).first()
    cap = settings.APPOINTMENT_LIVE_BOOKINGS_MAX
    live = Appointment.objects.filter(
        patient=patient,
        status__in=(AppointmentStatus.BOOKED, AppointmentStatus.OFFERED),
        start__gt=now,
    ).count()
    if live >= cap:
        raise ApplicationError(
            f"You already have {live} upcoming appointments, the most one person can hold at "
            "once. Cancel one you no longer need, or wait until after your next visit.",
            code="too_many_bookings",
            status_code=status.HTTP_409_CONFLICT,
            extra={"limit": cap},
        )


def _full_clean(appointment: Appointment) -> None:
    try:
        appointment.full_clean(exclude=["doctor", "patient"], validate_constraints=False)
    except DjangoValidationError as exc:
        raise ApplicationError(
            "Some fields need your attention.", fields=exc.message_dict, code="invalid"
        ) from exc


def _queue_email(appointment: Appointment, event: str) -> None:
    enqueue_on_commit("appointments.email", str(appointment.pk), event)


def _queue_waitlist_offer(appointment: Appointment) -> None:
    """After a slot is freed, offer it to the next person waiting (after commit)."""
    enqueue_on_commit(
        "appointments.waitlist_offer",
        str(appointment.doctor_id),
        appointment.start.isoformat(),
        appointment.consultation_type,
    )


# --- consent to share analyses ---------------------------------------------------------


def _analyses_to_share(
    patient: User, doctor: DoctorProfile, analysis_ids: Sequence[Any]
) -> list[Analysis]:
    """The patient's own finished analyses with these ids; anything else is a 400."""
    if not analysis_ids:
        return []
    wanted = {str(analysis_id) for analysis_id in analysis_ids}
    found = [a for a in analysis_list_done(user=patient) if str(a.pk) in wanted]
    if len(found) != len(wanted):
        message = "We could not find those finished analyses among yours."
        raise ApplicationError(message, code="invalid", fields={"shared_analyses": [message]})
    if doctor.user is None or not doctor.user.is_active:
        message = (
            f"{doctor.display_name} does not use MetSkin online yet, so analyses cannot be "
            "shared with them. Bring your photos to the appointment instead."
        )
        raise ApplicationError(message, code="cannot_share", fields={"shared_analyses": [message]})
    return found


def _consent_ends_at(appointment: Appointment) -> datetime | None:
    """When the consent given for this appointment ends; None once it has no visit.

    An offer shares only until the offer runs out (accepting it moves the end to the visit);
    a visit shares until APPOINTMENT_SHARE_DAYS_AFTER_VISIT days after it ends, so the doctor
    can write up and follow up, and no longer.
    """
    if appointment.status not in HOLDING_STATUSES:
        return None
    if appointment.status == AppointmentStatus.OFFERED and appointment.offer_expires_at:
        return appointment.offer_expires_at
    return appointment.end + timedelta(days=settings.APPOINTMENT_SHARE_DAYS_AFTER_VISIT)


def appointment_shares_sync(
    *, doctor: DoctorProfile, patient: User, analyses: Sequence[Analysis]
) -> None:
    """Make each analysis's share with this doctor match the appointments that share it.

    The one rule every path goes through (docs/adr/0016): a doctor sees an analysis while at
    least one of this patient's appointments with them that has not been cancelled shares
    it, and only until the latest of those appointments' ends (``_consent_ends_at``). The
    end is stored on the share and checked on every read, so time alone ends it; a write
    that changes an appointment (cancel, expiry, move, delete) calls this to end it now.
    """
    doctor_user = doctor.user
    if doctor_user is None:
        return
    now = timezone.now()
    for analysis in analyses:
        ends = [
            end
            for appointment in Appointment.objects.filter(
                doctor=doctor, patient=patient, shared_analyses=analysis
            )
            if (end := _consent_ends_at(appointment)) is not None and end > now
        ]
        if ends and doctor_user.is_active:
            analysis_share_grant(analysis=analysis, doctor_user=doctor_user, expires_at=max(ends))
        else:
            analysis_share_revoke(analysis=analysis, doctor_user=doctor_user)


def _sync(appointment: Appointment, analyses: Sequence[Analysis] | None = None) -> None:
    if analyses is None:
        analyses = list(appointment.shared_analyses.all())
    appointment_shares_sync(
        doctor=appointment.doctor, patient=appointment.patient, analyses=analyses
    )


def _share(appointment: Appointment, analyses: Sequence[Analysis]) -> None:
    if not analyses:
        return
    appointment.shared_analyses.add(*analyses)
    _sync(appointment, analyses)


def _unshare(appointment: Appointment, analyses: Sequence[Analysis]) -> None:
    """Stop showing these analyses for this appointment; the doctor loses access unless
    another of this patient's appointments with them still shares it."""
    appointment.shared_analyses.remove(*analyses)
    _sync(appointment, analyses)


def _end_consent(appointment: Appointment) -> None:
    """Consent was for this visit: a visit that will not happen shares nothing any more."""
    _unshare(appointment, list(appointment.shared_analyses.all()))


@transaction.atomic
def appointment_share_add(*, appointment: Appointment, analysis_ids: Sequence[Any]) -> Appointment:
    if appointment.status not in (AppointmentStatus.BOOKED, AppointmentStatus.OFFERED):
        raise ApplicationError(
            "Analyses can be shared only with an upcoming appointment.", code="not_changeable"
        )
    analyses = _analyses_to_share(appointment.patient, appointment.doctor, analysis_ids)
    _share(appointment, analyses)
    return appointment


@transaction.atomic
def appointment_share_remove(*, appointment: Appointment, analysis_id: Any) -> Appointment:
    analysis = next(
        (a for a in appointment.shared_analyses.all() if str(a.pk) == str(analysis_id)), None
    )
    if analysis is None:
        raise Http404("This analysis is not shared with this appointment.")
    _unshare(appointment, [analysis])
    return appointment


# --- booking -----------------------------------------------------------------------------


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
    _check_bookable_time(doctor, start, consultation_type, now)
    analyses = _analyses_to_share(patient, doctor, shared_analysis_ids)

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
    doctor = _lock_doctor(doctor.pk)
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
    slot = _free_slot_at(doctor, start, consultation_type, now)
    _check_live_bookings_cap(patient, now)
    _check_patient_free(patient, slot.start, slot.end)
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
    _full_clean(appointment)
    try:
        with transaction.atomic():
            appointment.save(force_insert=True)
    except IntegrityError as exc:
        # The lock makes this unreachable for well-behaved writers; the constraint is
        # the last word if anything ever writes without it.
        raise SlotTaken(doctor, start, consultation_type) from exc
    _share(appointment, analyses)
    _queue_email(appointment, "confirmed")
    return appointment, True


def _lock_appointment(appointment: Appointment) -> tuple[DoctorProfile, Appointment]:
    doctor = _lock_doctor(appointment.doctor_id)
    locked = Appointment.objects.select_for_update().select_related("doctor").get(pk=appointment.pk)
    return doctor, locked


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
    _, appointment = _lock_appointment(appointment)
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
    _end_consent(appointment)
    if by == CancelledBy.DOCTOR or not was_offer:
        _queue_email(appointment, "cancelled")
    if appointment.start > now:
        _queue_waitlist_offer(appointment)
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
    doctor, appointment = _lock_appointment(appointment)
    _check_patient_may_change(appointment, now, "moved")
    if appointment.status != AppointmentStatus.BOOKED:
        raise ApplicationError("Accept the offered slot first.", code="not_changeable")
    kind = consultation_type or appointment.consultation_type
    _check_bookable_time(doctor, start, kind, now)
    if start == appointment.start and kind == appointment.consultation_type:
        raise _bad_slot("same_slot", "That is the time you already have. Pick another slot.")
    slot = _free_slot_at(doctor, start, kind, now, exclude_appointment_id=appointment.pk)
    _check_patient_free(appointment.patient, slot.start, slot.end, appointment.pk)
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
    _full_clean(appointment)
    try:
        with transaction.atomic():
            appointment.save()
    except IntegrityError as exc:
        raise SlotTaken(doctor, start, kind) from exc
    _sync(appointment)  # the share ends counting from the new visit
    _queue_email(appointment, "rescheduled")
    _queue_waitlist_offer(freed)
    return appointment


@transaction.atomic
def appointment_mark(*, appointment: Appointment, status_value: str) -> Appointment:
    """The doctor marks a started appointment completed or a no-show."""
    if status_value not in (AppointmentStatus.COMPLETED, AppointmentStatus.NO_SHOW):
        raise ApplicationError("Mark it completed or no-show.", code="invalid")
    _, appointment = _lock_appointment(appointment)
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
    _sync(appointment)
    return appointment


@transaction.atomic
def appointment_delete(*, appointment: Appointment) -> None:
    """Staff remove a booking (the admin): its shares end with it."""
    _, appointment = _lock_appointment(appointment)
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
    _, appointment = _lock_appointment(appointment)
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


# --- the waitlist --------------------------------------------------------------------------


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
    doctor = _lock_doctor(doctor_id)
    if start - now < timedelta(hours=max(doctor.min_notice_hours, 1)):
        return None
    try:
        slot = _free_slot_at(doctor, start, consultation_type, now)
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
    entry = (
        WaitlistEntry.objects.select_for_update()
        .filter(doctor=doctor, status=WaitlistEntry.Status.WAITING)
        .filter(Q(consultation_type="") | Q(consultation_type=consultation_type))
        .filter(~Exists(busy_then))
        .order_by("created_at")
        .first()
    )
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
    _queue_email(appointment, "offered")
    return appointment


@transaction.atomic
def appointment_offer_accept(*, appointment: Appointment) -> Appointment:
    now = timezone.now()
    _, appointment = _lock_appointment(appointment)
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
    _sync(appointment)  # shared until days after the visit now, not the offer's end
    _queue_email(appointment, "confirmed")
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
            _, appointment = _lock_appointment(appointment)
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
            _end_consent(appointment)
            _queue_waitlist_offer(appointment)
            expired += 1
    return expired
