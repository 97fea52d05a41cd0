"""Slot generation: a doctor's weekly hours and exceptions → bookable slots.

Everything is computed in the doctor's own time zone with ``zoneinfo`` and returned as
ISO 8601 with the offset of the day. The rules:

- A weekly block ``09:00–12:00`` means wall-clock time on each date; its ends are turned
  into absolute instants, and slots step through absolute time from the start. So on the
  spring-forward day a night block 00:00–04:00 is three real hours long, and on the
  fall-back day four hours plus the repeated one; a wall time that does not exist (02:30
  on a spring-forward night) starts at the instant after the gap, as zoneinfo maps it.
- A slot lasts the doctor's length for its consultation type; the next one starts after
  the buffer. A slot must end inside its block.
- Time off removes every slot that overlaps it; extra hours add a block.
- A slot that overlaps a busy interval (a booking, with the buffer on both sides) is gone.
- Slots earlier than ``now + minimum notice`` or later than ``now + horizon`` are gone.

Slots carry UTC instants and the doctor's zone; ``as_dict`` gives ISO 8601 in that zone.

This module is pure: it reads nothing from the database, so the same code answers the
directory, the slot picker and the booking check (appointments passes the busy times).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from metskin.doctors.models import (
    AvailabilityException,
    ConsultationType,
    DoctorProfile,
    WeeklyAvailability,
)


@dataclass(frozen=True)
class Slot:
    """``start``/``end`` are UTC: aware datetimes in one zone compare by wall time, which is
    wrong on the fall-back day (01:30 EDT == 01:30 EST to Python), so only UTC is compared."""

    start: datetime
    end: datetime
    consultation_type: str
    time_zone: str

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(ZoneInfo(self.time_zone))

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(ZoneInfo(self.time_zone))

    def as_dict(self) -> dict[str, str]:
        return {
            "start": self.local_start.isoformat(),
            "end": self.local_end.isoformat(),
            "consultation_type": self.consultation_type,
        }


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class _Block:
    start: datetime  # UTC
    end: datetime  # UTC
    consultation_types: tuple[str, ...]


def local_instant(day: date, wall_time: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time on a date in ``zone``.

    fold=0: an ambiguous time (the repeated hour when clocks go back) is its first
    occurrence; a time skipped when clocks go forward lands just after the gap.
    """
    return datetime.combine(day, wall_time).replace(tzinfo=zone).astimezone(UTC)


def slot_minutes(doctor: DoctorProfile, consultation_type: str) -> int:
    if consultation_type == ConsultationType.VIDEO:
        return doctor.slot_minutes_video
    return doctor.slot_minutes_in_person


def booking_horizon(doctor: DoctorProfile, now: datetime) -> datetime:
    """The latest start a booking may have: the doctor's horizon from ``now`` (the one place
    it is computed; the slot list, booking and the slots API all use it)."""
    return now + timedelta(days=doctor.booking_horizon_days)


def offered_types(doctor: DoctorProfile) -> tuple[str, ...]:
    types: list[str] = []
    if doctor.offers_in_person:
        types.append(ConsultationType.IN_PERSON)
    if doctor.offers_video:
        types.append(ConsultationType.VIDEO)
    return tuple(types)


def _blocks(
    *,
    zone: ZoneInfo,
    weekly: Sequence[WeeklyAvailability],
    extra_hours: Sequence[AvailabilityException],
    date_from: date,
    date_to: date,
) -> list[_Block]:
    by_weekday: dict[int, list[WeeklyAvailability]] = {}
    for rule in weekly:
        by_weekday.setdefault(rule.weekday, []).append(rule)
    blocks = []
    day = date_from
    while day <= date_to:
        for rule in by_weekday.get(day.weekday(), ()):
            start = local_instant(day, rule.start_time, zone)
            end = local_instant(day, rule.end_time, zone)
            if start < end:
                blocks.append(_Block(start, end, rule.consultation_types()))
        day += timedelta(days=1)
    for extra in extra_hours:
        local_day = extra.starts_at.astimezone(zone).date()
        if date_from <= local_day <= date_to:
            types = WeeklyAvailability(offers=extra.offers).consultation_types()
            blocks.append(
                _Block(extra.starts_at.astimezone(UTC), extra.ends_at.astimezone(UTC), types)
            )
    return blocks


class _Intervals:
    """Intervals for overlap questions in O(log n): sorted starts, and the latest end among
    the first i of them. [start, end) padded by ``pad`` meets one of them exactly when some
    interval that starts before ``end + pad`` ends after ``start - pad``, i.e. when the
    latest end before that point does (a doctor's calendar holds hundreds of bookings)."""

    def __init__(self, intervals: Iterable[Interval]) -> None:
        ordered = sorted(intervals, key=lambda interval: interval.start)
        self.starts = [interval.start for interval in ordered]
        self.latest_end: list[datetime] = []
        for interval in ordered:
            previous = self.latest_end[-1] if self.latest_end else interval.end
            self.latest_end.append(max(previous, interval.end))

    def overlaps(self, start: datetime, end: datetime, pad: timedelta) -> bool:
        before = bisect_left(self.starts, end + pad)
        return before > 0 and start < self.latest_end[before - 1] + pad


def generate_slots(
    *,
    doctor: DoctorProfile,
    weekly: Sequence[WeeklyAvailability],
    exceptions: Sequence[AvailabilityException],
    busy: Sequence[Interval],
    date_from: date,
    date_to: date,
    now: datetime,
    consultation_type: str | None = None,
) -> list[Slot]:
    """Free slots whose start falls on a date in [date_from, date_to] (doctor's dates)."""
    zone = ZoneInfo(doctor.time_zone)
    types = offered_types(doctor)
    if consultation_type is not None:
        types = tuple(t for t in types if t == consultation_type)
    time_off = _Intervals(
        Interval(e.starts_at, e.ends_at)
        for e in exceptions
        if e.kind == AvailabilityException.Kind.TIME_OFF
    )
    booked = _Intervals(busy)
    extra = [e for e in exceptions if e.kind == AvailabilityException.Kind.EXTRA_HOURS]
    earliest = now + timedelta(hours=doctor.min_notice_hours)
    latest = booking_horizon(doctor, now)
    buffer = timedelta(minutes=doctor.buffer_minutes)
    no_pad = timedelta(0)

    slots: set[Slot] = set()
    for block in _blocks(
        zone=zone, weekly=weekly, extra_hours=extra, date_from=date_from, date_to=date_to
    ):
        for kind in block.consultation_types:
            if kind not in types:
                continue
            length = timedelta(minutes=slot_minutes(doctor, kind))
            start = block.start
            while start + length <= block.end:
                end = start + length
                if (
                    earliest <= start <= latest
                    and not time_off.overlaps(start, end, no_pad)
                    and not booked.overlaps(start, end, buffer)
                ) and date_from <= start.astimezone(zone).date() <= date_to:
                    slots.add(Slot(start, end, kind, doctor.time_zone))
                start = end + buffer
    return sorted(slots, key=lambda slot: (slot.start, slot.consultation_type))


def slot_within_hours(
    *,
    doctor: DoctorProfile,
    weekly: Sequence[WeeklyAvailability],
    exceptions: Sequence[AvailabilityException],
    start: datetime,
    consultation_type: str,
) -> bool:
    """Whether ``start`` is a slot of the doctor's hours at all, ignoring bookings and notice."""
    zone = ZoneInfo(doctor.time_zone)
    day = start.astimezone(zone).date()
    slots = generate_slots(
        doctor=doctor,
        weekly=weekly,
        exceptions=exceptions,
        busy=(),
        date_from=day,
        date_to=day,
        now=start - timedelta(hours=doctor.min_notice_hours),
        consultation_type=consultation_type,
    )
    return any(slot.start == start for slot in slots)
