"""The emails a booking sends: confirmed, rescheduled, cancelled, a waitlist offer, a
changed joining link."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings

from metskin.accounts.selectors import profile_zone
from metskin.appointments.ics import appointment_ics, appointment_location, appointment_url
from metskin.appointments.models import Appointment
from metskin.core.emails import Attachment, send_templated_email
from metskin.core.enqueue import enqueue_on_commit

SUBJECTS = {
    "confirmed": "Your appointment with {doctor} is booked",
    "rescheduled": "Your appointment with {doctor} has moved",
    "cancelled": "Your appointment with {doctor} is cancelled",
    "offered": "A slot with {doctor} opened up for you",
    "link_changed": "A new link to join your video visit with {doctor}",
}


def when_text(appointment: Appointment, zone: ZoneInfo) -> str:
    local = appointment.start.astimezone(zone)
    end = appointment.end.astimezone(zone)
    return f"{local:%A %d %B %Y, %H:%M}–{end:%H:%M} ({zone.key})"


def appointment_email_send(*, appointment: Appointment, event: str) -> None:
    zone = profile_zone(getattr(appointment.patient, "profile", None))
    link = appointment_url(appointment)
    context = {
        "appointment": appointment,
        "doctor": appointment.doctor,
        "event": event,
        "when": when_text(appointment, zone),
        "where": appointment_location(appointment),
        "joining_link": appointment.joining_link if event != "cancelled" else "",
        "link": link,
        "name": getattr(getattr(appointment.patient, "profile", None), "display_name", ""),
        "cutoff_hours": settings.APPOINTMENT_CANCEL_CUTOFF_HOURS,
        "offer_expires": (
            appointment.offer_expires_at.astimezone(zone).strftime("%A %d %B, %H:%M")
            if appointment.offer_expires_at
            else ""
        ),
    }
    subject = SUBJECTS[event].format(doctor=appointment.doctor.display_name)
    attachments: list[Attachment] = []
    # A new link updates the calendar entry too (its SEQUENCE was bumped with the link).
    if event in ("confirmed", "rescheduled", "cancelled", "link_changed"):
        method = "CANCEL" if event == "cancelled" else "REQUEST"
        attachments.append(
            ("appointment.ics", appointment_ics(appointment), f"text/calendar; method={method}")
        )
    send_templated_email(
        to=appointment.patient.email,
        subject=subject,
        template="appointments/email/appointment",
        context=context,
        attachments=attachments,
    )


def appointment_email_queue(appointment: Appointment, event: str) -> None:
    """Send this email from the worker once the current transaction has committed."""
    enqueue_on_commit("appointments.email", str(appointment.pk), event)
