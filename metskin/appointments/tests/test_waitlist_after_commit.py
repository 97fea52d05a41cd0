"""A freed slot reaches the waitlist by itself: cancelling or moving a booking queues the
offer after commit, and a real Celery worker makes it (no task is called by hand)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

import pytest

from metskin.accounts.tests.factories import UserFactory
from metskin.appointments.models import Appointment, AppointmentStatus, WaitlistEntry
from metskin.appointments.tests.helpers import book, doctor_with_hours

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
NEW_YORK = ZoneInfo("America/New_York")


def a_weekday_ahead(at: clock) -> datetime:
    """Real time (the worker runs in real time): a weekday about a week away, in New York."""
    day = datetime.now(UTC).date() + timedelta(days=7)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, at, tzinfo=NEW_YORK)


def offers_made(timeout: float = 30) -> list[Appointment]:
    """The offers in the database once the worker has made one (or the time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        offers = list(Appointment.objects.filter(status=AppointmentStatus.OFFERED))
        if offers or time.monotonic() > deadline:
            return offers
        time.sleep(0.2)


@pytest.fixture
def booked_slot_and_waiter(make_client):
    """A booking at 10:00 in a week, and one patient on the doctor's waitlist."""
    doctor = doctor_with_hours(min_notice_hours=0)
    holder = make_client(UserFactory())
    start = a_weekday_ahead(clock(10))
    booked = book(holder, doctor, start.isoformat())
    assert booked.status_code == 201, booked.content
    waiter = UserFactory()
    joined = make_client(waiter).post(
        f"/api/v1/doctors/{doctor.pk}/waitlist/", {"reason": "Acne flare"}, format="json"
    )
    assert joined.status_code == 201
    return holder, booked.json()["id"], start, waiter


def test_cancelling_queues_the_offer_after_commit(celery_worker, booked_slot_and_waiter):
    holder, appointment_id, start, waiter = booked_slot_and_waiter

    # When the patient cancels through the API (the request's transaction commits)
    response = holder.post(f"/api/v1/appointments/{appointment_id}/cancel/", {}, format="json")
    assert response.status_code == 200

    # Then the worker offers the freed slot to the person waiting
    offers = offers_made()
    assert [(o.patient, o.start) for o in offers] == [(waiter, start.astimezone(UTC))]
    assert WaitlistEntry.objects.get(patient=waiter).status == "offered"


def test_rescheduling_queues_the_offer_of_the_old_time_after_commit(
    celery_worker, booked_slot_and_waiter
):
    holder, appointment_id, start, waiter = booked_slot_and_waiter

    # When the patient moves the booking to 11:00 the same day
    response = holder.post(
        f"/api/v1/appointments/{appointment_id}/reschedule/",
        {"start": start.replace(hour=11).isoformat()},
        format="json",
    )
    assert response.status_code == 200

    # Then the worker offers the 10:00 slot they left to the person waiting
    offers = offers_made()
    assert [(o.patient, o.start) for o in offers] == [(waiter, start.astimezone(UTC))]
    assert Appointment.objects.get(pk=appointment_id).start == start.replace(hour=11)
    assert WaitlistEntry.objects.get(patient=waiter).status == "offered"
