"""Slot generation in the doctor's zone, including the days the clocks change."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from metskin.doctors.availability import Interval, generate_slots
from metskin.doctors.models import AvailabilityException
from metskin.doctors.tests.factories import DoctorFactory, weekly

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


def slots_on(doctor, day, now=LONG_AGO, busy=(), exceptions=(), consultation_type=None):
    return generate_slots(
        doctor=doctor,
        weekly=list(doctor.weekly.all()),
        exceptions=list(exceptions),
        busy=list(busy),
        date_from=day,
        date_to=day,
        now=now,
        consultation_type=consultation_type,
    )


def starts(slots):
    return [slot.as_dict()["start"] for slot in slots]


@pytest.mark.parametrize(
    ("zone", "day_before", "change_day", "offset_before", "offset_after"),
    [
        ("America/New_York", date(2026, 3, 7), date(2026, 3, 8), "-05:00", "-04:00"),
        ("America/New_York", date(2026, 10, 31), date(2026, 11, 1), "-04:00", "-05:00"),
        ("Europe/London", date(2026, 3, 28), date(2026, 3, 29), "+00:00", "+01:00"),
        ("Europe/London", date(2026, 10, 24), date(2026, 10, 25), "+01:00", "+00:00"),
    ],
)
def test_daytime_slots_keep_their_wall_clock_time_across_the_change(
    zone, day_before, change_day, offset_before, offset_after
):
    doctor = DoctorFactory(time_zone=zone)
    weekly(doctor, start=time(9), end=time(10, 30))

    before = slots_on(doctor, day_before)
    after = slots_on(doctor, change_day)

    assert starts(before) == [
        f"{day_before}T09:00:00{offset_before}",
        f"{day_before}T09:30:00{offset_before}",
        f"{day_before}T10:00:00{offset_before}",
    ]
    assert starts(after) == [
        f"{change_day}T09:00:00{offset_after}",
        f"{change_day}T09:30:00{offset_after}",
        f"{change_day}T10:00:00{offset_after}",
    ]
    # The same wall-clock time is a different instant once the clocks have moved.
    gap = after[0].start - before[0].start
    assert gap in (timedelta(hours=23), timedelta(hours=25))


def test_spring_forward_night_block_is_an_hour_shorter_in_new_york():
    doctor = DoctorFactory(time_zone="America/New_York")
    weekly(doctor, start=time(0), end=time(4), offers="in_person")

    slots = slots_on(doctor, date(2026, 3, 8))

    # 00:00–04:00 wall clock is three real hours on 8 March 2026: 02:00–03:00 does not exist.
    assert starts(slots) == [
        "2026-03-08T00:00:00-05:00",
        "2026-03-08T00:30:00-05:00",
        "2026-03-08T01:00:00-05:00",
        "2026-03-08T01:30:00-05:00",
        "2026-03-08T03:00:00-04:00",
        "2026-03-08T03:30:00-04:00",
    ]
    assert [s.as_dict()["end"] for s in slots][-1] == "2026-03-08T04:00:00-04:00"


def test_fall_back_night_block_includes_the_repeated_hour_in_new_york():
    doctor = DoctorFactory(time_zone="America/New_York")
    weekly(doctor, start=time(0, 30), end=time(2), offers="in_person")

    slots = slots_on(doctor, date(2026, 11, 1))

    # 00:30 EDT to 02:00 EST is two and a half real hours: 01:00–02:00 happens twice.
    assert starts(slots) == [
        "2026-11-01T00:30:00-04:00",
        "2026-11-01T01:00:00-04:00",
        "2026-11-01T01:30:00-04:00",
        "2026-11-01T01:00:00-05:00",
        "2026-11-01T01:30:00-05:00",
    ]
    assert len({slot.start for slot in slots}) == 5


def test_a_block_starting_inside_the_london_gap_starts_after_it():
    doctor = DoctorFactory(time_zone="Europe/London")
    weekly(doctor, start=time(1, 30), end=time(3), offers="in_person")

    slots = slots_on(doctor, date(2026, 3, 29))

    # 01:30 does not exist in London on 29 March 2026; the block starts at 02:30 BST.
    assert starts(slots) == ["2026-03-29T02:30:00+01:00"]


def test_fall_back_in_london_repeats_the_hour():
    doctor = DoctorFactory(time_zone="Europe/London")
    weekly(doctor, start=time(1), end=time(2), offers="in_person")

    slots = slots_on(doctor, date(2026, 10, 25))

    assert starts(slots) == [
        "2026-10-25T01:00:00+01:00",
        "2026-10-25T01:30:00+01:00",
        "2026-10-25T01:00:00+00:00",
        "2026-10-25T01:30:00+00:00",
    ]


def test_video_and_in_person_have_their_own_length_and_the_buffer_separates_slots():
    doctor = DoctorFactory(slot_minutes_in_person=30, slot_minutes_video=20, buffer_minutes=10)
    weekly(doctor, start=time(9), end=time(10, 30), offers="both")

    slots = slots_on(doctor, date(2026, 6, 1))

    assert [
        (s.local_start.strftime("%H:%M"), s.local_end.strftime("%H:%M"), s.consultation_type)
        for s in slots
    ] == [
        ("09:00", "09:30", "in_person"),
        ("09:00", "09:20", "video"),
        ("09:30", "09:50", "video"),
        ("09:40", "10:10", "in_person"),
        ("10:00", "10:20", "video"),
    ]


def test_busy_time_time_off_notice_and_horizon_remove_slots():
    doctor = DoctorFactory(min_notice_hours=1, booking_horizon_days=1)
    weekly(doctor, start=time(9), end=time(12))
    day = date(2026, 6, 1)
    now = datetime(2026, 6, 1, 13, 30, tzinfo=UTC)  # 09:30 in New York
    time_off = AvailabilityException(
        doctor=doctor,
        starts_at=datetime(2026, 6, 1, 15, 0, tzinfo=UTC),  # 11:00–11:30 New York
        ends_at=datetime(2026, 6, 1, 15, 30, tzinfo=UTC),
    )
    busy = [  # 11:30–12:00 New York: the last slot of the block
        Interval(datetime(2026, 6, 1, 15, 30, tzinfo=UTC), datetime(2026, 6, 1, 16, 0, tzinfo=UTC))
    ]

    slots = slots_on(doctor, day, now=now, busy=busy, exceptions=[time_off])

    # 09:00–10:00 are inside the hour's notice; 11:00 is time off; 11:30 is busy.
    assert starts(slots) == ["2026-06-01T10:30:00-04:00"]
    assert starts(slots_on(doctor, day, now=now, exceptions=[time_off])) == [
        "2026-06-01T10:30:00-04:00",
        "2026-06-01T11:30:00-04:00",
    ]
    assert slots_on(doctor, date(2026, 6, 3), now=now) == []  # beyond the one-day horizon


def test_busy_time_removes_the_slots_within_the_buffer_on_both_sides():
    # Slots of 30 min with 10 min between them: 09:00, 09:40, 10:20, 11:00, 11:40, 12:20.
    doctor = DoctorFactory(buffer_minutes=10)
    weekly(doctor, start=time(9), end=time(13))
    day = date(2026, 6, 1)
    every_slot = [
        f"2026-06-01T{hh_mm}:00-04:00"
        for hh_mm in ("09:00", "09:40", "10:20", "11:00", "11:40", "12:20")
    ]
    # A booking made under an earlier schedule, 10:55–11:35 New York: off the grid.
    off_grid = Interval(
        datetime(2026, 6, 1, 14, 55, tzinfo=UTC), datetime(2026, 6, 1, 15, 35, tzinfo=UTC)
    )
    # A booking on the grid, 11:00–11:30 New York.
    on_grid = Interval(
        datetime(2026, 6, 1, 15, 0, tzinfo=UTC), datetime(2026, 6, 1, 15, 30, tzinfo=UTC)
    )

    assert starts(slots_on(doctor, day)) == every_slot
    # 11:00 overlaps it; 10:20–10:50 ends 5 min before it and 11:40 starts 5 min after it,
    # both inside the 10-minute buffer. 09:40 and 12:20 are far enough away.
    assert starts(slots_on(doctor, day, busy=[off_grid])) == [
        "2026-06-01T09:00:00-04:00",
        "2026-06-01T09:40:00-04:00",
        "2026-06-01T12:20:00-04:00",
    ]
    # Exactly one buffer away on each side is still free: only the booked slot goes.
    assert starts(slots_on(doctor, day, busy=[on_grid])) == [
        start for start in every_slot if start != "2026-06-01T11:00:00-04:00"
    ]


def test_extra_hours_add_a_block():
    doctor = DoctorFactory()
    extra = AvailabilityException(
        doctor=doctor,
        kind=AvailabilityException.Kind.EXTRA_HOURS,
        starts_at=datetime(2026, 6, 6, 14, 0, tzinfo=UTC),  # a Saturday, 10:00 New York
        ends_at=datetime(2026, 6, 6, 15, 0, tzinfo=UTC),
        offers="video",
    )

    slots = slots_on(doctor, date(2026, 6, 6), exceptions=[extra])

    assert starts(slots) == [
        "2026-06-06T10:00:00-04:00",
        "2026-06-06T10:20:00-04:00",
        "2026-06-06T10:40:00-04:00",
    ]
    assert {slot.consultation_type for slot in slots} == {"video"}
