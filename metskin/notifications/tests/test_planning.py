"""Which reminders are planned, when, and quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from metskin.notifications.models import Reminder
from metskin.notifications.services import reminders_plan, shift_out_of_quiet_hours
from metskin.notifications.tests.helpers import appointment_at, patient_with_reminders

LONDON = ZoneInfo("Europe/London")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("due", "deadline", "expected"),
    [
        # 02:00 is quiet (22:00–07:00): wait for 07:00, still before the 10:00 appointment.
        ("2026-06-02T02:00:00+01:00", "2026-06-02T10:00:00+01:00", "2026-06-02T07:00:00+01:00"),
        # 23:00, appointment at 06:30: 07:00 is too late, so 21:59 the evening before.
        ("2026-06-01T23:00:00+01:00", "2026-06-02T06:30:00+01:00", "2026-06-01T21:59:00+01:00"),
        # 03:00, appointment at 05:00: 21:59 the evening before.
        ("2026-06-02T03:00:00+01:00", "2026-06-02T05:00:00+01:00", "2026-06-01T21:59:00+01:00"),
        # Outside quiet hours nothing moves.
        ("2026-06-02T12:00:00+01:00", "2026-06-03T12:00:00+01:00", "2026-06-02T12:00:00+01:00"),
    ],
)
def test_quiet_hours_move_a_reminder(due, deadline, expected):
    moved = shift_out_of_quiet_hours(
        due=at(due), deadline=at(deadline), zone=LONDON, quiet_start=time(22), quiet_end=time(7)
    )

    assert moved == at(expected)


def test_quiet_hours_that_do_not_wrap_midnight():
    moved = shift_out_of_quiet_hours(
        due=at("2026-06-02T13:30:00+01:00"),
        deadline=at("2026-06-02T18:00:00+01:00"),
        zone=LONDON,
        quiet_start=time(13),
        quiet_end=time(14),
    )

    assert moved == at("2026-06-02T14:00:00+01:00")


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 6, 1, 9, 0, tzinfo=UTC), tick=False)
def test_each_channel_and_offset_is_planned_once_however_often_beat_runs():
    patient = patient_with_reminders(quiet_hours_start=time(22), quiet_hours_end=time(7))
    start = datetime(2026, 6, 3, 8, 0, tzinfo=UTC)  # 09:00 in London
    appointment = appointment_at(patient, start, booked_at=datetime(2026, 5, 20, tzinfo=UTC))

    first = reminders_plan()
    second = reminders_plan()

    assert (first, second) == (4, 0)
    planned = sorted(
        (r.channel, r.hours_before, r.due_at.astimezone(LONDON).isoformat())
        for r in Reminder.objects.filter(appointment=appointment)
    )
    assert planned == [
        ("email", 2, "2026-06-03T07:00:00+01:00"),  # 07:00 is the end of quiet hours
        ("email", 24, "2026-06-02T09:00:00+01:00"),
        ("sms", 2, "2026-06-03T07:00:00+01:00"),
        ("sms", 24, "2026-06-02T09:00:00+01:00"),
    ]


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 6, 1, 9, 0, tzinfo=UTC), tick=False)
def test_opted_out_channels_and_reminders_from_before_the_booking_are_not_planned():
    patient = patient_with_reminders(notify_sms=False, reminder_hours_before=[48, 2])
    start = datetime(2026, 6, 2, 8, 0, tzinfo=UTC)
    appointment_at(patient, start, booked_at=datetime(2026, 6, 1, 8, 0, tzinfo=UTC))

    reminders_plan()

    # 48 h before was before the booking existed; SMS is off.
    assert list(Reminder.objects.values_list("channel", "hours_before")) == [("email", 2)]
    assert Reminder.objects.get().due_at == start - timedelta(hours=2)
