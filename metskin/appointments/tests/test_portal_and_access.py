"""The doctor portal: only a verified dermatologist, only their own patients' bookings."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client
from knox.models import AuthToken
from rest_framework.test import APIClient

from metskin.accounts.models import Role
from metskin.accounts.tests.factories import UserFactory
from metskin.appointments.models import Appointment
from metskin.appointments.tests.helpers import (
    NOW,
    book,
    doctor_in_portal,
    doctor_user_with_device,
    doctor_with_hours,
)

pytestmark = pytest.mark.django_db
PORTAL = "/api/v1/portal/appointments/"


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def doctor_and_client():
    return doctor_in_portal()


def test_the_doctor_sees_upcoming_bookings_with_reason_and_patient(doctor_and_client, make_client):
    doctor, client = doctor_and_client
    patient = UserFactory(display_name="Noor")
    book(make_client(patient), doctor, "2026-06-02T09:00:00-04:00", reason="Itchy patch")

    upcoming = client.get(f"{PORTAL}?when=upcoming").json()["results"]

    assert len(upcoming) == 1
    assert upcoming[0]["patient"] == {"display_name": "Noor", "email": patient.email}
    assert upcoming[0]["reason"] == "Itchy patch"
    assert upcoming[0]["doctor_notes"] == ""
    assert client.get(f"{PORTAL}?when=today").json()["results"] == []


def test_private_notes_are_never_shown_to_the_patient(doctor_and_client, make_client):
    doctor, client = doctor_and_client
    patient_client = make_client(UserFactory())
    booked = book(patient_client, doctor, "2026-06-02T09:00:00-04:00").json()

    saved = client.patch(
        f"{PORTAL}{booked['id']}/", {"doctor_notes": "Check in 3 months"}, format="json"
    )
    seen_by_patient = patient_client.get(f"/api/v1/appointments/{booked['id']}/").json()

    assert saved.json()["doctor_notes"] == "Check in 3 months"
    assert "doctor_notes" not in seen_by_patient


def test_completed_and_no_show_only_once_it_has_started(doctor_and_client, make_client):
    doctor, client = doctor_and_client
    booked = book(make_client(UserFactory()), doctor, "2026-06-02T09:00:00-04:00").json()
    url = f"{PORTAL}{booked['id']}/status/"

    early = client.post(url, {"status": "completed"}, format="json")
    with time_machine.travel("2026-06-02T13:40:00Z", tick=False):
        done = client.post(url, {"status": "no_show"}, format="json")
        wrong = client.post(url, {"status": "booked"}, format="json")

    assert (early.status_code, early.json()["error"]["code"]) == (400, "not_started")
    assert done.json()["status"] == "no_show"
    assert wrong.status_code == 400
    assert Appointment.objects.get().status == "no_show"


def test_the_doctor_cancels_with_a_reason(doctor_and_client, make_client):
    doctor, client = doctor_and_client
    booked = book(make_client(UserFactory()), doctor, "2026-06-01T22:00:00-04:00")
    assert booked.status_code == 400  # outside hours; book a real one instead
    booked = book(make_client(UserFactory()), doctor, "2026-06-02T09:00:00-04:00").json()
    url = f"{PORTAL}{booked['id']}/cancel/"

    without = client.post(url, {"reason": ""}, format="json")
    # Later than a patient could: a doctor may cancel any time.
    with time_machine.travel("2026-06-02T12:00:00Z", tick=False):
        response = client.post(url, {"reason": "I am unwell today"}, format="json")

    assert without.status_code == 400
    assert response.json()["status"] == "cancelled"
    appointment = Appointment.objects.get()
    assert (appointment.cancelled_by, appointment.cancel_reason) == ("doctor", "I am unwell today")


def test_a_doctor_never_sees_another_doctors_patients(doctor_and_client, make_client):
    _, client = doctor_and_client
    someone_else = doctor_with_hours()
    theirs = book(make_client(UserFactory()), someone_else, "2026-06-02T09:00:00-04:00").json()
    url = f"{PORTAL}{theirs['id']}/"

    answers = [
        client.get(url).status_code,
        client.patch(url, {"doctor_notes": "x"}, format="json").status_code,
        client.post(f"{url}status/", {"status": "completed"}, format="json").status_code,
        client.post(f"{url}cancel/", {"reason": "x"}, format="json").status_code,
        client.get(f"/api/v1/appointments/{theirs['id']}/ics/").status_code,
    ]

    assert answers == [404] * 5
    assert client.get(f"{PORTAL}?when=upcoming").json()["results"] == []
    appointment = Appointment.objects.get()
    assert (appointment.status, appointment.doctor_notes) == ("booked", "")


def test_patients_and_unverified_doctors_are_kept_out_of_the_portal(make_client, patient_client):
    doctor = doctor_with_hours()
    user, _ = doctor_user_with_device(doctor)
    password_only = Client()
    password_only.force_login(user)  # a session that never passed the second step
    staff = make_client(UserFactory(role=Role.STAFF))

    answers = [
        patient_client.get(PORTAL).status_code,
        password_only.get(PORTAL).status_code,
        make_client(user).get(PORTAL).status_code,
        staff.get(PORTAL).status_code,
        patient_client.get("/api/v1/portal/schedule/").status_code,
    ]

    assert answers == [403] * 5


def test_the_doctor_replaces_the_weekly_schedule_and_adds_time_off(doctor_and_client, api_client):
    doctor, client = doctor_and_client
    schedule = {
        "weekly": [{"weekday": 1, "start_time": "14:00", "end_time": "15:00", "offers": "video"}],
        "slot_minutes_in_person": 30,
        "slot_minutes_video": 30,
        "buffer_minutes": 0,
        "min_notice_hours": 1,
        "booking_horizon_days": 30,
    }

    saved = client.put("/api/v1/portal/schedule/", schedule, format="json")
    time_off = client.post(
        "/api/v1/portal/time-off/",
        {"start_date": "2026-06-09", "end_date": "2026-06-09", "note": "Conference"},
        format="json",
    )
    tuesdays = api_client.get(
        f"/api/v1/doctors/{doctor.pk}/slots/?from=2026-06-02&to=2026-06-09"
    ).json()

    assert saved.status_code == 200
    assert saved.json()["weekly"] == [
        {"weekday": 1, "start_time": "14:00:00", "end_time": "15:00:00", "offers": "video"}
    ]
    assert time_off.status_code == 201
    assert time_off.json()["starts_at"] == "2026-06-09T04:00:00Z"  # midnight in New York
    assert [slot["start"] for slot in tuesdays] == [
        "2026-06-02T14:00:00-04:00",
        "2026-06-02T14:30:00-04:00",
    ]


def test_overlapping_blocks_are_refused(doctor_and_client):
    doctor, client = doctor_and_client
    rules_before = list(doctor.weekly.values_list("weekday", "start_time"))

    response = client.put(
        "/api/v1/portal/schedule/",
        {
            "weekly": [
                {"weekday": 0, "start_time": "09:00", "end_time": "12:00", "offers": "both"},
                {"weekday": 0, "start_time": "11:00", "end_time": "13:00", "offers": "both"},
            ],
            "slot_minutes_in_person": 30,
            "slot_minutes_video": 20,
            "buffer_minutes": 0,
            "min_notice_hours": 12,
            "booking_horizon_days": 60,
        },
        format="json",
    )

    assert response.status_code == 400
    assert "weekly" in response.json()["error"]["fields"]
    assert list(doctor.weekly.values_list("weekday", "start_time")) == rules_before


def test_the_ics_of_a_doctors_appointment_needs_a_two_factor_session(
    doctor_and_client, make_client
):
    # Given a booking with a doctor, who has a verified session, a password-only session
    # and an API token (which, like the portal, never counts as two-factor)
    doctor, verified = doctor_and_client
    patient_client = make_client(UserFactory())
    booked = book(patient_client, doctor, "2026-06-02T09:00:00-04:00").json()
    url = f"/api/v1/appointments/{booked['id']}/ics/"
    password_only = Client()
    password_only.force_login(doctor.user)
    token_client = APIClient()
    token_client.credentials(
        HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=doctor.user)[1]}"
    )

    # When each of them, and the patient, asks for the calendar file
    answers = {
        "password only": password_only.get(url),
        "token": token_client.get(url),
        "verified": verified.get(url),
        "patient": patient_client.get(url),
    }

    # Then only the verified doctor and the patient get it; the others a JSON 403
    assert {who: r.status_code for who, r in answers.items()} == {
        "password only": 403,
        "token": 403,
        "verified": 200,
        "patient": 200,
    }
    for who in ("password only", "token"):
        assert answers[who].json()["error"]["code"] == "two_factor_required"
        assert b"BEGIN:VCALENDAR" not in answers[who].content
    assert answers["verified"]["Content-Type"] == "text/calendar"
    assert answers["verified"].content == answers["patient"].content


def test_a_patients_session_needs_no_second_factor_for_the_ics(make_client):
    # Given a patient signed in with a session (password only, as patients do)
    doctor = doctor_with_hours()
    patient = UserFactory()
    booked = book(make_client(patient), doctor, "2026-06-02T09:00:00-04:00").json()
    session = Client()
    session.force_login(patient)

    # When they download their calendar file, Then they get it
    response = session.get(f"/api/v1/appointments/{booked['id']}/ics/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
