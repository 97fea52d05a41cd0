"""Booking reads: free slots (the doctor's rules minus bookings), the directory's soonest
slots, and appointments seen by their patient or their doctor."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from metskin.accounts.models import User
from metskin.appointments.models import (
    HOLDING_STATUSES,
    Appointment,
    AppointmentStatus,
    WaitlistEntry,
)
from metskin.core.exceptions import ApplicationError
from metskin.doctors.availability import Interval, Slot, booking_horizon, generate_slots
from metskin.doctors.models import DoctorProfile
from metskin.doctors.selectors import rules_for_doctors


def busy_intervals(
    *,
    doctor_ids: Sequence[Any],
    start: datetime,
    end: datetime,
    exclude_appointment_id: Any = None,
) -> dict[Any, list[Interval]]:
    """Every slot-holding booking of these doctors that touches [start, end)."""
    appointments = Appointment.objects.filter(
        doctor_id__in=doctor_ids,
        status__in=HOLDING_STATUSES,
        start__lt=end,
        end__gt=start,
    )
    if exclude_appointment_id is not None:
        appointments = appointments.exclude(pk=exclude_appointment_id)
    busy: dict[Any, list[Interval]] = defaultdict(list)
    for doctor_id, busy_start, busy_end in appointments.values_list("doctor_id", "start", "end"):
        busy[doctor_id].append(Interval(busy_start, busy_end))
    return busy


def _day_span(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """An absolute window that covers [date_from, date_to] in every time zone."""
    start = datetime.combine(date_from, datetime.min.time()).replace(tzinfo=ZoneInfo("UTC"))
    end = datetime.combine(date_to, datetime.min.time()).replace(tzinfo=ZoneInfo("UTC"))
    # Zones run from UTC-12 to UTC+14: a day of margin each side covers all of them.
    return start - timedelta(days=1), end + timedelta(days=2)


def free_slots_for_doctors(
    *,
    doctors: Sequence[DoctorProfile],
    date_from: date,
    date_to: date,
    consultation_type: str | None = None,
    now: datetime | None = None,
    exclude_appointment_id: Any = None,
) -> dict[Any, list[Slot]]:
    """Free slots per doctor, in three queries whatever the number of doctors."""
    now = now or timezone.now()
    ids = [doctor.pk for doctor in doctors]
    span_start, span_end = _day_span(date_from, date_to)
    rules = rules_for_doctors(doctor_ids=ids, start=span_start, end=span_end)
    busy = busy_intervals(
        doctor_ids=ids,
        start=span_start,
        end=span_end,
        exclude_appointment_id=exclude_appointment_id,
    )
    return {
        doctor.pk: generate_slots(
            doctor=doctor,
            weekly=rules[doctor.pk].weekly,
            exceptions=rules[doctor.pk].exceptions,
            busy=busy.get(doctor.pk, []),
            date_from=date_from,
            date_to=date_to,
            now=now,
            consultation_type=consultation_type,
        )
        for doctor in doctors
    }


def doctor_free_slots(
    *,
    doctor: DoctorProfile,
    date_from: date,
    date_to: date,
    consultation_type: str | None = None,
    now: datetime | None = None,
    exclude_appointment_id: Any = None,
) -> list[Slot]:
    return free_slots_for_doctors(
        doctors=[doctor],
        date_from=date_from,
        date_to=date_to,
        consultation_type=consultation_type,
        now=now,
        exclude_appointment_id=exclude_appointment_id,
    )[doctor.pk]


def local_today(doctor: DoctorProfile, now: datetime) -> date:
    return now.astimezone(ZoneInfo(doctor.time_zone)).date()


#: The most days the slots API lists at once.
MAX_SLOT_RANGE_DAYS = 31


def slot_dates_check(
    *, doctor: DoctorProfile, date_from: date | None, date_to: date | None
) -> tuple[date, date]:
    """The days of free slots to list (dates in the doctor's zone), checked against the
    booking window before any date arithmetic; raises ApplicationError naming the field.

    The first day must lie between yesterday (a client's clock or zone may be a little
    behind) and the doctor's booking horizon; a range that runs past the horizon is cut
    there, so a week straddling it still lists the days that can be booked.
    """
    now = timezone.now()
    today = local_today(doctor, now)
    earliest = today - timedelta(days=1)
    latest = local_today(doctor, booking_horizon(doctor, now))
    date_from = date_from or today
    if not earliest <= date_from <= latest:
        message = (
            f"{doctor.display_name} takes bookings up to {doctor.booking_horizon_days} days "
            f"ahead: pick a first day from {earliest.isoformat()} to {latest.isoformat()}."
        )
        raise ApplicationError(message, code="invalid", fields={"from": [message]})
    date_to = date_to or date_from + timedelta(days=13)
    if date_to < date_from:
        message = "“to” must be on or after “from”."
        raise ApplicationError(message, code="invalid", fields={"to": [message]})
    if (date_to - date_from).days >= MAX_SLOT_RANGE_DAYS:
        message = f"Ask for at most {MAX_SLOT_RANGE_DAYS} days at a time."
        raise ApplicationError(message, code="invalid", fields={"to": [message]})
    return date_from, min(date_to, latest)


def next_free_slots(
    *,
    doctor: DoctorProfile,
    count: int = 5,
    consultation_type: str | None = None,
    from_date: date | None = None,
    after: datetime | None = None,
    now: datetime | None = None,
) -> list[Slot]:
    """The soonest free slots (from ``after`` on), looking DIRECTORY_SOONEST_DAYS ahead."""
    now = now or timezone.now()
    start = max(from_date or local_today(doctor, now), local_today(doctor, now))
    end = start + timedelta(days=settings.DIRECTORY_SOONEST_DAYS)
    slots = doctor_free_slots(
        doctor=doctor,
        date_from=start,
        date_to=end,
        consultation_type=consultation_type,
        now=now,
    )
    if after is not None:
        slots = [slot for slot in slots if slot.start >= after]
    return slots[:count]


# --- appointments as their patient and their doctor see them ---------------------------


def _get(appointments: QuerySet[Appointment], appointment_id: Any) -> Appointment:
    """The same 404 for "does not exist", "not yours" and "not even an id"."""
    try:
        return (
            appointments.select_related("doctor__user", "patient__profile")
            .prefetch_related("shared_analyses")
            .get(pk=appointment_id)
        )
    except (Appointment.DoesNotExist, ValueError, TypeError, DjangoValidationError) as exc:
        raise Http404("No such appointment.") from exc


def appointment_get_for_patient(*, user: User, appointment_id: Any) -> Appointment:
    return _get(Appointment.objects.filter(patient=user), appointment_id)


def appointment_get_for_doctor(*, user: User, appointment_id: Any) -> Appointment:
    return _get(Appointment.objects.filter(doctor__user=user), appointment_id)


def appointment_get_for_viewer(*, user: User, appointment_id: Any) -> Appointment:
    """Its patient, or its doctor."""
    from django.db.models import Q

    return _get(Appointment.objects.filter(Q(patient=user) | Q(doctor__user=user)), appointment_id)


def appointment_list_for_patient(
    *, user: User, upcoming: bool | None = None
) -> QuerySet[Appointment]:
    appointments = (
        Appointment.objects.filter(patient=user)
        .select_related("doctor")
        .prefetch_related("shared_analyses")
    )
    now = timezone.now()
    if upcoming is True:
        appointments = appointments.filter(
            end__gte=now, status__in=(AppointmentStatus.BOOKED, AppointmentStatus.OFFERED)
        )
    elif upcoming is False:
        appointments = appointments.exclude(
            end__gte=now, status__in=(AppointmentStatus.BOOKED, AppointmentStatus.OFFERED)
        ).order_by("-start")
    return appointments


def portal_appointments(
    *, doctor: DoctorProfile, when: str, now: datetime | None = None
) -> QuerySet[Appointment]:
    """``today`` (the doctor's today), ``upcoming`` (after today) or ``past``."""
    now = now or timezone.now()
    zone = ZoneInfo(doctor.time_zone)
    today = now.astimezone(zone).date()
    day_start = datetime.combine(today, datetime.min.time()).replace(tzinfo=zone)
    day_end = datetime.combine(today + timedelta(days=1), datetime.min.time()).replace(tzinfo=zone)
    appointments = (
        Appointment.objects.filter(doctor=doctor)
        .select_related("patient__profile", "doctor__user")
        .prefetch_related("shared_analyses")
    )
    if when == "today":
        return appointments.filter(start__gte=day_start, start__lt=day_end)
    if when == "upcoming":
        return appointments.filter(start__gte=day_end).exclude(status=AppointmentStatus.CANCELLED)
    return appointments.filter(start__lt=day_start).order_by("-start")


def waitlist_for_patient(*, patient: User) -> QuerySet[WaitlistEntry]:
    """The patient's live waitlist entries, with their doctors."""
    return WaitlistEntry.objects.filter(patient=patient, live=True).select_related("doctor")


def waitlist_entry_get_for_patient(*, patient: User, entry_id: Any) -> WaitlistEntry:
    """One of the patient's live waitlist entries; 404 for anything else."""
    try:
        return WaitlistEntry.objects.get(patient=patient, live=True, pk=entry_id)
    except (WaitlistEntry.DoesNotExist, DjangoValidationError) as exc:
        raise Http404("No such waitlist entry.") from exc
