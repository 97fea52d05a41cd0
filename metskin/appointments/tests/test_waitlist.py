"""A freed slot goes to the first person on the doctor's waitlist, who has a while to take it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine

from metskin.accounts.tests.factories import UserFactory
from metskin.appointments import waitlist
from metskin.appointments.models import Appointment, AppointmentStatus, WaitlistEntry
from metskin.appointments.tests.helpers import NOW, book, doctor_with_hours

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday_morning():
    # The clock ticks: the waitlist's order is its entries' creation times.
    with time_machine.travel(NOW, tick=True):
        yield


def test_a_cancelled_slot_is_offered_to_the_first_waiting_patient(make_client):
    doctor = doctor_with_hours()
    holder = make_client(UserFactory())
    booked = book(holder, doctor, "2026-06-03T09:00:00-04:00").json()
    first, second = UserFactory(), UserFactory()
    for person in (first, second):
        response = make_client(person).post(
            f"/api/v1/doctors/{doctor.pk}/waitlist/", {"reason": "Acne flare"}, format="json"
        )
        assert response.status_code == 201
    holder.post(f"/api/v1/appointments/{booked['id']}/cancel/", {}, format="json")
    cancelled = Appointment.objects.get(pk=booked["id"])

    # What the task does after the cancellation commits:
    offer = waitlist.waitlist_offer_freed_slot(
        doctor_id=doctor.pk, start=cancelled.start, consultation_type="in_person"
    )

    assert offer is not None
    assert (offer.patient, offer.status, offer.start) == (first, "offered", cancelled.start)
    assert offer.offer_expires_at.isoformat().startswith("2026-06-02T00:00:")  # a 12 h hold
    assert WaitlistEntry.objects.get(patient=first).status == "offered"
    # The held slot is not free for anyone else.
    response = book(make_client(UserFactory()), doctor, "2026-06-03T09:00:00-04:00")
    assert response.status_code == 409

    accepted = make_client(first).post(f"/api/v1/appointments/{offer.pk}/accept/")

    assert accepted.json()["status"] == "booked"
    assert WaitlistEntry.objects.get(patient=first).status == "booked"
    assert WaitlistEntry.objects.get(patient=second).status == "waiting"


def test_an_unanswered_offer_expires_and_goes_to_the_next_person(make_client):
    doctor = doctor_with_hours()
    first, second = UserFactory(), UserFactory()
    for person in (first, second):
        waitlist.waitlist_join(patient=person, doctor_id=doctor.pk, reason="Mole check")
    booked = book(make_client(UserFactory()), doctor, "2026-06-05T09:00:00-04:00").json()
    make_client(Appointment.objects.get(pk=booked["id"]).patient).post(
        f"/api/v1/appointments/{booked['id']}/cancel/", {}, format="json"
    )
    start = Appointment.objects.get(pk=booked["id"]).start
    offer = waitlist.waitlist_offer_freed_slot(
        doctor_id=doctor.pk, start=start, consultation_type="in_person"
    )

    with time_machine.travel("2026-06-02T01:00:00Z", tick=False):
        late = make_client(first).post(f"/api/v1/appointments/{offer.pk}/accept/")
        expired = waitlist.waitlist_offers_expire()
        next_offer = waitlist.waitlist_offer_freed_slot(
            doctor_id=doctor.pk, start=start, consultation_type="in_person"
        )

    assert late.json()["error"]["code"] == "offer_expired"
    assert expired == 1
    offer.refresh_from_db()
    assert (offer.status, offer.cancelled_by) == (AppointmentStatus.CANCELLED, "system")
    assert WaitlistEntry.objects.get(patient=first).status == "withdrawn"
    assert next_offer is not None and next_offer.patient == second


def _visit(doctor, patient, start, status):
    """An appointment written directly: a visit in the past, or one booked for later."""
    start = datetime.fromisoformat(start)
    return Appointment.objects.create(
        doctor=doctor,
        patient=patient,
        start=start,
        end=start + timedelta(minutes=30),
        slot_start=start,
        consultation_type="in_person",
        reason="Mole check",
        status=status,
    )


def test_a_patient_with_a_past_visit_and_a_later_booking_is_still_offered_the_slot(make_client):
    # Given a booking on Wednesday 09:00, and first on the waitlist a patient who saw the
    # doctor last month and is booked again for Friday, neither of which overlaps Wednesday
    doctor = doctor_with_hours()
    holder = make_client(UserFactory())
    booked = book(holder, doctor, "2026-06-03T09:00:00-04:00").json()
    regular, second = UserFactory(), UserFactory()
    _visit(doctor, regular, "2026-05-20T09:00:00-04:00", AppointmentStatus.COMPLETED)
    _visit(doctor, regular, "2026-06-05T10:00:00-04:00", AppointmentStatus.BOOKED)
    for person in (regular, second):
        waitlist.waitlist_join(patient=person, doctor_id=doctor.pk, reason="Follow-up")
    holder.post(f"/api/v1/appointments/{booked['id']}/cancel/", {}, format="json")

    # When the freed Wednesday slot is offered
    offer = waitlist.waitlist_offer_freed_slot(
        doctor_id=doctor.pk,
        start=datetime.fromisoformat("2026-06-03T09:00:00-04:00"),
        consultation_type="in_person",
    )

    # Then it goes to the first person waiting: they are free at that time
    assert offer is not None
    assert (offer.patient, offer.status) == (regular, AppointmentStatus.OFFERED)
    assert WaitlistEntry.objects.get(patient=regular).status == "offered"
    assert WaitlistEntry.objects.get(patient=second).status == "waiting"


def test_a_patient_already_booked_at_that_time_is_skipped(make_client):
    # Given first on the waitlist a patient booked with another doctor at the very time
    # that is freed (an hour that overlaps it), and a second patient who is free
    doctor, other_doctor = doctor_with_hours(), doctor_with_hours()
    holder = make_client(UserFactory())
    booked = book(holder, doctor, "2026-06-03T09:00:00-04:00").json()
    busy, free = UserFactory(), UserFactory()
    _visit(other_doctor, busy, "2026-06-03T09:15:00-04:00", AppointmentStatus.BOOKED)
    for person in (busy, free):
        waitlist.waitlist_join(patient=person, doctor_id=doctor.pk, reason="Rash")
    holder.post(f"/api/v1/appointments/{booked['id']}/cancel/", {}, format="json")

    # When the freed slot is offered
    offer = waitlist.waitlist_offer_freed_slot(
        doctor_id=doctor.pk,
        start=datetime.fromisoformat("2026-06-03T09:00:00-04:00"),
        consultation_type="in_person",
    )

    # Then the busy patient keeps their place and the free one gets the offer
    assert offer is not None and offer.patient == free
    assert WaitlistEntry.objects.get(patient=busy).status == "waiting"


def test_joining_twice_is_409_and_leaving_works(patient_client, patient):
    doctor = doctor_with_hours()
    url = f"/api/v1/doctors/{doctor.pk}/waitlist/"

    first = patient_client.post(url, {"reason": "Acne"}, format="json")
    again = patient_client.post(url, {"reason": "Acne"}, format="json")
    mine = patient_client.get("/api/v1/waitlist/").json()
    left = patient_client.delete(f"/api/v1/waitlist/{first.json()['id']}/")

    assert (first.status_code, again.status_code) == (201, 409)
    assert [entry["doctor"]["id"] for entry in mine] == [str(doctor.pk)]
    assert left.status_code == 204
    assert patient_client.get("/api/v1/waitlist/").json() == []
    assert WaitlistEntry.objects.get().status == "withdrawn"
