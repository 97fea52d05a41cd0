"""Twenty people book the same slot at the same moment: exactly one gets it."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from rest_framework.test import APIClient

from metskin.accounts.tests.factories import UserFactory
from metskin.appointments.models import Appointment
from metskin.appointments.tests.helpers import book, doctor_with_hours

CLIENTS = 20


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
