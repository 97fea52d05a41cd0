"""A video visit's joining link and the clinic's phone: set by the doctor (their default or
one visit's own), shown to the patient in the API, the emails, the reminder and the .ics."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from metskin.accounts.tests.factories import UserFactory
from metskin.appointments.emails import appointment_email_send
from metskin.appointments.models import Appointment
from metskin.appointments.tests.helpers import (
    NOW,
    book,
    doctor_in_portal,
)
from metskin.doctors.models import DoctorProfile
from metskin.notifications.models import Reminder
from metskin.notifications.services import reminder_claim, reminder_deliver, reminders_plan
from metskin.notifications.tests.helpers import patient_with_reminders

pytestmark = pytest.mark.django_db
PORTAL = "/api/v1/portal/appointments/"
DEFAULT_LINK = "https://video.example.com/metskin/dr-chen"
VISIT_LINK = "https://meet.example.org/room/4711?pwd=abc"
PHONE = "+1 212-555-0143"


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def doctor_and_client():
    return doctor_in_portal(
        clinic_name="Riverside Skin Clinic",
        address_line="1 Main Street",
        clinic_phone=PHONE,
        default_video_link=DEFAULT_LINK,
    )


def ics_event(client, appointment_id):
    response = client.get(f"/api/v1/appointments/{appointment_id}/ics/")
    assert response.status_code == 200
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    return event


def test_a_video_visit_carries_the_doctors_default_link_everywhere(
    doctor_and_client, patient_client
):
    doctor, _ = doctor_and_client
    booked = book(
        patient_client, doctor, "2026-06-02T09:00:00-04:00", consultation_type="video"
    ).json()

    assert booked["joining_link"] == DEFAULT_LINK
    assert booked["doctor"]["clinic_phone"] == PHONE
    event = ics_event(patient_client, booked["id"])
    assert str(event["location"]) == DEFAULT_LINK
    description = str(event["description"])
    assert f"Join the video visit: {DEFAULT_LINK}\nClinic phone: {PHONE}\n" in description

    mail.outbox.clear()
    appointment_email_send(appointment=Appointment.objects.get(pk=booked["id"]), event="confirmed")
    (message,) = mail.outbox
    assert f"Join:   {DEFAULT_LINK}\nClinic phone: {PHONE}\n" in message.body
    html = message.alternatives[0][0]
    assert f'<a href="{DEFAULT_LINK}">{DEFAULT_LINK}</a>' in html
    assert 'href="tel:+1212-555-0143"' in html
    (attachment,) = message.attachments
    (attached_event,) = Calendar.from_ical(attachment[1]).walk("VEVENT")
    assert str(attached_event["location"]) == DEFAULT_LINK


def test_an_in_person_visit_has_no_link_but_the_address_and_phone(
    doctor_and_client, patient_client
):
    doctor, _ = doctor_and_client
    booked = book(patient_client, doctor, "2026-06-02T09:00:00-04:00").json()

    assert booked["joining_link"] == ""
    event = ics_event(patient_client, booked["id"])
    assert str(event["location"]) == "Riverside Skin Clinic, 1 Main Street, New York, 10001"
    assert "Join the video visit" not in str(event["description"])
    assert f"Clinic phone: {PHONE}" in str(event["description"])


def test_the_doctor_sets_one_visits_own_link_and_the_calendar_follows(
    doctor_and_client, patient_client
):
    doctor, client = doctor_and_client
    booked = book(
        patient_client, doctor, "2026-06-02T09:00:00-04:00", consultation_type="video"
    ).json()

    saved = client.patch(f"{PORTAL}{booked['id']}/", {"video_link": VISIT_LINK}, format="json")

    assert saved.status_code == 200
    assert (saved.json()["video_link"], saved.json()["joining_link"]) == (VISIT_LINK, VISIT_LINK)
    seen = patient_client.get(f"/api/v1/appointments/{booked['id']}/").json()
    assert seen["joining_link"] == VISIT_LINK
    assert "video_link" not in seen
    event = ics_event(patient_client, booked["id"])
    assert str(event["location"]) == VISIT_LINK
    assert int(event["sequence"]) == 1

    # Blank goes back to the default, and saving the notes alone leaves the link.
    client.patch(f"{PORTAL}{booked['id']}/", {"video_link": ""}, format="json")
    client.patch(f"{PORTAL}{booked['id']}/", {"doctor_notes": "Bring a list"}, format="json")
    seen = patient_client.get(f"/api/v1/appointments/{booked['id']}/").json()
    assert seen["joining_link"] == DEFAULT_LINK
    assert int(ics_event(patient_client, booked["id"])["sequence"]) == 2


@pytest.mark.parametrize(
    ("link", "consultation_type", "message"),
    [
        ("http://meet.example.org/room", "video", "Give the full https:// joining link."),
        ("javascript:alert(1)", "video", "Give the full https:// joining link."),
        ("https://", "video", "Give the full https:// joining link."),
        (VISIT_LINK, "in_person", "Only a video visit has a joining link."),
    ],
)
def test_a_bad_link_is_a_400_and_changes_nothing(
    doctor_and_client, patient_client, link, consultation_type, message
):
    doctor, client = doctor_and_client
    booked = book(
        patient_client, doctor, "2026-06-02T09:00:00-04:00", consultation_type=consultation_type
    ).json()

    response = client.patch(
        f"{PORTAL}{booked['id']}/", {"video_link": link, "doctor_notes": "x"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"video_link": [message]}
    appointment = Appointment.objects.get(pk=booked["id"])
    assert (appointment.video_link, appointment.doctor_notes, appointment.sequence) == ("", "", 0)


def test_an_empty_portal_patch_is_a_400(doctor_and_client, patient_client):
    doctor, client = doctor_and_client
    booked = book(patient_client, doctor, "2026-06-02T09:00:00-04:00").json()

    response = client.patch(f"{PORTAL}{booked['id']}/", {}, format="json")

    assert response.status_code == 400


def test_the_doctor_sets_their_phone_and_default_link_in_the_portal(doctor_and_client):
    doctor, client = doctor_and_client

    saved = client.patch(
        "/api/v1/portal/profile/",
        {"clinic_phone": " +44 20 7946 0018 ", "default_video_link": VISIT_LINK},
        format="json",
    )

    assert saved.status_code == 200
    assert saved.json() == {"clinic_phone": "+44 20 7946 0018", "default_video_link": VISIT_LINK}
    assert client.get("/api/v1/portal/profile/").json() == saved.json()
    public = client.get(f"/api/v1/doctors/{doctor.pk}/").json()
    assert public["clinic_phone"] == "+44 20 7946 0018"
    assert "default_video_link" not in public  # only booked patients get the link


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"clinic_phone": "call me"}, "clinic_phone"),
        ({"default_video_link": "ftp://example.com/x"}, "default_video_link"),
    ],
)
def test_a_bad_phone_or_default_link_is_a_400_and_changes_nothing(doctor_and_client, body, field):
    doctor, client = doctor_and_client

    response = client.patch("/api/v1/portal/profile/", body, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]
    doctor = DoctorProfile.objects.get(pk=doctor.pk)
    assert (doctor.clinic_phone, doctor.default_video_link) == (PHONE, DEFAULT_LINK)


def test_a_patient_cannot_set_links(patient_client, doctor_and_client):
    response = patient_client.patch(
        "/api/v1/portal/profile/", {"default_video_link": VISIT_LINK}, format="json"
    )

    assert response.status_code == 403
    assert DoctorProfile.objects.get().default_video_link == DEFAULT_LINK


def test_a_cancelled_visit_shows_no_link(doctor_and_client, patient_client):
    doctor, _ = doctor_and_client
    booked = book(
        patient_client, doctor, "2026-06-02T09:00:00-04:00", consultation_type="video"
    ).json()

    patient_client.post(f"/api/v1/appointments/{booked['id']}/cancel/", {}, format="json")

    seen = patient_client.get(f"/api/v1/appointments/{booked['id']}/").json()
    assert (seen["status"], seen["joining_link"]) == ("cancelled", "")


def test_the_reminder_email_and_sms_carry_the_joining_link(doctor_and_client):
    doctor, _ = doctor_and_client
    patient = patient_with_reminders()
    start = NOW + timedelta(days=2)
    appointment = Appointment.objects.create(
        doctor=doctor,
        patient=patient,
        start=start,
        end=start + timedelta(minutes=20),
        slot_start=start,
        consultation_type="video",
        reason="A rash",
        video_link=VISIT_LINK,
    )
    reminders_plan()
    mail.outbox.clear()

    with time_machine.travel(start - timedelta(hours=1), tick=False):
        for reminder in Reminder.objects.filter(appointment=appointment, hours_before=2):
            assert reminder_claim(reminder_id=reminder.pk, task_id=f"t-{reminder.channel}")
            assert reminder_deliver(reminder_id=reminder.pk) == "sent"

    (message,) = mail.outbox
    assert f"Join the video visit: {VISIT_LINK}\nClinic phone: {PHONE}\n" in message.body
    assert f'<a href="{VISIT_LINK}">{VISIT_LINK}</a>' in message.alternatives[0][0]
    (sms,) = Reminder.objects.filter(appointment=appointment, hours_before=2, channel="sms")
    assert sms.status == "sent"


def test_directory_and_doctor_page_say_the_change_cutoff(api_client, doctor_and_client):
    doctor, _ = doctor_and_client

    entry = api_client.get("/api/v1/doctors/").json()["results"][0]
    detail = api_client.get(f"/api/v1/doctors/{doctor.pk}/").json()

    assert (entry["change_cutoff_hours"], detail["change_cutoff_hours"]) == (24, 24)
    assert entry["clinic_phone"] == PHONE


def test_another_patient_gets_404_for_the_link(doctor_and_client, patient_client, make_client):
    doctor, _ = doctor_and_client
    booked = book(
        patient_client, doctor, "2026-06-02T09:00:00-04:00", consultation_type="video"
    ).json()

    other = make_client(UserFactory())

    assert other.get(f"/api/v1/appointments/{booked['id']}/").status_code == 404
