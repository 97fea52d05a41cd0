"""The booking emails: what they say, and the calendar file they carry."""

from __future__ import annotations

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from metskin.appointments.emails import appointment_email_send
from metskin.appointments.models import Appointment, CancelledBy
from metskin.appointments.services import appointment_cancel
from metskin.appointments.tests.helpers import NOW, book, doctor_with_hours

pytestmark = pytest.mark.django_db


@time_machine.travel(NOW, tick=False)
def test_a_doctor_cancellation_email_says_why_and_cancels_the_calendar_entry(
    patient, patient_client
):
    patient.profile.time_zone = "Europe/London"
    patient.profile.save()
    doctor = doctor_with_hours()
    booked = book(patient_client, doctor, "2026-06-02T09:30:00-04:00").json()
    appointment = appointment_cancel(
        appointment=Appointment.objects.get(pk=booked["id"]),
        by=CancelledBy.DOCTOR,
        reason="The clinic is closed for a flood.",
    )
    mail.outbox.clear()

    appointment_email_send(appointment=appointment, event="cancelled")

    (message,) = mail.outbox
    assert message.subject == f"Your appointment with {doctor.display_name} is cancelled"
    assert f"Your appointment is cancelled by {doctor.display_name}." in message.body
    assert "Reason: The clinic is closed for a flood." in message.body
    assert "When:   Tuesday 02 June 2026, 14:30–15:00 (Europe/London)" in message.body
    ((name, content, mimetype),) = message.attachments
    assert (name, mimetype) == ("appointment.ics", "text/calendar; method=CANCEL")
    calendar = Calendar.from_ical(content)
    assert str(calendar["method"]) == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert (str(event["status"]), int(event["sequence"])) == ("CANCELLED", 1)
