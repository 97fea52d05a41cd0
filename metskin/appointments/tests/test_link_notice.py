"""A changed joining link tells the patient (issue 12 §4): once per real change, only for
upcoming booked video visits, only to the visits a changed default reaches; through the
booking emails' Celery path, queued after commit.

The first two tests go end to end: the doctor's API call commits, a real worker sends. To
show that something was *not* sent they end with a change that is sent: the solo worker
takes the queue in order, so anything queued before it would have arrived first.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from metskin.accounts.tests.factories import UserFactory
from metskin.appointments.joining_links import appointment_link_notice_send
from metskin.appointments.models import Appointment, AppointmentStatus, CancelledBy
from metskin.appointments.tests.helpers import (
    NOW,
    doctor_in_portal,
)

PORTAL = "/api/v1/portal/appointments/"
PROFILE = "/api/v1/portal/profile/"
DEFAULT_LINK = "https://video.example.com/metskin/dr-chen"
NEW_DEFAULT = "https://video.example.com/metskin/dr-chen-2"
VISIT_LINK = "https://meet.example.org/room/4711?pwd=abc"
OTHER_LINK = "https://meet.example.org/room/9000"
SUBJECT = "A new link to join your video visit with "


def visit(doctor, *, start, kind="video", patient=None, **fields) -> Appointment:
    """A booking as the booking service leaves it: its email told the link of that moment."""
    appointment = Appointment(
        doctor=doctor,
        patient=patient or UserFactory(),  # type: ignore[misc]
        start=start,
        end=start + timedelta(minutes=20),
        slot_start=start,
        consultation_type=kind,
        reason="A rash",
        **fields,
    )
    appointment.joining_link_sent = appointment.joining_link
    appointment.save()
    return appointment


def cancelled_visit(doctor, *, start) -> Appointment:
    appointment = visit(doctor, start=start)
    Appointment.objects.filter(pk=appointment.pk).update(
        status=AppointmentStatus.CANCELLED,
        slot_start=None,
        cancelled_by=CancelledBy.PATIENT,
        cancelled_at=start - timedelta(days=3),
    )
    return appointment


def link_notices(count: int, timeout: float = 30) -> list:
    """The link notices in the outbox once there are ``count`` of them (or the time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        notices = [m for m in mail.outbox if m.subject.startswith(SUBJECT)]
        if len(notices) >= count or time.monotonic() > deadline:
            return notices
        time.sleep(0.2)


def attached_event(message):
    ((name, content, mimetype),) = message.attachments
    assert (name, mimetype) == ("appointment.ics", "text/calendar; method=REQUEST")
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    return event


@pytest.fixture
def doctor_and_client():
    return doctor_in_portal(default_video_link=DEFAULT_LINK)


# --- end to end: the API call commits, a real worker sends ---------------------------------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_new_link_on_a_visit_emails_the_patient_once(celery_worker, doctor_and_client):
    # Given an upcoming video visit that uses the doctor's default link
    doctor, client = doctor_and_client
    appointment = visit(doctor, start=datetime.now(UTC) + timedelta(days=3))
    mail.outbox.clear()

    # When the doctor gives this visit its own link
    response = client.patch(f"{PORTAL}{appointment.pk}/", {"video_link": VISIT_LINK}, format="json")
    assert response.status_code == 200

    # Then the patient gets one email with the new link and a calendar update
    (notice,) = link_notices(1)
    assert notice.to == [appointment.patient.email]
    assert notice.subject == f"{SUBJECT}{doctor.display_name}"
    assert "The link to join your video visit has changed." in notice.body
    assert f"Join:   {VISIT_LINK}\n" in notice.body
    assert f'<a href="{VISIT_LINK}">{VISIT_LINK}</a>' in notice.alternatives[0][0]
    event = attached_event(notice)
    assert (str(event["location"]), int(event["sequence"])) == (VISIT_LINK, 1)

    # When the doctor saves the same link again (and notes), then a really new one
    for body in ({"video_link": f" {VISIT_LINK} "}, {"doctor_notes": "Bring the cream"}):
        assert client.patch(f"{PORTAL}{appointment.pk}/", body, format="json").status_code == 200
    client.patch(f"{PORTAL}{appointment.pk}/", {"video_link": OTHER_LINK}, format="json")

    # Then only the really new one was sent: two notices in all, in that order
    notices = link_notices(2)
    time.sleep(1)  # anything sent late would show up now
    notices = link_notices(2)
    assert [f"Join:   {VISIT_LINK}\n" in m.body for m in notices] == [True, False]
    assert f"Join:   {OTHER_LINK}\n" in notices[1].body
    assert Appointment.objects.get(pk=appointment.pk).joining_link_sent == OTHER_LINK


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_new_default_reaches_only_the_upcoming_visits_that_inherit_it(
    celery_worker, doctor_and_client
):
    # Given the doctor's visits: one inheriting the default, one with its own link, one in
    # person, one past and one cancelled (both inheriting)
    doctor, client = doctor_and_client
    soon = datetime.now(UTC) + timedelta(days=3)
    inheriting = visit(doctor, start=soon)
    own_link = visit(doctor, start=soon + timedelta(hours=1), video_link=VISIT_LINK)
    in_person = visit(doctor, start=soon + timedelta(hours=2), kind="in_person")
    past = visit(doctor, start=datetime.now(UTC) - timedelta(days=1))
    cancelled = cancelled_visit(doctor, start=soon + timedelta(hours=3))
    mail.outbox.clear()

    # When the doctor changes their default link in "Your details"
    response = client.patch(PROFILE, {"default_video_link": NEW_DEFAULT}, format="json")
    assert response.status_code == 200
    # ... and then the link of the visit with its own (the marker that the queue is through)
    client.patch(f"{PORTAL}{own_link.pk}/", {"video_link": OTHER_LINK}, format="json")

    # Then the inheriting visit's patient got the new default, and nobody else anything
    notices = link_notices(2)
    time.sleep(1)
    notices = link_notices(2)
    assert [(m.to, m.body.count(f"Join:   {NEW_DEFAULT}\n")) for m in notices] == [
        ([inheriting.patient.email], 1),
        ([own_link.patient.email], 0),
    ]
    sequences = {
        a.pk: a.sequence
        for a in Appointment.objects.filter(pk__in=[inheriting.pk, in_person.pk, past.pk])
    }
    assert sequences == {inheriting.pk: 1, in_person.pk: 0, past.pk: 0}
    assert Appointment.objects.get(pk=cancelled.pk).joining_link_sent == DEFAULT_LINK


# --- what is queued, and the task itself -------------------------------------------------


@pytest.fixture
def monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.django_db
@pytest.mark.usefixtures("monday_morning")
def test_saving_the_same_link_or_default_queues_nothing(
    doctor_and_client, django_capture_on_commit_callbacks
):
    doctor, client = doctor_and_client
    appointment = visit(doctor, start=NOW + timedelta(days=2), video_link=VISIT_LINK)
    inheriting = visit(doctor, start=NOW + timedelta(days=3))

    with django_capture_on_commit_callbacks() as queued:
        client.patch(f"{PORTAL}{appointment.pk}/", {"video_link": VISIT_LINK}, format="json")
        client.patch(PROFILE, {"default_video_link": f"{DEFAULT_LINK} "}, format="json")
        client.patch(PROFILE, {"clinic_phone": "+1 212-555-0143"}, format="json")
        client.patch(
            f"{PORTAL}{inheriting.pk}/", {"doctor_notes": "Asked about the cream"}, format="json"
        )

    assert queued == []
    sequences = Appointment.objects.filter(pk__in=[appointment.pk, inheriting.pk])
    assert [a.sequence for a in sequences] == [0, 0]

    # A visit with its own link does not inherit a new default; the other one does.
    with django_capture_on_commit_callbacks() as queued:
        client.patch(PROFILE, {"default_video_link": NEW_DEFAULT}, format="json")

    assert len(queued) == 1
    assert Appointment.objects.get(pk=appointment.pk).sequence == 0
    assert Appointment.objects.get(pk=inheriting.pk).sequence == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("monday_morning")
def test_a_past_or_cancelled_visit_is_not_told(
    doctor_and_client, django_capture_on_commit_callbacks
):
    doctor, client = doctor_and_client
    past = visit(doctor, start=NOW - timedelta(days=1))
    cancelled = cancelled_visit(doctor, start=NOW + timedelta(days=2))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks() as queued:
        for appointment in (past, cancelled):
            response = client.patch(
                f"{PORTAL}{appointment.pk}/", {"video_link": VISIT_LINK}, format="json"
            )
            assert response.status_code == 200
            assert response.json()["video_link"] == VISIT_LINK
        client.patch(PROFILE, {"default_video_link": NEW_DEFAULT}, format="json")

    assert queued == []
    # Nor would a stray task (one queued before the visit was cancelled) tell them.
    for appointment in (past, cancelled):
        assert appointment_link_notice_send(appointment_id=appointment.pk) is False
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.usefixtures("monday_morning")
def test_the_task_sends_once_and_not_for_a_change_undone(doctor_and_client):
    doctor, _ = doctor_and_client
    appointment = visit(doctor, start=NOW + timedelta(days=2))
    mail.outbox.clear()

    # A redelivered task: the second run finds the patient already told.
    Appointment.objects.filter(pk=appointment.pk).update(video_link=VISIT_LINK)
    assert appointment_link_notice_send(appointment_id=appointment.pk) is True
    assert appointment_link_notice_send(appointment_id=appointment.pk) is False
    assert len(mail.outbox) == 1

    # A → B → A before the worker ran: nothing to tell.
    Appointment.objects.filter(pk=appointment.pk).update(video_link=OTHER_LINK)
    Appointment.objects.filter(pk=appointment.pk).update(video_link=VISIT_LINK)
    assert appointment_link_notice_send(appointment_id=appointment.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("monday_morning")
def test_a_failed_send_gives_the_claim_back_for_the_retry(doctor_and_client, settings):
    doctor, _ = doctor_and_client
    appointment = visit(doctor, start=NOW + timedelta(days=2))
    Appointment.objects.filter(pk=appointment.pk).update(video_link=VISIT_LINK)
    # A real SMTP backend pointed at a closed port: the connection is refused.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2

    with pytest.raises(OSError):
        appointment_link_notice_send(appointment_id=appointment.pk)

    assert Appointment.objects.get(pk=appointment.pk).joining_link_sent == DEFAULT_LINK
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    assert appointment_link_notice_send(appointment_id=appointment.pk) is True
    assert [m.to for m in mail.outbox] == [[appointment.patient.email]]


@pytest.mark.django_db
@pytest.mark.usefixtures("monday_morning")
def test_a_withdrawn_link_says_so(doctor_and_client):
    doctor, client = doctor_and_client
    appointment = visit(doctor, start=NOW + timedelta(days=2))
    mail.outbox.clear()

    client.patch(PROFILE, {"default_video_link": ""}, format="json")
    assert appointment_link_notice_send(appointment_id=appointment.pk) is True

    (notice,) = mail.outbox
    assert "The link you were given to join your video visit no longer applies." in notice.body
    assert "Join:" not in notice.body


@pytest.mark.django_db
@pytest.mark.usefixtures("monday_morning")
def test_booking_records_the_link_its_email_tells(doctor_and_client, patient_client):
    from metskin.appointments.tests.helpers import book

    doctor, _ = doctor_and_client
    booked = book(patient_client, doctor, "2026-06-02T09:00:00-04:00", consultation_type="video")

    appointment = Appointment.objects.get(pk=booked.json()["id"])
    assert appointment.joining_link_sent == DEFAULT_LINK
    assert appointment_link_notice_send(appointment_id=appointment.pk) is False
