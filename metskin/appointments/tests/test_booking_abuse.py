"""Booking abuse (issue 11 §1): writes are throttled per person, and one patient holds a
bounded number of upcoming bookings."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine

from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.appointments import waitlist
from metskin.appointments.models import Appointment, WaitlistEntry
from metskin.appointments.tests.helpers import (
    NOW,
    book,
    doctor_user_with_device,
    doctor_with_hours,
)

pytestmark = pytest.mark.django_db

# Tuesday to Friday of the week after NOW, 09:00 in New York.
DAYS = [f"2026-06-0{day}T09:00:00-04:00" for day in (2, 3, 4, 5)] + ["2026-06-08T09:00:00-04:00"]


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


def _rate(settings, scope: str, rate: str) -> None:
    rates = dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **{scope: rate})
    settings.REST_FRAMEWORK = dict(settings.REST_FRAMEWORK, DEFAULT_THROTTLE_RATES=rates)


def _assert_throttled(response) -> None:
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "throttled"


def test_booking_is_throttled_per_patient_and_the_refused_one_books_nothing(
    settings, patient_client
):
    _rate(settings, "booking", "3/hour")
    doctor = doctor_with_hours()

    statuses = [book(patient_client, doctor, start).status_code for start in DAYS[:3]]
    fourth = book(patient_client, doctor, DAYS[3])

    assert statuses == [201, 201, 201]
    _assert_throttled(fourth)
    assert Appointment.objects.count() == 3
    # Reading is not what is throttled.
    assert patient_client.get("/api/v1/appointments/").status_code == 200


def test_the_budget_is_per_person(settings, patient_client, make_client):
    _rate(settings, "booking", "1/hour")
    doctor = doctor_with_hours()

    mine = book(patient_client, doctor, DAYS[0])
    theirs = book(make_client(UserFactory()), doctor, DAYS[1])

    assert (mine.status_code, theirs.status_code) == (201, 201)


def test_joining_waitlists_is_throttled(settings, patient_client):
    _rate(settings, "waitlist", "2/hour")
    doctors = [doctor_with_hours() for _ in range(3)]

    responses = [
        patient_client.post(
            f"/api/v1/doctors/{doctor.pk}/waitlist/", {"reason": "Acne flare"}, format="json"
        )
        for doctor in doctors
    ]

    assert [r.status_code for r in responses[:2]] == [201, 201]
    _assert_throttled(responses[2])
    assert WaitlistEntry.objects.count() == 2


def test_sharing_is_throttled(settings, patient, patient_client):
    _rate(settings, "sharing", "2/hour")
    doctor = doctor_with_hours()
    doctor_user_with_device(doctor)
    booked = book(patient_client, doctor, DAYS[0]).json()
    analyses = [AnalysisFactory(owner=patient) for _ in range(3)]
    url = f"/api/v1/appointments/{booked['id']}/shared-analyses/"

    responses = [
        patient_client.post(url, {"analyses": [str(analysis.pk)]}, format="json")
        for analysis in analyses
    ]

    assert [r.status_code for r in responses[:2]] == [200, 200]
    _assert_throttled(responses[2])
    assert Appointment.objects.get().shared_analyses.count() == 2


def test_a_patient_holds_at_most_the_configured_number_of_upcoming_bookings(
    settings, patient_client
):
    # Given a cap of 2 and two upcoming bookings
    settings.APPOINTMENT_LIVE_BOOKINGS_MAX = 2
    doctor, other_doctor = doctor_with_hours(), doctor_with_hours()
    first = book(patient_client, doctor, DAYS[0]).json()
    book(patient_client, other_doctor, DAYS[1])

    # When a third is asked for, with any doctor
    third = book(patient_client, other_doctor, DAYS[2])

    # Then it is refused with a clear error, and nothing is booked
    assert third.status_code == 409
    error = third.json()["error"]
    assert (error["code"], error["limit"]) == ("too_many_bookings", 2)
    assert error["message"].startswith("You already have 2 upcoming appointments")
    assert Appointment.objects.count() == 2

    # And once one is cancelled, a booking goes through again
    patient_client.post(f"/api/v1/appointments/{first['id']}/cancel/", {}, format="json")
    assert book(patient_client, other_doctor, DAYS[2]).status_code == 201


def test_past_visits_do_not_count_towards_the_cap(settings, patient, patient_client):
    settings.APPOINTMENT_LIVE_BOOKINGS_MAX = 1
    doctor = doctor_with_hours()
    book(patient_client, doctor, DAYS[0])

    with time_machine.travel("2026-06-03T12:00:00Z", tick=False):
        later = book(patient_client, doctor, "2026-06-05T09:00:00-04:00")

    assert later.status_code == 201


def test_a_patient_at_the_cap_is_not_offered_a_freed_slot(settings, make_client):
    # Given a cap of 1, first on a waitlist a patient who already holds an upcoming booking
    # with another doctor (at another time), and second a patient who holds none
    settings.APPOINTMENT_LIVE_BOOKINGS_MAX = 1
    doctor, other_doctor = doctor_with_hours(), doctor_with_hours()
    holder = make_client(UserFactory())
    freed = book(holder, doctor, DAYS[1]).json()
    full, free = UserFactory(), UserFactory()
    assert book(make_client(full), other_doctor, DAYS[0]).status_code == 201
    for person, minutes in ((full, 0), (free, 1)):
        with time_machine.travel(NOW + timedelta(minutes=minutes), tick=False):
            joined = make_client(person).post(
                f"/api/v1/doctors/{doctor.pk}/waitlist/", {"reason": "Rash"}, format="json"
            )
            assert joined.status_code == 201
    holder.post(f"/api/v1/appointments/{freed['id']}/cancel/", {}, format="json")

    # When the freed slot is offered (what the task does after the cancellation commits)
    offer = waitlist.waitlist_offer_freed_slot(
        doctor_id=doctor.pk,
        start=datetime.fromisoformat(DAYS[1]),
        consultation_type="in_person",
    )

    # Then an offer would take the first patient over the cap (accepting it books without
    # asking again): it goes to the second, and the first keeps their place in the queue
    assert offer is not None and offer.patient == free
    assert WaitlistEntry.objects.get(patient=full).status == "waiting"
    assert Appointment.objects.filter(patient=full).count() == 1
