"""Calendar files (RFC 5545) for an appointment, written with icalendar."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from metskin.appointments.models import Appointment, AppointmentStatus
from metskin.doctors.models import ConsultationType

PRODID = "-//MetSkin//Appointments//EN"


def appointment_uid(appointment: Appointment) -> str:
    return f"appointment-{appointment.pk}@metskin"


def appointment_url(appointment: Appointment) -> str:
    """The appointment's page on the site, where the patient can change or cancel it."""
    return f"{settings.SITE_URL}/appointments/{appointment.pk}"


def appointment_location(appointment: Appointment) -> str:
    """A video visit's joining link (calendar apps make it a button), else the address."""
    doctor = appointment.doctor
    if appointment.consultation_type == ConsultationType.VIDEO:
        return appointment.joining_link or (
            "Video consultation (your doctor will add the joining link to your appointment)"
        )
    parts = [doctor.clinic_name, doctor.address_line, doctor.city, doctor.postcode]
    return ", ".join(part for part in parts if part)


def appointment_contact_lines(appointment: Appointment) -> list[str]:
    """How to join or reach the clinic, one line each, for calendar files and emails."""
    doctor = appointment.doctor
    lines = []
    if appointment.joining_link:
        lines.append(f"Join the video visit: {appointment.joining_link}")
    if doctor.clinic_phone:
        lines.append(f"Clinic phone: {doctor.clinic_phone}")
    return lines


def appointment_ics(appointment: Appointment) -> bytes:
    """One VEVENT; a cancelled appointment is a METHOD:CANCEL with STATUS:CANCELLED."""
    cancelled = appointment.status == AppointmentStatus.CANCELLED
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")

    doctor = appointment.doctor
    kind = "video" if appointment.consultation_type == ConsultationType.VIDEO else "in person"
    event = Event()
    event.add("uid", appointment_uid(appointment))
    event.add("sequence", appointment.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", appointment.start)
    event.add("dtend", appointment.end)
    event.add("summary", f"Dermatology appointment with {doctor.display_name} ({kind})")
    event.add("location", vText(appointment_location(appointment)))
    link = appointment_url(appointment)
    lines = [
        f"Your MetSkin booking with {doctor.display_name}.",
        *appointment_contact_lines(appointment),
        f"Reason: {appointment.reason}",
        f"Change or cancel: {link}",
    ]
    event.add("description", "\n".join(lines))
    event.add("url", link)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText("MetSkin")
    event.add("organizer", organizer)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
