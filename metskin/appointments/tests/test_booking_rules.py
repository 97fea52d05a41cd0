"""Every booking rule through the API, and bad input answered with a clear 4xx."""

from __future__ import annotations

import pytest
import time_machine

from metskin.appointments.models import Appointment, AppointmentStatus
from metskin.appointments.tests.helpers import BOOKINGS, NOW, book, doctor_with_hours
from metskin.doctors.tests.factories import DoctorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


def test_booking_a_free_slot_answers_201_with_offsets(patient_client, patient):
    doctor = doctor_with_hours()

    response = book(patient_client, doctor, "2026-06-02T09:30:00-04:00")

    assert response.status_code == 201
    body = response.json()
    assert body["start"] == "2026-06-02T09:30:00-04:00"
    assert body["end"] == "2026-06-02T10:00:00-04:00"
    assert body["status"] == "booked"
    assert body["doctor"]["display_name"] == doctor.display_name
    assert body["can_change"] is True
    assert body["change_deadline"] == "2026-06-01T09:30:00-04:00"
    appointment = Appointment.objects.get()
    assert (appointment.patient, appointment.slot_start) == (patient, appointment.start)
    assert appointment.start.isoformat() == "2026-06-02T13:30:00+00:00"


def test_the_same_instant_in_another_offset_books_the_same_slot(patient_client):
    doctor = doctor_with_hours()

    response = book(patient_client, doctor, "2026-06-02T14:30:00+01:00")

    assert response.status_code == 201
    assert response.json()["start"] == "2026-06-02T09:30:00-04:00"


def test_a_taken_slot_is_409_with_the_next_free_slots(make_client, patient_client):
    from metskin.accounts.tests.factories import UserFactory

    doctor = doctor_with_hours()
    other = make_client(UserFactory())
    assert book(other, doctor, "2026-06-02T09:00:00-04:00").status_code == 201

    response = book(patient_client, doctor, "2026-06-02T09:00:00-04:00")

    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "slot_taken"
    assert error["next_slots"][:2] == [
        {
            "start": "2026-06-02T09:30:00-04:00",
            "end": "2026-06-02T10:00:00-04:00",
            "consultation_type": "in_person",
        },
        {
            "start": "2026-06-02T10:00:00-04:00",
            "end": "2026-06-02T10:30:00-04:00",
            "consultation_type": "in_person",
        },
    ]
    assert Appointment.objects.count() == 1


def test_an_overlapping_slot_of_the_other_type_is_taken_too(make_client, patient_client):
    from metskin.accounts.tests.factories import UserFactory

    doctor = doctor_with_hours()
    assert book(make_client(UserFactory()), doctor, "2026-06-02T09:00:00-04:00").status_code == 201

    # A 20-minute video slot at 09:20 overlaps the in-person 09:00–09:30 booking.
    response = book(patient_client, doctor, "2026-06-02T09:20:00-04:00", consultation_type="video")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "slot_taken"
    assert Appointment.objects.count() == 1


def test_an_idempotency_key_replays_instead_of_booking_twice(patient_client):
    doctor = doctor_with_hours()
    key = {"HTTP_IDEMPOTENCY_KEY": "3f1c2a6e-booking-1"}

    first = book(patient_client, doctor, "2026-06-02T09:30:00-04:00", **key)
    again = book(patient_client, doctor, "2026-06-02T09:30:00-04:00", **key)
    other = book(patient_client, doctor, "2026-06-02T10:30:00-04:00", **key)

    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert Appointment.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "code", "status"),
    [
        ("2026-05-29T09:00:00-04:00", "slot_in_past", 400),
        ("2026-06-01T11:00:00-04:00", "too_soon", 400),  # 3 h away, 12 h notice
        ("2026-09-01T09:00:00-04:00", "too_far_ahead", 400),  # 60-day horizon
        ("2026-06-02T13:00:00-04:00", "slot_unavailable", 400),  # after hours
        ("2026-06-02T09:10:00-04:00", "slot_unavailable", 400),  # not on the grid
        ("2026-06-06T09:00:00-04:00", "slot_unavailable", 400),  # a Saturday
        ("2026-06-02T09:00:00", "invalid", 400),  # no offset
        ("2026-06-31T09:00:00-04:00", "invalid", 400),  # no such date
        ("tomorrow at nine", "invalid", 400),
    ],
)
def test_bad_times_are_a_clear_400_and_nothing_is_stored(patient_client, start, code, status):
    doctor = doctor_with_hours()

    response = book(patient_client, doctor, start)

    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert "start" in response.json()["error"]["fields"]
    assert Appointment.objects.count() == 0


def test_an_unknown_doctor_is_404(patient_client):
    response = book(
        patient_client,
        DoctorFactory.build(pk="00000000-0000-0000-0000-000000000000"),
        "2026-06-02T09:00:00-04:00",
    )

    assert response.status_code == 404
    assert Appointment.objects.count() == 0


def test_a_type_the_doctor_does_not_offer_is_400(patient_client):
    doctor = doctor_with_hours(offers_video=False)

    response = book(patient_client, doctor, "2026-06-02T09:00:00-04:00", consultation_type="video")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "type_not_offered"
    assert Appointment.objects.count() == 0


def test_missing_reason_and_unknown_analyses_are_400(patient_client):
    doctor = doctor_with_hours()

    no_reason = book(patient_client, doctor, "2026-06-02T09:00:00-04:00", reason="")
    unknown = book(
        patient_client,
        doctor,
        "2026-06-02T09:00:00-04:00",
        body={"shared_analyses": ["00000000-0000-0000-0000-000000000001"]},
    )

    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()["error"]["fields"]
    assert unknown.status_code == 400
    assert "shared_analyses" in unknown.json()["error"]["fields"]
    assert Appointment.objects.count() == 0


def test_a_patient_cannot_be_in_two_places_at_once(patient_client):
    doctor, other_doctor = doctor_with_hours(), doctor_with_hours()
    assert book(patient_client, doctor, "2026-06-02T09:00:00-04:00").status_code == 201

    response = book(patient_client, other_doctor, "2026-06-02T09:00:00-04:00")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "patient_busy"
    assert Appointment.objects.count() == 1


def test_a_doctor_not_taking_new_patients_refuses_them(patient_client):
    doctor = doctor_with_hours(accepting_new_patients=False)

    response = book(patient_client, doctor, "2026-06-02T09:00:00-04:00")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "not_accepting"
    assert Appointment.objects.count() == 0


def test_signed_out_visitors_cannot_book(api_client):
    doctor = doctor_with_hours()

    response = book(api_client, doctor, "2026-06-02T09:00:00-04:00")

    assert response.status_code == 401
    assert Appointment.objects.count() == 0


def test_cancel_before_the_cutoff_frees_the_slot(patient_client):
    doctor = doctor_with_hours()
    booked = book(patient_client, doctor, "2026-06-03T09:00:00-04:00").json()

    response = patient_client.post(f"{BOOKINGS}{booked['id']}/cancel/", {}, format="json")
    slots = patient_client.get(
        f"/api/v1/doctors/{doctor.pk}/slots/?from=2026-06-03&to=2026-06-03"
        "&consultation_type=in_person"
    ).json()

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["cancelled_by"] == "patient"
    assert slots[0]["start"] == "2026-06-03T09:00:00-04:00"
    assert Appointment.objects.get().slot_start is None


def test_cancel_or_move_after_the_cutoff_is_refused(patient_client):
    doctor = doctor_with_hours()
    booked = book(patient_client, doctor, "2026-06-02T09:00:00-04:00").json()  # 25 h away

    with time_machine.travel("2026-06-01T14:00:00Z", tick=False):  # now 23 h before
        cancel = patient_client.post(f"{BOOKINGS}{booked['id']}/cancel/", {}, format="json")
        move = patient_client.post(
            f"{BOOKINGS}{booked['id']}/reschedule/",
            {"start": "2026-06-04T09:00:00-04:00"},
            format="json",
        )

    assert (cancel.status_code, cancel.json()["error"]["code"]) == (400, "too_late")
    assert (move.status_code, move.json()["error"]["code"]) == (400, "too_late")
    assert Appointment.objects.get().status == AppointmentStatus.BOOKED


def test_reschedule_moves_the_booking_and_frees_the_old_slot(patient_client):
    doctor = doctor_with_hours()
    booked = book(patient_client, doctor, "2026-06-03T09:00:00-04:00").json()

    response = patient_client.post(
        f"{BOOKINGS}{booked['id']}/reschedule/",
        {"start": "2026-06-04T10:00:00-04:00", "consultation_type": "video"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["id"] == booked["id"]
    assert response.json()["start"] == "2026-06-04T10:00:00-04:00"
    assert response.json()["end"] == "2026-06-04T10:20:00-04:00"
    appointment = Appointment.objects.get()
    assert (appointment.sequence, appointment.consultation_type) == (1, "video")
    old_day = patient_client.get(
        f"/api/v1/doctors/{doctor.pk}/slots/?from=2026-06-03&to=2026-06-03"
        "&consultation_type=in_person"
    ).json()
    assert old_day[0]["start"] == "2026-06-03T09:00:00-04:00"


def test_reschedule_to_a_taken_slot_is_409_and_keeps_the_booking(make_client, patient_client):
    from metskin.accounts.tests.factories import UserFactory

    doctor = doctor_with_hours()
    mine = book(patient_client, doctor, "2026-06-03T09:00:00-04:00").json()
    book(make_client(UserFactory()), doctor, "2026-06-03T10:00:00-04:00")

    response = patient_client.post(
        f"{BOOKINGS}{mine['id']}/reschedule/", {"start": "2026-06-03T10:00:00-04:00"}, format="json"
    )

    assert response.status_code == 409
    assert Appointment.objects.get(pk=mine["id"]).start.isoformat() == "2026-06-03T13:00:00+00:00"


def test_someone_elses_appointment_is_404_everywhere_and_untouched(make_client, patient_client):
    from metskin.accounts.tests.factories import UserFactory

    doctor = doctor_with_hours()
    theirs = book(make_client(UserFactory()), doctor, "2026-06-03T09:00:00-04:00").json()
    url = f"{BOOKINGS}{theirs['id']}/"

    answers = [
        patient_client.get(url).status_code,
        patient_client.get(f"{url}ics/").status_code,
        patient_client.post(f"{url}cancel/", {}, format="json").status_code,
        patient_client.post(
            f"{url}reschedule/", {"start": "2026-06-04T09:00:00-04:00"}, format="json"
        ).status_code,
        patient_client.post(f"{url}accept/").status_code,
        patient_client.get(f"{BOOKINGS}not-a-uuid/").status_code,
    ]

    assert answers == [404] * 6
    appointment = Appointment.objects.get()
    assert (appointment.status, appointment.sequence) == ("booked", 0)
    assert patient_client.get(BOOKINGS).json()["results"] == []


def test_my_appointments_lists_upcoming_and_past(patient_client):
    doctor = doctor_with_hours()
    book(patient_client, doctor, "2026-06-03T09:00:00-04:00")
    cancelled = book(patient_client, doctor, "2026-06-04T09:00:00-04:00").json()
    patient_client.post(f"{BOOKINGS}{cancelled['id']}/cancel/", {}, format="json")

    upcoming = patient_client.get(f"{BOOKINGS}?when=upcoming").json()["results"]
    past = patient_client.get(f"{BOOKINGS}?when=past").json()["results"]

    assert [a["start"] for a in upcoming] == ["2026-06-03T09:00:00-04:00"]
    assert [a["status"] for a in past] == ["cancelled"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-13-01", "from"),
        ("from=2026-06-10&to=2026-06-01", "to"),
        ("from=2026-06-01&to=2026-08-01", "to"),
        ("consultation_type=house_call", "consultation_type"),
    ],
)
def test_slots_with_bad_dates_are_400(api_client, query, field):
    doctor = doctor_with_hours()

    response = api_client.get(f"/api/v1/doctors/{doctor.pk}/slots/?{query}")

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    "query",
    [
        "from=0001-01-01",
        "from=0001-01-01&to=0001-01-02",
        "to=9999-12-31",
        "from=9999-12-30&to=9999-12-31",
        "from=2026-05-01&to=2026-05-02",  # a month ago: nothing there to book
        "from=2026-08-01&to=2026-08-02",  # beyond the doctor's 60-day horizon
    ],
)
def test_slots_far_outside_the_booking_window_are_400_not_500(api_client, query):
    # Given a doctor who takes bookings up to 60 days ahead (today is 1 June 2026)
    doctor = doctor_with_hours()

    # When someone asks for slots on dates far outside that window
    response = api_client.get(f"/api/v1/doctors/{doctor.pk}/slots/?{query}")

    # Then the answer is a 400 in the API's error shape, naming the date to change
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error) == {"code", "message", "fields"}
    assert set(error["fields"]) <= {"from", "to"} and error["fields"]


def test_a_range_running_past_the_horizon_lists_the_slots_up_to_it(api_client):
    # Given a doctor who takes bookings up to 2 days ahead (today is Monday 1 June 2026)
    doctor = doctor_with_hours(booking_horizon_days=2)

    # When the slot picker asks for a week that runs past the horizon
    response = api_client.get(
        f"/api/v1/doctors/{doctor.pk}/slots/?from=2026-06-02&to=2026-06-08"
        "&consultation_type=in_person"
    )

    # Then it gets the slots up to the horizon (Wednesday 08:00 New York), not an error
    assert response.status_code == 200
    assert [slot["start"] for slot in response.json()] == [
        f"2026-06-02T{hour}:00-04:00"
        for hour in ("09:00", "09:30", "10:00", "10:30", "11:00", "11:30")
    ]


def test_slots_of_an_unknown_doctor_are_404(api_client):
    assert api_client.get("/api/v1/doctors/nope/slots/").status_code == 404
    response = api_client.get("/api/v1/doctors/00000000-0000-0000-0000-000000000000/slots/")
    assert response.status_code == 404


def test_slots_are_listed_with_offsets_and_exclude_bookings(api_client, patient_client):
    doctor = doctor_with_hours()
    book(patient_client, doctor, "2026-06-02T09:00:00-04:00")

    slots = api_client.get(
        f"/api/v1/doctors/{doctor.pk}/slots/?from=2026-06-02&to=2026-06-02"
        "&consultation_type=in_person"
    ).json()

    assert [slot["start"] for slot in slots] == [
        "2026-06-02T09:30:00-04:00",
        "2026-06-02T10:00:00-04:00",
        "2026-06-02T10:30:00-04:00",
        "2026-06-02T11:00:00-04:00",
        "2026-06-02T11:30:00-04:00",
    ]


@pytest.mark.parametrize(
    ("now", "day", "first", "booked_utc"),
    [
        # New York springs forward on Sunday 8 March 2026 and falls back on 1 November.
        ("2026-03-06T12:00:00Z", "2026-03-09", "2026-03-09T09:00:00-04:00", "13:00"),
        ("2026-03-04T12:00:00Z", "2026-03-06", "2026-03-06T09:00:00-05:00", "14:00"),
        ("2026-10-29T12:00:00Z", "2026-11-02", "2026-11-02T09:00:00-05:00", "14:00"),
    ],
)
def test_slots_and_bookings_around_the_clock_changes(patient_client, now, day, first, booked_utc):
    doctor = doctor_with_hours()

    with time_machine.travel(now, tick=False):
        slots = patient_client.get(
            f"/api/v1/doctors/{doctor.pk}/slots/?from={day}&to={day}&consultation_type=in_person"
        ).json()
        response = book(patient_client, doctor, first)

    assert slots[0]["start"] == first
    assert response.status_code == 201
    assert response.json()["start"] == first
    assert Appointment.objects.get().start.strftime("%H:%M") == booked_utc
