"""Directory writes: a doctor's weekly schedule, slot settings and time off."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from metskin.core.exceptions import ApplicationError
from metskin.doctors.availability import local_instant
from metskin.doctors.models import AvailabilityException, DoctorProfile, WeeklyAvailability

SLOT_SETTINGS = (
    "slot_minutes_in_person",
    "slot_minutes_video",
    "buffer_minutes",
    "min_notice_hours",
    "booking_horizon_days",
)
MAX_TIME_OFF_DAYS = 366
# How far from today time off may lie: beyond this it is a typo, and near the calendar's
# ends (year 1, year 9999) it cannot even be turned into instants.
TIME_OFF_PAST_DAYS = 366
TIME_OFF_AHEAD_DAYS = 2 * 366


def _invalid(exc: DjangoValidationError) -> ApplicationError:
    return ApplicationError(
        "Some fields need your attention.", fields=exc.message_dict, code="invalid"
    )


def _check_no_overlap(rules: list[dict[str, Any]]) -> None:
    by_day: dict[int, list[dict[str, Any]]] = {}
    for rule in rules:
        by_day.setdefault(rule["weekday"], []).append(rule)
    for day_rules in by_day.values():
        day_rules.sort(key=lambda rule: rule["start_time"])
        for before, after in itertools.pairwise(day_rules):
            if after["start_time"] < before["end_time"]:
                message = "Two blocks on the same day overlap. Merge them or move one."
                raise ApplicationError(message, code="invalid", fields={"weekly": [message]})


@transaction.atomic
def schedule_update(
    *, doctor: DoctorProfile, weekly: list[dict[str, Any]], **slot_settings: int
) -> DoctorProfile:
    """Replace the weekly schedule and slot settings. Existing bookings stay as they are."""
    doctor = DoctorProfile.objects.select_for_update().get(pk=doctor.pk)
    _check_no_overlap(weekly)
    for name in SLOT_SETTINGS:
        if name in slot_settings:
            setattr(doctor, name, slot_settings[name])
    try:
        doctor.full_clean()
    except DjangoValidationError as exc:
        raise _invalid(exc) from exc
    doctor.save()
    doctor.weekly.all().delete()
    rules = [WeeklyAvailability(doctor=doctor, **rule) for rule in weekly]
    for rule in rules:
        try:
            rule.full_clean(exclude=["doctor"])
        except DjangoValidationError as exc:
            raise _invalid(exc) from exc
    WeeklyAvailability.objects.bulk_create(rules)
    return doctor


def _check_time_off_dates(start_date: date, end_date: date, today: date) -> None:
    """400s for the days themselves, checked before any date arithmetic can overflow."""
    if end_date < start_date:
        message = "The last day must be on or after the first."
        raise ApplicationError(message, code="invalid", fields={"end_date": [message]})
    if (end_date - start_date).days > MAX_TIME_OFF_DAYS:
        message = "Add at most a year at a time."
        raise ApplicationError(message, code="invalid", fields={"end_date": [message]})
    if (start_date - today).days < -TIME_OFF_PAST_DAYS:
        message = "The first day can be at most a year ago. Check the year."
        raise ApplicationError(message, code="invalid", fields={"start_date": [message]})
    if (end_date - today).days > TIME_OFF_AHEAD_DAYS:
        message = "Time off can be planned up to two years ahead. Check the year."
        raise ApplicationError(message, code="invalid", fields={"end_date": [message]})


def time_off_add(
    *,
    doctor: DoctorProfile,
    start_date: date,
    end_date: date,
    start_time: time | None = None,
    end_time: time | None = None,
    kind: str = AvailabilityException.Kind.TIME_OFF,
    offers: str = WeeklyAvailability.Offers.BOTH,
    note: str = "",
) -> AvailabilityException:
    """Time off or extra hours from local dates/times in the doctor's zone.

    Without times, time off covers whole days: from the start of ``start_date`` to the end
    of ``end_date`` (midnight to midnight in the doctor's zone, whatever the clocks do).
    """
    zone = ZoneInfo(doctor.time_zone)
    _check_time_off_dates(start_date, end_date, timezone.now().astimezone(zone).date())
    if (start_time is None) != (end_time is None):
        message = "Give both times, or neither for whole days."
        raise ApplicationError(message, code="invalid", fields={"end_time": [message]})
    if start_time is None or end_time is None:
        if kind == AvailabilityException.Kind.EXTRA_HOURS:
            message = "Extra hours need a start and an end time."
            raise ApplicationError(message, code="invalid", fields={"start_time": [message]})
        starts_at = local_instant(start_date, time(0), zone)
        ends_at = local_instant(end_date + timedelta(days=1), time(0), zone)
    else:
        starts_at = local_instant(start_date, start_time, zone)
        ends_at = local_instant(end_date, end_time, zone)
    exception = AvailabilityException(
        doctor=doctor, kind=kind, starts_at=starts_at, ends_at=ends_at, offers=offers, note=note
    )
    if starts_at >= ends_at:
        message = "The end must be after the start."
        raise ApplicationError(message, code="invalid", fields={"end_time": [message]})
    try:
        exception.full_clean(exclude=["doctor"])
    except DjangoValidationError as exc:
        raise _invalid(exc) from exc
    exception.save()
    return exception


def time_off_remove(*, doctor: DoctorProfile, exception_id: Any) -> None:
    try:
        deleted, _ = AvailabilityException.objects.filter(doctor=doctor, pk=exception_id).delete()
    except DjangoValidationError:  # not even an id
        deleted = 0
    if not deleted:
        raise Http404("No such time off.")


def doctor_contact_update(
    *, doctor: DoctorProfile, clinic_phone: str | None = None, default_video_link: str | None = None
) -> DoctorProfile:
    """The clinic's phone and the default joining link of video visits; None leaves a field."""
    if clinic_phone is not None:
        doctor.clinic_phone = clinic_phone.strip()
    if default_video_link is not None:
        doctor.default_video_link = default_video_link.strip()
    try:
        doctor.full_clean()
    except DjangoValidationError as exc:
        raise _invalid(exc) from exc
    doctor.save(update_fields=["clinic_phone", "default_video_link", "updated_at"])
    return doctor
