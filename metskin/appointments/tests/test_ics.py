"""The calendar file, read back with icalendar."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from icalendar import Calendar

from metskin.appointments.tests.helpers import NOW, book, doctor_with_hours

pytestmark = pytest.mark.django_db


def read(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


@time_machine.travel(NOW, tick=False)
def test_the_ics_has_the_booking_and_a_cancellation_replaces_it(patient_client):
    doctor = doctor_with_hours(clinic_name="Riverside Skin Clinic", address_line="1 Main Street")
    booked = book(patient_client, doctor, "2026-06-02T09:30:00-04:00").json()
    url = f"/api/v1/appointments/{booked['id']}/ics/"

    calendar, event = read(patient_client.get(url))

    assert str(calendar["method"]) == "REQUEST"
    assert str(event["uid"]) == f"appointment-{booked['id']}@metskin"
    assert event.decoded("dtstart") == datetime(2026, 6, 2, 13, 30, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2026, 6, 2, 14, 0, tzinfo=UTC)
    assert (
        str(event["summary"]) == f"Dermatology appointment with {doctor.display_name} (in person)"
    )
    assert str(event["location"]) == "Riverside Skin Clinic, 1 Main Street, New York, 10001"
    assert int(event["sequence"]) == 0
    assert str(event["status"]) == "CONFIRMED"

    patient_client.post(f"/api/v1/appointments/{booked['id']}/cancel/", {}, format="json")
    calendar, event = read(patient_client.get(url))

    assert str(calendar["method"]) == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1
    assert str(event["uid"]) == f"appointment-{booked['id']}@metskin"
