"""No double booking: twenty people book the same slot at once and exactly one gets it
(on MariaDB, whose row locks the booking service relies on), and the database itself
refuses a second live booking of one doctor at one start, whatever wrote it."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, transaction
from rest_framework.test import APIClient

from metskin.accounts.tests.factories import UserFactory
from metskin.appointments.models import Appointment, AppointmentStatus
from metskin.appointments.tests.helpers import book, doctor_with_hours

CLIENTS = 20


# SQLite locks the whole database on write and ignores SELECT ... FOR UPDATE, so there the
# race below would pass without proving anything about the booking service's row locks.
@pytest.mark.skipif(
    connection.vendor != "mysql",
    reason="row locking is proven on MariaDB; CI runs it there",
)
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_bookings_of_one_slot_make_exactly_one_booking():
    # Real time (no time travel across threads): a slot on a weekday about a week ahead.
    doctor = doctor_with_hours(min_notice_hours=0)
    day = datetime.now(UTC).date() + timedelta(days=7)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    new_york = ZoneInfo("America/New_York")
    start = datetime.combine(day, time(10), tzinfo=new_york).isoformat()
    next_free = datetime.combine(day, time(10, 30), tzinfo=new_york).isoformat()
    patients = [UserFactory() for _ in range(CLIENTS)]
    barrier = threading.Barrier(CLIENTS)
    answers: list[tuple[int, dict]] = [(0, {})] * CLIENTS

    def attempt(index: int) -> None:
        client = APIClient()
        client.force_authenticate(patients[index])
        try:
            barrier.wait(timeout=30)
            response = book(client, doctor, start)
            answers[index] = (response.status_code, response.json())
        finally:
            connection.close()  # each thread had its own database connection

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    statuses = sorted(status for status, _ in answers)
    assert statuses == [201] + [409] * (CLIENTS - 1)
    for status, body in answers:
        if status == 409:
            assert body["error"]["code"] == "slot_taken"
            assert body["error"]["next_slots"][0]["start"] == next_free
    assert Appointment.objects.filter(doctor=doctor).count() == 1
    winner = next(body for status, body in answers if status == 201)
    assert Appointment.objects.get().pk.hex == winner["id"].replace("-", "")


def _write_directly(doctor, start, status=AppointmentStatus.BOOKED):
    """A booking written straight through the ORM: no service, no lock, no slot check."""
    return Appointment.objects.create(
        doctor=doctor,
        patient=UserFactory(),
        start=start,
        end=start + timedelta(minutes=30),
        slot_start=None if status == AppointmentStatus.CANCELLED else start,
        consultation_type="in_person",
        reason="Mole check",
        status=status,
    )


@pytest.mark.django_db
def test_the_database_refuses_a_second_live_booking_of_one_doctor_at_one_start():
    # Given a live booking of a doctor at 10:00
    doctor = doctor_with_hours(min_notice_hours=0)
    start = datetime(2030, 6, 3, 14, 0, tzinfo=UTC)
    _write_directly(doctor, start)

    # When something writes a second live booking (an offer) of that doctor at 10:00
    # Then the unique constraint refuses it, without any help from the service's lock
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        _write_directly(doctor, start, status=AppointmentStatus.OFFERED)
    assert "one_live_booking_per_doctor_slot" in str(refused.value) or (
        connection.vendor == "sqlite"  # SQLite names the columns, not the constraint
    )
    assert Appointment.objects.filter(doctor=doctor).count() == 1


@pytest.mark.django_db
def test_a_cancelled_booking_does_not_hold_the_slot_in_the_database():
    # Given a cancelled booking (its slot_start is NULL) and a live one at the same time
    doctor = doctor_with_hours(min_notice_hours=0)
    start = datetime(2030, 6, 3, 14, 0, tzinfo=UTC)
    _write_directly(doctor, start, status=AppointmentStatus.CANCELLED)
    _write_directly(doctor, start)

    # Then both rows are there: a unique index ignores NULLs, so the slot was free again
    assert sorted(Appointment.objects.filter(doctor=doctor).values_list("status", flat=True)) == [
        "booked",
        "cancelled",
    ]
